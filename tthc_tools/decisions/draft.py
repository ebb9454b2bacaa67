"""``decision draft``: the publication decision for a change set, as DOCX, XLSX and HTML.

The change set comes from the officer (codes with their change kind) or from a diff against the
national catalogue: procedures only on the national side are suggested as new, changed ones as
amended, ones only in the local catalogue as abolished. Suggestions go into the draft only when the
officer accepts them (``accept``: ``all``, a kind, or codes); without that the report lists them and
nothing is written. The annex rows take their values from the catalogue (the national side first
for what the diff found new or changed, since that is the content being published). The draft is
kept in the database (state ``draft``) so that ``decision record`` can record it once it is signed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.codes import DECISION_IN_TEXT, national_code, parse_document_number
from tthc_tools.decisions.annex_rows import change_row
from tthc_tools.decisions.annex_tables import annex_tables
from tthc_tools.decisions.changes import Wanted
from tthc_tools.decisions.document import LAYOUTS, DraftDocument, Publisher, body
from tthc_tools.decisions.model import ChangeRow, Decision, DecisionRef
from tthc_tools.decisions.stored import entry_of, values_of
from tthc_tools.decisions.vocab import sentence_case
from tthc_tools.diff.run import resolve_against, run_diff
from tthc_tools.errors import BadInput, NotFound, OutputProblem, UsageProblem
from tthc_tools.export.atomic import check_folder, install, remove, temp_beside
from tthc_tools.i18n import _
from tthc_tools.model import CHANGE_KINDS, PARTS, Procedure, field_default, to_dict
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.decisions import DRAFT, DecisionStore
from tthc_tools.store.session import Database
from tthc_tools.store.snapshots import SnapshotStore

WRITERS: dict[str, tuple[str, str]] = {
    ".docx": ("tthc_tools.decisions.word", "write_docx"),
    ".xlsx": ("tthc_tools.decisions.xlsx_write", "write_xlsx"),
    ".html": ("tthc_tools.decisions.html_write", "write_html"),
    ".htm": ("tthc_tools.decisions.html_write", "write_html"),
}
SUGGESTED = ("new", "amended", "abolished")
_NUMBER = re.compile(r"\b\d{1,5}/(?:\d{4}/)?[a-zđ]{1,6}-[a-zđ0-9&-]+", re.IGNORECASE)
_DOCUMENT = re.compile(r"\b(?:thông tư|nghị định|quyết định|nghị quyết|luật)(?= số)")
_AGENCY = re.compile(r"\b(của|thuộc) (bộ|sở|ủy ban|uỷ ban) (\w+)")


@dataclass(frozen=True)
class DraftRequest:
    """What to draft: who publishes, the officer's change list, and/or the diff to suggest from."""

    publisher: Publisher
    wanted: tuple[Wanted, ...] = ()
    from_diff: bool = False
    against: str = "national"
    accept: tuple[str, ...] = ()
    localises: str = ""
    as_of: dt.date | None = None


@dataclass(frozen=True)
class Suggestion:
    """A change the diff suggests, and whether the officer accepted it."""

    code: str
    name: str
    kind: str
    accepted: bool


@dataclass
class DraftReport:
    """The drafted decision (``id`` in the database), the files written, suggestions and warnings."""

    decision: Decision
    id: int | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "drafted": self.id is not None, "written": self.written, "rows": self.decision.counts(),
            "suggestions": to_dict(self.suggestions), "warnings": self.warnings, "decision": to_dict(self.decision),
        }


def draft_decision(db: Database, request: DraftRequest, outputs: Sequence[Path] = ()) -> DraftReport:
    """Draft the decision, write it to each of ``outputs`` (.docx, .xlsx, .html) and keep it as a draft."""
    _check_request(request, outputs)
    suggestions, national = _suggest(db, request) if request.from_diff else ([], {})
    chosen = _choose(request.wanted, suggestions)
    if request.from_diff and not suggestions and not request.wanted:
        return DraftReport(Decision(is_draft=True), warnings=[
            _("the catalogue agrees with {}: there is nothing to publish").format(request.against)])
    if not chosen:
        if suggestions:
            return DraftReport(Decision(is_draft=True), suggestions=suggestions, warnings=[
                _("nothing was accepted, so nothing was written: accept suggestions with --accept all, "
                  "--accept KIND or --accept CODE")])
        raise BadInput(_("no procedures to publish"), hint=_(
            "list them with --new/--amended/--abolished/--replaced or --changes FILE.csv, or use --from-diff"))
    warnings: list[str] = []
    rows = _rows(db, chosen, request, national, warnings)
    ref = _localised(db, request.localises, warnings)
    decision, document = _compose(request.publisher, rows, ref, outputs)
    with db.transaction() as session:
        draft_id = DecisionStore(session).add(values_of(decision, state=DRAFT))
        written = [str(write_document(document, path)) for path in outputs]
    return DraftReport(decision, draft_id, suggestions, written, warnings)


def _check_request(request: DraftRequest, outputs: Sequence[Path]) -> None:
    if request.publisher.layout not in LAYOUTS:
        raise UsageProblem(_("unknown layout {!r}; use one of: {}").format(request.publisher.layout, ", ".join(LAYOUTS)))
    if not request.publisher.province.strip():
        raise UsageProblem(_("the province is needed for the header: give --province (or TTHC_PROVINCE)"))
    for path in outputs:
        if path.suffix.lower() not in WRITERS:
            raise UsageProblem(_("{}: the output must end in .docx, .xlsx or .html").format(path))
        check_folder(path)
    unknown = [word for word in request.accept if word not in ("all", *SUGGESTED) and national_code(word) is None]
    if unknown:
        raise UsageProblem(_("--accept takes all, new, amended, abolished or procedure codes, not {}")
                           .format(", ".join(unknown)))


def _suggest(db: Database, request: DraftRequest) -> tuple[list[Suggestion], dict[str, Procedure]]:
    """Suggestions from the diff (accepted or not) and the national content of the suggested codes."""
    report = run_diff(db, against=request.against, as_of=request.as_of)
    found = [(item.code, item.name, "new") for item in report.only_national]
    found += [(item.code, item.national_name, "amended") for item in report.changed]
    found += [(item.code, item.name, "abolished") for item in report.only_local]
    local, national = _contents(db, [code for code, _n, _k in found], request.as_of, request.against)
    accept = set(request.accept)
    out = []
    for code, name, kind in found:
        if kind == "abolished" and code in local and local[code].status == "abolished":
            continue  # already abolished here: nothing to publish
        if kind != "abolished" and code in national and national[code].status == "abolished":
            continue
        accepted = bool(accept & {"all", kind, code})
        out.append(Suggestion(code, name, kind, accepted))
    return out, national


def _choose(wanted: Sequence[Wanted], suggestions: Sequence[Suggestion]) -> list[Wanted]:
    """The officer's list, then the accepted suggestions for codes the list does not name."""
    named = {national_code(code) for w in wanted for code in (w.code, w.replaces) if code}
    return [*wanted, *(Wanted(s.code, s.kind) for s in suggestions if s.accepted and s.code not in named)]


def _contents(db: Database, codes: Sequence[str], as_of: dt.date | None, against: str
              ) -> tuple[dict[str, Procedure], dict[str, Procedure]]:
    """The procedures of ``codes`` (national codes) in the stored catalogue and on the national side."""
    wanted = sorted(set(codes))
    with db.reading() as session:
        local = {p.code: p for p in CatalogStore(session).as_of(as_of, wanted)}
        try:
            side, _label = resolve_against(SnapshotStore(session), against)
        except NotFound:
            return local, {}
        known = side.entries()
        return local, side.procedures([code for code in wanted if code in known])


def _rows(db: Database, chosen: list[Wanted], request: DraftRequest, national: dict[str, Procedure],
          warnings: list[str]) -> list[ChangeRow]:
    codes = [code for w in chosen for code in (national_code(w.code), national_code(w.replaces)) if code]
    local, more = _contents(db, codes, request.as_of, request.against)
    national = {**more, **national}
    basis = _abolition_basis(request.localises)
    rows = []
    for item in chosen:
        key = national_code(item.code) or ""
        first, second = (national, local) if request.from_diff and item.kind != "abolished" else (local, national)
        procedure = _fill(first.get(key), second.get(key))
        if procedure is None and item.code:
            warnings.append(_("{} is neither in the catalogue nor in the national snapshot: only its code is "
                              "in the annex").format(item.code))
        procedure = procedure or Procedure(item.code)
        old = None
        if item.replaces:
            old_key = national_code(item.replaces) or ""
            old = local.get(old_key) or national.get(old_key) or Procedure(item.replaces)
        rows.append(change_row(procedure, item.kind, replaces=old,
                               basis=basis if item.kind == "abolished" else ""))
    return rows


def _fill(primary: Procedure | None, secondary: Procedure | None) -> Procedure | None:
    """``primary`` with the parts it leaves empty taken from ``secondary`` (a national list that carries
    only names and fields, completed by what the local catalogue knows of deadlines and fees)."""
    if primary is None or secondary is None:
        return primary or secondary
    empty = {part: getattr(secondary, part) for part in PARTS
             if part != "status" and getattr(primary, part) == field_default(part)}
    return dataclasses.replace(primary, **empty)


def _abolition_basis(localises: str) -> str:
    parsed = parse_document_number(localises) if localises else None
    return f"Quyết định số {parsed}" if parsed and not parsed.is_draft else ""


def _localised(db: Database, number: str, warnings: list[str]) -> DecisionRef | None:
    """The ministry decision being localised, with its date, issuer and title when it is stored."""
    if not number:
        return None
    parsed = parse_document_number(number)
    if parsed is None or parsed.is_draft:
        raise BadInput(_("--localises takes a số ký hiệu such as 3740/QĐ-BTC, not {!r}").format(number))
    with db.reading() as session:
        found = [entry_of(stored) for stored in DecisionStore(session).by_key(parsed.key)]
    if not found:
        warnings.append(_("decision {} is not in the database: fill in its date and title in the Căn cứ line "
                          "(or import it first with tthc decision import)").format(parsed))
        return DecisionRef(str(parsed))
    d = found[0].decision
    return DecisionRef(d.number or str(parsed), d.issued, _issuer_title(d.issuer), running_text(d.summary))


def running_text(title: str) -> str:
    """A trích yếu as it reads inside a sentence: "VỀ VIỆC … CỦA BỘ Y TẾ" → "về việc … của Bộ Y tế"."""
    text = sentence_case(title)
    if text != title:  # it was all in capitals: give numbers and agencies their capitals back
        text = DECISION_IN_TEXT.sub(lambda m: m.group(0).upper(), _NUMBER.sub(lambda m: m.group(0).upper(), text))
        text = _AGENCY.sub(lambda m: f"{m[1]} {m[2].capitalize()} {m[3].capitalize()}", text)
        text = _DOCUMENT.sub(lambda m: m.group(0).capitalize(), text)
    return text[:1].lower() + text[1:]


def _issuer_title(issuer: str) -> str:
    """Who signs for the issuer: "Bộ Tài chính" → "Bộ trưởng Bộ Tài chính"."""
    if issuer.startswith("Bộ "):
        return f"Bộ trưởng {issuer}"
    if issuer.startswith(("Ủy ban", "Uỷ ban")):
        return f"Chủ tịch {issuer}"
    return issuer


def _compose(publisher: Publisher, rows: list[ChangeRow], ref: DecisionRef | None, outputs: Sequence[Path]
             ) -> tuple[Decision, DraftDocument]:
    """The draft decision (rows numbered as printed) and the document to write."""
    fields = {row.field for row in rows}
    if not publisher.field and len(fields) == 1:
        publisher = dataclasses.replace(publisher, field=fields.pop())
    publisher = dataclasses.replace(publisher, year=publisher.year or dt.date.today().year)
    tables, numbered = annex_tables(rows, publisher.layout)
    kinds = [kind for kind in CHANGE_KINDS if any(row.kind == kind for row in rows)]
    document = body(publisher, kinds, ref, tables)
    decision = Decision(
        is_draft=True, place=publisher.province, issuer=f"Ủy ban nhân dân {publisher.where}",
        authority=document.authority, signer=publisher.signer,
        signer_title=" / ".join(part.strip() for part in publisher.signer_title.split("/")),
        summary=document.summary, effective_rule="kể từ ngày ký", cites=(ref,) if ref else (), rows=numbered,
        topics=tuple(kinds), source=str(outputs[0]) if outputs else "",
    )
    return decision, document


def write_document(document: DraftDocument, path: Path) -> Path:
    """Write ``document`` to ``path`` in the format its suffix names, through a temporary file."""
    module, name = WRITERS[path.suffix.lower()]
    writer: Callable[[DraftDocument, Path], None] = getattr(importlib.import_module(module), name)
    check_folder(path)
    temps: list[Path] = []
    try:
        handle = temp_beside(path, path.suffix, temps)
        handle.close()
        writer(document, temps[0])
        install(temps[0], path)
    except OSError as error:
        raise OutputProblem(_("{}: cannot write: {}").format(path, error.strerror or error)) from error
    finally:
        for temp in temps:
            remove(temp)
    return path
