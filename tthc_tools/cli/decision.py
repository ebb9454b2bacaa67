"""``tthc decision``: import published decisions, draft new ones, record signed ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from tthc_tools.cli import decision_views as views
from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.decisions import changes, registry
from tthc_tools.decisions.document import LAYOUTS, Publisher
from tthc_tools.decisions.draft import DraftRequest, draft_decision
from tthc_tools.decisions.ocr import ocr_when_needed
from tthc_tools.decisions.record import Signed, record_decision
from tthc_tools.decisions.sources import OcrReader
from tthc_tools.errors import ExitCode
from tthc_tools.store.decisions import STATES

F = TypeVar("F", bound=Callable[..., Any])
DATE = click.DateTime(["%Y-%m-%d", "%d/%m/%Y"])


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def ocr_option(func: F) -> F:
    """``--ocr/--no-ocr``: read scanned PDF pages with tesseract when it is installed."""
    return click.option("--ocr/--no-ocr", default=True, show_default=True,
                        help="Read scanned PDF pages by OCR (tesseract) when it is installed.")(func)


def _ocr(app: App, wanted: bool) -> OcrReader | None:
    return ocr_when_needed(app.settings.scan_lang, app.database) if wanted else None


@click.group("decision", cls=translated.Group)
def group() -> None:
    """Publication decisions (quyết định công bố TTHC): import, draft, record."""


@group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@ocr_option
@json_option
@pass_app
def import_command(app: App, paths: tuple[Path, ...], ocr: bool, as_json: bool) -> int:
    """Read published decisions (markdown/text, PDF, scanned PDF, DOCX) and keep them in the database."""
    report = registry.import_files(app.database(), list(paths), ocr=_ocr(app, ocr))
    if as_json:
        app.ui.json(report.as_dict())
    else:
        views.import_report(app.ui, report)
    return ExitCode.BAD_INPUT if report.failed else ExitCode.OK


@group.command("list")
@click.option("--state", type=click.Choice(STATES), help="Only decisions in this state.")
@json_option
@pass_app
def list_command(app: App, state: str | None, as_json: bool) -> None:
    """List the stored decisions: imported, drafted and recorded."""
    entries = registry.list_decisions(app.database(), state)
    if as_json:
        app.ui.json({"count": len(entries), "decisions": [e.summary_dict() for e in entries]})
    else:
        views.entry_list(app.ui, entries)


@group.command("show")
@click.argument("ref", metavar="NUMBER|ID")
@json_option
@pass_app
def show_command(app: App, ref: str, as_json: bool) -> None:
    """Show one stored decision: header, change rows, and what recording it did."""
    entry = registry.show_decision(app.database(), ref)
    if as_json:
        app.ui.json(entry.as_dict())
    else:
        views.entry(app.ui, entry)


@group.command("draft")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(path_type=Path),
              metavar="FILE.docx|.xlsx|.html", help="Write the draft here (repeatable; format from the suffix).")
@click.option("--new", "new", multiple=True, metavar="CODE", help="A procedure published as new (repeatable).")
@click.option("--amended", multiple=True, metavar="CODE", help="An amended procedure (repeatable).")
@click.option("--abolished", multiple=True, metavar="CODE", help="An abolished procedure (repeatable).")
@click.option("--replaced", multiple=True, metavar="OLD=NEW", help="OLD is replaced by NEW (repeatable).")
@click.option("--changes", "changes_file", type=click.Path(path_type=Path), metavar="FILE.csv",
              help="A CSV of code,kind[,replaces] lines.")
@click.option("--from-diff", is_flag=True, help="Suggest changes from the diff against the national catalogue.")
@click.option("--against", default="national", show_default=True, metavar="national|SNAPSHOT|FILE",
              help="What --from-diff compares with.")
@click.option("--accept", multiple=True, metavar="all|KIND|CODE",
              help="Which suggestions of --from-diff go into the draft (repeatable).")
@click.option("--as-of", type=DATE, metavar="DATE", help="The local catalogue in force on this date.")
@click.option("--province", envvar="TTHC_PROVINCE", metavar="NAME", help="Province (env TTHC_PROVINCE).")
@click.option("--signer", default="", metavar="NAME", help="Who signs (may be left for later).")
@click.option("--signer-title", default="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", show_default=True, metavar="TEXT",
              help="Signature block lines, separated by '/'.")
@click.option("--field", "field_", default="", metavar="TEXT", help="The field (lĩnh vực) named in the title.")
@click.option("--agency", default="", metavar="TEXT", help="The department whose procedures these are.")
@click.option("--proposer", default="", metavar="TEXT", help="Who proposed it (Xét đề nghị của …).")
@click.option("--localises", default="", metavar="NUMBER", help="The ministry decision this one localises.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="province", show_default=True,
              help="Annex layout: province danh mục, or the ministry's PHẦN I.")
@click.option("--year", type=click.IntRange(2000, 2200), help="Year in the blank date line (default: this year).")
@json_option
@pass_app
def draft_command(app: App, outputs: tuple[Path, ...], new: tuple[str, ...], amended: tuple[str, ...],
                  abolished: tuple[str, ...], replaced: tuple[str, ...], changes_file: Path | None, from_diff: bool,
                  against: str, accept: tuple[str, ...], as_of: dt.datetime | None, province: str | None,
                  signer: str, signer_title: str, field_: str, agency: str, proposer: str, localises: str,
                  layout: str, year: int | None, as_json: bool) -> None:
    """Draft a decision publishing new, amended, replaced and abolished procedures (DOCX, XLSX, HTML)."""
    wanted = changes.change_list(new, amended, abolished, replaced, changes_file)
    publisher = Publisher(province or "", signer, signer_title, field_, agency, proposer, year or 0, layout)
    request = DraftRequest(publisher, tuple(wanted), from_diff, against, accept, localises, _day(as_of))
    report = draft_decision(app.database(), request, list(outputs))
    if as_json:
        app.ui.json(report.as_dict())
    else:
        views.draft_report(app.ui, report)


@group.command("record")
@click.argument("ref", metavar="NUMBER|ID|FILE")
@click.option("--number", metavar="NUMBER", help="The số ký hiệu it was signed with (for a draft).")
@click.option("--date", "issued", type=DATE, metavar="DATE", help="The date it was signed.")
@click.option("--signer", metavar="NAME", help="Who signed it.")
@click.option("--signer-title", metavar="TEXT", help="The signer's title (e.g. 'KT. CHỦ TỊCH / PHÓ CHỦ TỊCH').")
@click.option("--effective", type=DATE, metavar="DATE",
              help="When the changes take effect (default: the decision's own date, else the signing date).")
@click.option("--dry-run", is_flag=True, help="Report what would change without writing anything.")
@ocr_option
@json_option
@pass_app
def record_command(app: App, ref: str, number: str | None, issued: dt.datetime | None, signer: str | None,
                   signer_title: str | None, effective: dt.datetime | None, dry_run: bool, ocr: bool,
                   as_json: bool) -> None:
    """Record a signed decision: its changes enter the catalogue from its effective date."""
    signed = Signed(number, _day(issued), signer, signer_title, _day(effective))
    report = record_decision(app.database(), ref, signed, dry_run=dry_run, ocr=_ocr(app, ocr))
    if as_json:
        app.ui.json(report.as_dict())
    else:
        views.record_report(app.ui, report)
