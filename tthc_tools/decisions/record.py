"""``decision record``: a signed decision changes the catalogue from its effective date.

Every change row becomes revisions valid from the effective date (``decision_id`` set on them), and
the change is carried into revisions already recorded for later dates, so the catalogue as of any
day before the effective date is what it was and the catalogue from that day on shows the change.
New procedures are created (or updated when they exist), amended ones get the parts the row gives,
replaced and abolished ones get the status "abolished" and the decision, never deleted. Rows
without a procedure code are reported, not guessed. Everything happens in one transaction: a
decision is recorded whole or not at all, and only once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.codes import parse_document_number
from tthc_tools.decisions.apply import Applier
from tthc_tools.decisions.model import Decision, DecisionRef
from tthc_tools.decisions.registry import find, read_file, save_read
from tthc_tools.decisions.sources import SUFFIXES, OcrReader
from tthc_tools.decisions.stored import (
    Entry,
    Link,
    RowOutcome,
    content_of,
    entry_of,
    same_decision,
    values_of,
)
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import to_dict
from tthc_tools.store.catalog import CATALOGUE_WRITER, CatalogStore
from tthc_tools.store.decisions import RECORDED, DecisionStore
from tthc_tools.store.session import Database
from tthc_tools.text import fold


@dataclass(frozen=True)
class Signed:
    """What the officer tells about the signed decision; ``None`` keeps what the decision says."""

    number: str | None = None
    issued: dt.date | None = None
    signer: str | None = None
    signer_title: str | None = None
    effective: dt.date | None = None


@dataclass
class RecordReport:
    """What recording a decision did (or, with ``dry_run``, would do) to the catalogue."""

    decision_id: int
    number: str
    issued: dt.date
    effective: dt.date
    signer: str = ""
    signer_title: str = ""
    rows: list[RowOutcome] = field(default_factory=list)
    supersedes: list[Link] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False

    def counts(self) -> dict[str, int]:
        """Row outcomes by kind (created, updated, abolished, unchanged, skipped)."""
        out = dict.fromkeys(("created", "updated", "abolished", "unchanged", "skipped"), 0)
        for row in self.rows:
            out[row.outcome] = out.get(row.outcome, 0) + 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "decision_id": self.decision_id, "number": self.number, "issued": self.issued,
            "effective": self.effective, "signer": self.signer, "signer_title": self.signer_title,
            "dry_run": self.dry_run, "counts": self.counts(), "rows": to_dict(self.rows),
            "supersedes": to_dict(self.supersedes), "warnings": self.warnings,
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def record_decision(
    db: Database,
    ref: str,
    signed: Signed | None = None,
    *,
    dry_run: bool = False,
    ocr: OcrReader | None = None,
    today: dt.date | None = None,
) -> RecordReport:
    """Record the decision ``ref`` (a stored id or số ký hiệu, or a file to read) as signed.

    ``signed`` overrides what the decision says (a draft needs at least the number and date).
    Raises :class:`BadInput` (exit 4) for a decision already recorded, a draft without a number and
    date, or a decision that cannot be found or read. With ``dry_run`` the report says what would
    happen and nothing is written.
    """
    signed = signed or Signed()
    path = Path(ref)
    is_file = not ref.strip().isdigit() and (path.is_file() or path.suffix.lower() in SUFFIXES)
    read = read_file(path, ocr) if is_file else None  # a missing file is reported as such
    report: RecordReport | None = None
    try:
        with db.transaction(serialised=CATALOGUE_WRITER) as session:
            report = _record(CatalogStore(session, today), DecisionStore(session), ref, read, signed)
            report.dry_run = dry_run
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    assert report is not None
    return report


def _record(catalog: CatalogStore, store: DecisionStore, ref: str, read: tuple[Decision, str] | None,
            signed: Signed) -> RecordReport:
    if read is not None:
        decision_id, _status = save_read(store, *read)
        entry = find(store, str(decision_id), for_update=True)
    else:
        entry = find(store, ref, for_update=True)
    decision = _signed(entry, signed)
    _refuse_twice(store, entry, decision)
    effective = _effective(entry.decision, decision, signed)
    applier = Applier(catalog, entry.id, decision.number, effective)
    outcome = [result for row in decision.rows for result in applier.apply(row)]
    links = _link(store, entry.id, decision, effective)
    content = content_of(decision, tuple(outcome), tuple(links), entry.superseded_by)
    store.mark_recorded(entry.id, values_of(decision, state=RECORDED, effective=effective,
                                            sha256=entry.source_sha256, content=content))
    assert decision.issued is not None
    return RecordReport(entry.id, decision.number, decision.issued, effective, decision.signer,
                        decision.signer_title, outcome, links, _warnings(entry.decision, decision, signed, effective))


def _warnings(before: Decision, decision: Decision, signed: Signed, effective: dt.date) -> list[str]:
    out = []
    if decision.issued and effective < decision.issued:
        out.append(_("the effective date {} is before the issue date {}").format(effective, decision.issued))
    rule = decision.effective_rule
    if not signed.effective and not before.effective and rule and "ngay ky" not in fold(rule):
        out.append(_("the decision takes effect \"{}\"; it was recorded from its issue date {}: "
                     "give --effective if that is wrong").format(rule, effective))
    return out


def _effective(before: Decision, decision: Decision, signed: Signed) -> dt.date:
    """The date the changes take effect: as given, else the date the text fixes, else the issue date."""
    if signed.effective:
        return signed.effective
    own = before.effective
    if own and own != before.issued:  # a date of its own, not "from the day it is signed"
        return own
    assert decision.issued is not None
    return decision.issued


def _signed(entry: Entry, signed: Signed) -> Decision:
    """The decision with what the officer gave; a draft needs a number and a date."""
    decision = entry.decision
    number = decision.number
    if signed.number is not None:
        parsed = parse_document_number(signed.number)
        if parsed is None or parsed.is_draft:
            raise BadInput(_("{!r} is not a số ký hiệu such as 2015/QĐ-UBND").format(signed.number))
        number = str(parsed)
    issued = signed.issued or decision.issued
    if not number or issued is None:
        raise BadInput(
            _("decision {} is a draft without a number or date: it cannot be recorded yet").format(entry.id),
            hint=_("give the number and date it was signed with: --number 123/QĐ-UBND --date 2025-11-18"),
        )
    return dataclasses.replace(
        decision, number=number, is_draft=False, issued=issued,
        signer=decision.signer if signed.signer is None else signed.signer,
        signer_title=decision.signer_title if signed.signer_title is None else signed.signer_title,
        source=decision.source or entry.source_path,
    )


def _refuse_twice(store: DecisionStore, entry: Entry, decision: Decision) -> None:
    for stored in store.by_key(decision.key):
        other = entry_of(stored)
        if other.state == RECORDED and same_decision(other.decision, decision):
            when = other.recorded_at.strftime("%Y-%m-%d %H:%M") if other.recorded_at else "?"
            raise BadInput(
                _("decision {} was already recorded (id {}, on {}); a decision is recorded only once").format(
                    decision.number, other.id, when),
                hint=_("see: tthc decision show {}").format(other.id),
            )


def _link(store: DecisionStore, decision_id: int, decision: Decision, effective: dt.date) -> list[Link]:
    """Link the decision to the stored earlier decisions it repeals, replaces or amends (both ways)."""
    links: list[Link] = []
    for supersession in decision.repeals:
        for stored in store.by_key(supersession.decision.key):
            target = entry_of(stored)
            if stored.id == decision_id or not _names(supersession.decision, target.decision):
                continue
            links.append(Link(supersession.action, target.id, target.decision.number, supersession.rows, effective))
            back = Link(supersession.action, decision_id, decision.number, supersession.rows, effective)
            store.set_content(target.id, content_of(target.decision, target.outcome, target.supersedes,
                                                    (*target.superseded_by, back)))
    return links


def _names(ref: DecisionRef, decision: Decision) -> bool:
    """True when the reference names this stored decision (same number, and same year when dated)."""
    if not decision.key or ref.key != decision.key:
        return False
    return not (ref.issued and decision.issued and ref.issued != decision.issued)
