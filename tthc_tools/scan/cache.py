"""The page cache: one OCR reading per page key, shared by every run, file and command.

A page key hashes what the page shows (the embedded image's bytes, or the page's content stream and
images, or an image file's frame) with the engine settings (:func:`tthc_tools.scan.files.plan`), so
tesseract reads a page once ever, whether ``tthc scan ingest`` or ``tthc decision import`` meets it.
A reading is committed the moment it arrives: a run killed at any point loses only the pages in flight.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tthc_tools.scan.outcomes import PageJob, PageReading
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.session import Database


def lookup(db: Database, keys: Sequence[str]) -> dict[str, PageReading]:
    """The cached readings of ``keys`` (those the cache has), by key."""
    if not keys:
        return {}
    with db.reading() as session:
        return {key: from_row(row) for key, row in ScanStore(session).cached(keys).items()}


def keep(db: Database, reading: PageReading, engine: str, run_id: int | None = None) -> None:
    """Commit one reading to the cache (a key already there is left as it is)."""
    with db.transaction() as session:
        ScanStore(session).keep(to_row(reading, engine, run_id))


def to_row(reading: PageReading, engine: str, run_id: int | None) -> dict[str, Any]:
    return {"key": reading.key, "engine": engine, "text": reading.text,
            "words": json.dumps(reading.words, ensure_ascii=False), "confidence": reading.mean_conf,
            "rotation": reading.rotation, "skew": reading.skew, "dpi": reading.dpi, "layer": reading.pdf,
            "seconds": reading.seconds, "run_id": run_id}


def from_row(row: Any) -> PageReading:
    words = tuple((str(w[0]), float(w[1]), int(w[2])) for w in json.loads(row.words))
    return PageReading(row.key, row.text, words, row.confidence, row.rotation, row.skew, row.dpi, row.layer)


@dataclass
class Counts:
    """What reading pages through the cache cost."""

    ocr_pages: int = 0  # pages tesseract read (successfully)
    cached_pages: int = 0  # pages found in the cache
    tesseract_runs: int = 0  # runs of the tesseract binary (a doubtful page is read twice)

    def add(self, reading: PageReading) -> None:
        """Count a reading that came from an executor (not from the cache)."""
        self.tesseract_runs += reading.runs
        self.ocr_pages += not reading.error


def read_through(db: Database | None, jobs: Sequence[PageJob], *, workers: int = 0,
                 counts: Counts | None = None) -> dict[str, PageReading]:
    """The readings of ``jobs`` by key: from the cache when there, else read by the pipeline (pages in
    parallel, ``workers`` processes; 0 = all cores) and kept. Without ``db`` nothing is looked up or kept.

    A page that could not be read comes back with ``error`` set (and is not kept).
    """
    counts = counts if counts is not None else Counts()
    wanted = {job.key: job for job in jobs}
    found = lookup(db, list(wanted)) if db is not None else {}
    counts.cached_pages += len(found)
    missing = [job for key, job in wanted.items() if key not in found]
    if not missing:
        return found
    from tthc_tools.scan.executors import default_jobs, make_executor

    executor = make_executor(min(workers or default_jobs(), len(missing)))
    for job in missing:
        executor.submit(job)
    interrupted = True
    try:
        for reading in executor.completed():
            found[reading.key] = reading
            counts.add(reading)
            if db is not None and not reading.error:
                keep(db, reading, wanted[reading.key].settings.signature())
        interrupted = False
    finally:
        executor.close(cancel=interrupted)
    return found
