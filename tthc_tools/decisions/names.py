"""Cell values of a change row: procedure names without their embedded codes, level columns."""

from __future__ import annotations

import re

from tthc_tools.decisions.markup import CODE_IN_CELL
from tthc_tools.text import clean, fold

_EMBEDDED = re.compile(
    rf"\s*[(\[]\s*(?:mã(?:\s+(?:số|thủ tục|tthc|hồ sơ))*\s*:?\s*)?{CODE_IN_CELL.pattern}\s*[)\]]",
    re.IGNORECASE,
)
_TRAILING = re.compile(rf"\s*[-–:/]?\s*(?:mã(?:\s+số)?\s*(?:tthc)?\s*:?\s*)?{CODE_IN_CELL.pattern}\s*$", re.IGNORECASE)
_LEVEL_CELL = {"cap bo": "bo", "cap trung uong": "bo", "cap tinh": "tinh", "cap huyen": "huyen", "cap xa": "xa",
               "co quan khac": "khac"}  # fmt: skip


def clean_name(value: str, *, strip_code: bool) -> str:
    """A procedure name as printed, without a code written into it ("Tên (Mã 1.004227)" → "Tên")."""
    text = re.split(r"\s+(?:Thời gian thực hiện|Thời hạn giải quyết)\s*:", clean(value))[0]
    if strip_code:
        text = _TRAILING.sub("", _EMBEDDED.sub("", text))
    return text.strip(" .;")


def levels_of(value: str) -> tuple[str, ...]:
    """Level keys named in a "Cấp thực hiện" cell ("Cấp Tỉnh; Cấp Xã" → ``("tinh", "xa")``)."""
    folded = fold(value)
    return tuple(dict.fromkeys(key for words, key in _LEVEL_CELL.items() if words in folded))
