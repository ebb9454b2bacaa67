"""The words decisions use for change kinds, levels, fields and annex parts (matched on folded text)."""

from __future__ import annotations

import re

from tthc_tools.decisions.markup import folded
from tthc_tools.text import clean

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("new", re.compile(
        r"\bmoi ban hanh\b|\bban hanh moi\b|\b(?:tthc|thu tuc hanh chinh)(?: noi bo)? (?:moi|bo sung)\b"
        r"|\b(?:cong bo|duoc) bo sung\b|\bbo sung danh muc\b"
    )),
    ("amended", re.compile(r"\bsua doi\b|\bthay doi, bo sung\b")),
    ("replaced", re.compile(r"\bthay the\b")),
    ("abolished", re.compile(r"\bbai bo\b|\bhuy bo\b")),
    ("continued", re.compile(r"\btiep tuc thuc hien\b")),
)  # fmt: skip
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("internal_process", re.compile(r"\bquy trinh noi bo\b|\bquy trinh dien tu\b")),
    ("non_territorial", re.compile(r"khong phu thuoc (?:vao )?dia gioi")),
    ("internal", re.compile(r"\b(?:thu tuc hanh chinh|tthc) noi bo\b")),
    ("simplification", re.compile(r"\bdon gian hoa\b")),
    ("standardisation", re.compile(r"\bchuan hoa\b")),
    ("delegation", re.compile(r"\buy quyen\b")),
)
_LEVEL_WORDS = {"trung uong": "bo", "bo": "bo", "tinh": "tinh", "thanh pho": "tinh", "huyen": "huyen", "xa": "xa"}
_LEVEL = re.compile(r"\bcap (trung uong|bo|tinh|thanh pho|huyen|xa)\b")
_LEVEL_CONTEXT = re.compile(r"^(?:[a-z]|[ivxlc]+|\d+)?[.)]?\s*(?:danh muc )?(?:cac )?(?:thu tuc hanh chinh|tthc|cap )")
_ENUM = r"(?:[A-Za-zĐđ]|[IVXLCivxlc]+|\d+(?:\.\d+)*)[.)]?\s+"
_FIELD = re.compile(rf"^(?:{_ENUM})?(?:các\s+)?lĩnh vực:?\s+(?P<field>.+)$", re.IGNORECASE)
_FIELD_INSIDE = re.compile(
    r"\blĩnh vực:?\s+(?P<field>[^,;()]+?)(?=\s+(?:thuộc|của|do|tại|trên|thực hiện)\b|[,;(]|$)", re.IGNORECASE
)
_COUNTED = re.compile(rf"^(?:{_ENUM})(?P<field>[^()]{{3,120}}?)\s*\(\d+\s*tthc\)$", re.IGNORECASE)
_COUNT = re.compile(r"\s*\((?:gồm\s+)?\d+\s*(?:tthc|thủ tục[^)]*)\)\s*$", re.IGNORECASE)
_AGENCY = re.compile(r"\bcủa\s+(?P<agency>(?:Sở|Ủy ban|Uỷ ban|UBND|Ban|Bộ|Cục|Công an|Văn phòng)\b.+)$")
_SUSPEND = re.compile(
    r"(?:^|\./\.\s*)(?:(?:phu luc|phan)\s*[ivx\d]*\s*[.:-]?\s*|(?:[a-z]|[ivx]+|\d+)\s*[.:-]\s*)?"
    r"(?:danh muc\s+)?quy trinh\b"
    r"|^(?:(?:phan|phu luc)\s*[ivx\d]+|[a-z]|[ivx]+)\s*[.:-]?\s*noi dung\b|noi dung cu the|file duoc dinh kem"
)
_CONTENT = re.compile(
    r"^(?:(?:phan|phu luc)\s*[ivx\d]+|[a-z]|[ivx]+)\s*[.:-]?\s*noi dung\b|noi dung cu the|file duoc dinh kem"
)
_RESUME = re.compile(
    r"^(?:phu luc\s*[ivx\d]*\s*[.:-]?\s*)?(?:phan (?:i|1)\b|(?:[a-z]|[ivx]+|\d+)?[.)]?\s*danh muc (?:cac )?(?:thu tuc|tthc))"
    r"|^phan\s*[ivx\d]+\s*[.:-]?\s*(?:danh muc\s+)?(?:cac\s+)?(?:thu tuc|tthc)"
)
_SECTION_START = re.compile(r"^(?:phu luc|phan\b|danh muc|thu tuc|tthc|[a-z][.)]\s|[ivxlc]+[.)]?\s|\d+[.)]\s)")


def kinds_in(text: str) -> set[str]:
    """The change kinds a heading or title names ("… được sửa đổi, bổ sung, bãi bỏ …")."""
    text_f = folded(text)
    return {kind for kind, pattern in _KINDS if pattern.search(text_f)}


def single_kind(text: str) -> str | None:
    """The one change kind ``text`` names (``""`` for "tiếp tục thực hiện", procedures that go on
    unchanged), or ``None`` when it names none or several."""
    kinds = kinds_in(text)
    kind = kinds.pop() if len(kinds) == 1 else None
    return "" if kind == "continued" else kind


def topics_in(text: str) -> tuple[str, ...]:
    """What a decision is about, from its trích yếu: change kinds plus other topics (ordered keys)."""
    text_f = folded(text)
    kinds = [kind for kind, pattern in _KINDS if pattern.search(text_f) and kind != "continued"]
    return tuple(kinds + [topic for topic, pattern in _TOPICS if pattern.search(text_f)])


def levels_in(text: str) -> tuple[str, ...]:
    """The levels a group heading names ("THỦ TỤC HÀNH CHÍNH CẤP TỈNH, CẤP XÃ" → ``("tinh", "xa")``)."""
    text_f = folded(text)
    if len(text_f) > 200 or not _LEVEL_CONTEXT.search(text_f):
        return ()
    found: list[str] = []
    for word in _LEVEL.findall(text_f):
        level = _LEVEL_WORDS[word]
        if level not in found:
            found.append(level)
    return tuple(found)


def field_in(text: str) -> str:
    """The field (lĩnh vực) a group heading opens ("I. LĨNH VỰC ĐỊA CHẤT (02 TTHC)" → "Địa chất")."""
    text = clean(text)
    match = _FIELD.match(text)
    if not match and not (levels_in(text) or kinds_in(text) or "thủ tục" in text.lower()):
        match = _COUNTED.match(text)
    if not match and len(text) <= 120:
        match = _FIELD_INSIDE.search(text)
    if not match or len(text) > 200:
        return ""
    field = sentence_case(_COUNT.sub("", match["field"]).strip(" .:;"))
    return field[:1].upper() + field[1:]


_TITLE_FIELD = re.compile(
    r"(?<!các )(?<!số )(?<!những )lĩnh vực\s+(?!thuộc|của|trên)(?P<field>[^,;()]+?)"
    r"(?=\s+(?:thuộc|của|trên|tại|thực hiện|do|được|áp dụng|theo)\b|[,;(]|$)",
    re.IGNORECASE,
)


def field_of_title(text: str) -> str:
    """The field a trích yếu names when it names exactly one ("… LĨNH VỰC ĐẤU THẦU THUỘC …" → "Đấu thầu")."""
    fields = {sentence_case(m["field"].strip()) for m in _TITLE_FIELD.finditer(clean(text))}
    if len(fields) != 1:
        return ""
    field = fields.pop()
    return field[:1].upper() + field[1:]


def agency_in(text: str) -> str:
    """The agency a short group heading names ("TTHC thuộc … quản lý của Sở Tài chính")."""
    match = _AGENCY.search(clean(text))
    return match["agency"].strip(" .;") if match and len(text) <= 200 else ""


def is_section_heading(text: str) -> bool:
    """True for annex titles, parts and enumerated headings; not for notes, footnotes or totals."""
    return len(text) <= 600 and bool(_SECTION_START.search(folded(text)))


def suspends(text: str, *, processes: bool = True) -> bool:
    """True for a heading after which tables are not change rows: "PHẦN II. NỘI DUNG CỤ THỂ", an
    attached file, and (unless ``processes`` is false) the "quy trình nội bộ" annexes."""
    text_f = folded(text)
    if not processes:
        return bool(_CONTENT.search(text_f))
    if _SUSPEND.search(text_f):
        return True
    return bool(re.search(r"\bquy trinh (?:noi bo|dien tu)\b", text_f[:300])) and not kinds_in(text)


def opens_annex(text: str) -> bool:
    """True for the heading of a new annex ("PHỤ LỤC II …"): the context of the previous one ends."""
    return folded(text).startswith("phu luc")


_LIST_TITLE = re.compile(
    r"^(?:phu luc\s*[ivx\d]*\s*[.:-]?\s*)?(?:(?:[a-z]|[ivx]+|\d+)[.)]\s*)?"
    r"(?:danh muc|(?:cac |nhom )?(?:thu tuc|tthc)|phuong an|phan (?:i|1)\b)"
)


def lists_procedures(text: str) -> bool:
    """True for an annex title that lists procedures ("DANH MỤC THỦ TỤC …", "THỦ TỤC HÀNH CHÍNH ĐƯỢC …"),
    as opposed to a fee schedule, a regulation or a form."""
    return bool(_LIST_TITLE.search(folded(text))) and not suspends(text)


def resumes(text: str) -> bool:
    """True for a heading that opens a list of procedures (PHẦN I, "Danh mục thủ tục …")."""
    text_f = folded(text)
    return bool(_RESUME.search(text_f)) and not suspends(text)


def sentence_case(text: str) -> str:
    """ALL-CAPS text in sentence case ("ĐỊA CHẤT VÀ KHOÁNG SẢN" → "Địa chất và khoáng sản")."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or any(ch.islower() for ch in letters):
        return text
    lower = text.lower()
    return lower[:1].upper() + lower[1:]
