"""``--report FILE.html|FILE.xlsx``: a report an officer can forward.

The HTML report is one self-contained file (styles inline, no script, no outside resource); the
workbook has a summary sheet, one row per change, and the one-sided procedures. Both are written to
a temporary file beside the target and renamed, so a failed run leaves no half-written report.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from tthc_tools import xlsx
from tthc_tools.diff.model import DiffReport, OneSided
from tthc_tools.diff.render_json import summary
from tthc_tools.diff.words import item_label, kind_label, part_label, side_line, value_text
from tthc_tools.errors import OutputProblem
from tthc_tools.export.atomic import write_file
from tthc_tools.i18n import _

STYLE = """
body{font-family:"Segoe UI",Arial,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}h3{font-size:1em;margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.3em 0 1em}td,th{border:1px solid #bbb;padding:.25em .5em;
vertical-align:top;text-align:left}th{background:#eee}.n{text-align:right}
.only_local{background:#fdecea}.only_national{background:#e8f4fd}.changed,.replaced{background:#fff8e1}
"""


def _cells(values: list[str], tag: str = "td") -> str:
    return "".join(f"<{tag}>{html.escape(v)}</{tag}>" for v in values)


def _summary_html(report: DiffReport) -> Iterator[str]:
    yield f"<p>{html.escape(side_line(_('Local'), report.local))}<br>"
    yield f"{html.escape(side_line(_('National'), report.national))}</p>"
    labels = {"compared": _("Compared"), "unchanged": _("Unchanged"), "changed": _("Changed"),
              "only_national": _("Only national"), "only_local": _("Only local")}
    counts = summary(report)
    yield "<table>"
    for key, label in labels.items():
        yield f"<tr><th>{html.escape(label)}</th><td class=n>{counts[key]:,}</td></tr>"
    yield "</table>"


def _one_sided_html(title: str, items: tuple[OneSided, ...]) -> Iterator[str]:
    if not items:
        return
    yield f"<h2>{html.escape(title)} ({len(items)})</h2><table><tr>"
    yield _cells([_("Code"), _("Name"), _("Maybe the same as (score)")], "th") + "</tr>"
    for item in items:
        hint = "; ".join(f"{s.code} {s.name} ({s.score:g})" for s in item.suggestions)
        yield f"<tr>{_cells([item.code, item.name, hint])}</tr>"
    yield "</table>"


def _changed_html(report: DiffReport) -> Iterator[str]:
    if not report.changed:
        return
    yield f"<h2>{html.escape(_('Changed'))} ({len(report.changed)})</h2>"
    head = _cells([_("Part"), _("Item"), _("Data field"), _("Change"), _("Local"), _("National")], "th")
    for item in report.changed:
        yield f"<h3>{html.escape(item.code)} — {html.escape(item.national_name or item.local_name)}</h3>"
        yield f"<table><tr>{head}</tr>"
        for c in item.changes:
            row = [part_label(c.part), item_label(c), c.field, kind_label(c.kind),
                   value_text(c, c.local), value_text(c, c.national)]
            yield f"<tr class={c.kind}>{_cells(row)}</tr>"
        yield "</table>"


def html_report(report: DiffReport) -> str:
    """The whole HTML document."""
    title = _("Differences between the local and the national catalogue")
    parts = [f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
             f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
             *_summary_html(report),
             *_one_sided_html(_("Only in the national catalogue"), report.only_national),
             *_one_sided_html(_("Only in the local catalogue"), report.only_local),
             *_changed_html(report)]
    if not report.has_differences:
        parts.append(f"<p>{html.escape(_('No differences.'))}</p>")
    parts.append("</body></html>\n")
    return "".join(parts)


def workbook_sheets(report: DiffReport) -> list[xlsx.Sheet]:
    """The workbook: the summary, one row per change, and the procedures on one side only."""
    sides = [[side_line(_("Local"), report.local)], [side_line(_("National"), report.national)]]
    changes = ([item.code, item.national_name or item.local_name, part_label(c.part), item_label(c), c.field,
                kind_label(c.kind), value_text(c, c.local), value_text(c, c.national)]
               for item in report.changed for c in item.changes)
    one_sided = [_("Code"), _("Name"), _("Maybe the same as (score)")]
    return [
        xlsx.Sheet(_("Summary"), [*sides, *([key, value] for key, value in summary(report).items())],
                   widths=(16, 12)),
        xlsx.Sheet(_("Changes"), changes, [_("Code"), _("Name"), _("Part"), _("Item"), _("Data field"), _("Change"),
                                            _("Local"), _("National")]),
        *(xlsx.Sheet(title, ([one.code, one.name, "; ".join(f"{s.code} {s.name} ({s.score:g})" for s in one.suggestions)]
                             for one in items), one_sided)
          for title, items in ((_("Only national"), report.only_national), (_("Only local"), report.only_local))),
    ]


def write_report(report: DiffReport, path: Path) -> None:
    """Write ``report`` to ``path``; the suffix (``.html``/``.htm`` or ``.xlsx``) chooses the form."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        data = html_report(report).encode("utf-8")
        write_file(path, lambda handle: handle.write(data))
    elif suffix == ".xlsx":
        xlsx.write_workbook(path, workbook_sheets(report))
    else:
        raise OutputProblem(_("cannot write a report as {}: use a .html or .xlsx file name").format(path.name))
