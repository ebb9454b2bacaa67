"""Column headers of the spreadsheets officers keep, matched on folded text ("Mã TTHC" = "ma tthc").

Each header maps to a target (a procedure part, or a cell the table reader turns into one). Exact
folded aliases come first, then a close fuzzy match (rapidfuzz) for spelling variants; headers that
match nothing are reported back, never guessed into a part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from tthc_tools.text import clean, fold

ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("ma tthc", "ma so", "ma thu tuc", "so ho so tthc", "ma so tthc", "ma", "ma thu tuc hanh chinh",
             "ma so thu tuc", "ma so thu tuc hanh chinh", "ma tthc quoc gia", "so ho so thu tuc", "ma_thu_tuc",
             "matthc", "code"),
    "name": ("ten thu tuc hanh chinh", "ten tthc", "ten", "ten thu tuc", "ten_thu_tuc", "tentthc", "name",
             "danh muc thu tuc hanh chinh"),
    "fields": ("linh vuc", "linh vuc thuc hien", "ten linh vuc"),
    "agencies": ("co quan thuc hien", "co quan giai quyet", "don vi thuc hien", "co quan don vi thuc hien",
                 "co quan tiep nhan"),
    "competent": ("co quan co tham quyen", "co quan co tham quyen quyet dinh", "tham quyen giai quyet"),
    "authorized": ("co quan duoc uy quyen", "co quan duoc phan cap uy quyen"),
    "coordinating": ("co quan phoi hop",),
    "publisher": ("co quan ban hanh", "co quan cong bo"),
    "levels": ("cap thuc hien", "cap", "cap giai quyet", "cap hanh chinh"),
    "deadline": ("thoi han giai quyet", "thoi gian giai quyet", "thoi han"),
    "fees": ("phi le phi", "le phi", "phi", "muc phi le phi"),
    "channels": ("cach thuc thuc hien", "hinh thuc nop", "kenh nop", "cach thuc nop ho so", "hinh thuc nop ho so"),
    "address": ("dia diem thuc hien", "dia chi tiep nhan", "dia chi tiep nhan ho so", "dia diem tiep nhan",
                "noi tiep nhan ho so", "dia diem thoi gian cach thuc thuc hien"),
    "legal_basis": ("can cu phap ly", "can cu phap ly cua tthc", "van ban quy dinh", "van ban quy pham phap luat"),
    "subjects": ("doi tuong thuc hien", "doi tuong"),
    "decision": ("quyet dinh cong bo", "so quyet dinh", "qd cong bo", "quyet dinh", "so qd cong bo",
                 "so quyet dinh cong bo"),
    "kind": ("loai thu tuc", "loai tthc"),
    "requirements": ("yeu cau dieu kien", "yeu cau dieu kien thuc hien"),
    "results": ("ket qua thuc hien", "ket qua", "ket qua giai quyet"),
    "dossier": ("thanh phan ho so", "ho so"),
    "steps": ("trinh tu thuc hien", "trinh tu"),
    "online_level": ("muc do dvc", "muc do dich vu cong", "dich vu cong truc tuyen", "dvc truc tuyen", "muc do"),
    "status": ("tinh trang", "trang thai", "hieu luc"),
    "related": ("thu tuc lien quan", "tthc lien quan"),
    "description": ("mo ta",),
    "keywords": ("tu khoa",),
    "ignore": ("stt", "tt", "so tt", "so thu tu"),
}
_EXACT = {alias: target for target, aliases in ALIASES.items() for alias in aliases}
_FUZZY_CHOICES = [alias for alias in _EXACT if len(alias) >= 8]
_BRACKETS = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[^0-9a-z ]+")


def header_key(value: object) -> str:
    """The folded form headers are compared in: no accents, brackets, punctuation or case."""
    text = _BRACKETS.sub(" ", fold(value).replace("_", " ").replace("đ", "d"))
    return " ".join(_PUNCT.sub(" ", text).split())


def target(value: object) -> str:
    """The target a header maps to, or "" when it is not understood."""
    key = header_key(value)
    if not key:
        return ""
    if key in _EXACT:
        return _EXACT[key]
    if len(key) >= 8:
        found = process.extractOne(key, _FUZZY_CHOICES, scorer=fuzz.ratio, score_cutoff=90)
        if found:
            return _EXACT[found[0]]
    return ""


@dataclass
class HeaderMap:
    """Which column holds which target, and the headers left unmapped."""

    columns: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        """The non-empty header cells, as the file wrote them (cleaned)."""
        return [cell for cell in self.cells if cell]

    def header(self, name: str) -> str:
        """The header text of a target's column, as the file wrote it."""
        index = self.columns.get(name)
        return self.cells[index] if index is not None else name

    @property
    def has_code(self) -> bool:
        return "code" in self.columns

    @property
    def known(self) -> int:
        return len(self.columns)


def map_headers(cells: list[str]) -> HeaderMap:
    """Map one row of header cells; the first column wins when two map to the same target."""
    result = HeaderMap(cells=[clean(c) for c in cells])
    for index, (raw, cell) in enumerate(zip(cells, result.cells, strict=True)):
        if not cell:
            continue
        name = target(raw)
        if not name:
            result.unknown.append(cell)
        elif name != "ignore" and name not in result.columns:
            result.columns[name] = index
    return result
