"""Getting a decision's text out of a file: markdown/text, PDF with a text layer, DOCX.

This is the one module of the package that opens files and talks to pypdf and python-docx. Every
failure a user can cause (missing, empty, wrong type, encrypted, damaged) becomes a
:class:`~tthc_tools.errors.BadInput` naming the file. A PDF without a text layer raises
:class:`NeedsOcr`: :func:`pdf_text` is the single place where scanned PDFs can later be routed to the
OCR pipeline (``tthc_tools.scan``).
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError

from tthc_tools.decisions.events import Document
from tthc_tools.decisions.flat import read_flat
from tthc_tools.decisions.grid import Block, Grid, read_blocks
from tthc_tools.decisions.layout import read_layout
from tthc_tools.decisions.model import Decision
from tthc_tools.decisions.parse import parse_document
from tthc_tools.encodings import decode_bytes
from tthc_tools.errors import BadInput, MissingDependency
from tthc_tools.i18n import _

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SUFFIXES = (*TEXT_SUFFIXES, ".pdf", ".docx")
_MIN_TEXT = 20


OcrReader = Callable[[Path, Sequence[int]], list[str]]
"""Reads pages (1-based numbers) of a scanned PDF by OCR and returns their texts, in the same order."""


class NeedsOcr(BadInput):
    """A PDF without a text layer (a scan): it has to be read by OCR first."""


def read_decision(path: Path | str, *, ocr: OcrReader | None = None) -> Decision:
    """Read and parse the decision in ``path`` (.md/.txt, .pdf with a text layer, .docx).

    Scanned PDF pages are read with ``ocr`` when it is given; without it they raise :class:`NeedsOcr`.
    """
    path = Path(path)
    document, notes = read_source(path, ocr)
    decision = parse_document(document, source=str(path))
    return dataclasses.replace(decision, warnings=notes + decision.warnings) if notes else decision


def read_source(path: Path, ocr: OcrReader | None = None) -> tuple[Document, tuple[str, ...]]:
    """The :class:`Document` of ``path`` and notes about how it was read (encoding fallbacks, OCR)."""
    data = _read_bytes(path)
    kind = _kind(path, data)
    if kind == "pdf":
        ocr_notes: list[str] = []
        return read_layout(pdf_text(path, data, ocr=ocr, notes=ocr_notes)), tuple(ocr_notes)
    if kind == "docx":
        return read_blocks(docx_blocks(path, data)), ()
    text, notes = _decode(path, data)
    return read_flat(text), notes


def _read_bytes(path: Path) -> bytes:
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
    raw = _read_bytes(path) if data is None else data
    if not raw[:1024].lstrip().startswith(b"%PDF-"):
        raise BadInput(_("not a PDF file"), path=str(path))
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not _decrypt(reader):
            raise BadInput(_("the PDF is encrypted; open it with its password and save a copy without one"),
                           path=str(path))  # fmt: skip
        if not reader.pages:
            raise BadInput(_("the PDF has no pages"), path=str(path))
        scanned = [number for number, page in enumerate(reader.pages, 1) if not _has_fonts(page)]
        pages = [] if scanned and ocr is None else [
            "" if n in scanned else page.extract_text(extraction_mode="layout") for n, page in enumerate(reader.pages, 1)
        ]
    except DependencyError as exc:
        raise MissingDependency(_("reading this PDF needs the 'cryptography' package: {error}").format(error=exc)) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise BadInput(_("the PDF is damaged or truncated ({error})").format(error=exc), path=str(path)) from exc
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


def _has_fonts(page: Any, depth: int = 0) -> bool:
    """True when a page (or a form drawn on it) has fonts: a page without any is an image (a scan).

    Checking this first spares parsing the image data of scanned pages (seconds each).
    """
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    if resources.get("/Font"):
        return True
    xobjects = resources.get("/XObject")
    for item in (xobjects.get_object().values() if xobjects is not None and depth < 3 else []):
        form = item.get_object()
        if form.get("/Subtype") == "/Form" and _has_fonts(form, depth + 1):
            return True
    return False


def _decrypt(reader: PdfReader) -> bool:
    """Try the empty user password (PDFs that only restrict printing or copying open with it)."""
    try:
        return bool(reader.decrypt(""))
    except DependencyError:
        raise
    except (PdfReadError, ValueError, NotImplementedError):
        return False


def docx_blocks(path: Path, data: bytes | None = None) -> list[Block]:
    """Paragraph texts and table grids of a DOCX body, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    raw = _read_bytes(path) if data is None else data
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(_("not a readable DOCX file ({error})").format(error=exc), path=str(path)) from exc
    return [_grid(item) if isinstance(item, Table) else item.text for item in document.iter_inner_content()]


def _grid(table: Any) -> Grid:
    """A python-docx table as rows of cell texts, ``None`` where a cell spans from its left."""
    grid: Grid = []
    for row in table.rows:
        cells: list[str | None] = []
        previous = None
        for cell in row.cells:
            cells.append(None if previous is not None and cell._tc is previous._tc else cell.text)
            previous = cell
        grid.append(cells)
    return grid
