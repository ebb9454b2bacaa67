"""Finding the files of a batch and planning each: what it really is, its pages, what each page needs.

The format is sniffed from the first bytes, not taken from the extension (a ``.pdf`` that is really a
JPEG is read as the JPEG it is, and the outcome says so). Files that cannot be read — gone, a dangling
link, a FIFO or device, no permission, zero bytes — are reported with their reason, never opened in a
way that could hang or crash the batch.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.scan import images, poppler
from tthc_tools.scan.outcomes import EngineSettings, PageJob, SkipFile

SUFFIXES = {".pdf": "pdf", ".tif": "tiff", ".tiff": "tiff", ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png"}
LOW_DPI = images.LOW_DPI


@dataclass
class PagePlan:
    """One page: its number (from 1), where its text comes from, its resolution, its OCR job if any."""

    no: int
    source: str  # "text", "blank", "ocr", "mixed"
    text: str = ""
    dpi: float | None = None
    job: PageJob | None = None

    @property
    def low_dpi(self) -> bool:
        return self.dpi is not None and self.dpi < LOW_DPI - 0.5


@dataclass
class FilePlan:
    path: Path
    sha256: str
    size: int
    format: str
    signed: bool = False
    pages: list[PagePlan] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover(paths: list[Path]) -> list[Path]:
    """The files named, and those under the folders named (recursively, sorted), without duplicates."""
    found: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                for name in sorted(names):
                    if Path(name).suffix.lower() in SUFFIXES:
                        found.setdefault(os.path.abspath(Path(folder) / name), Path(folder) / name)
        else:
            found.setdefault(os.path.abspath(path), path)
    return list(found.values())


def sniff(head: bytes) -> str:
    """The real format of a file from its first bytes (``""`` when it is none we read)."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return ""


def read_identity(path: Path) -> tuple[str, int, str]:
    """sha256, size and sniffed format of a regular, readable, non-empty file; else a reason."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        raise BadInput(_("cannot read: file not found (a dangling link?)"), path=str(path)) from error
    except OSError as error:
        raise BadInput(_("cannot read: {}").format(error.strerror), path=str(path)) from error
    if stat.S_ISDIR(info.st_mode):
        raise SkipFile(_("a folder, not a file"), path=str(path))
    if not stat.S_ISREG(info.st_mode):
        raise SkipFile(_("not a regular file (a FIFO, socket or device)"), path=str(path))
    if info.st_size == 0:
        raise BadInput(_("empty file (0 bytes)"), path=str(path))
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            digest.update(head)
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as error:
        raise BadInput(_("cannot read: {}").format(error.strerror), path=str(path)) from error
    return digest.hexdigest(), info.st_size, sniff(head)


def _key(content: str, settings: EngineSettings) -> str:
    return hashlib.sha256(f"{content}|{settings.signature()}".encode()).hexdigest()


def plan(path: Path, settings: EngineSettings, identity: tuple[str, int, str] | None = None) -> FilePlan:
    """Plan the pages of ``path`` (identified by :func:`read_identity` unless ``identity`` is given);
    raises BadInput / SkipFile with the reason it cannot be read."""
    result = empty_plan(path, identity or read_identity(path))
    if result.format == "pdf":
        _plan_pdf(result, settings)
    else:
        _plan_image(result, settings)
    return result


def empty_plan(path: Path, identity: tuple[str, int, str]) -> FilePlan:
    """A plan without pages yet, noting a name that lies about the format; SkipFile for a format we do not read."""
    sha, size, real = identity
    declared = SUFFIXES.get(path.suffix.lower(), "")
    if not real:
        raise SkipFile(_("not a PDF, TIFF, JPEG or PNG file"), path=str(path))
    result = FilePlan(path, sha, size, real)
    if declared and declared != real:
        result.notes.append(_("the file is a {} although its name ends in {}; read as {}").format(
            real.upper(), path.suffix, real.upper()))
    return result


def render_job(plan: FilePlan, number: int, settings: EngineSettings) -> PageJob:
    """The job of page ``number`` (from 1) of a planned PDF: its own, or else one rendering the page
    (for a page the plan does not OCR, keyed by the file's content and the page number)."""
    page = plan.pages[number - 1] if number <= len(plan.pages) else None
    if page is not None and page.job is not None:
        return page.job
    return PageJob(str(plan.path), "pdf-render", number - 1, _key(f"{plan.sha256}#{number - 1}", settings), settings)


def _plan_pdf(result: FilePlan, settings: EngineSettings) -> None:
    from tthc_tools.scan import pdf  # pypdf only when a PDF is planned (a re-run needs none)

    extracting = poppler.start_texts(result.path)  # runs while pypdf reads the structure
    try:
        reader = pdf.open_pdf(result.path)
    except BaseException:
        extracting.kill()
        extracting.communicate()
        raise
    texts = poppler.page_texts(result.path, len(reader.pages), started=extracting)
    info = pdf.triage(result.path, texts, reader)
    result.signed = info.signed
    for page in info.pages:
        entry = PagePlan(page.index + 1, {"image": "ocr"}.get(page.kind, page.kind), page.text, page.dpi)
        if page.method:
            job_dpi = page.dpi if page.method == "pdf-image" else None
            entry.job = PageJob(str(result.path), page.method, page.index, _key(page.key, settings), settings,
                                page.image_name, job_dpi)
        result.pages.append(entry)


def _plan_image(result: FilePlan, settings: EngineSettings) -> None:
    picture = images.open_image(result.path, str(result.path))
    count = getattr(picture, "n_frames", 1)
    for index, frame in enumerate(images.frames(picture)):
        images.check_size(frame.width, frame.height, str(result.path))
        dpi = images.image_dpi(frame)
        job = PageJob(str(result.path), "image", index, _key(f"{result.sha256}#{index}", settings), settings, "",
                      dpi)
        shown = dpi or round(frame.width / images.A4_WIDTH_INCHES, 1)
        result.pages.append(PagePlan(index + 1, "ocr", "", shown, job))
    if count == 0:
        raise BadInput(_("image has no frames"), path=str(result.path))
