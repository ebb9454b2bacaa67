"""Getting a decision's text out of a file: markdown/text, PDF with a text layer, DOCX.

This module opens the files; the PDF's text comes from :func:`tthc_tools.scan.pdf.layout_text` and a
Word file's paragraphs and tables from :mod:`tthc_tools.decisions.word` (each the one user of its
outside library). Every failure a user can cause (missing, empty, wrong type, encrypted, damaged)
becomes a :class:`~tthc_tools.errors.BadInput` naming the file. A PDF without a text layer raises
:class:`NeedsOcr` unless an OCR reader is given: :func:`pdf_text` is the single place where scanned
pages are routed to the OCR pipeline (``tthc_tools.scan``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from tthc_tools.decisions.events import Document
from tthc_tools.decisions.flat import read_flat
from tthc_tools.decisions.grid import read_blocks
from tthc_tools.decisions.layout import read_layout
from tthc_tools.decisions.model import Decision
from tthc_tools.decisions.parse import parse_document
from tthc_tools.encodings import decode_bytes
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.scan.pdf import layout_text

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")
_MIN_TEXT = 20


OcrReader = Callable[[Path, Sequence[int]], list[str]]
"""Reads pages (1-based numbers) of a scanned PDF by OCR and returns their texts, in the same order."""


class NeedsOcr(BadInput):
    """A PDF without a text layer (a scan): it has to be read by OCR first."""


def read_decision(path: Path | str, *, ocr: OcrReader | None = None, data: bytes | None = None) -> Decision:
    """Read and parse the decision in ``path`` (.md/.txt, .pdf with a text layer, .docx).

    Scanned PDF pages are read with ``ocr`` when it is given; without it they raise :class:`NeedsOcr`.
    ``data`` is the file's content when the caller has read it already (:func:`read_bytes`).
    """
    path = Path(path)
    document, notes = read_source(path, ocr, data)
    decision = parse_document(document, source=str(path))
    return dataclasses.replace(decision, warnings=notes + decision.warnings) if notes else decision


def read_source(path: Path, ocr: OcrReader | None = None, data: bytes | None = None
                ) -> tuple[Document, tuple[str, ...]]:
    """The :class:`Document` of ``path`` and notes about how it was read (encoding fallbacks, OCR)."""
    data = read_bytes(path) if data is None else data
    kind = _kind(path, data)
    if kind == "pdf":
        ocr_notes: list[str] = []
        return read_layout(pdf_text(path, data, ocr=ocr, notes=ocr_notes)), tuple(ocr_notes)
    if kind == "docx":
        from tthc_tools.decisions.word import docx_blocks  # python-docx is imported only for a Word file

        return read_blocks(docx_blocks(path, data)), ()
    text, notes = _decode(path, data)
    return read_flat(text), notes


def read_bytes(path: Path) -> bytes:
    """The content of the decision file ``path``; missing, not a file, unreadable or empty is bad input."""
    if not path.exists():
        raise BadInput(_("file not found"), path=str(path))
    if not path.is_file():
        raise BadInput(_("not a file"), path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(_("cannot read the file: {error}").format(error=exc.strerror), path=str(path)) from exc
    if not data.strip():
        raise BadInput(_("the file is empty"), path=str(path))
    return data


def _kind(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf" or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".docx" or (data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]):
        return "docx"
    if suffix in TEXT_SUFFIXES or not suffix:
        return "text"
    raise BadInput(
        _("unsupported file type {suffix}; decisions are read from {supported}").format(
            suffix=suffix, supported=", ".join(SUFFIXES)
        ),
        path=str(path),
    )


def _decode(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """Text in UTF-8 (BOM or not), UTF-16, Windows-1258 or a legacy font encoding; say which."""
    decoded = decode_bytes(data)
    if decoded.encoding in ("utf-8", "utf-8-sig", "utf-16"):
        return decoded.text, ()
    return decoded.text, (_("the text is not UTF-8; it was read as {encoding}").format(encoding=decoded.label),)


def pdf_text(
    path: Path, data: bytes | None = None, *, ocr: OcrReader | None = None, notes: list[str] | None = None
) -> list[str]:
    """The layout-mode text of every page of a PDF (columns kept as spaces).

    Pages without a text layer (scans) are read with ``ocr`` when it is given (and a note saying so is
    added to ``notes``); without it they raise :class:`NeedsOcr`. Raises :class:`BadInput` for a file
    that is not a PDF, encrypted, or damaged.
    """
    raw = read_bytes(path) if data is None else data
    if not raw[:1024].lstrip().startswith(b"%PDF-"):
        raise BadInput(_("not a PDF file"), path=str(path))
    pages, scanned = layout_text(path, raw, stop_at_scans=ocr is None)
    if pages:
        scanned = [n for n, page in enumerate(pages, 1) if len(re.sub(r"\s", "", page)) < _MIN_TEXT]
    if scanned and ocr is not None:
        return _with_ocr(path, pages, scanned, ocr, notes)
    if scanned:
        raise NeedsOcr(
            _("pages {pages} have no text layer (scanned); the PDF needs OCR before it can be read").format(
                pages=", ".join(map(str, scanned))
            ),
            path=str(path),
            hint=_("run it through `tthc scan ingest` first"),
        )
    return pages


def _with_ocr(path: Path, pages: list[str], scanned: list[int], ocr: OcrReader, notes: list[str] | None) -> list[str]:
    """``pages`` with the ``scanned`` ones (1-based) read by OCR."""
    texts = ocr(path, scanned)
    out = list(pages)
    for number, text in zip(scanned, texts, strict=True):
        out[number - 1] = text
    if notes is not None:
        notes.append(_("pages {pages} have no text layer; they were read by OCR (check the result)").format(
            pages=", ".join(map(str, scanned))))
    return out
