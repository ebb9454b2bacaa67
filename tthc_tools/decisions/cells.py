"""Cell contents: what a cell looks like, and placing the cells of a short row into their columns.

A scraped table row loses the cells that were merged with the row above, so a row may have fewer cells
than the header has columns. :func:`align` puts the cells back in order into the columns whose content
they fit best (a code into the code column, "15 ngày làm việc" into the deadline column, …); the
columns left over are the merged ones and come back as ``None``.
"""

from __future__ import annotations

import re

from tthc_tools.decisions.markup import CODE_IN_CELL, folded

STT = re.compile(r"^\d{1,3}[.)]?$")
GROUP_MARK = re.compile(r"^(?:[A-ZĐ]|[IVXLC]{1,6}|[A-ZĐ]\.?\d{1,2}|[IVXLC]{1,6}\.\d{1,2})[.)]?$")
_GROUP_START = re.compile(r"^(?:(?:[A-ZĐ]|[IVXLC]{1,6})[.)]\s+\S|(?:thu tuc hanh chinh|tthc|linh vuc|danh muc|cap) )")
_ONLY_CODE = re.compile(rf"^\(?(?:ma\s*:?\s*)?{CODE_IN_CELL.pattern}\)?[.;]?$")
_HINTS: dict[str, re.Pattern[str]] = {
    "deadline": re.compile(r"\b(ngay|gio|thang|thoi han|lam viec)\b"),
    "place": re.compile(r"trung tam|bo phan|mot cua|truc tiep|truc tuyen|buu chinh|cong dich vu|dia chi"),
    "channel": re.compile(r"truc tiep|truc tuyen|buu chinh|nop ho so|cong dich vu"),
    "fee": re.compile(r"\bdong\b|\bphi\b|^khong\b|mien|khong quy dinh"),
    "legal_basis": re.compile(r"\bluat\b|nghi dinh|thong tu|quyet dinh|nghi quyet|\d+/\d{4}/"),
    "agency": re.compile(r"\bso\b|uy ban|ubnd|\bbo\b|\bcuc\b|trung tam|\bphong\b|co quan|chu tich"),
    "level": re.compile(r"\bcap (bo|tinh|xa|huyen|trung uong)\b"),
    "published_in": re.compile(r"quyet dinh|/qd-"),
}
_SKIP_COST = {"name": 4.0, "code": 1.5, "stt": 1.0, "note": 0.3, "other": 0.3}


def is_stt(text: str) -> bool:
    """True for a row number ("1", "01", "1.")."""
    return bool(STT.match(text))


def is_group_mark(text: str) -> bool:
    """True for a group enumerator ("A", "II", "B.", "A1")."""
    return bool(GROUP_MARK.match(text))


def starts_group(text: str) -> bool:
    """True for text that opens a group row ("A. Thủ tục hành chính cấp tỉnh", "LĨNH VỰC …")."""
    return bool(_GROUP_START.search(text)) or bool(_GROUP_START.search(folded(text)))


def is_only_code(text: str) -> bool:
    """True for a cell holding a procedure code and nothing else."""
    return bool(_ONLY_CODE.match(folded(text)))


def fit(text: str, key: str) -> float:
    """How well ``text`` fits a column of kind ``key`` (higher is better)."""
    text_f = folded(text)
    if key == "stt":
        return 3.0 if is_stt(text) else 2.0 if is_group_mark(text) else -5.0
    if key == "code":
        return 4.0 if is_only_code(text) else -3.0
    if key in ("name", "replaced_name"):
        return -3.0 if is_stt(text) or is_only_code(text) else 1.0
    if key == "field":
        return 1.0 if len(text) < 80 and not re.search(r"\d", text) else -1.0
    hint = _HINTS.get(key)
    if hint is None:
        return 0.0
    return 2.0 if hint.search(text_f) else -1.0


def align(texts: list[str], keys: tuple[str, ...]) -> tuple[str | None, ...]:
    """Place ``texts`` (in order) into the columns ``keys`` they fit best; unused columns are ``None``."""
    k, n = len(texts), len(keys)
    if k >= n:
        return tuple(texts[:n])
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(k + 1)]
    took = [[False] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, n + 1):
        best[0][j] = best[0][j - 1] - _SKIP_COST.get(keys[j - 1], 0.5)
    for i in range(1, k + 1):
        for j in range(i, n + 1):
            skip = best[i][j - 1] - _SKIP_COST.get(keys[j - 1], 0.5)
            place = best[i - 1][j - 1] + fit(texts[i - 1], keys[j - 1])
            best[i][j], took[i][j] = (place, True) if place >= skip else (skip, False)
    cells: list[str | None] = [None] * n
    i, j = k, n
    while i > 0 and j > 0:
        if took[i][j]:
            cells[j - 1] = texts[i - 1]
            i -= 1
        j -= 1
    return tuple(cells)
