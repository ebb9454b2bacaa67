"""Reading scanned decision pages with the digitisation pipeline's OCR (tesseract, Vietnamese).

:func:`scan_reader` gives :func:`tthc_tools.decisions.sources.read_decision` a reader for pages
without a text layer. The PDF is planned as ``tthc scan ingest`` plans it
(:func:`tthc_tools.scan.files.plan`: the same page jobs, the same page keys) and its pages are read
through the same page cache (:func:`tthc_tools.scan.cache.read_through`): a page digitised before,
by ``tthc scan ingest`` or an earlier import, is not read again; the others run on the pipeline's
executors, pages in parallel, and are kept in the cache. When tesseract, its Vietnamese data or
poppler is missing there is no reader, and a scanned PDF gives the clear "needs OCR" error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tthc_tools.decisions.sources import NeedsOcr, OcrReader
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.scan.fields import small_number

if TYPE_CHECKING:
    from tthc_tools.scan.outcomes import EngineSettings
    from tthc_tools.store.session import Database

Opener = Callable[[], "Database"]
"""Opens the database whose page cache the reader uses (called once, when a scanned page turns up)."""


def ocr_when_needed(lang: str = "vie", database: Opener | None = None) -> OcrReader:
    """A reader that looks for the OCR tools only when a scanned page turns up (most decisions have a
    text layer); without them it raises :class:`NeedsOcr` saying what to install."""
    readers: list[ScanReader] = []

    def read(path: Path, pages: Sequence[int]) -> list[str]:
        if not readers:
            reader = scan_reader(lang, database=database)
            if reader is None:
                raise NeedsOcr(
                    _("pages {} have no text layer (scanned) and OCR is not available").format(
                        ", ".join(map(str, pages))),
                    path=str(path),
                    hint=_("install tesseract-ocr, tesseract-ocr-{} and poppler-utils").format(lang.split("+")[0]),
                )
            readers.append(reader)
        return readers[0](path, pages)

    return read


class ScanReader:
    """Reads scanned PDF pages through the page cache of ``database`` (without one, reads them all);
    :attr:`counts` says what it cost: pages read by tesseract, pages from the cache, tesseract runs."""

    def __init__(self, settings: EngineSettings, jobs: int = 0, database: Opener | None = None) -> None:
        from tthc_tools.scan.cache import Counts

        self.settings, self.jobs, self.counts = settings, jobs, Counts()
        self._open = database
        self._db: Database | None = None

    def db(self) -> Database | None:
        if self._db is None and self._open is not None:
            self._db = self._open()
        return self._db

    def __call__(self, path: Path, pages: Sequence[int]) -> list[str]:
        from tthc_tools.scan import cache, files

        try:
            plan = files.plan(path, self.settings)
        except BadInput:  # a PDF pypdf refuses (one that only restricts printing): poppler renders its pages
            plan = files.empty_plan(path, files.read_identity(path))
        jobs = {number: files.render_job(plan, number, self.settings) for number in pages}
        readings = cache.read_through(self.db(), list(jobs.values()), workers=self.jobs, counts=self.counts)
        for number, job in jobs.items():
            if readings[job.key].error:
                raise BadInput(_("OCR failed: {}").format(readings[job.key].error), path=str(path),
                               location=_("page {}").format(number))
        return [repair(readings[jobs[number].key].text) for number in pages]


def scan_reader(lang: str = "vie", jobs: int = 0, database: Opener | None = None) -> ScanReader | None:
    """An OCR reader for scanned PDF pages, or ``None`` when the OCR tools are not installed."""
    from tthc_tools.scan import poppler, tesseract
    from tthc_tools.scan.outcomes import EngineSettings

    if not (poppler.available() and tesseract.available(lang)):
        return None
    return ScanReader(EngineSettings(lang=lang, tesseract=tesseract.version()), jobs, database)


_DATE = re.compile(r"(ngày\s*)(\S{1,4}?)(\s*tháng\s*)(\S{1,4}?)(\s*năm\s*\d{4})", re.IGNORECASE)
_FIXES = {"QUYÉT": "QUYẾT", "TÍNH": "TỈNH"}  # upper-case header words tesseract misreads
_WORDS = re.compile(r"\b(?:QUYÉT(?= ĐỊNH)|TÍNH(?= [A-ZĐÀ-Ỹ]{2}))")
_SYMBOL = re.compile(r"(/\s*)Q[ĐDÐ]+(?=\s*-)")


def repair(text: str) -> str:
    """Undo tesseract's usual slips in a decision header: ``Ð`` for ``Đ``, ``QĐÐ``, ``ngày II]``."""
    text = _SYMBOL.sub(lambda m: m.group(1) + "QĐ", text.replace("\u00d0", "Đ"))
    text = _WORDS.sub(lambda m: _FIXES[m.group(0)], text)
    return _DATE.sub(lambda m: m.group(1) + small_number(m.group(2)) + m.group(3) + small_number(m.group(4))
                     + m.group(5), text, count=1)
