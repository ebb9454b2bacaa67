"""The signature block at the end of the body: the signer's title lines and name.

The signer is not always the Chairman: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG",
"GIÁM ĐỐC" (a delegated centre), "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". Scraped text
wraps the block anywhere ("KT. / CHỦ TỊCH", "Lê Hải / Hòa"), so its lines are joined first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tthc_tools.text import clean, fold

_OFFICE = (
    r"(?:(?:KT|TM|TL|TUQ|Q)\s?\.|PHÓ\s|CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỨ\s+TR|GIÁM\s+ĐỐC|CHÁNH\s+VĂN|(?:ỦY|UỶ)\s+BAN"
    r"|TRƯỞNG\s+BAN|CỤC\s+TRƯỞNG|TỔNG\s+CỤC|VỤ\s+TRƯỞNG|CHỦ\s+NHIỆM)"
)
_BLOCK_START = re.compile(rf"^{_OFFICE}")
_SPLIT = re.compile(r"(?<=\S)\s+(?=(?:KT|TM|TL|TUQ|Q)\s?\.|(?<!\.\s)(?<!PHÓ\s)(?:PHÓ\s|THỨ\s+TR|GIÁM\s+ĐỐC|CHỦ\s+TỊCH))")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")
_ANNEX = re.compile(r"^(?:phu luc|danh muc|thu tuc|quy trinh|file duoc|tthc|nhom thu tuc|quy che)")


@dataclass(frozen=True, slots=True)
class Signature:
    """Signer name and title ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); ``start``/``end`` bound the block."""

    name: str
    title: str
    start: int
    end: int


def find_signature(lines: tuple[str, ...], start: int) -> Signature:
    """The first signature block in the 80 lines from ``start``."""
    titles: list[str] = []
    names: list[str] = []
    first, end = -1, start
    for index in range(start, min(len(lines), start + 80)):
        text = clean(lines[index])
        if not text or re.fullmatch(r"\(?[Đđ]ã ký\)?", text) or text.startswith(("-", "+", "Nơi nhận")):
            continue
        upper = text.upper() == text and not _ANNEX.match(fold(text))
        if not titles and not (upper and _BLOCK_START.match(text)):
            continue
        if not names and upper:
            first = index if first < 0 else first
            titles.append(text)
        elif all(_NAME_WORD.match(word) for word in text.split()) and len(names) + len(text.split()) <= 6:
            names.extend(text.split())
        else:
            break
        end = index + 1
    title = " / ".join(_SPLIT.split(" ".join(titles))) if titles else ""
    return Signature(" ".join(names), clean(title), first if first >= 0 else start, end)
