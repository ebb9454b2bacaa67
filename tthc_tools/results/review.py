"""Reviewing uncertain fields: one at a time (interactive), or as a CSV of corrections.

The CSV has one row per field waiting for review (``result_id, file, field, label, extracted, confidence,
note, value, decision``). The reviewer fills ``value`` (the correct value; empty = keep the extracted one)
and ``decision`` (``approve`` / ``reject``; empty = leave for later). Importing applies every decided row
in one transaction, or none when a row is wrong.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.results.library import FIELD_LABELS
from tthc_tools.scan.records import result_values
from tthc_tools.scan.searchable import atomic_write
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.session import Database

COLUMNS = ["result_id", "file", "field", "label", "extracted", "confidence", "note", "value", "decision"]
DECISIONS = {"approve": "da_duyet", "duyet": "da_duyet", "reject": "khong_duyet", "khong": "khong_duyet", "": ""}


@dataclass(frozen=True)
class Pending:
    result_id: int
    file: str
    field: str
    extracted: str
    confidence: float
    note: str


@dataclass
class ReviewReport:
    approved: int = 0
    rejected: int = 0
    left: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"approved": self.approved, "rejected": self.rejected, "left": self.left}


def pending(db: Database) -> list[Pending]:
    """Every field waiting for review, by result."""
    with db.reading() as session:
        store = ScanStore(session)
        files = {r.id: f.path for r, f in store.results()}
        return [Pending(f.result_id, files.get(f.result_id, ""), f.name, f.value, f.confidence, f.note)
                for f in store.pending_fields()]


def export_csv(db: Database, target: Path) -> int:
    """Write the pending fields to ``target`` (UTF-8 with BOM, for spreadsheets); returns how many."""
    items = pending(db)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for p in items:
        writer.writerow([p.result_id, p.file, p.field, FIELD_LABELS.get(p.field, p.field), p.extracted,
                         f"{p.confidence:.2f}", p.note, "", ""])
    data = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    atomic_write(target, lambda temp: temp.write_bytes(data))
    return len(items)


def import_csv(db: Database, source: Path, reviewer: str = "csv") -> ReviewReport:
    """Apply the decisions of a corrections CSV (all or nothing)."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(_("cannot read the corrections file: {}").format(error), path=str(source)) from error
    reader = csv.DictReader(io.StringIO(text))
    rows = [(reader.line_num, row) for row in reader]  # the line a row ends on: blank lines are skipped
    if rows and not {"result_id", "field", "value", "decision"} <= set(rows[0][1]):
        raise BadInput(_("not a review CSV: columns {} are needed").format(", ".join(COLUMNS)), path=str(source))
    decisions = []
    for number, row in rows:
        decision = (row.get("decision") or "").strip().lower()
        if decision not in DECISIONS:
            raise BadInput(_("decision must be approve or reject, not {!r}").format(decision), path=str(source),
                           location=_("row {}").format(number))
        try:
            decisions.append((int(row["result_id"]), row["field"].strip(), (row.get("value") or "").strip(),
                              DECISIONS[decision]))
        except (KeyError, ValueError, TypeError, AttributeError) as error:  # a short row leaves cells None
            raise BadInput(_("bad row: {}").format(error), path=str(source), location=_("row {}").format(number)) from error
    return apply(db, decisions, reviewer, source=str(source), rows=[number for number, _row in rows])


def apply(db: Database, decisions: list[tuple[int, str, str, str]], reviewer: str, *,
          source: str | None = None, rows: Sequence[int] = ()) -> ReviewReport:
    """Apply (result id, field, corrected value or "", state or "") decisions in one transaction.

    ``source`` and ``rows`` name the corrections file and its row of each decision, for errors.
    """
    report = ReviewReport()
    touched: set[int] = set()
    with db.transaction() as session:
        store = ScanStore(session)
        for index, (result_id, name, value, state) in enumerate(decisions):
            row = store.field(result_id, name)
            if row is None:
                raise BadInput(_("result {} has no field {}").format(result_id, name), path=source,
                               location=_("row {}").format(rows[index]) if rows else None)
            if not state:
                report.left += 1
                continue
            new_value = "" if state == "khong_duyet" and not value else (value or row.value)
            store.review(row, state, new_value, reviewer)
            report.approved += state == "da_duyet"
            report.rejected += state == "khong_duyet"
            touched.add(result_id)
        for result_id in touched:
            _refresh(store, result_id)
    return report


def _refresh(store: ScanStore, result_id: int) -> None:
    fields = store.fields([result_id])[result_id]
    values = {f.name: f.value for f in fields}
    found = store.result(result_id)
    text = "\n".join(p.text for p in store.pages(found[1].id)) if found else ""
    store.refresh_result(result_id, result_values(values, text, any(f.state == "cho_duyet" for f in fields)))


def interactive(db: Database, ask: Callable[[Pending], tuple[str, str] | None], reviewer: str) -> ReviewReport:
    """Walk the pending fields; ``ask`` returns (state, value) or None to stop. Each answer is kept at once."""
    report = ReviewReport()
    for item in pending(db):
        answer = ask(item)
        if answer is None:
            break
        state, value = answer
        if not state:
            report.left += 1
            continue
        part = apply(db, [(item.result_id, item.field, value, state)], reviewer)
        report.approved += part.approved
        report.rejected += part.rejected
    return report
