"""Page images with Pillow: loading with a decompression-bomb guard, resolution, orientation, deskew.

Orientation is found without an OSD pass of tesseract (which costs as much as reading the page):
on a small binarised copy, text lines make the row profile far more uneven than the column profile
(0°/180° against 90°/270°), and Latin-script lines carry more ink above their x-height band (capitals,
ascenders and Vietnamese tone marks) than below it (descenders and the dot below), which tells
upright from upside down. The pipeline double-checks doubtful pages with a second reading.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

MAX_PIXELS = 200_000_000
"""Refuse images above this many pixels (a 60000×60000 PNG is 3.6 billion): a decompression bomb."""
TARGET_DPI = 300
LOW_DPI = 200
A4_WIDTH_INCHES = 8.27
"""A page image that declares no resolution is taken to be an A4 page, portrait."""
ANALYSIS_WIDTH = 800

Image.MAX_IMAGE_PIXELS = None  # our own guard below gives a clear reason instead of a warning


@dataclass(frozen=True)
class Orientation:
    """How far the page must be turned clockwise to stand upright, how sure that is, and its skew."""

    rotate: int
    confidence: float
    skew: float = 0.0


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


def _binary(image: Image.Image) -> np.ndarray:
    scale = min(1.0, ANALYSIS_WIDTH / max(image.width, image.height) * 1.4)
    small = image.reduce(max(1, round(1 / scale))) if scale < 1 else image
    pixels = np.asarray(small, dtype=np.float32)
    threshold = min(float(pixels.mean()) - 2.0 * float(pixels.std()) * 0.5, 170.0)
    return pixels < threshold


def _turned(ink: np.ndarray, angle: float) -> np.ndarray:
    if angle == 0:
        return ink
    turned = Image.fromarray(ink.astype(np.uint8) * 255).rotate(angle, resample=Image.Resampling.NEAREST)
    return np.asarray(turned) > 0


def _line_score(ink: np.ndarray, angle: float) -> float:
    rows = _turned(ink, angle).sum(axis=1).astype(np.float64)
    return float((rows**2).sum()) * len(rows)


def find_skew(ink: np.ndarray, limit: float = 4.0, step: float = 0.5) -> tuple[float, float]:
    """The angle (degrees, counter-clockwise) that levels the text lines of ``ink``, and its score."""
    if ink.sum() < 50:
        return 0.0, 0.0
    scores = {float(a): _line_score(ink, float(a)) for a in np.arange(-limit, limit + 0.01, step)}
    best = max(scores, key=scores.__getitem__)
    return round(best, 2), scores[best]


def _lines(rows: np.ndarray) -> list[tuple[int, int]]:
    busy = rows > max(2.0, float(rows.max()) * 0.04)
    bands, start = [], None
    for index, flag in enumerate(busy):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            bands.append((start, index))
            start = None
    if start is not None:
        bands.append((start, len(busy)))
    heights = sorted(b - a for a, b in bands)
    if not heights:
        return []
    typical = heights[len(heights) // 2]
    return [(a, b) for a, b in bands if typical * 0.6 <= b - a <= typical * 2.5]


def upright_votes(ink: np.ndarray) -> list[float]:
    """Per text line, log of ink above its x-height band over ink below it: > 0 upright, < 0 upside down."""
    rows = ink.sum(axis=1).astype(np.float64)
    votes = []
    for top, bottom in _lines(rows):
        band = rows[top:bottom]
        core = np.nonzero(band >= band.max() * 0.55)[0]
        if len(core) < 2:
            continue
        reach = max(1, (bottom - top) // 3)
        x_top, x_bottom = top + int(core[0]), top + int(core[-1]) + 1
        above = float(rows[max(0, top - reach):x_top].sum()) + 1.0
        below = float(rows[x_bottom:min(len(rows), bottom + reach)].sum()) + 1.0
        votes.append(float(np.log(above / below)))
    return votes


def orientation(image: Image.Image, *, deskew: bool = True) -> Orientation:
    """Find the clockwise turn (0, 90, 180, 270) that makes ``image`` upright, and its skew."""
    ink = _binary(image)
    if ink.sum() < 100:
        return Orientation(0, 0.0)
    small = ink[::2, ::2]
    across = find_skew(small)
    down = find_skew(np.rot90(small, k=-1))
    horizontal = across[1] >= down[1]
    if not horizontal:
        ink = np.rot90(ink, k=-1)  # turn 90° clockwise: lines become horizontal
    coarse = across[0] if horizontal else down[0]
    skew = 0.0
    if deskew:
        skew, _score = find_skew(_turned(ink, coarse), limit=0.4, step=0.1)
        skew = round(coarse + skew, 1)
    votes = upright_votes(_turned(ink, skew))
    score = float(np.median(votes)) if votes else 0.0  # the median line: a seal or a logo cannot outvote the text
    base = 0 if horizontal else 90
    rotate = base if score >= 0 else (base + 180) % 360
    agreement = abs(float(np.mean(np.sign(votes)))) if votes else 0.0
    return Orientation(rotate, agreement, skew)


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
