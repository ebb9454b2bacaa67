"""``tthc scan ingest`` as a library call: a batch that never dies on one file and resumes after a kill.

Files are planned first (identity, format, pages, page keys); pages already in the cache are never
read again; the others go to the executor, and each reading is committed to the cache the moment it
arrives — a run killed at any point loses at most the pages in flight. A file is finished (texts,
fields, outputs) once all its pages are read. A file already digitised with the same engine settings
is skipped; ``force`` digitises it again from the cache.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.errors import BadInput, ExitCode, Interrupted
from tthc_tools.i18n import _
from tthc_tools.progress import SILENT, Progress
from tthc_tools.scan import files, tesseract
from tthc_tools.scan.executors import make_executor
from tthc_tools.scan.finish import Finisher
from tthc_tools.scan.outcomes import (
    FAILED,
    OK,
    SKIPPED,
    EngineSettings,
    FileOutcome,
    PageReading,
    SkipFile,
    status_label,
)
from tthc_tools.scan.searchable import sweep
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.session import Database


@dataclass(frozen=True)
class ScanOptions:
    jobs: int = 0
    out_dir: Path = Path("exports/scans")
    lang: str = "vie"
    force: bool = False
    orientation: bool = True
    deskew: bool = True


@dataclass
class BatchReport:
    """What a batch did: every file's outcome and the page counts."""

    run_id: int
    files: list[FileOutcome] = field(default_factory=list)
    ocr_pages: int = 0
    cached_pages: int = 0
    seconds: float = 0.0
    engine: str = ""

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.PARTIAL_FAILURE if self.count(FAILED) else ExitCode.OK

    def as_dict(self) -> dict[str, Any]:
        rate = self.pages / self.seconds if self.seconds else 0.0
        return {
            "run": self.run_id, "engine": self.engine, "files": len(self.files), "ok": self.count(OK),
            "skipped": self.count(SKIPPED), "failed": self.count(FAILED), "pages": self.pages,
            "ocr_pages": self.ocr_pages, "cached_pages": self.cached_pages, "seconds": round(self.seconds, 2),
            "pages_per_second": round(rate, 2), "outcomes": [f.as_dict() for f in self.files],
        }


def run_batch(db: Database, paths: list[Path], options: ScanOptions, progress: Progress = SILENT) -> BatchReport:
    """Digitise ``paths`` (files or folders); see the module docstring."""
    started = time.perf_counter()
    settings = EngineSettings(lang=options.lang, tesseract=tesseract.require(options.lang),
                              orientation=options.orientation, deskew=options.deskew)
    with db.transaction() as session:
        run_id = ScanStore(session).start_run({"paths": [str(p) for p in paths], "engine": settings.signature(),
                                               "jobs": options.jobs, "out": str(options.out_dir)})
    report = BatchReport(run_id, engine=settings.signature())
    sweep(options.out_dir)
    finisher = Finisher(db, options.out_dir, run_id)
    try:
        plans = _plan_all(db, paths, settings, options, report, progress)
        _read_all(db, plans, options, report, finisher, progress)
    except KeyboardInterrupt as stop:
        report.seconds = time.perf_counter() - started
        _close_run(db, report, "interrupted")
        raise Interrupted(_("interrupted; {} pages read in this run are kept").format(report.ocr_pages)) from stop
    report.seconds = time.perf_counter() - started
    _close_run(db, report, "done")
    return report


def _close_run(db: Database, report: BatchReport, status: str) -> None:
    summary = {k: v for k, v in report.as_dict().items() if k != "outcomes"}
    with db.transaction() as session:
        ScanStore(session).finish_run(report.run_id, status, summary)


def _plan_all(db: Database, paths: list[Path], settings: EngineSettings, options: ScanOptions,
              report: BatchReport, progress: Progress) -> list[tuple[files.FilePlan, int, FileOutcome]]:
    found = files.discover(paths)
    progress.start(_("Reading files"), total=len(found), unit=_("files"))
    plans = []
    for path in found:
        outcome = FileOutcome(str(path), OK)
        report.files.append(outcome)
        try:
            identity = files.read_identity(path)
            if not _already_done(db, identity[0], settings, options, outcome):
                plans.append(_register(db, files.plan(path, settings, identity), settings, outcome))
        except SkipFile as error:
            outcome.status, outcome.reason = SKIPPED, error.reason
        except BadInput as error:
            outcome.status, outcome.reason = FAILED, error.reason
        progress.advance(note=path.name)
        if outcome.status != OK:
            progress.message(f"{path}: {status_label(outcome.status)}: {outcome.reason}")
    progress.finish()
    return plans


def _already_done(db: Database, sha256: str, settings: EngineSettings, options: ScanOptions,
                  outcome: FileOutcome) -> bool:
    """True (and ``outcome`` says so) when this content was digitised with the same settings."""
    if options.force:
        return False
    with db.reading() as session:
        known = ScanStore(session).file(sha256)
        if (known is None or known.status != OK or known.engine != settings.signature()
                or not Path(known.output_pdf).exists()):
            return False
        outcome.status, outcome.pages, outcome.signed = SKIPPED, known.page_count, known.signed
        outcome.reason = _("already digitised (same content as {})").format(known.path)
        outcome.outputs = [known.output_pdf, known.output_text]
    return True


def _register(db: Database, plan: files.FilePlan, settings: EngineSettings,
              outcome: FileOutcome) -> tuple[files.FilePlan, int, FileOutcome]:
    outcome.pages, outcome.signed, outcome.notes = len(plan.pages), plan.signed, list(plan.notes)
    with db.transaction() as session:
        store = ScanStore(session)
        file_id = store.begin_file(plan.sha256, str(plan.path), {
            "name": plan.path.name, "size": plan.size, "format": plan.format, "page_count": len(plan.pages),
            "signed": plan.signed, "engine": settings.signature(), "run_id": None})
    return plan, file_id, outcome


def _read_all(db: Database, plans: list[tuple[files.FilePlan, int, FileOutcome]], options: ScanOptions,
              report: BatchReport, finisher: Finisher, progress: Progress) -> None:
    keys = {p.job.key for plan, _id, _o in plans for p in plan.pages if p.job}
    with db.reading() as session:
        readings: dict[str, PageReading] = {k: _from_cache(row) for k, row in ScanStore(session).cached(list(keys)).items()}
    missing = keys - set(readings)
    waiting = {index: {p.job.key for p in plan.pages if p.job and p.job.key in missing}
               for index, (plan, _id, _o) in enumerate(plans)}
    total = sum(len(plan.pages) for plan, _id, _o in plans)
    progress.start(_("Digitising"), total=total, unit=_("pages"))
    clock = time.perf_counter()
    done_pages = 0

    def finish(index: int) -> None:
        nonlocal done_pages
        plan, file_id, outcome = plans[index]
        finisher.finish(plan, file_id, outcome, readings, missing)
        done_pages += len(plan.pages)
        rate = done_pages / max(1e-6, time.perf_counter() - clock)
        progress.advance(len(plan.pages), note=_("{:.2f} pages/s").format(rate))
        if outcome.status == FAILED:
            progress.message(f"{outcome.path}: {outcome.reason}")

    for index in [i for i, keys_left in waiting.items() if not keys_left]:
        finish(index)
    executor = make_executor(options.jobs)
    submitted: set[str] = set()
    for plan, _id, _o in plans:
        for page in plan.pages:
            if page.job and page.job.key in missing and page.job.key not in submitted:
                submitted.add(page.job.key)
                executor.submit(page.job)
    interrupted = True
    try:
        for reading in executor.completed():
            readings[reading.key] = reading
            if not reading.error:
                report.ocr_pages += 1
                with db.transaction() as session:
                    ScanStore(session).keep(_to_cache(reading, report))
            for index, keys_left in waiting.items():
                if reading.key in keys_left:
                    keys_left.discard(reading.key)
                    if not keys_left:
                        finish(index)
        interrupted = False
    finally:
        executor.close(cancel=interrupted)
        progress.finish()
    report.cached_pages = sum(1 for plan, _i, _o in plans for p in plan.pages if p.job and p.job.key not in missing)


def _to_cache(reading: PageReading, report: BatchReport) -> dict[str, Any]:
    return {"key": reading.key, "engine": report.engine, "text": reading.text,
            "words": json.dumps(reading.words, ensure_ascii=False), "confidence": reading.mean_conf,
            "rotation": reading.rotation, "skew": reading.skew, "dpi": reading.dpi, "layer": reading.pdf,
            "seconds": reading.seconds, "run_id": report.run_id}


def _from_cache(row: Any) -> PageReading:
    words = tuple((str(w[0]), float(w[1]), int(w[2])) for w in json.loads(row.words))
    return PageReading(row.key, row.text, words, row.confidence, row.rotation, row.skew, row.dpi, row.layer)
