"""``tthc scan``: batch-digitise scanned results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.i18n import _
from tthc_tools.scan.batch import BatchReport, ScanOptions, run_batch
from tthc_tools.scan.outcomes import status_label
from tthc_tools.ui import Column, Ui


@click.group("scan", cls=translated.Group)
def group() -> None:
    """Digitise scanned results: text layer or OCR, fields, searchable PDFs."""


@group.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--jobs", "-j", type=click.IntRange(min=0), help="Pages read at once (default: all cores).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Folder for searchable PDFs and text (default: exports/scans).")
@click.option("--lang", help="Tesseract languages (default: vie).")
@click.option("--force", is_flag=True, help="Digitise files again even if already done (pages come from the cache).")
@click.option("--no-rotate", is_flag=True, help="Do not turn pages upright (orientation costs about 50 ms a page).")
@click.option("--no-deskew", is_flag=True, help="Do not level slightly skewed pages.")
@json_option
@pass_app
def ingest_command(app: App, paths: tuple[Path, ...], jobs: int | None, out_dir: Path | None, lang: str | None,
                   force: bool, no_rotate: bool, no_deskew: bool, as_json: bool) -> int:
    """Digitise PDFs, TIFF, JPEG and PNG files (and folders of them): resumable, never the same page twice."""
    settings = app.settings
    options = ScanOptions(jobs=settings.scan_jobs if jobs is None else jobs, out_dir=out_dir or settings.scan_out,
                          lang=lang or settings.scan_lang, force=force, orientation=not no_rotate,
                          deskew=not no_deskew)
    report = run_batch(app.database(), list(paths), options, progress=app.ui.progress())
    if as_json:
        app.ui.json(report.as_dict())
    else:
        summary(app.ui, report)
    return int(report.exit_code)


def summary(ui: Ui, report: BatchReport) -> None:
    rows: list[dict[str, Any]] = [
        {"file": o.path, "status": status_label(o.status), "pages": o.pages, "ocr": o.ocr_pages,
         "cached": o.cached_pages, "dpi": f"{o.min_dpi:.0f}" if o.min_dpi else "",
         "why": "; ".join([o.reason, *o.notes]).strip("; ")}
        for o in report.files
    ]
    ui.table(rows, [Column(_("File"), "file", max_width=50), Column(_("Result"), "status"),
                    Column(_("Pages"), "pages", justify="right"), Column(_("OCR"), "ocr", justify="right"),
                    Column(_("Cached"), "cached", justify="right"), Column(_("DPI"), "dpi", justify="right"),
                    Column(_("Reason / notes"), "why", max_width=60)])
    data = report.as_dict()
    ui.info(_("{files} files: {ok} ok, {skipped} skipped, {failed} failed; {pages} pages ({ocr_pages} read, "
              "{cached_pages} from the cache) in {seconds} s, {pages_per_second} pages/s").format(**data))
