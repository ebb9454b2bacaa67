"""The change list an officer gives ``decision draft``: codes with their change kind.

From options (``--new 1.001193 --amended 1.000894 --abolished 1.000656 --replaced OLD=NEW``) or a
CSV file with the columns ``code, kind[, replaces]`` (a header row is optional; kinds may be written
in English or Vietnamese: "new", "mới ban hành", "sửa đổi, bổ sung", "bãi bỏ", "thay thế").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tthc_tools.codes import national_code, parse_procedure_code
from tthc_tools.encodings import decode_bytes
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import CHANGE_KINDS
from tthc_tools.text import clean, fold

_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("amended", ("amended", "sua doi", "bo sung")),
    ("replaced", ("replaced", "thay the")),
    ("abolished", ("abolished", "bai bo", "huy bo")),
    ("new", ("new", "moi", "ban hanh moi", "moi ban hanh")),
)


@dataclass(frozen=True, slots=True)
class Wanted:
    """One procedure to publish: its code, the change kind, and for ``replaced`` the code it replaces."""

    code: str
    kind: str
    replaces: str = ""


def kind_of(text: str) -> str | None:
    """The change kind a word names ("sửa đổi, bổ sung" → ``amended``), ``None`` if none."""
    folded = fold(text).strip()
    for kind, words in _KIND_WORDS:
        if any(folded == word or folded.startswith(word + " ") or f" {word}" in f" {folded}" for word in words):
            return kind
    return None


def _code(text: str, where: str) -> str:
    parsed = parse_procedure_code(text)
    if parsed is None:
        raise BadInput(_("{!r} is not a procedure code (expected e.g. 1.004227)").format(text), location=where)
    return str(parsed)


def from_options(new: Iterable[str] = (), amended: Iterable[str] = (), abolished: Iterable[str] = (),
                 replaced: Iterable[str] = ()) -> list[Wanted]:
    """The change list of ``--new``, ``--amended``, ``--abolished`` and ``--replaced OLD=NEW``."""
    wanted = [Wanted(_code(code, f"--{kind}"), kind)
              for kind, codes in (("new", new), ("amended", amended), ("abolished", abolished)) for code in codes]
    for pair in replaced:
        old, sep, newer = pair.partition("=")
        if not sep:
            raise BadInput(_("--replaced takes OLD=NEW (the old code, '=', the code replacing it), not {!r}")
                           .format(pair))
        wanted.append(Wanted(_code(newer, "--replaced") if newer.strip() else "", "replaced",
                             _code(old, "--replaced")))
    return wanted


def from_csv(path: Path) -> list[Wanted]:
    """The change list of a CSV file: ``code, kind[, replaces]`` per line, header optional (an unquoted
    "sửa đổi, bổ sung" is read as its first word: only a replaced line has a third column)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(_("cannot read the file: {}").format(error.strerror), path=str(path)) from error
    text = decode_bytes(data).text
    dialect = csv.excel_tab if text.count("\t") > text.count(",") + text.count(";") else csv.excel
    wanted: list[Wanted] = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        cells = [clean(cell) for cell in cells]
        if not any(cells) or (number == 1 and national_code(cells[0]) is None):
            continue  # blank line or header
        wanted.append(_csv_row(path, number, cells))
    if not wanted:
        raise BadInput(_("no procedure codes in the file (expected lines: code,kind[,replaces])"), path=str(path))
    return wanted


def _csv_row(path: Path, number: int, cells: list[str]) -> Wanted:
    where = _("line {}").format(number)
    kind = kind_of(cells[1]) if len(cells) > 1 else None
    if kind is None:
        raise BadInput(_("the change kind must be one of {}").format(", ".join(CHANGE_KINDS)), path=str(path),
                       location=where)
    replaces = _code(cells[2], where) if kind == "replaced" and len(cells) > 2 and cells[2] else ""
    if kind == "replaced" and not replaces:
        raise BadInput(_("a replaced procedure needs the code it replaces in the third column"), path=str(path),
                       location=where)
    try:
        code = _code(cells[0], where)
    except BadInput as error:
        raise BadInput(error.reason, path=str(path), location=where) from error
    return Wanted(code, kind, replaces)


def change_list(new: Iterable[str] = (), amended: Iterable[str] = (), abolished: Iterable[str] = (),
                replaced: Iterable[str] = (), csv_path: Path | None = None) -> list[Wanted]:
    """The officer's change list: the options first, then the lines of the CSV file (if any)."""
    wanted = from_options(new, amended, abolished, replaced)
    return wanted + from_csv(csv_path) if csv_path is not None else wanted
