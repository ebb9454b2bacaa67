"""Is this a Vietnamese word? A syllable grammar used to judge OCR output and names.

Vietnamese is written one syllable per word: an optional onset, a vowel nucleus, an optional coda,
at most one tone mark, and only the vowel marks Vietnamese uses (circumflex, breve, horn). OCR of an
upside-down page or of noise breaks these rules, so the share of words that follow them is a cheap
quality score; names made only of such syllables, starting with capitals, are plausible names.
"""

from __future__ import annotations

import re
import unicodedata

from tthc_tools.text import fold

_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWEL_MARKS = {"\u0302", "\u0306", "\u031b"}
_LETTERS = re.compile(r"[^\W\d_]+")
SURNAMES = frozenset(fold(s) for s in ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò", "Cầm", "Quàng", "Hà", "Đinh", "Mai", "Trịnh", "Đào", "Lương", "Lưu", "Tạ", "Cao", "Chu", "Văn", "Thái", "Triệu", "Tô", "Kiều", "Quách", "Lâm", "Khổng", "Mạc", "Hứa", "Thân", "Đoàn", "Vương", "Giàng", "Sùng", "Vàng", "Lục", "Nông", "Hoàng", "Tòng", "Sầm", "Bạc", "Điêu", "Kha", "Tăng", "Châu", "Tống", "Thạch", "Danh", "Kim", "Lã", "Mạch", "Ông", "Phùng", "Từ", "Tiêu", "Hầu", "Khúc"])


def is_syllable(word: str) -> bool:
    """True when ``word`` (letters only) is a well-formed Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    marks = [ch for ch in decomposed if unicodedata.combining(ch)]
    if sum(ch in _TONES for ch in marks) > 1 or any(ch not in _TONES | _VOWEL_MARKS for ch in marks):
        return False
    return bool(_SYLLABLE.match(fold(word)))


def plausible_share(words: list[str] | tuple[str, ...]) -> float:
    """The share of alphabetic words that are Vietnamese syllables (1.0 when there are none)."""
    checked = hits = 0
    for word in words:
        for part in _LETTERS.findall(word):
            if len(part) < 2 and not part.isupper():
                continue
            checked += 1
            hits += is_syllable(part) or (part.isupper() and len(part) <= 6)
    return hits / checked if checked else 1.0


def is_name(value: str) -> bool:
    """A plausible person's name: 2-5 capitalised syllables, the first a known surname."""
    parts = value.split()
    if not 2 <= len(parts) <= 5:
        return False
    if not all(p[:1].isupper() and (p[1:].islower() or len(p) == 1) and is_syllable(p) for p in parts):
        return False
    return fold(parts[0]) in SURNAMES


def title_case(value: str) -> str:
    """``NGUYỄN VĂN AN`` → ``Nguyễn Văn An`` (each syllable capitalised)."""
    return " ".join(p[:1].upper() + p[1:].lower() for p in value.split())
