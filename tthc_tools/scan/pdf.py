"""PDF structure with pypdf (the only pypdf user of the package): triage, page images, overlays, layout text.

Triage decides per page whether its text layer is real text, whether it is an image to OCR (one
embedded image covering the page, taken as is; anything else rendered), or both; it also finds the
resolution of the images drawn, whether the file is encrypted or signed. The original is only read.
:func:`layout_text` gives the layout-mode text that :mod:`tthc_tools.decisions` reads annex tables from.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, PdfReadError, PyPdfError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
)

from tthc_tools.errors import BadInput, MissingDependency
from tthc_tools.i18n import _
from tthc_tools.scan.outcomes import SkipFile

logging.getLogger("pypdf").setLevel(logging.ERROR)

MIN_LETTERS = 40
COVER = 0.85
_TOKEN = re.compile(rb"[^\s\[\]()<>{}/%]+|/[^\s\[\]()<>{}/%]+")


@dataclass(frozen=True)
class PdfPage:
    """What triage found on one page."""

    index: int
    kind: str  # "text", "image", "mixed" or "blank"
    text: str
    method: str  # "pdf-image" (the embedded image as is), "pdf-render", or "" (nothing to OCR)
    dpi: float | None
    key: str
    image_name: str = ""


@dataclass(frozen=True)
class PdfInfo:
    pages: tuple[PdfPage, ...]
    signed: bool


def open_pdf(path: Path) -> PdfReader:
    """Open ``path`` for reading; damaged, truncated or encrypted files raise with a reason."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(path, strict=False)
            encrypted = reader.is_encrypted
            count = len(reader.pages) if not encrypted else 0
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise BadInput(_("damaged or truncated PDF: {}").format(error), path=str(path)) from error
    if encrypted:
        raise SkipFile(_("encrypted PDF; digitise a decrypted copy"), path=str(path),
                       hint=_("qpdf --decrypt [--password=…] in.pdf out.pdf"))
    if count == 0:
        raise BadInput(_("PDF has no pages (damaged or truncated?)"), path=str(path))
    return reader


def is_signed(reader: PdfReader) -> bool:
    """True when the PDF carries a digital signature field with a value."""
    try:
        root: Any = reader.trailer["/Root"]
        form: Any = root.get("/AcroForm")
        fields = list(form.get_object().get("/Fields", [])) if form else []
        while fields:
            field = fields.pop().get_object()
            if field.get("/FT") == "/Sig" and field.get("/V") is not None:
                return True
            fields.extend(field.get("/Kids", []))
    except (PyPdfError, AttributeError, KeyError, TypeError):
        return False
    return False


def _mul(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    g, h, i, j, k, l_ = n
    return (a * g + b * i, a * h + b * j, c * g + d * i, c * h + d * j, e * g + f * i + k, e * h + f * j + l_)


def placements(content: bytes) -> list[tuple[str, tuple[float, ...]]]:
    """Each XObject drawn by ``content`` (``/Name Do``) with the matrix in force."""
    if b"Do" not in content:
        return []
    stack: list[tuple[float, ...]] = []
    current: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    found = []
    operands: list[bytes] = []
    for token in _TOKEN.findall(content):
        if token == b"q":
            stack.append(current)
        elif token == b"Q":
            current = stack.pop() if stack else (1, 0, 0, 1, 0, 0)
        elif token == b"cm" and len(operands) >= 6:
            try:
                current = _mul(tuple(float(v) for v in operands[-6:]), current)
            except ValueError:
                pass
        elif token == b"Do" and operands and operands[-1].startswith(b"/"):
            found.append((operands[-1].decode("latin-1"), current))
        if token[:1].isalpha() and token not in (b"true", b"false", b"null"):
            operands = []
        else:
            operands.append(token)
            if len(operands) > 8:
                del operands[:-8]
    return found


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _resources(page: Any) -> dict[str, Any]:
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources else None
    return {name: ref.get_object() for name, ref in xobjects.get_object().items()} if xobjects else {}


def _stream_hash(obj: Any) -> str:
    raw = getattr(obj, "_data", b"") or b""
    return hashlib.sha256(raw).hexdigest()


def _page_key(page: Any, content: bytes, xobjects: dict[str, Any]) -> str:
    digest = hashlib.sha256(content)
    for name in sorted(xobjects):
        digest.update(name.encode() + _stream_hash(xobjects[name]).encode())
    digest.update(repr([float(v) for v in page.mediabox]).encode() + str(page.get("/Rotate", 0)).encode())
    return digest.hexdigest()


def triage_page(page: Any, index: int, text: str) -> PdfPage:
    """Classify one page (``text`` is its text layer as poppler extracted it)."""
    xobjects = _resources(page)
    has_text = _letters(text) >= MIN_LETTERS and text.count("\ufffd") < len(text) * 0.05
    big = [o for o in xobjects.values() if o.get("/Subtype") == "/Image"
           and int(o.get("/Width", 0)) >= 600 and int(o.get("/Height", 0)) >= 600]
    if has_text and not big:  # logos and seals on a text page: nothing to OCR
        return PdfPage(index, "text", text, "", None, "")
    content = page.get_contents()
    data = content.get_data() if content is not None else b""
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    area = max(1.0, width * height)
    drawn_objects = placements(data)
    dpis, covering = [], ""
    for name, matrix in drawn_objects:
        obj = xobjects.get(name)
        if obj is None or obj.get("/Subtype") != "/Image":
            continue
        w_pt, h_pt = abs(matrix[0]) + abs(matrix[2]), abs(matrix[1]) + abs(matrix[3])
        if w_pt < 1 or h_pt < 1:
            continue
        dpis.append(min(int(obj.get("/Width", 0)) / w_pt * 72, int(obj.get("/Height", 0)) / h_pt * 72))
        simple = matrix[1] == 0 and matrix[2] == 0 and matrix[0] > 0 and matrix[3] > 0
        if w_pt * h_pt >= COVER * area and simple and int(page.get("/Rotate", 0)) % 360 == 0:
            covering = name
    dpi = round(min(dpis), 1) if dpis else None
    drawn = bool(dpis) or len(data) > 2000
    kind = ("mixed" if covering else "text") if has_text else "image" if drawn else "blank"
    if kind in ("text", "blank"):
        return PdfPage(index, kind, text, "", None, "")
    if covering and sum(1 for n, _m in drawn_objects if n in xobjects) == 1:
        obj = xobjects[covering]
        key = hashlib.sha256(f"{_stream_hash(obj)} {obj.get('/Width')}x{obj.get('/Height')}".encode()).hexdigest()
        return PdfPage(index, kind, text, "pdf-image", dpi, key, covering)
    return PdfPage(index, kind, text, "pdf-render", dpi, _page_key(page, data, xobjects))


def triage(path: Path, texts: list[str], reader: PdfReader | None = None) -> PdfInfo:
    """Triage every page of ``path``; ``texts`` are the pages' text layers."""
    reader = reader or open_pdf(path)
    pages = []
    for index, page in enumerate(reader.pages):
        try:
            pages.append(triage_page(page, index, texts[index] if index < len(texts) else ""))
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
            raise BadInput(_("damaged page: {}").format(error), path=str(path),
                           location=_("page {}").format(index + 1)) from error
    return PdfInfo(tuple(pages), is_signed(reader))


@functools.lru_cache(maxsize=4)
def _cached_reader(path: str, mtime_ns: int, size: int) -> PdfReader:
    return open_pdf(Path(path))


def embedded_image(path: Path, index: int, name: str) -> Image.Image:
    """The image ``name`` drawn on page ``index``, decoded as stored (JPEG bytes are taken as they are).

    A worker keeps the last few files open, so the pages of one PDF do not each parse it again.
    """
    info = path.stat()
    reader = _cached_reader(str(path), info.st_mtime_ns, info.st_size)
    try:
        page = reader.pages[index]
        obj = _resources(page)[name]
        filters = obj.get("/Filter")
        if filters == "/DCTDecode" or (isinstance(filters, list) and filters == ["/DCTDecode"]):
            return Image.open(io.BytesIO(obj._data))
        for image in page.images:
            if image.name.split(".")[0] == name.lstrip("/") or image.name == name:
                if image.image is not None:
                    return image.image
                break
    except (PyPdfError, DependencyError, KeyError, ValueError, TypeError, AttributeError, NotImplementedError, OSError):
        pass  # a filter pypdf cannot decode here (JBIG2 without jbig2dec), or a damaged stream
    raise BadInput(_("cannot decode the page image {}").format(name), path=str(path),
                   location=_("page {}").format(index + 1))


# --- the layout-mode text of a document (decisions) ------------------------------------------------


def layout_text(path: Path, raw: bytes, *, stop_at_scans: bool = False) -> tuple[list[str], list[int]]:
    """The layout-mode text of every page of the PDF ``raw`` (read from ``path``; columns kept as
    spaces), and the numbers (from 1) of the pages without fonts: scans, whose text is ``""``.

    A PDF that only restricts printing or copying opens with the empty password. With
    ``stop_at_scans`` no text is extracted once a scanned page is found (the list of texts is empty).
    Raises :class:`BadInput` for a file that is encrypted, has no pages, or is damaged.
    """
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not _decrypt(reader):
            raise BadInput(_("the PDF is encrypted; open it with its password and save a copy without one"),
                           path=str(path))  # fmt: skip
        if not reader.pages:
            raise BadInput(_("the PDF has no pages"), path=str(path))
        scanned = [number for number, page in enumerate(reader.pages, 1) if not _has_fonts(page)]
        pages = [] if scanned and stop_at_scans else [
            "" if n in scanned else page.extract_text(extraction_mode="layout") for n, page in enumerate(reader.pages, 1)
        ]
    except DependencyError as exc:
        raise MissingDependency(_("reading this PDF needs the 'cryptography' package: {error}").format(error=exc)) from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise BadInput(_("the PDF is damaged or truncated ({error})").format(error=exc), path=str(path)) from exc
    return pages, scanned


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


# --- the searchable PDF ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overlay:
    """A text-only PDF page from tesseract and how the page image was turned to read it."""

    pdf: bytes
    rotation: int


def _inherited(node: Any, name: str) -> Any:
    """``node[name]`` or, when the page has none, its nearest ancestor's (resources may be inherited)."""
    while node is not None:
        if name in node:
            return node[name].get_object()
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return None


def _stream(writer: PdfWriter, data: bytes) -> Any:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream)


def _lay(writer: PdfWriter, page: Any, overlay: Overlay) -> None:
    """Lay tesseract's text-only page over ``page`` as a form XObject drawn after the page's own content
    (kept whole between ``q``/``Q``): the text layer's content stream is not parsed (pypdf's page merge
    parses it, 100 ms a page). A page read turned is turned upright first (its own content is small)."""
    if overlay.rotation:
        page.rotate(overlay.rotation)
        page.transfer_rotation_to_content()
    text_page: Any = PdfReader(io.BytesIO(overlay.pdf)).pages[0]
    contents = text_page["/Contents"].get_object()
    parts: Any = contents if isinstance(contents, ArrayObject) else [contents]
    form = DecodedStreamObject()
    form.set_data(b"\n".join(part.get_object().get_data() for part in parts))
    box, text_box = page.mediabox, text_page.mediabox
    scale = (float(box.width) / float(text_box.width), float(box.height) / float(text_box.height))
    form.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): RectangleObject(text_box),
        NameObject("/Matrix"): ArrayObject(FloatObject(v) for v in (scale[0], 0, 0, scale[1], box.left, box.bottom)),
        NameObject("/Resources"): text_page["/Resources"].get_object().clone(writer),
    })
    resources = DictionaryObject(_inherited(page, "/Resources") or {})
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    name = next(f"/TthcOcr{n}" for n in range(len(xobjects) + 1) if f"/TthcOcr{n}" not in xobjects)
    xobjects[NameObject(name)] = writer._add_object(form.flate_encode())
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    own = page.raw_get("/Contents") if "/Contents" in page else None
    own = own.get_object() if isinstance(own, IndirectObject) and isinstance(own.get_object(), ArrayObject) else own
    kept = list(own) if isinstance(own, ArrayObject) else [] if own is None else [
        own if isinstance(own, IndirectObject) else writer._add_object(own)]
    page[NameObject("/Contents")] = ArrayObject([_stream(writer, b"q\n"), *kept,
                                                 _stream(writer, f"\nQ\nq {name} Do Q\n".encode())])


def searchable_from_pdf(path: Path, overlays: dict[int, Overlay], *, incremental: bool = False) -> bytes:
    """A copy of the PDF at ``path`` with an invisible text layer on the pages in ``overlays``.

    ``incremental`` appends the changes after the original bytes (an incremental update), so the
    digital signature of a signed original still validates for the revision it signed.
    """
    try:
        writer = _incremental(path) if incremental else None
        writer = writer or PdfWriter(clone_from=open_pdf(path))
        for index, overlay in overlays.items():
            _lay(writer, writer.pages[index], overlay)
        return _written(writer)
    except (PyPdfError, DependencyError, KeyError, ValueError, TypeError, AttributeError, RecursionError) as error:
        raise BadInput(_("damaged or truncated PDF: {}").format(error), path=str(path)) from error


def _incremental(path: Path) -> PdfWriter | None:
    try:
        return PdfWriter(path, incremental=True)
    except TypeError:  # pypdf < 5.1 cannot append an incremental update
        return None


def searchable_from_images(pages: list[tuple[Image.Image, float, Overlay | None]]) -> bytes:
    """A PDF of page images (at their dpi) each with its invisible text layer."""
    writer = PdfWriter()
    for image, dpi, overlay in pages:
        buffer = io.BytesIO()
        picture = image if image.mode in ("1", "L", "RGB") else image.convert("RGB")
        picture.save(buffer, "PDF", resolution=dpi, quality=90)
        writer.add_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])
        if overlay is not None:
            _lay(writer, writer.pages[-1], overlay)
    return _written(writer)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


__all__ = ["Overlay", "PdfInfo", "PdfPage", "embedded_image", "is_signed", "layout_text", "open_pdf",
           "placements", "searchable_from_images", "searchable_from_pdf", "triage"]
