"""The decision header: issuing agency, số ký hiệu, place and date, title, trích yếu, authority line.

Scraped and extracted text splits the two-column header anywhere ("Hà / Nội, ngày 19 tháng 11 / năm
2025"), so the header lines are joined before the grammars of :mod:`tthc_tools.codes` are applied.
A draft's blank number and date ("Số:      /QĐ-UBND", "ngày    tháng    năm 2025") are read as a
draft: no number, no date — never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tthc_tools.codes import DocumentNumber, parse_date_line, parse_document_number
from tthc_tools.text import clean, fold

_NUMBER = re.compile(
    r"S[ốỐoO]\s*:?\s*(?P<digits>\d[\d\s]*|[\s.…_]*)\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<kind>Q[ĐD])\s*-\s*(?P<issuer>[A-ZĐ0-9&]+(?:\s?-\s?[A-ZĐ0-9&]+)*)"
)
_DATE = re.compile(r"ngày\s*(?:\d{1,2})?[\s.…_/]*tháng\s*(?:\d{1,2})?[\s.…_/]*năm\s*\d{4}", re.IGNORECASE)
_MOTTO = re.compile(
    r"CỘNG\s+H(?:Ò|O)(?:A|À)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc"
    r"|-{3,}|_{3,}",
    re.IGNORECASE,
)
_ORG_START = re.compile(
    r"(?<!^)\s(?=(?:ỦY|UỶ) BAN\b|UBND\b|BỘ\s|TRUNG TÂM\b|SỞ\s|VĂN PHÒNG\b|BAN QUẢN LÝ\b|CỤC\s)"
)
_LOCALITY = re.compile(r"\b(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|ĐẶC KHU)\s+(.+)$")
_AUTHORITY = re.compile(
    r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|(?:ỦY|UỶ) BAN NHÂN DÂN)\b"
)
_PREAMBLE = re.compile(r"\b(?:căn\s+cứ|theo\s+đề\s+nghị|xét\s+đề\s+nghị|xét\s+tờ\s+trình)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Head:
    """What the header and title block say."""

    number: DocumentNumber | None
    place: str
    issued: dt.date | None
    date_found: bool
    issuer: str
    parent: str
    summary: str
    authority: str


def title_index(lines: tuple[str, ...]) -> int:
    """The line of the "QUYẾT ĐỊNH" title (the first upper-case line that starts with it)."""
    for index, line in enumerate(lines[:400]):
        text = line.strip()
        folded = fold(text)
        is_title = folded.startswith("quyet dinh") and not folded.startswith("quyet dinh so")
        if is_title and not text.rstrip().endswith(":") and text.upper() == text:
            return index
    return -1


def read_head(lines: tuple[str, ...]) -> Head:
    """Read the header block (everything above the title) and the title block of ``lines``."""
    title = title_index(lines)
    head = " ".join(line for line in lines[: max(title, 0)] if line) if title >= 0 else " ".join(lines[:40])
    number_match = _NUMBER.search(head)
    number = _number(number_match)
    tail = head[number_match.end() :] if number_match else head
    place, issued, found = _place_date(tail)
    agencies = _agencies(head[: number_match.start()] if number_match else "")
    summary, authority = _title_block(lines, title)
    if not agencies and authority:  # header lost (scraped from the title down): the authority names the body
        office = re.match(r"^(?:CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|TRƯỞNG BAN)\s+(?=\S)", authority)
        agencies = [agency_case(authority[office.end() :])] if office else []
    return Head(
        number=number,
        place=place,
        issued=issued,
        date_found=found,
        issuer=agencies[-1] if agencies else "",
        parent=agencies[-2] if len(agencies) > 1 else "",
        summary=summary,
        authority=authority,
    )


def _number(match: re.Match[str] | None) -> DocumentNumber | None:
    if not match:
        return None
    digits = re.sub(r"\s", "", match["digits"]) if re.search(r"\d", match["digits"]) else ""
    year = f"{match['year']}/" if match["year"] else ""
    issuer = re.sub(r"\s", "", match["issuer"])
    return parse_document_number(f"{digits}/{year}{match['kind']}-{issuer}")


def _place_date(text: str) -> tuple[str, dt.date | None, bool]:
    match = _DATE.search(text)
    if not match:
        return "", None, False
    before = re.split(r"[|*]|\s{3,}", text[: match.start()])[-1]
    place = clean(_MOTTO.sub(" ", before)).strip(" ,.-")
    line = parse_date_line(f"{place or 'X'}, {match.group(0)}")
    return place, line.date if line else None, True


def _agencies(text: str) -> list[str]:
    """The agencies named above the number: ["Ủy ban nhân dân thành phố Hà Nội", "Trung tâm …"]."""
    joined = clean(_MOTTO.sub(" ", text)).strip(" -")
    if not joined:
        return []
    return [agency_case(part) for part in _ORG_START.split(joined) if part.strip()]


def agency_case(upper: str) -> str:
    """An agency name printed in capitals, in running-text case ("BỘ Y TẾ" → "Bộ Y tế")."""
    text = clean(upper)
    if any(ch.islower() for ch in text):
        return text
    locality = _LOCALITY.search(text)
    org = text[: locality.start()].strip() if locality else text
    out = _org_case(org)
    if locality:
        place = " ".join(word.capitalize() for word in locality[2].split())
        out = f"{out} {locality[1].lower()} {place}".strip()
    return out


def _org_case(org: str) -> str:
    folded = fold(org)
    if folded.startswith("ubnd"):
        return "UBND" + org[4:].lower()
    if folded.startswith("trung tam phuc vu hanh chinh cong"):
        return "Trung tâm Phục vụ hành chính công" + org[len("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") :].lower()
    if folded.startswith(("bo ", "so ")) and len(org.split()) > 1:
        head, rest = org.split(" ", 1)
        parts = re.split(r"(\s+VÀ\s+|,\s*)", rest)
        return head.capitalize() + " " + "".join(p.lower() if i % 2 else p.capitalize() for i, p in enumerate(parts))
    return org.capitalize()


def _title_block(lines: tuple[str, ...], title: int) -> tuple[str, str]:
    """Trích yếu and authority line: the text between the title and the first "Căn cứ"."""
    if title < 0:
        return "", ""
    parts = [re.sub(r"(?i)^quyết định\s*", "", clean(lines[title]))]
    parts += [clean(line) for line in lines[title + 1 : title + 60] if line.strip()]
    starts, text = [], ""
    for part in parts:
        if part:
            starts.append(len(text))
            text += part + " "
    cut = _PREAMBLE.search(text)
    body = text[: cut.start()] if cut else text
    authority = [at for at in starts if 0 < at < len(body) and _AUTHORITY.match(body[at:])]
    split = authority[-1] if authority else len(body)
    return clean(body[:split]), clean(body[split:])
