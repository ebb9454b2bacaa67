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
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

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


_RUNS = [0]


def _env() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def runs() -> int:
    """How many times this process has run tesseract on a page (a counter for tests and benchmarks)."""
    return _RUNS[0]


@functools.cache
def _facts() -> tuple[str, frozenset[str]]:
    """The version and the installed languages, asked of the binary itself, both runs at once
    (pytesseract, imported only to read pages, brings numpy, which a re-run never needs)."""
    try:
        asked = [subprocess.Popen(["tesseract", option], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL) for option in ("--version", "--list-langs")]
        (said, _e), (listed, _f) = (process.communicate(timeout=60) for process in asked)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise MissingDependency(_("tesseract is not installed or not on PATH"), hint=INSTALL_HINT) from error
    found = _VERSION.search(said.decode("utf-8", "replace"))
    if found is None:
        raise MissingDependency(_("tesseract is not installed or not on PATH"), hint=INSTALL_HINT)
    if asked[1].returncode not in (0, 1):
        raise MissingDependency(_("tesseract cannot list its languages: {}").format(
            listed.decode("utf-8", "replace").strip()[:200]), hint=INSTALL_HINT)
    names = (line.strip() for line in listed.decode("utf-8", "replace").splitlines())
    return found.group(1), frozenset(name for name in names if _LANG.match(name))


_VERSION = re.compile(r"(\d+\.\d+(?:\.\d+)?)")
_LANG = re.compile(r"^[a-z_]+$", re.IGNORECASE)


def version() -> str:
    """The tesseract version (``5.3.0``); raises :class:`MissingDependency` when it is not installed."""
    return _facts()[0]


def languages() -> frozenset[str]:
    """The language data tesseract has installed."""
    return _facts()[1]


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
    import pytesseract

    _env()
    _RUNS[0] += 1
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
