"""``tthc diff``: the local catalogue against the national one (a snapshot or a file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.cli.catalog import FORMATS, make_filters
from tthc_tools.diff import DiffOptions, check_ignore
from tthc_tools.diff.render_file import write_report
from tthc_tools.diff.render_json import report_dict
from tthc_tools.diff.render_text import show
from tthc_tools.diff.run import run_diff
from tthc_tools.errors import ExitCode
from tthc_tools.i18n import _


@click.command("diff", cls=translated.Command)
@click.option("--against", default="national", show_default=True, metavar="national|SNAPSHOT|FILE",
              help="The latest snapshot, a snapshot id or date (YYYY-MM-DD), or a file to compare with.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), metavar="DATE",
              help="The local catalogue in force on this date (default today).")
@click.option("--level", "levels", multiple=True, metavar="LEVEL", help="Only procedures of this level (repeatable).")
@click.option("--field", "field_", metavar="TEXT", help="Only procedures of this field (lĩnh vực).")
@click.option("--agency", metavar="TEXT", help="Only procedures of this agency.")
@click.option("--ignore", multiple=True, metavar="PART[.FIELD]",
              help="Leave a part (or a field of a list part, e.g. dossier.form_url) out (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Format of the --against file.")
@click.option("--report", "report_path", type=click.Path(path_type=Path), metavar="FILE.html|FILE.xlsx",
              help="Also write the report to a file to forward (HTML or Excel).")
@json_option
@pass_app
def diff_command(app: App, against: str, as_of: dt.datetime | None, levels: tuple[str, ...], field_: str | None,
                 agency: str | None, ignore: tuple[str, ...], fmt: str | None, report_path: Path | None,
                 as_json: bool) -> int:
    """Compare the local catalogue with the national one; exit 0 when they agree, 1 when they differ."""
    filters = make_filters(levels, field_, agency, None, None) if levels or field_ or agency else None
    options = DiffOptions(ignore=check_ignore(ignore), filters=filters)
    report = run_diff(app.database(), against=against, as_of=as_of.date() if as_of else None, options=options,
                      fmt=fmt)
    if report_path is not None:
        write_report(report, report_path)
        app.ui.info(_("Report written to {}").format(report_path))
    if as_json:
        app.ui.json(report_dict(report))
    else:
        show(app.ui, report)
    return ExitCode.DIFFERENCES if report.has_differences else ExitCode.OK
