"""The values the scan pipeline passes around: page jobs, page readings, file outcomes.

Skipped and failed are values with a reason, not exceptions that stop a batch. Everything here is
plain data that pickles, so a page job can go to a local process or (later) to a remote worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

OK, SKIPPED, FAILED = "ok", "skipped", "failed"


def status_label(status: str) -> str:
    """``ok``, ``skipped`` or ``failed`` for people (JSON keeps the key)."""
    return {OK: _("ok"), SKIPPED: _("skipped"), FAILED: _("failed")}.get(status, status)


class SkipFile(BadInput):
    """The file is not processed, for a reason that is not an error of the tool (encrypted, not a scan…)."""


@dataclass(frozen=True)
class EngineSettings:
    """Everything that changes what OCR gives for the same pixels: part of the page cache key."""

    lang: str = "vie"
    psm: int = 3
    tesseract: str = ""
    target_dpi: int = 300
    orientation: bool = True
    deskew: bool = True
    pipeline: str = "1"

    def signature(self) -> str:
        return (f"tesseract {self.tesseract} lang={self.lang} psm={self.psm} dpi={self.target_dpi} "
                f"orient={int(self.orientation)} deskew={int(self.deskew)} v{self.pipeline}")


@dataclass(frozen=True)
class PageJob:
    """One page to OCR: where its pixels are (file, kind of source, page or frame) and its cache key."""

    path: str
    source: str  # "image" (frame of an image file), "pdf-image" (embedded image), "pdf-render"
    index: int
    key: str
    settings: EngineSettings
    image_name: str = ""
    dpi: float | None = None


@dataclass(frozen=True)
class PageReading:
    """The OCR of one page as the cache keeps it."""

    key: str
    text: str
    words: tuple[tuple[str, float, int], ...]  # (text, confidence, line)
    mean_conf: float
    rotation: int
    skew: float
    dpi: float
    pdf: bytes
    seconds: float = 0.0
    retried: bool = False
    error: str = ""
    runs: int = 0  # runs of the tesseract binary it took (0 when it came from the cache)


@dataclass
class FileOutcome:
    """How one file ended: ok, skipped or failed, with its reason and what was made of it."""

    path: str
    status: str
    reason: str = ""
    pages: int = 0
    ocr_pages: int = 0
    cached_pages: int = 0
    text_pages: int = 0
    low_dpi_pages: list[int] = field(default_factory=list)
    min_dpi: float | None = None
    signed: bool = False
    outputs: list[str] = field(default_factory=list)
    result_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "status": self.status, "reason": self.reason, "pages": self.pages,
            "ocr_pages": self.ocr_pages, "cached_pages": self.cached_pages, "text_pages": self.text_pages,
            "low_dpi_pages": self.low_dpi_pages, "min_dpi": self.min_dpi, "signed": self.signed,
            "outputs": self.outputs, "result_id": self.result_id, "notes": self.notes,
        }
