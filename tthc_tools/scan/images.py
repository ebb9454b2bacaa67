"""Page images with Pillow: loading with a decompression-bomb guard, resolution, turning upright.

How far a page must be turned and levelled is found by :mod:`tthc_tools.scan.orient`.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

MAX_PIXELS = 200_000_000
"""Refuse images above this many pixels (a 60000×60000 PNG is 3.6 billion): a decompression bomb."""
TARGET_DPI = 300
LOW_DPI = 200
A4_WIDTH_INCHES = 8.27
"""A page image that declares no resolution is taken to be an A4 page, portrait."""

Image.MAX_IMAGE_PIXELS = None  # our own guard below gives a clear reason instead of a warning


def check_size(width: int, height: int, where: str) -> None:
    """Raise :class:`BadInput` for an image too large to decode safely."""
    if width * height > MAX_PIXELS:
        raise BadInput(
            _("image claims {}×{} pixels, over the limit of {} million (a decompression bomb?)").format(
                width, height, MAX_PIXELS // 1_000_000),
            path=where,
        )


def open_image(data: bytes | Path, where: str) -> Image.Image:
    """Open an image (not yet decoded) after checking its claimed size."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data) if isinstance(data, bytes) else data)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise BadInput(_("not a readable image: {}").format(error), path=where) from error
    check_size(image.width, image.height, where)
    return image


def frames(image: Image.Image) -> Iterator[Image.Image]:
    """Every frame of a (multi-page TIFF) image."""
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        yield image


def image_dpi(image: Image.Image) -> float | None:
    """The resolution an image file declares (``None`` when it declares none or a silly one)."""
    dpi = image.info.get("dpi")
    if not dpi:
        return None
    try:
        value = float(dpi[0])
    except (TypeError, ValueError, IndexError):
        return None
    return value if 30 <= value <= 3000 else None


def page_dpi(image: Image.Image) -> float:
    """The resolution an image declares, else the one that makes it an A4 page wide."""
    return image_dpi(image) or image.width / A4_WIDTH_INCHES


def decode(image: Image.Image, where: str, dpi: float | None = None) -> Image.Image:
    """Decode ``image`` to grey levels, upright as its EXIF says.

    A JPEG is decoded straight to grey, and one above 300 dpi is scaled down while it is decoded.
    """
    try:
        if image.format == "JPEG":
            scale = TARGET_DPI / dpi if dpi and dpi > TARGET_DPI * 1.9 else 1.0
            image.draft("L", (int(image.width * scale), int(image.height * scale)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            upright = ImageOps.exif_transpose(image)
            return (upright or image).convert("L")
    except (OSError, ValueError, SyntaxError) as error:
        raise BadInput(_("image data is damaged: {}").format(error), path=where) from error


def to_target_dpi(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    """Downscale an image above 300 dpi to 300 dpi (never upscale); returns it and its new dpi."""
    if dpi <= TARGET_DPI * 1.05:
        return image, dpi
    scale = TARGET_DPI / dpi
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0), TARGET_DPI


def straighten(image: Image.Image, turn: int, skew: float) -> Image.Image:
    """``image`` turned ``turn`` degrees clockwise and rotated ``skew`` degrees to level its lines."""
    if turn:
        image = image.rotate(-turn, expand=True)
    if abs(skew) >= 0.3:
        image = image.rotate(skew, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    return image


def upright_copy(frame: Image.Image) -> Image.Image:
    """A decoded copy of ``frame`` as its EXIF orientation says, in a mode a PDF page can hold."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        image = ImageOps.exif_transpose(frame) or frame.copy()
    return image if image.mode in ("1", "L", "RGB") else image.convert("RGB")
