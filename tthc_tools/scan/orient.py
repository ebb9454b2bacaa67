"""Which way up a page image is, and how skewed: numpy on a small binarised copy (workers only).

Orientation is found without an OSD pass of tesseract (which costs as much as reading the page):
on a small binarised copy, text lines make the row profile far more uneven than the column profile
(0°/180° against 90°/270°), and Latin-script lines carry more ink above their x-height band (capitals,
ascenders and Vietnamese tone marks) than below it (descenders and the dot below), which tells
upright from upside down. The pipeline double-checks doubtful pages with a second reading.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

ANALYSIS_WIDTH = 800


@dataclass(frozen=True)
class Orientation:
    """How far the page must be turned clockwise to stand upright, how sure that is, and its skew."""

    rotate: int
    confidence: float
    skew: float = 0.0


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
