"""How reports look on the terminal (and their JSON shapes): the printing half of the commands."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tthc_tools.catalog.lookup import Summary
from tthc_tools.i18n import _
from tthc_tools.model import CHANNELS, LEVELS, ONLINE_LEVELS, STATUSES, Procedure, to_dict
from tthc_tools.ui import Column, Ui


def summary_dict(p: Summary) -> dict[str, Any]:
    return {
        "code": p.code, "local_code": p.local_code, "name": p.name, "levels": list(p.levels),
        "fields": list(p.fields), "status": p.status,
    }


def procedure_list(ui: Ui, procedures: Iterable[Summary]) -> None:
    """The list as a table, written as it comes (a 100,000-procedure list stays in flat memory)."""
    rows = ({"code": p.local_code or p.code, "name": p.name, "levels": ", ".join(LEVELS.get(v, v) for v in p.levels),
             "fields": ", ".join(p.fields),
             "status": "" if p.status == "active" else STATUSES.get(p.status, p.status)} for p in procedures)
    count = ui.table_stream(rows, [Column(_("Code"), "code"), Column(_("Name"), "name", max_width=70),
                                   Column(_("Level"), "levels"), Column(_("Field"), "fields", max_width=30),
                                   Column(_("Status"), "status")])
    ui.info(_("{} procedures").format(count))


def procedure(ui: Ui, p: Procedure) -> None:
    ui.fields([
        (_("Code"), p.code + (f"  ({p.local_code})" if p.local_code else "")),
        (_("Name"), p.name),
        (_("Status"), STATUSES.get(p.status, p.status)),
        (_("Type"), p.kind),
        (_("Levels"), ", ".join(LEVELS.get(v, v) for v in p.levels)),
        (_("Fields"), ", ".join(f.name for f in p.fields)),
        (_("Published by"), p.publisher),
        (_("Decision"), p.decision),
        (_("Carried out by"), ", ".join(a.name for a in p.agencies)),
        (_("Competent"), ", ".join(a.name for a in p.competent)),
        (_("Authorised"), ", ".join(a.name for a in p.authorized)),
        (_("Coordinating"), ", ".join(a.name for a in p.coordinating)),
        (_("Subjects"), ", ".join(s.name for s in p.subjects)),
        (_("Address"), p.address),
        (_("Online service"), ONLINE_LEVELS.get(p.online_level, p.online_level)),
        (_("Related"), ", ".join(p.related)),
    ])
    if p.channels:
        ui.table([{"kind": CHANNELS.get(c.kind, c.kind) or _("not stated"), "deadline": c.deadline, "fee": c.fee_text,
                   "description": c.description} for c in p.channels],
                 [Column(_("Channel"), "kind"), Column(_("Deadline"), "deadline"), Column(_("Fees"), "fee", max_width=40),
                  Column(_("Description"), "description", max_width=50)], title=_("Channels"))
    if p.dossier:
        ui.table([{"case": d.case, "name": d.name, "originals": d.originals, "copies": d.copies,
                   "quantity": d.quantity if d.originals is None and d.copies is None else "",
                   "form": d.form, "reuse": d.replacing_result} for d in p.dossier],
                 [Column(_("Case"), "case", max_width=20), Column(_("Paper"), "name", max_width=60),
                  Column(_("Originals"), "originals", justify="right"), Column(_("Copies"), "copies", justify="right"),
                  Column(_("Quantity"), "quantity"), Column(_("Form"), "form", max_width=25),
                  Column(_("Replaced by result"), "reuse")], title=_("Dossier"))
    if p.results:
        ui.table([{"code": r.code, "name": r.name} for r in p.results],
                 [Column(_("Result code"), "code"), Column(_("Result"), "name", max_width=80)], title=_("Results"))
    if p.legal_basis:
        ui.table([{"number": b.number, "title": b.title, "issued": b.issued, "issuer": b.issuer} for b in p.legal_basis],
                 [Column(_("Number"), "number"), Column(_("Title"), "title", max_width=70),
                  Column(_("Issued"), "issued"), Column(_("Issuer"), "issuer", max_width=25)], title=_("Legal basis"))
    if p.steps:
        ui.heading(_("Steps"))
        for step in p.steps:
            ui.line(f"[{step.case}] {step.text}" if step.case else step.text)
    if p.requirements:
        ui.heading(_("Requirements"))
        ui.line(p.requirements)


def import_report(ui: Ui, report: Any) -> None:
    rows = [{"file": Path(f.path).name, "format": f.format, "status": f.status, "created": f.created, "updated": f.updated,
             "unchanged": f.unchanged, "rejected": f.rejected} for f in report.files]
    ui.table(rows, [Column(_("File"), "file", max_width=50), Column(_("Format"), "format"), Column(_("Result"), "status"),
                    Column(_("Created"), "created", justify="right"), Column(_("Updated"), "updated", justify="right"),
                    Column(_("Unchanged"), "unchanged", justify="right"),
                    Column(_("Rejected"), "rejected", justify="right")])
    for f in report.files:
        for note in f.notes:
            ui.info(f"{f.path}: {note}")
        in_error = next((p for p in f.problems if p.severity == "error"), None) if f.status == "rejected" else None
        for problem in (p for p in f.problems if p is not in_error):  # the first error is in f.error
            (ui.warn if problem.severity == "warning" else ui.info)(f"{problem.where()}: {problem.message}")
        if f.error:
            ui.error(f.error if f.path in f.error else f"{f.path}: {f.error}")
    totals = report.totals()
    prefix = _("Dry run, nothing written: ") if report.dry_run else ""
    ui.info(prefix + _("{created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected").format(**totals))


def validation(ui: Ui, report: Any) -> None:
    if report.problems:
        ui.table([{"severity": p.severity, "where": p.where(), "code": p.code, "message": p.message}
                  for p in report.problems],
                 [Column(_("Severity"), "severity"), Column(_("Where"), "where", max_width=45),
                  Column(_("Code"), "code"), Column(_("Problem"), "message", max_width=70)])
    ui.info(_("{} checked: {} errors, {} warnings").format(report.checked, report.errors, report.warnings))


def history_dict(e: Any) -> dict[str, Any]:
    return {"seq": e.seq, "valid_from": e.valid_from.isoformat(), "recorded_at": e.recorded_at.isoformat(),
            "change": e.change, "parts": e.parts, "status": e.status, "source": e.source, "decision": e.decision,
            "content": to_dict(e.procedure)}


def history(ui: Ui, entries: list[Any]) -> None:
    ui.line(f"{entries[-1].procedure.code}  {entries[-1].procedure.name}", style="bold")
    ui.table([{"seq": e.seq, "valid": e.valid_from, "recorded": e.recorded_at.strftime("%Y-%m-%d %H:%M"),
               "change": e.change, "by": e.decision or e.source, "parts": ", ".join(e.parts)} for e in entries],
             [Column("#", "seq", justify="right"), Column(_("In force from"), "valid"), Column(_("Recorded"), "recorded"),
              Column(_("Change"), "change"), Column(_("By"), "by", max_width=40), Column(_("Parts"), "parts", max_width=50)])
