"""``tthc catalog``: import, validate and look up procedures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tthc_tools.catalog import importer, lookup, readers, validate
from tthc_tools.cli import render, translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.errors import BadInput, ExitCode
from tthc_tools.i18n import _
from tthc_tools.model import to_dict

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = list(readers.FORMATS)


def filter_options(func: F) -> F:
    """``--level``, ``--field``, ``--agency``, ``--category``, ``--status``: shared restrictions."""
    for option in reversed([
        click.option("--level", "levels", multiple=True, metavar="LEVEL", help="bo, tinh, xa, khac (repeatable)."),
        click.option("--field", "field_", metavar="TEXT", help="Lĩnh vực (name, accents optional, or code)."),
        click.option("--agency", metavar="TEXT", help="Agency that carries out or publishes the procedure."),
        click.option("--category", type=click.IntRange(1, 6), help="Leading digit of the code (1-3; 5-6 internal)."),
        click.option("--status", type=click.Choice(["active", "abolished"]), help="Only active or abolished."),
    ]):
        func = option(func)
    return func


def make_filters(levels: tuple[str, ...], field_: str | None, agency: str | None, category: int | None,
                 status: str | None) -> lookup.Filters:
    return lookup.Filters(tuple(lookup.level_key(v) for v in levels), field_ or "", agency or "", category,
                          status or "")


as_of_option = click.option("--as-of", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), metavar="DATE",
                            help="The catalogue in force on this date (YYYY-MM-DD).")


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@click.group("catalog", cls=translated.Group)
def group() -> None:
    """Import, check and look up the procedure catalogue."""


@group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Force the input format instead of detecting it.")
@click.option("--dry-run", is_flag=True, help="Report what would change without writing anything.")
@click.option("--skip-invalid", is_flag=True, help="Leave out bad rows (each reported) instead of rejecting the file.")
@json_option
@pass_app
def import_command(app: App, paths: tuple[Path, ...], fmt: str | None, dry_run: bool, skip_invalid: bool,
                   as_json: bool) -> int:
    """Import procedures from files: national Excel export, portal JSONL, national JSON packets,
    structured records, spreadsheets (CSV/XLSX) and the tool's own XML."""
    report = importer.import_paths(app.database(), list(paths), fmt=fmt, dry_run=dry_run,
                                   skip_invalid=skip_invalid, progress=app.ui.progress())
    if as_json:
        app.ui.json(report.as_dict())
    else:
        render.import_report(app.ui, report)
    return ExitCode.BAD_INPUT if report.failed else ExitCode.OK


@group.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Force the input format.")
@json_option
@pass_app
def validate_command(app: App, paths: tuple[Path, ...], fmt: str | None, as_json: bool) -> int:
    """Check files (or, with no file, the stored catalogue) and list every problem with its location."""
    if paths:
        report = validate.validate_files(list(paths), fmt=fmt)
    else:
        report = validate.validate_catalogue(app.database())
    if as_json:
        app.ui.json(report.as_dict())
    else:
        render.validation(app.ui, report)
    return ExitCode.BAD_INPUT if report.errors else ExitCode.OK


@group.command("list")
@filter_options
@as_of_option
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first (with --limit: pages).")
@json_option
@pass_app
def list_command(app: App, levels: tuple[str, ...], field_: str | None, agency: str | None,
                 category: int | None, status: str | None, as_of: dt.datetime | None, limit: int | None,
                 offset: int, as_json: bool) -> None:
    """List the procedures in force (today, or on --as-of), with filters."""
    filters = make_filters(levels, field_, agency, category, status)
    found = lookup.summaries(app.database(), as_of=_date(as_of), filters=filters, offset=offset, limit=limit)
    if as_json:
        head = {"as_of": (_date(as_of) or dt.date.today()).isoformat(), "filters": filters.describe(),
                "offset": offset, "limit": limit}
        app.ui.json_stream(head, "procedures", map(render.summary_dict, found), lambda count: {"count": count})
    else:
        render.procedure_list(app.ui, found)


@group.command("show")
@click.argument("code")
@as_of_option
@json_option
@pass_app
def show_command(app: App, code: str, as_of: dt.datetime | None, as_json: bool) -> None:
    """Show one procedure in full (any form of its code)."""
    procedure = lookup.show(app.database(), code, as_of=_date(as_of))
    if as_json:
        app.ui.json(to_dict(procedure))
    else:
        render.procedure(app.ui, procedure)


@group.command("search")
@click.argument("text", nargs=-1, required=True)
@filter_options
@as_of_option
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=1))
@json_option
@pass_app
def search_command(app: App, text: tuple[str, ...], levels: tuple[str, ...], field_: str | None,
                   agency: str | None, category: int | None, status: str | None, as_of: dt.datetime | None,
                   limit: int, as_json: bool) -> None:
    """Find procedures by words of their name, code, field or agency; accents and case are optional."""
    query = " ".join(text)
    if not query.strip():
        raise BadInput(_("nothing to search for"))
    hits = lookup.search(app.database(), query, filters=make_filters(levels, field_, agency, category, status),
                         limit=limit, as_of=_date(as_of))
    if as_json:
        app.ui.json({"query": query, "count": len(hits),
                     "results": [{**render.summary_dict(h.procedure), "score": round(h.score, 3)} for h in hits]})
    else:
        render.procedure_list(app.ui, [h.procedure for h in hits])


@group.command("history")
@click.argument("code")
@json_option
@pass_app
def history_command(app: App, code: str, as_json: bool) -> None:
    """Show every revision of a procedure: when, from which file or decision, which parts changed."""
    entries = lookup.history(app.database(), code)
    if as_json:
        app.ui.json({"code": entries[-1].procedure.code, "revisions": [render.history_dict(e) for e in entries]})
    else:
        render.history(app.ui, entries)
