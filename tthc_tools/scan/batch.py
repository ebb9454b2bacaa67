"""``tthc scan ingest`` as a library call: a batch that never dies on one file and resumes after a kill.

Files stream through: each is planned (identity, format, pages, page keys) while the pages of the
files before it are read, a few pages ahead of the workers; pages already in the cache are never read
again; the others go to the executor, and each reading is committed to the cache the moment it
arrives — a run killed at any point loses at most the pages in flight. A file is finished (texts,
fields, outputs) once all its pages are read, and then dropped: memory does not grow with the number
of files, only the outcome lines do. A file already digitised with the same engine settings is
skipped; ``force`` digitises it again from the cache.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tthc_tools.errors import BadInput, ExitCode, Interrupted
from tthc_tools.i18n import _
from tthc_tools.progress import SILENT, Progress
from tthc_tools.scan import again, cache, files, tesseract
from tthc_tools.scan.finish import Finisher, OpenFile
from tthc_tools.scan.outcomes import (
    FAILED,
    OK,
    SKIPPED,
    EngineSettings,
    FileOutcome,
    PageJob,
    PageReading,
    SkipFile,
    status_label,
)
from tthc_tools.scan.searchable import sweep
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.session import Database

if TYPE_CHECKING:
    from tthc_tools.scan.executors import Executor


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
    try:
        _Batch(db, options, settings, report, progress).run(files.discover(paths))
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


class _Batch:
    """One run over its files: plans each, sends its missing pages to the executor, finishes it."""

    def __init__(self, db: Database, options: ScanOptions, settings: EngineSettings, report: BatchReport,
                 progress: Progress) -> None:
        self.db, self.options, self.settings, self.report, self.progress = db, options, settings, report, progress
        self.finisher = Finisher(db, options.out_dir, report.run_id)
        self.executor: Executor | None = None
        self.waiting: dict[str, list[OpenFile]] = {}  # page key in flight -> the files waiting for it
        self.seen: dict[str, Path] = {}  # content (sha256) -> the file of this run that has it
        self.clock = time.perf_counter()
        self.done_pages = 0

    def run(self, found: list[Path]) -> None:
        self.progress.start(_("Digitising"), total=len(found), unit=_("files"))
        interrupted = True
        try:
            for path in found:
                entry = self._open(path)
                if entry is not None:
                    self._queue(entry)
                if self.executor is not None:  # plan the next file once the workers have little left
                    for reading in self.executor.completed(until=self.ahead):
                        self._arrived(reading)
            if self.executor is not None:
                for reading in self.executor.completed():
                    self._arrived(reading)
            interrupted = False
        finally:
            if self.executor is not None:
                self.executor.close(cancel=interrupted)
            self.progress.finish()

    @property
    def ahead(self) -> int:
        """Pages queued for the workers before the next file is planned."""
        return max(8, 4 * (self.executor.jobs if self.executor else 1))

    def _open(self, path: Path) -> OpenFile | None:
        """Plan and register one file; ``None`` when it ends here (skipped, failed, done before)."""
        outcome = FileOutcome(str(path), OK)
        self.report.files.append(outcome)
        entry = None
        try:
            identity = files.read_identity(path)
            first = self.seen.setdefault(identity[0], path)
            if first != path:  # the same content twice in one batch (a copy): digitised once
                outcome.status, outcome.reason = SKIPPED, _("same content as {}").format(first)
            elif not _already_done(self.db, identity[0], self.settings, self.options, outcome):
                entry = self._plan(path, identity, outcome)
        except SkipFile as error:
            outcome.status, outcome.reason = SKIPPED, error.reason
        except BadInput as error:
            outcome.status, outcome.reason = FAILED, error.reason
        if entry is None:
            self.progress.advance(note=path.name)
            if outcome.status != OK:
                self.progress.message(f"{path}: {status_label(outcome.status)}: {outcome.reason}")
        return entry

    def _plan(self, path: Path, identity: tuple[str, int, str], outcome: FileOutcome) -> OpenFile:
        """Plan a file (from its last digitisation when there is one to reuse) and register it."""
        before = again.previous(self.db, identity[0], self.settings)
        known = again.replan(self.db, path, identity, before, self.settings) if before else None
        plan, readings = known or (files.plan(path, self.settings, identity), None)
        entry = _register(self.db, plan, self.settings, outcome)
        entry.before = before
        jobs = {p.job.key: p.job for p in entry.plan.pages if p.job}
        entry.readings = readings if readings is not None else cache.lookup(self.db, list(jobs))
        return entry

    def _queue(self, entry: OpenFile) -> None:
        """Finish a file whose pages are all cached; else send the pages it lacks to the executor."""
        jobs = {p.job.key: p.job for p in entry.plan.pages if p.job}
        entry.waiting = set(jobs) - set(entry.readings)
        entry.missing = frozenset(entry.waiting)
        self.report.cached_pages += sum(1 for p in entry.plan.pages if p.job and p.job.key in entry.readings)
        if not entry.waiting:
            self._finish(entry)
        for key in entry.waiting:
            if key not in self.waiting:
                self._submit(jobs[key])
            self.waiting.setdefault(key, []).append(entry)

    def _submit(self, job: PageJob) -> None:
        if self.executor is None:  # the workers (and numpy, pypdf, tesseract) only for pages to read
            from tthc_tools.scan.executors import make_executor

            self.executor = make_executor(self.options.jobs)
        self.executor.submit(job)

    def _arrived(self, reading: PageReading) -> None:
        if not reading.error:
            self.report.ocr_pages += 1
            cache.keep(self.db, reading, self.report.engine, self.report.run_id)
        for entry in self.waiting.pop(reading.key, []):
            entry.readings[reading.key] = reading
            entry.waiting.discard(reading.key)
            if not entry.waiting:
                self._finish(entry)

    def _finish(self, entry: OpenFile) -> None:
        self.finisher.finish(entry)
        self.done_pages += len(entry.plan.pages)
        rate = self.done_pages / max(1e-6, time.perf_counter() - self.clock)
        self.progress.advance(note=_("{:.2f} pages/s").format(rate))
        if entry.outcome.status == FAILED:
            self.progress.message(f"{entry.outcome.path}: {entry.outcome.reason}")


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


def _register(db: Database, plan: files.FilePlan, settings: EngineSettings, outcome: FileOutcome) -> OpenFile:
    """The file's row, pending until it is finished."""
    outcome.pages, outcome.signed, outcome.notes = len(plan.pages), plan.signed, list(plan.notes)
    with db.transaction() as session:
        file_id = ScanStore(session).begin_file(plan.sha256, str(plan.path), {
            "name": plan.path.name, "size": plan.size, "format": plan.format, "page_count": len(plan.pages),
            "signed": plan.signed, "engine": settings.signature(), "run_id": None})
    return OpenFile(plan, file_id, outcome, {}, set())
