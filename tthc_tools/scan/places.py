"""Issuing bodies: the provinces (research/domain.md §1.4) and the agencies heading a document.

The header of a Vietnamese administrative document puts the issuer on the left ("ỦY BAN NHÂN DÂN /
TỈNH SƠN LA") and the national motto on the right; OCR often reads both on one line. These helpers
cut the motto away and spell the issuer the way registers write it ("Ủy ban nhân dân tỉnh Sơn La"),
knowing whether every part of it was recognised.
"""

from __future__ import annotations

import re

from tthc_tools.text import fold

PROVINCES = (
    "An Giang", "Bà Rịa-Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định",
    "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hồ Chí Minh", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang", "Trà Vinh",
    "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
AGENCIES = (
    "Sở Xây dựng", "Sở Tư pháp", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Giáo dục và Đào tạo",
    "Sở Nông nghiệp và Môi trường", "Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ",
    "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Công an tỉnh", "Văn phòng Ủy ban nhân dân",
)
_BY_FOLD = {fold(p): p for p in PROVINCES}
_AGENCY_BY_FOLD = {fold(a): a for a in AGENCIES}
_MOTTO = re.compile(r"\s(?:cong\s*h[oa]+\s*xa|doc\s*lap|c[o0]ng\s*hoa)")


def left_of_motto(folded_line: str) -> str:
    """The part of a (folded) header line before the national motto, if the motto shares the line."""
    match = _MOTTO.search(" " + folded_line)
    if match:
        return folded_line[: max(0, match.start())]
    if folded_line.strip().startswith(("cong hoa", "doc lap")):
        return ""
    return folded_line


def _place(joined: str) -> tuple[str, str] | None:
    for key, name in sorted(_BY_FOLD.items(), key=lambda item: -len(item[0])):
        match = re.search(r"\b(tinh|thanh pho|tp\.?)\s+" + re.escape(key).replace("\\-", "[- ]?") + r"\b", joined)
        if match:
            return name, match.group()
    return None


def issuer(parts: list[str]) -> tuple[str, bool]:
    """The issuer's name from the left header lines, and whether every part of it was recognised."""
    parts = [re.sub(r"^[\W_]+|[\W_]+$", "", p).strip() for p in parts if p.strip()]
    if not parts:
        return "", False
    joined = " ".join(fold(p) for p in parts)
    found = _place(joined)
    if found is None:
        return _sentence(" ".join(parts)), False
    place, matched = found
    unit = "tỉnh" if matched.startswith("tinh") else "thành phố"
    rest = joined.replace(matched, " ")
    agency = next((name for key, name in _AGENCY_BY_FOLD.items() if key in rest), None)
    if agency:
        rest = rest.replace(fold(agency), " ")
    rest = re.sub(r"\b(?:uy ban nhan dan|ubnd)\b", " ", rest)
    clean = not re.sub(r"[\W_]+", "", rest)
    if agency:
        return f"{agency} {unit} {place}", clean
    if re.match(r"(?:uy ban nhan dan|ubnd)\b", joined):
        return f"Ủy ban nhân dân {unit} {place}", clean
    return _sentence(" ".join(parts)), False


def _sentence(value: str) -> str:
    text = " ".join(value.split())
    return text[:1].upper() + text[1:].lower() if text.isupper() else text
