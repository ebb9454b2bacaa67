"""The terminal report of a diff: the summary first, then one-sided procedures, then the changes."""

from __future__ import annotations

from tthc_tools.diff.model import DiffReport, OneSided
from tthc_tools.diff.words import item_label, kind_label, part_label, side_line, value_text
from tthc_tools.i18n import _
from tthc_tools.ui import Column, Ui


def _summary(ui: Ui, report: DiffReport) -> None:
    ui.line(side_line(_("Local"), report.local))
    ui.line(side_line(_("National"), report.national))
    ui.fields([
        (_("Compared"), f"{report.compared:,}"),
        (_("Unchanged"), f"{report.unchanged:,}"),
        (_("Changed"), f"{len(report.changed):,}"),
        (_("Only national"), f"{len(report.only_national):,}"),
        (_("Only local"), f"{len(report.only_local):,}"),
        (_("Ignored"), ", ".join(report.ignored)),
        (_("Restricted to"), ", ".join(f"{k}={v}" for k, v in report.filters.items())),
    ], title=_("Summary"))


def _one_sided(ui: Ui, title: str, items: tuple[OneSided, ...]) -> None:
    if not items:
        return
    rows = [{"code": i.code, "name": i.name,
             "hint": "\n".join(f"{s.code} {s.name} ({s.score:g})" for s in i.suggestions)} for i in items]
    ui.heading(f"{title} ({len(items)})")
    ui.table(rows, [Column(_("Code"), "code"), Column(_("Name"), "name", max_width=60),
                    Column(_("Maybe the same as (score)"), "hint", max_width=60)])


def _changed(ui: Ui, report: DiffReport) -> None:
    if not report.changed:
        return
    ui.heading(f"{_('Changed')} ({len(report.changed)})")
    columns = [Column(_("Part"), "part"), Column(_("Item"), "item", max_width=30), Column(_("Data field"), "field"),
               Column(_("Change"), "change"), Column(_("Local"), "local", max_width=45),
               Column(_("National"), "national", max_width=45)]
    for item in report.changed:
        name = item.local_name if item.local_name == item.national_name else \
            f"{item.local_name} / {item.national_name}"
        rows = [{"part": part_label(c.part), "item": item_label(c), "field": c.field, "change": kind_label(c.kind),
                 "local": value_text(c, c.local), "national": value_text(c, c.national)} for c in item.changes]
        ui.table(rows, columns, title=f"{item.code}  {name}")


def show(ui: Ui, report: DiffReport) -> None:
    """Print the report on stdout: summary, only national, only local, changes."""
    _summary(ui, report)
    _one_sided(ui, _("Only in the national catalogue"), report.only_national)
    _one_sided(ui, _("Only in the local catalogue"), report.only_local)
    _changed(ui, report)
    if not report.has_differences:
        ui.info(_("No differences."))
