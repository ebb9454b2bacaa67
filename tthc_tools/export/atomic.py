"""Putting a generated file in place: temporary files beside the target, atomic rename, no-op when unchanged.

A file is written under a temporary name in the target's folder (same file system), synced, and
renamed over the target; readers see the old file or the new one, never half of one. A new file that
is byte-identical to the old one is not installed, so the old one keeps its modification time.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
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
    """A new temporary file beside ``target`` (same file system, so the rename is atomic).

    Its name is in ``temps`` before a Ctrl-C or SIGTERM can interrupt, so the caller's cleanup
    always knows it: signals are held for the moment between creating the file and recording it.
    """
    with _signals_held():
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - the caller closes it
            dir=target.parent, prefix=f".{target.name}.", suffix=suffix, delete=False
        )
        temps.append(Path(handle.name))
    return handle


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def replace_file(target: Path, write: Callable[[IO[bytes]], object]) -> bool:
    """Have ``write`` fill a temporary file beside ``target``, then :func:`install` it; True when it changed.

    The temporary file never stays behind; ``OSError`` is left to the caller, whose message names the file.
    """
    temps: list[Path] = []
    try:
        with temp_beside(target, ".tmp", temps) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        return install(temps[0], target)
    finally:
        for temp in temps:
            remove(temp)


def write_file(target: Path, write: Callable[[IO[bytes]], object], *, make_folder: bool = False) -> bool:
    """:func:`replace_file` for a file the user named: its folder checked first (or made, with
    ``make_folder``), a failure to write an :class:`OutputProblem` naming it; True when it changed."""
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        check_folder(target)
        return replace_file(target, write)
    except OSError as error:
        raise OutputProblem(_("cannot write {path}: {error}").format(path=target, error=error.strerror or error)) from error


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
