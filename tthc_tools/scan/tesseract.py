"""The tesseract binary, driven with pytesseract: the only module that knows about either.

One call of :func:`read` runs tesseract once on a page image and keeps three of its outputs: the
plain text, the word table (TSV: boxes and confidences) and a text-only PDF page (the invisible text
layer that :mod:`tthc_tools.scan.searchable` lays over the original page image). Each tesseract runs
on one thread (``OMP_THREAD_LIMIT=1``); parallelism comes from the process pool.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytesseract
from PIL import Image

from tthc_tools.errors import MissingDependency, TthcError
from tthc_tools.i18n import _

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-vie"
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else None


class OcrFailed(TthcError):
    """Tesseract ran but failed on one page (the page, not the batch, fails)."""


@dataclass(frozen=True)
class Word:
    """One word tesseract read: text, confidence 0-100, box (pixels), and its line number on the page."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: int


@dataclass(frozen=True)
class Reading:
    """What one tesseract run gave for a page."""

    text: str
    words: tuple[Word, ...]
    pdf: bytes

    @property
    def mean_conf(self) -> float:
        """Mean word confidence weighted by word length (0 when nothing was read)."""
        total = sum(len(w.text) for w in self.words)
        return sum(w.conf * len(w.text) for w in self.words) / total if total else 0.0


def _env() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


@functools.cache
def version() -> str:
    """The tesseract version (``5.3.0``); raises :class:`MissingDependency` when it is not installed."""
    try:
        return str(pytesseract.get_tesseract_version()).split()[0]
    except (pytesseract.TesseractNotFoundError, OSError) as error:
        raise MissingDependency(_("tesseract is not installed or not on PATH"), hint=INSTALL_HINT) from error


@functools.cache
def languages() -> frozenset[str]:
    """The language data tesseract has installed."""
    version()
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError) as error:
        raise MissingDependency(_("tesseract cannot list its languages: {}").format(error), hint=INSTALL_HINT) from error


def available(lang: str = "vie") -> bool:
    """True when tesseract and the language data for ``lang`` are installed."""
    try:
        require(lang)
    except MissingDependency:
        return False
    return True


def require(lang: str) -> str:
    """Check tesseract and every language of ``lang`` (``vie+eng``); returns the tesseract version."""
    found = version()
    missing = [part for part in lang.split("+") if part not in languages()]
    if missing:
        raise MissingDependency(
            _("tesseract has no language data for {}").format(", ".join(missing)),
            hint="apt-get install " + " ".join(f"tesseract-ocr-{m}" for m in missing),
        )
    return found


def read(image: Image.Image, *, lang: str, dpi: float, psm: int = 3, timeout: float = 600) -> Reading:
    """OCR ``image`` once: text, word table and text-only PDF page (``dpi`` sizes that page)."""
    _env()
    with tempfile.TemporaryDirectory(prefix="tthc-ocr-", dir=SCRATCH) as folder:
        source = Path(folder) / "page.pgm"
        image.convert("L").save(source)
        base = Path(folder) / "out"
        config = f"--psm {psm} --dpi {round(dpi)} -c tessedit_create_tsv=1 -c textonly_pdf=1"
        try:
            pytesseract.pytesseract.run_tesseract(str(source), str(base), "txt pdf", lang, config, 0, timeout)
        except pytesseract.TesseractNotFoundError as error:
            raise MissingDependency(_("tesseract is not installed or not on PATH"), hint=INSTALL_HINT) from error
        except RuntimeError as error:  # pytesseract's timeout
            raise OcrFailed(_("tesseract took longer than {} s").format(timeout)) from error
        except pytesseract.TesseractError as error:
            raise OcrFailed(_("tesseract failed: {}").format(str(error.message).strip()[:300])) from error
        text = (base.with_suffix(".txt")).read_text(encoding="utf-8", errors="replace")
        words = parse_tsv((base.with_suffix(".tsv")).read_text(encoding="utf-8", errors="replace"))
        pdf = (base.with_suffix(".pdf")).read_bytes()
    return Reading(text, words, pdf)


_TAB = re.compile("\t")


def parse_tsv(tsv: str) -> tuple[Word, ...]:
    """The words of tesseract's TSV output, with a page-wide line number for each."""
    words = []
    lines: dict[tuple[str, str, str], int] = {}
    for row in tsv.splitlines()[1:]:
        cells = _TAB.split(row)
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        key = (cells[2], cells[3], cells[4])
        line = lines.setdefault(key, len(lines))
        try:
            words.append(Word(cells[11].strip(), float(cells[10]), int(cells[6]), int(cells[7]), int(cells[8]),
                              int(cells[9]), line))
        except ValueError:
            continue
    return tuple(words)
