"""What every reader shares: the result type, file checks, code checks and the ``carried`` rule.

**The carried rule.** A record carries exactly the parts its source gives a value for: a part is
carried when it is not empty after cleaning, and placeholders such as "Không có thông tin" count as
empty. A source that does not know a part (an Excel list has no channels; a portal page says "Không
có thông tin") therefore never blanks what another source said; the flip side is that no reader
can say "this part is now empty" (removing something takes a decision or an edit). A glued portal
table that could not be split cleanly keeps the rows that were read and gets a warning naming the
section. Status is carried only when the source states a non-default status (an abolished
procedure).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tthc_tools.codes import parse_procedure_code
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import Problem, Procedure, Record, filled_parts
from tthc_tools.text import clean


@dataclass(frozen=True)
class ReadResult:
    """What a reader gives the importer.

    ``items`` is lazy (a 100,000-row file streams); ``notes`` may grow while it is consumed, so read
    them afterwards. No two records of one read have the same code: a repeated code is reported as a
    :class:`~tthc_tools.model.Problem` instead (:class:`CodeCheck`; the XML reader refuses a file whose
    codes do not increase). File-level failures raise :class:`~tthc_tools.errors.BadInput`, before
    ``items`` is returned where possible, else while it is consumed (a workbook found truncated in
    the middle).
    """

    items: Iterator[Record | Problem]
    format: str
    notes: list[str]
    path: str


def carried_parts(procedure: Procedure) -> frozenset[str]:
    """The parts of ``procedure`` that hold a value (see the module docstring)."""
    return filled_parts(procedure)


def record(procedure: Procedure, location: str) -> Record:
    """A :class:`Record` carrying exactly the non-empty parts of ``procedure``."""
    return Record(procedure, carried_parts(procedure), location)


def check_file(path: Path, *, directory_ok: bool = False) -> Path:
    """Refuse a missing, unreadable or empty input with a one-line :class:`BadInput`."""
    name = str(path)
    if not path.exists():
        raise BadInput(_("file not found"), path=name)
    if path.is_dir():
        if directory_ok:
            return path
        raise BadInput(_("is a folder, not a file"), path=name)
    if not path.is_file():
        raise BadInput(_("not a regular file"), path=name)
    if not os.access(path, os.R_OK):
        raise BadInput(_("cannot be read (permission denied)"), path=name)
    if path.stat().st_size == 0:
        raise BadInput(_("empty file (0 bytes)"), path=name)
    return path


def read_head(path: Path, size: int = 1 << 16) -> bytes:
    """The first ``size`` bytes of a file (for sniffing)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError as error:
        raise BadInput(_("cannot be read: {error}").format(error=error.strerror or error), path=str(path)) from error


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text: NUL bytes or many control characters (UTF-16 has a BOM)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13, 26))
    return controls > max(2, len(head) // 100)


def check_text(path: Path) -> bytes:
    """:func:`check_file`, then refuse binary content at once; returns the first bytes."""
    check_file(path)
    head = read_head(path)
    if looks_binary(head):
        raise BadInput(_("not a text file: binary data where JSON or CSV text was expected"), path=str(path))
    return head


def load_json(file: Path) -> object:
    """The JSON document of a file; not JSON is a :class:`BadInput` giving line and column."""
    check_text(file)
    try:
        return json.loads(file.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise BadInput(_("not UTF-8 text"), path=str(file)) from error
    except json.JSONDecodeError as error:
        where = _("line {line}, column {column}").format(line=error.lineno, column=error.colno)
        raise BadInput(_("not valid JSON: {error}").format(error=error.msg), path=str(file), location=where) from error


class CodeCheck:
    """Checks the procedure code of each record of one file: present, well formed, not repeated."""

    def __init__(self, path: str, field: str) -> None:
        self.path = path
        self.field = field
        self.seen: dict[str, str] = {}

    def __call__(self, value: object, location: str) -> tuple[str, str] | Problem:
        """``(national code, local code)`` for a good code, else the :class:`Problem` to report."""
        text = clean(value)
        if not text:
            return self.problem(_("no procedure code"), location)
        parsed = parse_procedure_code(text)
        if parsed is None:
            message = _("procedure code {code!r} is not valid (expected e.g. 1.004227, 1.014460.H13 "
                        "or 1.001122.000.00.00.H48)").format(code=text)
            return self.problem(message, location, text)
        first = self.seen.get(parsed.national)
        if first is not None:
            message = _("duplicate procedure code {code} (first at {first})").format(code=parsed.national, first=first)
            return self.problem(message, location, parsed.national)
        self.seen[parsed.national] = location
        return parsed.national, str(parsed) if parsed.is_local else ""

    def problem(self, message: str, location: str, code: str = "") -> Problem:
        return Problem("error", message, self.path, location, self.field, code)


def warning(path: str, location: str, field: str, message: str, code: str = "") -> Problem:
    """A row-level warning (the record is still read; a part was left out)."""
    return Problem("warning", message, path, location, field, code)
