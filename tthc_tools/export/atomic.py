"""Putting a generated file in place: temporary files beside the target, atomic rename, no-op when unchanged.

A file is written under a temporary name in the target's folder (same file system), synced, and
renamed over the target; readers see the old file or the new one, never half of one. A new file that
is byte-identical to the old one is not installed, so the old one keeps its modification time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import IO

from tthc_tools.errors import OutputProblem
from tthc_tools.i18n import _


def check_folder(target: Path) -> None:
    """Refuse a target whose folder is missing, or that is itself a folder."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputProblem(_("{path}: the folder {folder} does not exist").format(path=target, folder=folder))
    if target.is_dir():
        raise OutputProblem(_("{path} is a folder, not a file").format(path=target))


def temp_beside(target: Path, suffix: str, temps: list[Path]) -> IO[bytes]:
    """A new temporary file beside ``target`` (same file system, so the rename is atomic)."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the caller closes it
        dir=target.parent, prefix=f".{target.name}.", suffix=suffix, delete=False
    )
    temps.append(Path(handle.name))
    return handle


def remove(path: Path) -> None:
    """Delete ``path`` if it is there."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def install(temp: Path, target: Path) -> bool:
    """Rename ``temp`` over ``target`` unless they are byte-identical; True when the target changed."""
    if target.is_file() and _same_bytes(temp, target):
        return False
    if target.exists():
        shutil.copymode(target, temp)
    else:
        os.chmod(temp, 0o666 & ~_umask())
    os.replace(temp, target)
    _fsync_folder(target.parent)
    return True


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
