"""Reading scanned decision pages with the digitisation pipeline's OCR (tesseract, Vietnamese).

:func:`scan_reader` gives :func:`tthc_tools.decisions.sources.read_decision` a reader for pages
without a text layer: each page is a page job of the digitisation pipeline (rendered at 300 dpi,
turned upright, read once by tesseract: :func:`tthc_tools.scan.pipeline.read_page`), run by the same
executors as ``tthc scan ingest``, pages in parallel. When tesseract, its Vietnamese data or poppler
is missing there is no reader, and a scanned PDF gives the clear "needs OCR" error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from tthc_tools.decisions.sources import NeedsOcr, OcrReader
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.scan.fields import small_number


def ocr_when_needed(lang: str = "vie") -> OcrReader:
    """A reader that looks for the OCR tools only when a scanned page turns up (most decisions have a
    text layer); without them it raises :class:`NeedsOcr` saying what to install."""

    def read(path: Path, pages: Sequence[int]) -> list[str]:
        reader = scan_reader(lang)
        if reader is None:
            raise NeedsOcr(
                _("pages {} have no text layer (scanned) and OCR is not available").format(
                    ", ".join(map(str, pages))),
                path=str(path),
                hint=_("install tesseract-ocr, tesseract-ocr-{} and poppler-utils").format(lang.split("+")[0]),
            )
        return reader(path, pages)

    return read


def scan_reader(lang: str = "vie", jobs: int = 0) -> OcrReader | None:
    """An OCR reader for scanned PDF pages, or ``None`` when the OCR tools are not installed."""
    from tthc_tools.scan import poppler, tesseract
    from tthc_tools.scan.executors import default_jobs, make_executor
    from tthc_tools.scan.outcomes import EngineSettings, PageJob

    if not (poppler.available() and tesseract.available(lang)):
        return None
    settings = EngineSettings(lang=lang, tesseract=tesseract.version())

    def read(path: Path, pages: Sequence[int]) -> list[str]:
        keys = {number: f"{path}#{number}" for number in pages}
        executor = make_executor(min(jobs or default_jobs(), len(keys)))
        for number, key in keys.items():
            executor.submit(PageJob(str(path), "pdf-render", number - 1, key, settings))
        interrupted = True
        try:
            readings = {reading.key: reading for reading in executor.completed()}
            interrupted = False
        finally:
            executor.close(cancel=interrupted)
        for number, key in keys.items():
            if readings[key].error:
                raise BadInput(_("OCR failed: {}").format(readings[key].error), path=str(path),
                               location=_("page {}").format(number))
        return [repair(readings[keys[number]].text) for number in pages]

    return read


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
