"""poppler-utils: ``pdftotext`` (fast text layers) and ``pdftoppm`` (rendering pages to images).

pypdf reads the structure (:mod:`tthc_tools.scan.pdf`); poppler's C tools do the two jobs where pure
Python is too slow: extracting the text of hundreds of pages a second and rasterising vector pages.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from tthc_tools.errors import BadInput, MissingDependency
from tthc_tools.i18n import _

INSTALL_HINT = "apt-get install poppler-utils"


@functools.cache
def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise MissingDependency(_("{} is not installed").format(name), hint=INSTALL_HINT)
    return found


def available() -> bool:
    """True when pdftotext and pdftoppm are installed."""
    return bool(shutil.which("pdftotext") and shutil.which("pdftoppm"))


def start_texts(path: Path) -> subprocess.Popen[bytes]:
    """Start extracting the text layer of every page (collect it with :func:`page_texts`)."""
    return subprocess.Popen([_tool("pdftotext"), "-q", "-enc", "UTF-8", str(path), "-"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)


def page_texts(path: Path, pages: int, timeout: float = 300, started: subprocess.Popen[bytes] | None = None) -> list[str]:
    """The text layer of every page (``""`` for a page without one), in reading order."""
    process = started or start_texts(path)
    try:
        out, _err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise BadInput(_("pdftotext took longer than {} s").format(timeout), path=str(path)) from error
    parts = out.decode("utf-8", errors="replace").split("\f")
    if process.returncode != 0 and len(parts) < pages:
        return [""] * pages
    return [*parts[:pages], *[""] * max(0, pages - len(parts))]


def render(path: Path, page: int, dpi: int, timeout: float = 300) -> Image.Image:
    """Page ``page`` (0-based) of ``path`` rendered in grey at ``dpi``."""
    with tempfile.TemporaryDirectory(prefix="tthc-render-") as folder:
        base = Path(folder) / "page"
        command = [_tool("pdftoppm"), "-q", "-gray", "-r", str(dpi), "-f", str(page + 1), "-l", str(page + 1),
                   "-singlefile", str(path), str(base)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise BadInput(_("rendering took longer than {} s").format(timeout), path=str(path),
                           location=_("page {}").format(page + 1)) from error
        output = base.with_suffix(".pgm")
        if done.returncode != 0 or not output.exists():
            message = done.stderr.decode("utf-8", errors="replace").strip()[:200] or _("pdftoppm failed")
            raise BadInput(message, path=str(path), location=_("page {}").format(page + 1))
        with Image.open(output) as image:
            image.load()
            return image.copy()
