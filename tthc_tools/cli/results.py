"""``tthc results``: find digitised results for reuse, review uncertain fields, export metadata."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.errors import BadInput, ExitCode
from tthc_tools.i18n import _
from tthc_tools.results import export as exporting
from tthc_tools.results import library, review
from tthc_tools.ui import Column, Ui

COLUMNS = [Column("#", "id", justify="right"), Column(_("Kind"), "kind"), Column(_("Number"), "number"),
           Column(_("Issued"), "issued"), Column(_("Holder"), "holder_name"), Column(_("CCCD"), "holder_id"),
           Column(_("Issuer"), "issuer", max_width=30), Column(_("State"), "state_label")]


def _table(ui: Ui, views: list[library.ResultView]) -> None:
    ui.table([v.as_dict() for v in views], COLUMNS)
    ui.info(_("{} results").format(len(views)))


@click.group("results", cls=translated.Group)
def group() -> None:
    """Digitised results: list, search, show, review, export."""


@group.command("list")
@click.option("--pending", is_flag=True, help="Only results with fields waiting for review.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1), help="Show at most this many.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0), help="Skip this many first.")
@click.option("--all", "show_all", is_flag=True, help="Show every result (no --limit).")
@json_option
@pass_app
def list_command(app: App, pending: bool, limit: int, offset: int, show_all: bool, as_json: bool) -> None:
    """List the digitised results, a page at a time."""
    page = library.list_page(app.database(), pending_only=pending, limit=None if show_all else limit, offset=offset)
    if as_json:
        app.ui.json({"total": page.total, "offset": page.offset, "count": len(page.results),
                     "results": [v.as_dict() for v in page.results]})
        return
    app.ui.table([v.as_dict() for v in page.results], COLUMNS)
    if page.results:
        app.ui.info(_("results {first}–{last} of {total}").format(
            first=offset + 1, last=offset + len(page.results), total=page.total))
    else:
        app.ui.info(_("no results here; {} in all").format(page.total))


@group.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@json_option
@pass_app
def search_command(app: App, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find results by CCCD, số ký hiệu, name or words of the text (accents and case optional)."""
    text = " ".join(query).strip()
    if not text:
        raise BadInput(_("nothing to search for"))
    views = library.search(app.database(), text, limit=limit)
    if as_json:
        app.ui.json({"query": text, "count": len(views), "results": [v.as_dict() for v in views]})
    else:
        _table(app.ui, views)


@group.command("show")
@click.argument("result_id", type=int)
@click.option("--text", "with_text", is_flag=True, help="Also print the pages' text.")
@json_option
@pass_app
def show_command(app: App, result_id: int, with_text: bool, as_json: bool) -> None:
    """Show one result: file, fields with confidence and review state."""
    view = library.show(app.database(), result_id, with_text=with_text)
    if as_json:
        app.ui.json(view.as_dict())
        return
    app.ui.fields([(_("File"), view.path), (_("Searchable PDF"), view.output_pdf), (_("Pages"), view.pages),
                   (_("Lowest dpi"), view.min_dpi), (_("Signed"), view.signed), (_("State"), view.state_label)])
    app.ui.table([f.as_dict() for f in view.fields],
                 [Column(_("Data field"), "label"), Column(_("Value"), "value", max_width=60),
                  Column(_("Confidence"), "confidence", justify="right"), Column(_("State"), "state_label"),
                  Column(_("Note"), "note")])
    for number, text in enumerate(view.texts, start=1):
        app.ui.heading(_("Page {}").format(number))
        app.ui.line(text)


@group.command("review")
@click.option("--export-csv", "export_csv", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the fields waiting for review to a CSV to correct in a spreadsheet.")
@click.option("--import-csv", "import_csv", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Apply a corrected CSV (columns value and decision: approve / reject).")
@click.option("--reviewer", default="", help="Name recorded with each decision.")
@json_option
@pass_app
def review_command(app: App, export_csv: Path | None, import_csv: Path | None, reviewer: str, as_json: bool) -> int:
    """Review uncertain fields: interactively on a terminal, or through a CSV of corrections."""
    db = app.database()
    if export_csv:
        count = review.export_csv(db, export_csv)
        _report(app, as_json, {"exported": count, "file": str(export_csv)}, _("{} fields to review written to {}").format(count, export_csv))
        return ExitCode.OK
    if import_csv:
        done = review.import_csv(db, import_csv, reviewer or "csv")
        _report(app, as_json, done.as_dict(), _("{approved} approved, {rejected} rejected, {left} left").format(**done.as_dict()))
        return ExitCode.OK
    if not sys.stdin.isatty():
        raise BadInput(_("review needs a terminal; use --export-csv FILE and --import-csv FILE instead"))
    done = review.interactive(db, _ask, reviewer or "terminal")
    _report(app, as_json, done.as_dict(), _("{approved} approved, {rejected} rejected, {left} left").format(**done.as_dict()))
    return ExitCode.OK


def _report(app: App, as_json: bool, document: Mapping[str, object], text: str) -> None:
    if as_json:
        app.ui.json(document)
    else:
        app.ui.info(text)


def _ask(item: review.Pending) -> tuple[str, str] | None:
    label = library.FIELD_LABELS.get(item.field, item.field)
    click.echo(f"\n#{item.result_id} {item.file}", err=True)
    click.echo(f"  {label}: {item.extracted!r}  ({item.confidence:.2f}{'; ' + item.note if item.note else ''})", err=True)
    answer = click.prompt(_("  [a]pprove, [r]eject, [e]dit, [s]kip, [q]uit"), default="s", err=True).strip().lower()
    if answer.startswith("q"):
        return None
    if answer.startswith("a"):
        return "da_duyet", ""
    if answer.startswith("r"):
        return "khong_duyet", ""
    if answer.startswith("e"):
        return "da_duyet", click.prompt(_("  correct value"), default=item.extracted, err=True).strip()
    return "", ""


@group.command("export")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(exporting.FORMATS), help="Default: from the file's extension.")
@json_option
@pass_app
def export_command(app: App, target: Path, fmt: str | None, as_json: bool) -> None:
    """Export the results' metadata (CSV, XLSX or JSON) under archival field names."""
    count = exporting.export(app.database(), target, fmt)
    _report(app, as_json, {"exported": count, "file": str(target)}, _("{} results written to {}").format(count, target))
