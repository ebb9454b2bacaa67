"""The outputs of a digitised file: a searchable PDF and a plain-text sidecar, written atomically.

The searchable PDF keeps the original page images and lays tesseract's invisible text layer over each
OCR'd page (pages turned to be read are shown upright). A PDF whose pages all carry real text is
copied as it is. Every output is written to a temporary file in the same folder and renamed, so a
reader (or a crash) never sees half a file; :func:`sweep` removes temporary files a killed run left.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from tthc_tools.errors import OutputProblem
from tthc_tools.export.atomic import install, remove, temp_beside
from tthc_tools.i18n import _
from tthc_tools.scan import images
from tthc_tools.scan.outcomes import PageReading

TEMP_MARK = ".tthc-tmp-"


def sweep(folder: Path) -> int:
    """Remove the temporary files an interrupted run left in ``folder``; returns how many."""
    if not folder.is_dir():
        return 0
    removed = 0
    for leftover in folder.glob(f".*{TEMP_MARK}*"):
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def atomic_write(target: Path, write: Callable[[Path], object]) -> Path:
    """Write ``target`` through ``write(temp_path)`` then rename; nothing partial is ever visible.

    The folder is created when missing; the temporary file (beside the target, marked for
    :func:`sweep`) is removed when writing fails.
    """
    temps: list[Path] = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp_beside(target, TEMP_MARK, temps).close()
        write(temps[0])
        with temps[0].open("rb") as handle:
            os.fsync(handle.fileno())
        install(temps[0], target)
    except OSError as error:
        raise OutputProblem(_("cannot write {}: {}").format(target, error.strerror or error)) from error
    finally:
        for temp in temps:
            remove(temp)
    return target


def output_names(out_dir: Path, source: Path, sha256: str) -> tuple[Path, Path]:
    """Where the searchable PDF and the text of ``source`` go (its name plus a short content hash)."""
    stem = f"{source.stem}-{sha256[:8]}"
    return out_dir / f"{stem}.pdf", out_dir / f"{stem}.txt"


def write_text(target: Path, pages: list[str]) -> Path:
    """The text sidecar: pages separated by form feeds."""
    data = "\f".join(pages).encode("utf-8")
    return atomic_write(target, lambda temp: temp.write_bytes(data))


def write_pdf(target: Path, source: Path, real_format: str, readings: dict[int, PageReading], *,
              signed: bool = False) -> Path:
    """The searchable PDF of ``source``; ``readings`` are the OCR'd pages by index (from 0)."""
    from tthc_tools.scan import pdf  # pypdf only when an output is written (a re-run writes none)

    if real_format == "pdf":
        if not readings:
            return atomic_write(target, lambda temp: shutil.copyfile(source, temp))
        overlays = {i: pdf.Overlay(r.pdf, r.rotation) for i, r in readings.items() if r.pdf}
        data = pdf.searchable_from_pdf(source, overlays, incremental=signed)
    else:
        picture = images.open_image(source, str(source))
        pages = []
        for index, frame in enumerate(images.frames(picture)):
            reading = readings.get(index)
            dpi = images.page_dpi(frame)
            overlay = pdf.Overlay(reading.pdf, reading.rotation) if reading and reading.pdf else None
            pages.append((images.upright_copy(frame), dpi, overlay))
        data = pdf.searchable_from_images(pages)
    return atomic_write(target, lambda temp: temp.write_bytes(data))
