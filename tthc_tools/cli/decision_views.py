"""How the ``decision`` commands print their reports on the terminal (JSON shapes live in the library)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tthc_tools.decisions.draft import DraftReport
from tthc_tools.decisions.model import SUPERSESSION_ACTIONS, ChangeRow, Decision
from tthc_tools.decisions.record import RecordReport
from tthc_tools.decisions.registry import DecisionImport
from tthc_tools.decisions.stored import Entry, Link, RowOutcome
from tthc_tools.i18n import _
from tthc_tools.model import CHANGE_KINDS, LEVELS
from tthc_tools.ui import Column, Ui


def _word(key: str) -> str:
    """A state or outcome key for people (the JSON documents keep the key)."""
    return {
        "stored": _("stored"), "updated": _("updated"), "unchanged": _("unchanged"), "recorded": _("recorded"),
        "failed": _("failed"), "imported": _("imported"), "draft": _("draft"), "created": _("created"),
        "abolished": _("abolished"), "skipped": _("skipped"),
    }.get(key, key)


def _counts(decision: Decision) -> str:
    counts = decision.counts()
    return ", ".join(f"{CHANGE_KINDS.get(kind, _('no kind'))}: {n}" for kind, n in counts.items())


def import_report(ui: Ui, report: DecisionImport) -> None:
    rows = [{"file": Path(f.path).name, "status": _word(f.status), "id": f.id,
             "number": (f.decision.number or _("(draft)")) if f.decision else "",
             "issued": f.decision.issued if f.decision else None, "issuer": f.decision.issuer if f.decision else "",
             "rows": _counts(f.decision) if f.decision else ""} for f in report.files]
    ui.table(rows, [Column(_("File"), "file", max_width=40), Column(_("Result"), "status"), Column("Id", "id"),
                    Column(_("Number"), "number"), Column(_("Date"), "issued"),
                    Column(_("Issuer"), "issuer", max_width=30), Column(_("Rows"), "rows", max_width=45)])
    for f in report.files:
        for warning in f.decision.warnings if f.decision else ():
            ui.warn(f"{f.path}: {warning}")
        if f.error:
            ui.error(f.error)
    ui.info(_("{} files, {} failed").format(len(report.files), len(report.failed)))


def entry_list(ui: Ui, entries: Sequence[Entry]) -> None:
    ui.table([{"id": e.id, "state": _word(e.state), "number": e.decision.number, "issued": e.decision.issued,
               "effective": e.effective, "place": e.decision.place, "rows": _counts(e.decision),
               "summary": e.decision.summary} for e in entries],
             [Column("Id", "id", justify="right"), Column(_("State"), "state"), Column(_("Number"), "number"),
              Column(_("Date"), "issued"), Column(_("In force from"), "effective"), Column(_("Place"), "place"),
              Column(_("Rows"), "rows", max_width=40), Column(_("Summary"), "summary", max_width=60)])
    ui.info(_("{} decisions").format(len(entries)))


def entry(ui: Ui, e: Entry) -> None:
    d = e.decision
    ministry = d.ministry_decision
    ui.fields([
        ("Id", e.id), (_("State"), _word(e.state)), (_("Number"), d.number or _("(draft, no number yet)")),
        (_("Place and date"), ", ".join(str(v) for v in (d.place, d.issued) if v)), (_("Issuer"), d.issuer),
        (_("Summary"), d.summary), (_("Signer"), " ".join(v for v in (d.signer_title, d.signer) if v)),
        (_("In force from"), e.effective or d.effective), (_("Effective rule"), d.effective_rule),
        (_("Localises"), ministry.number if ministry else ""), (_("Source"), e.source_path or d.source),
        (_("Recorded"), e.recorded_at.strftime("%Y-%m-%d %H:%M") if e.recorded_at else ""),
        (_("Repeals"), "; ".join(_supersession(s.action, s.decision.number, s.rows) for s in d.repeals)),
        (_("Supersedes"), "; ".join(_link(link) for link in e.supersedes)),
        (_("Superseded by"), "; ".join(_link(link) for link in e.superseded_by)),
    ])
    change_rows(ui, d.rows)
    if e.outcome:
        outcomes(ui, e.outcome, _("What recording did"))
    for warning in d.warnings:
        ui.warn(warning)


def _supersession(action: str, number: str, rows: Sequence[str]) -> str:
    label = SUPERSESSION_ACTIONS.get(action, action)  # "Bãi bỏ", not the key "repeal"
    return f"{label} {number}" + (_(" (rows {})").format(", ".join(rows)) if rows else "")


def _link(link: Link) -> str:
    return f"{_supersession(link.action, link.number, link.rows)} [id {link.decision_id}]"


def change_rows(ui: Ui, rows: Sequence[ChangeRow], title: str | None = None) -> None:
    ui.table([{"stt": r.number, "kind": CHANGE_KINDS.get(r.kind, r.kind), "code": r.code,
               "replaces": r.replaced_code, "name": r.name,
               "levels": ", ".join(LEVELS.get(v, v) for v in r.levels), "field": r.field} for r in rows],
             [Column(_("No."), "stt", justify="right"), Column(_("Change"), "kind"), Column(_("Code"), "code"),
              Column(_("Replaces"), "replaces"), Column(_("Name"), "name", max_width=60),
              Column(_("Level"), "levels"), Column(_("Field"), "field", max_width=30)], title=title)


def outcomes(ui: Ui, rows: Sequence[RowOutcome], title: str | None = None) -> None:
    ui.table([{"stt": r.number, "kind": CHANGE_KINDS.get(r.kind, r.kind), "code": r.code, "name": r.name,
               "outcome": _word(r.outcome), "detail": r.reason or ", ".join(r.parts)} for r in rows],
             [Column(_("No."), "stt", justify="right"), Column(_("Change"), "kind"), Column(_("Code"), "code"),
              Column(_("Name"), "name", max_width=50), Column(_("Result"), "outcome"),
              Column(_("Parts or reason"), "detail", max_width=45)], title=title)


def record_report(ui: Ui, report: RecordReport) -> None:
    outcomes(ui, report.rows)
    for link in report.supersedes:
        ui.info(_("Linked: this decision {}").format(_link(link)))
    for warning in report.warnings:
        ui.warn(warning)
    counts = report.counts()
    prefix = _("Dry run, nothing written: ") if report.dry_run else ""
    ui.info(prefix + _("{number} (id {id}) in force from {effective}: {created} created, {updated} updated, "
                       "{abolished} abolished, {unchanged} unchanged, {skipped} skipped").format(
        number=report.number, id=report.decision_id, effective=report.effective, **counts))


def draft_report(ui: Ui, report: DraftReport) -> None:
    if report.suggestions:
        ui.table([{"code": s.code, "kind": CHANGE_KINDS.get(s.kind, s.kind), "name": s.name,
                   "accepted": s.accepted} for s in report.suggestions],
                 [Column(_("Code"), "code"), Column(_("Suggested change"), "kind"),
                  Column(_("Name"), "name", max_width=70), Column(_("Accepted"), "accepted")],
                 title=_("Suggestions from the diff"), hide_empty=False)
    if report.id is not None:
        change_rows(ui, report.decision.rows, _("Annex rows"))
    for warning in report.warnings:
        ui.warn(warning)
    for path in report.written:
        ui.info(_("Written: {}").format(path))
    if report.id is not None:
        ui.info(_("Draft kept as decision {id}; once signed: tthc decision record {id} --number … --date …")
                .format(id=report.id))
