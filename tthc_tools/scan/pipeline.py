"""Reading one page: load its pixels, bring it to 300 dpi, turn it upright, level it, OCR it once.

:func:`read_page` is what a worker runs for a :class:`~tthc_tools.scan.outcomes.PageJob`; it returns
a :class:`~tthc_tools.scan.outcomes.PageReading` (with ``error`` set when the page could not be read)
and never raises for a bad page. Orientation comes from :func:`tthc_tools.scan.orient.orientation`
(tens of milliseconds, no OSD pass); only a page whose first reading looks wrong — few Vietnamese
syllables, low confidence — is read a second time turned 180°, and the better reading is kept.
"""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image

from tthc_tools.errors import BadInput, TthcError
from tthc_tools.scan import images, orient, pdf, poppler, tesseract
from tthc_tools.scan.outcomes import PageJob, PageReading
from tthc_tools.scan.vietnamese import plausible_share

RETRY_SHARE = 0.6
RETRY_CONF = 60.0
MIN_WORDS = 8


def load(job: PageJob) -> tuple[Image.Image, float]:
    """The page's pixels in grey and their resolution."""
    path = Path(job.path)
    if job.source == "pdf-image":
        try:
            return _decoded(pdf.embedded_image(path, job.index, job.image_name), job)
        except BadInput:  # stored in a way pypdf or Pillow cannot decode (JBIG2 without jbig2dec): render it
            pass
    if job.source in ("pdf-image", "pdf-render"):
        return poppler.render(path, job.index, job.settings.target_dpi), float(job.settings.target_dpi)
    picture = images.open_image(path, job.path)
    picture.seek(job.index)
    return _decoded(picture, job)


def _decoded(picture: Image.Image, job: PageJob) -> tuple[Image.Image, float]:
    images.check_size(picture.width, picture.height, job.path)
    dpi = job.dpi or images.page_dpi(picture)
    width = picture.width
    grey = images.decode(picture, job.path, dpi)
    return grey, float(dpi) * grey.width / width


def _score(reading: tesseract.Reading) -> float:
    words = [w.text for w in reading.words]
    return plausible_share(words) * max(reading.mean_conf, 1.0)


def _poor(reading: tesseract.Reading) -> bool:
    if len(reading.words) < MIN_WORDS:
        return False
    return reading.mean_conf < RETRY_CONF or plausible_share([w.text for w in reading.words]) < RETRY_SHARE


def read_image(image: Image.Image, dpi: float, job: PageJob) -> tuple[tesseract.Reading, int, float, float, bool]:
    """OCR ``image``; returns the reading, the turn and skew applied, the dpi read at, and whether retried."""
    settings = job.settings
    image, dpi = images.to_target_dpi(image, dpi)
    found = orient.orientation(image, deskew=settings.deskew) if settings.orientation else orient.Orientation(0, 1)
    upright = images.straighten(image, found.rotate, found.skew)
    reading = tesseract.read(upright, lang=settings.lang, dpi=dpi, psm=settings.psm)
    turn, retried = found.rotate, False
    if settings.orientation and _poor(reading):
        retried = True
        other = tesseract.read(upright.rotate(180), lang=settings.lang, dpi=dpi, psm=settings.psm)
        if _score(other) > _score(reading) * 1.1:
            reading, turn = other, (found.rotate + 180) % 360
    return reading, turn, found.skew, dpi, retried


def read_page(job: PageJob) -> PageReading:
    """OCR one page job; a page that cannot be read comes back with ``error`` set."""
    started, before = time.perf_counter(), tesseract.runs()
    try:
        image, dpi = load(job)
        reading, turn, skew, dpi, retried = read_image(image, dpi, job)
    except TthcError as error:
        return PageReading(job.key, "", (), 0.0, 0, 0.0, 0.0, b"", error=error.message,
                           runs=tesseract.runs() - before)
    except (OSError, ValueError, MemoryError) as error:
        return PageReading(job.key, "", (), 0.0, 0, 0.0, 0.0, b"", error=f"{type(error).__name__}: {error}",
                           runs=tesseract.runs() - before)
    words = tuple((w.text, round(w.conf, 1), w.line) for w in reading.words)
    return PageReading(job.key, reading.text, words, round(reading.mean_conf, 2), turn, skew, dpi, reading.pdf,
                       seconds=round(time.perf_counter() - started, 3), retried=retried,
                       runs=tesseract.runs() - before)
