"""Digitising a file again (``--force``, or outputs gone): what its last digitisation left to reuse.

A file is known by its content (sha256). When it was digitised before with the same engine settings,
its page rows say what each page is (text, OCR, mixed, blank), its resolution and its page key: the
structure of a PDF is a function of its bytes, so it is not parsed again (pypdf reading and hashing
every page image costs more than the rest of a re-run); the text layers are read again (pdftotext,
unless every page is OCR'd) and the readings come from the cache. When a reading is missing from the
cache, the file is planned afresh. The searchable PDF is rewritten only when what it is made from
changed (or it is gone). A page drawn without images gets the resolution it was read at (300 dpi).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tthc_tools.scan import cache, files, poppler
from tthc_tools.scan.files import FilePlan, PagePlan
from tthc_tools.scan.outcomes import OK, EngineSettings, PageJob, PageReading
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.session import Database

PageSources = tuple[tuple[int, str, str], ...]
"""(page number, source, cache key) of every page of a file: what its searchable PDF is made from."""


@dataclass(frozen=True)
class Previous:
    """A file's last complete digitisation with the same engine settings."""

    output_pdf: str
    format: str
    signed: bool
    pages: tuple[tuple[int, str, float | None, str], ...]  # page number, source, dpi, cache key

    @property
    def sources(self) -> PageSources:
        return tuple((no, source, key) for no, source, _dpi, key in self.pages)


def previous(db: Database, sha256: str, settings: EngineSettings) -> Previous | None:
    """How the content ``sha256`` was digitised last time, if it was, completely, with ``settings``."""
    with db.reading() as session:
        store = ScanStore(session)
        known = store.file(sha256)
        if known is None or known.status != OK or known.engine != settings.signature():
            return None
        pages = tuple((p.page_no, p.source, p.dpi, p.cache_key) for p in store.pages(known.id))
        if len(pages) != known.page_count:
            return None
        return Previous(known.output_pdf, known.format, known.signed, pages)


def replan(db: Database, path: Path, identity: tuple[str, int, str], before: Previous,
           settings: EngineSettings) -> tuple[FilePlan, dict[str, PageReading]] | None:
    """The plan of a PDF digitised before and its cached readings; ``None`` to plan it afresh."""
    if identity[2] != "pdf" or before.format != "pdf":
        return None  # an image file is planned without decoding it: nothing to spare
    layers = any(source != "ocr" for _no, source, _dpi, _key in before.pages)  # text an OCR'd page ignores
    extracting = poppler.start_texts(path) if layers else None  # runs while the cache is read
    keys = [key for *_rest, key in before.pages if key]
    readings = cache.lookup(db, keys)
    if len(readings) != len(set(keys)):
        if extracting is not None:
            extracting.kill()
            extracting.communicate()
        return None
    plan = files.empty_plan(path, identity)
    plan.signed = before.signed
    count = len(before.pages)
    texts = poppler.page_texts(path, count, started=extracting) if extracting else [""] * count
    for (no, source, dpi, key), text in zip(before.pages, texts, strict=True):
        job = PageJob(str(path), "pdf-render", no - 1, key, settings) if key else None
        plan.pages.append(PagePlan(no, source, text, dpi, job))
    return plan, readings


def kept(before: Previous | None, pdf_path: Path, rows: list[dict[str, object]]) -> bool:
    """True when the searchable PDF at ``pdf_path`` is there and was made from the same pages (the same
    cache entries, hence the same text layers) as the page rows about to be saved: it would come out the same."""
    made_from = tuple((int(str(r["page_no"])), str(r["source"]), str(r["cache_key"])) for r in rows)
    return (before is not None and before.output_pdf == str(pdf_path) and before.sources == made_from
            and pdf_path.is_file())
