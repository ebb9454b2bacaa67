"""Vietnamese text at the boundaries: NFC, whitespace, and folding for comparison and search.

Stored text keeps its accents; :func:`fold` gives the key that comparisons and search use, so that
"ha noi", "HÀ NỘI" and "Hà Nội" (NFC or NFD) all meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_INLINE_SPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ANY_SPACE = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BLANK_LINES = re.compile(r"\n{3,}")
PLACEHOLDERS = frozenset({"không có thông tin", "chưa có thông tin", "đang cập nhật", "n/a", "none", "null"})
"""What sources write for "nothing known" (compared case-folded, without a final full stop)."""


def nfc(value: str) -> str:
    """Unicode NFC, the form all stored text is in."""
    return unicodedata.normalize("NFC", value)


def clean(value: object) -> str:
    """One-line text: NFC, invisible characters dropped, all whitespace runs collapsed, trimmed."""
    if value is None:
        return ""
    text = _INVISIBLE.sub("", nfc(str(value)))
    return _ANY_SPACE.sub(" ", text).strip()


def clean_block(value: object) -> str:
    """Multi-line text: like :func:`clean` per line, keeping line breaks (at most one blank line)."""
    if value is None:
        return ""
    text = _INVISIBLE.sub("", nfc(str(value))).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def no_info(value: str) -> bool:
    """True for the portal's placeholders ("Không có thông tin", …) that mean "nothing known"."""
    return clean(value).casefold().rstrip(".") in PLACEHOLDERS


def clean_known(value: object) -> str:
    """:func:`clean`, mapping "no information" placeholders to the empty string."""
    text = clean(value)
    return "" if no_info(text) else text


def clean_block_known(value: object) -> str:
    """:func:`clean_block`, mapping "no information" placeholders to the empty string."""
    text = clean_block(value)
    return "" if no_info(text) else text


def _bare(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _strip_table() -> dict[int, str | None]:
    """Every precomposed Latin letter to its bare letter, combining marks to nothing (built on first use)."""
    table: dict[int, str | None] = {}
    for code in range(0x00C0, 0x2000):
        char = chr(code)
        if unicodedata.combining(char):
            table[code] = None
        elif unicodedata.category(char).startswith("L"):
            bare = _bare(char)
            if bare != char and bare.isascii():
                table[code] = bare
    table.update({ord("đ"): "d", ord("Đ"): "D"})
    return table


def strip_marks(value: str) -> str:
    """Remove Vietnamese diacritics (tone and vowel marks; đ → d), keeping case."""
    return unicodedata.normalize("NFC", value).translate(_strip_table())


def fold(value: object) -> str:
    """The comparison and search key: no diacritics, case-folded, whitespace collapsed.

    Only ASCII survives: marks are removed (đ → d) and other non-ASCII characters (typographic
    dashes and quotes, invisible characters) are dropped, which is what a search key wants.
    """
    if value is None:
        return ""
    text = str(value)
    if not text.isascii():
        text = text.replace("đ", "d").replace("Đ", "D").replace("\u00a0", " ")
        text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.lower().split())


_WORD = re.compile(r"[0-9a-z]+(?:[./-][0-9a-z]+)*")


def words(value: object) -> list[str]:
    """Folded words of ``value`` (codes such as ``1.004227`` and ``2015/qd-ubnd`` stay whole)."""
    return _WORD.findall(fold(value))


def split_list(value: object, separators: str = "\n;,") -> list[str]:
    """Split a cell holding several items (agencies, subjects) into cleaned, de-duplicated items."""
    text = nfc(str(value or ""))
    pattern = "|".join(re.escape(sep) for sep in separators)
    seen: dict[str, str] = {}
    for part in re.split(pattern, text):
        item = clean_known(part)
        if item and fold(item) not in seen:
            seen[fold(item)] = item
    return list(seen.values())
