"""The column-header normaliser: printed annex headers → semantic column keys.

Provinces spell the same column many ways (eight spellings for the code column alone in 101 real
decisions: "Mã TTHC", "Mã số TTHC", "Mã", "Mã số", "Mã thủ tục hành chính", "Số hồ sơ TTHC", "Mã hồ sơ
TTHC", "Tên thủ tục hành chính (Mã thủ TTHC)"). Headers are folded (no diacritics, lower case) and
matched against ordered rules; the first rule that matches wins. Unknown headers map to ``"other"``
and their cells are kept as :class:`~tthc_tools.decisions.model.Extra`.
"""

from __future__ import annotations

import functools
import re

from tthc_tools.decisions.markup import cell_text
from tthc_tools.text import fold

COLUMN_KEYS: tuple[str, ...] = (
    "stt", "code", "name", "replaced_code", "replaced_name", "deadline", "place", "channel", "fee", "legal_basis",
    "field", "agency", "level", "published_in", "note", "other",
)  # fmt: skip

FILL_DOWN: frozenset[str] = frozenset(
    {"deadline", "place", "channel", "fee", "legal_basis", "field", "agency", "level", "published_in"}
)
"""Columns whose merged (vertically spanned) cells take the value of the row above."""

_RULES: tuple[tuple[str, str], ...] = (
    ("stt", r"^(stt|tt|so tt|so thu tu|thu tu)$"),
    ("replaced_name", r"^ten .*(duoc|bi) thay the\b"),
    ("replaced_code", r"^(ma|ma so|so ho so) (tthc|thu tuc hanh chinh|thu tuc) (duoc|bi) thay the\b"),
    ("name", r"^ten (thu tuc|tthc|nhom thu tuc)"),
    ("name", r"^thu tuc hanh chinh$"),
    ("code", r"^(ma|ma so|ma thu tuc|ma so thu tuc)$"),
    ("code", r"^(ma|so|ma so|ma ho so) (tthc|thu tuc hanh chinh|ho so tthc|ho so)\b"),
    ("published_in", r"\bquyet dinh (da )?cong bo\b|^so thu tu tai quyet dinh|da cong bo thu tuc"),
    ("published_in", r"^ten van ban da cong bo"),
    ("legal_basis", r"can cu phap ly|co so phap ly|van ban quy pham phap luat|\bvbqppl\b|van ban quy dinh"),
    ("legal_basis", r"^ten (vb|van ban)\b|ly do bai bo"),
    ("deadline", r"^thoi (han|gian) giai quyet|^thoi han$"),
    ("place", r"dia diem|diem tiep nhan"),
    ("channel", r"^cach thuc"),
    ("other", r"^phi dia gioi"),
    ("fee", r"^(phi|le phi)\b|^muc thu( phi)?$"),
    ("field", r"^linh vuc$|^linh vuc\b(?!.*quy trinh)"),
    ("agency", r"co quan (thuc hien|giai quyet)|^don vi thuc hien|tham quyen (giai quyet|quyet dinh)"),
    ("level", r"^cap thuc hien"),
    ("note", r"^ghi chu|noi dung sua doi|^co che giai quyet"),
)
_COMPILED = tuple((key, re.compile(pattern)) for key, pattern in _RULES)
_DATA = re.compile(r"^(?:\d{1,3}[.)]?|[1-6]\s?\.\s?\d{3}\.?\d{3}.*)$")
_SECTION = re.compile(r"^(?:[a-z]|[ivx]+|\d+)\.\s*(?:danh muc|thu tuc|tthc)|^(?:phan|phu luc)\b")
_PARENS = re.compile(r"\((?:neu co|dvt[^)]*|dong)\)")


def fold_header(label: str) -> str:
    """A header label folded for matching: no marks, no "(nếu có)", no punctuation at the ends."""
    text = _PARENS.sub("", fold(cell_text(label)))
    return re.sub(r"\s+", " ", text.replace("/", " / ")).strip(" .:;,-")


@functools.lru_cache(maxsize=4096)
def column_key(label: str) -> str:
    """The semantic column of a printed header ("Mã số TTHC" → ``"code"``); ``"other"`` if unknown."""
    text = fold_header(label)
    for key, pattern in _COMPILED:
        if pattern.search(text):
            return key
    return "other"


def is_header_row(labels: list[str]) -> bool:
    """True when ``labels`` read as a table header row (short cells, mostly known column names)."""
    if len(labels) < 2 or len(labels[0]) > 40 or column_key(labels[0]) not in ("stt", "code", "name"):
        return False
    if any(len(label) > 160 or _DATA.match(cell_text(label)) for label in labels):
        return False
    keys = [column_key(label) for label in labels]
    known = sum(key != "other" for key in keys)
    headings = any(_SECTION.match(fold(cell_text(label))) for label in labels)
    return keys[0] in ("stt", "code", "name") and not headings and known >= max(2, (len(keys) + 1) // 2)


def has_embedded_code(label: str) -> bool:
    """True for name headers that also carry the code ("Tên thủ tục hành chính (Mã TTHC)")."""
    return bool(re.search(r"\bma\b", fold_header(label)))


def is_procedure_table(keys: tuple[str, ...]) -> bool:
    """True when the columns describe procedures (a name or code column), not a form or a process."""
    return "name" in keys or "code" in keys
