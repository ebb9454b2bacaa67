"""Reading scanned decision pages with the digitisation pipeline's OCR (tesseract, Vietnamese).

:func:`scan_reader` gives :func:`tthc_tools.decisions.sources.read_decision` a reader for pages
without a text layer: each page is rendered at 300 dpi, turned upright and read once by tesseract
(:func:`tthc_tools.scan.pipeline.read_page`), pages in parallel. When tesseract, its Vietnamese data
or poppler is missing there is no reader, and a scanned PDF gives the clear "needs OCR" error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tthc_tools.decisions.sources import NeedsOcr, OcrReader
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _


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
    from tthc_tools.scan import pipeline, poppler, tesseract
    from tthc_tools.scan.outcomes import EngineSettings, PageJob

    if not (poppler.available() and tesseract.available(lang)):
        return None
    settings = EngineSettings(lang=lang, tesseract=tesseract.version())
    workers = jobs or max(1, min(4, os.cpu_count() or 1))

    def read(path: Path, pages: Sequence[int]) -> list[str]:
        jobs_ = [PageJob(str(path), "pdf-render", number - 1, f"{path}#{number}", settings) for number in pages]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            readings = list(pool.map(pipeline.read_page, jobs_))
        for number, reading in zip(pages, readings, strict=True):
            if reading.error:
                raise BadInput(_("OCR failed: {}").format(reading.error), path=str(path),
                               location=_("page {}").format(number))
        return [repair(reading.text) for reading in readings]

    return read


_DIGITISH = str.maketrans({"I": "1", "l": "1", "|": "1", "]": "1", "[": "1", "!": "1", "i": "1", "O": "0",
                           "o": "0", "D": "0", "S": "5", "B": "8", "Z": "2"})
_DATE = re.compile(r"(ngày\s*)(\S{1,4}?)(\s*tháng\s*)(\S{1,4}?)(\s*năm\s*\d{4})", re.IGNORECASE)
_FIXES = {"QUYÉT": "QUYẾT", "TÍNH": "TỈNH"}  # upper-case header words tesseract misreads
_WORDS = re.compile(r"\b(?:QUYÉT(?= ĐỊNH)|TÍNH(?= [A-ZĐÀ-Ỹ]{2}))")
_SYMBOL = re.compile(r"(/\s*)Q[ĐDÐ]+(?=\s*-)")


def repair(text: str) -> str:
    """Undo tesseract's usual slips in a decision header: ``Ð`` for ``Đ``, ``QĐÐ``, ``ngày II]``."""
    text = _SYMBOL.sub(lambda m: m.group(1) + "QĐ", text.replace("\u00d0", "Đ"))
    text = _WORDS.sub(lambda m: _FIXES[m.group(0)], text)
    return _DATE.sub(lambda m: m.group(1) + _small(m.group(2)) + m.group(3) + _small(m.group(4)) + m.group(5),
                     text, count=1)


def _small(raw: str) -> str:
    """A day or month as read, repaired when that gives a plausible number (``II]`` → ``11``)."""
    if not raw or raw.isdigit():
        return raw
    for candidate in (raw, re.sub(r"[^0-9A-Za-z]", "", raw)):
        fixed = candidate.translate(_DIGITISH)
        if fixed.isdigit() and 1 <= int(fixed) <= 31:
            return fixed
    return raw
