"""The decisions kept in the database: import published ones, list them, find one by number or id.

``decision import`` reads each file (:func:`tthc_tools.decisions.read_decision`) and stores what it
read, one transaction per file; importing the same decision again updates the stored copy (unless
it was recorded, which is final) instead of adding a second one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.codes import parse_document_number
from tthc_tools.decisions.model import Decision
from tthc_tools.decisions.sources import SUFFIXES, OcrReader, read_bytes, read_decision
from tthc_tools.decisions.stored import Entry, entry_of, same_decision, values_of
from tthc_tools.errors import BadInput, NotFound
from tthc_tools.i18n import _
from tthc_tools.model import to_dict
from tthc_tools.store.decisions import RECORDED, STATES, DecisionStore, StoredDecision
from tthc_tools.store.session import Database


@dataclass
class ImportedFile:
    """How importing one file went: ``stored``, ``updated``, ``unchanged``, ``recorded`` (already
    recorded, left as it is) or ``failed`` (``error`` says why)."""

    path: str
    status: str
    id: int | None = None
    decision: Decision | None = None
    error: str = ""

    def as_dict(self) -> dict[str, Any]:
        d = self.decision
        out: dict[str, Any] = {"path": self.path, "status": self.status, "id": self.id}
        if self.error:
            out["error"] = self.error
        if d is not None:
            out.update({
                "number": d.number, "is_draft": d.is_draft, "place": d.place, "issued": d.issued, "issuer": d.issuer,
                "signer": d.signer, "signer_title": d.signer_title, "summary": d.summary, "effective": d.effective,
                "rows": d.counts(), "warnings": list(d.warnings), "decision": to_dict(d),
            })
        return out


@dataclass
class DecisionImport:
    """The outcome of ``decision import``: one :class:`ImportedFile` per file, in order."""

    files: list[ImportedFile] = field(default_factory=list)

    @property
    def failed(self) -> list[ImportedFile]:
        return [f for f in self.files if f.status == "failed"]

    def as_dict(self) -> dict[str, Any]:
        return {"files": [f.as_dict() for f in self.files], "failed": len(self.failed)}


def read_file(path: Path, ocr: OcrReader | None = None) -> tuple[Decision, str]:
    """The decision in ``path`` and the checksum of the file (read once for both)."""
    data = read_bytes(path)
    return read_decision(path, ocr=ocr, data=data), hashlib.sha256(data).hexdigest()


def import_files(db: Database, paths: Sequence[Path], *, ocr: OcrReader | None = None) -> DecisionImport:
    """Read and store every decision file (folders: their decision files, by name); a file that cannot
    be read is reported, not fatal."""
    report = DecisionImport()
    for path in _files(paths):
        try:
            decision, sha256 = read_file(path, ocr)
            with db.transaction() as session:
                decision_id, status = save_read(DecisionStore(session), decision, sha256)
            report.files.append(ImportedFile(str(path), status, decision_id, decision))
        except BadInput as error:
            report.files.append(ImportedFile(str(path), "failed", error=error.message))
    return report


def _files(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            out.append(path)
    return out


def save_read(store: DecisionStore, decision: Decision, sha256: str) -> tuple[int, str]:
    """Store a decision read from a file; returns its id and ``stored``/``updated``/``unchanged``/``recorded``."""
    known = _known(store, decision, sha256)
    values = values_of(decision, sha256=sha256)
    if known is None:
        return store.add(values), "stored"
    if known.state == RECORDED:
        return known.id, "recorded"
    if known.values == values:
        return known.id, "unchanged"
    store.update(known.id, values)
    return known.id, "updated"


def _known(store: DecisionStore, decision: Decision, sha256: str) -> StoredDecision | None:
    """The stored copy of this decision: same number (and year and place), else the same file."""
    if decision.key:
        for stored in store.by_key(decision.key):
            if same_decision(entry_of(stored).decision, decision):
                return stored
        return None
    return store.by_sha256(sha256)


def list_decisions(db: Database, state: str | None = None) -> list[Entry]:
    """Every stored decision (of one state: imported, draft, recorded), oldest first."""
    if state and state not in STATES:
        raise BadInput(_("unknown state {!r}; use one of: {}").format(state, ", ".join(STATES)))
    with db.reading() as session:
        return [entry_of(stored) for stored in DecisionStore(session).listing(state)]


def show_decision(db: Database, ref: str) -> Entry:
    """The stored decision ``ref`` names: its id, or its số ký hiệu."""
    with db.reading() as session:
        return find(DecisionStore(session), ref)


def find(store: DecisionStore, ref: str, *, for_update: bool = False) -> Entry:
    """The stored decision with id ``ref`` or số ký hiệu ``ref``.

    Several decisions may share a number (other years, other provinces): the one recorded wins when
    they are all the same decision; otherwise the user is asked for the id.
    """
    text = ref.strip()
    if text.isdigit():
        stored = store.get(int(text), for_update=for_update)
        if stored is None:
            raise NotFound(_("no decision with id {}").format(text), hint=_("see: tthc decision list"))
        return entry_of(stored)
    number = parse_document_number(text)
    if number is None or number.is_draft:
        raise BadInput(_("{!r} is neither a decision id nor a số ký hiệu such as 2015/QĐ-UBND").format(ref))
    found = [entry_of(stored) for stored in store.by_key(number.key)]
    if not found:
        raise NotFound(_("decision {} is not in the database").format(text),
                       hint=_("import it first: tthc decision import FILE"))
    first = found[0]
    if any(not same_decision(first.decision, other.decision) for other in found[1:]):
        listed = "; ".join(f"{e.id} ({e.decision.place or '?'}, {e.decision.issued or '?'})" for e in found)
        raise BadInput(_("several decisions have the number {}: {}; give the id instead").format(text, listed))
    if for_update:
        return find(store, str(first.id), for_update=True)
    return first
