"""Fields of a digitised result: kind, số ký hiệu, date, issuer, signer, trích yếu, holder, codes.

Extraction works on the pages' text with a confidence for every character (the OCR confidence of its
word; 100 for a real text layer). Each field comes back with a value, a confidence and ``certain``:
a field is certain only when its grammar holds (a valid date, a known province, a 12-digit CCCD with a
province prefix, a Vietnamese name…), its words were read confidently, and no OCR repair was needed.
Everything else goes to review. A draft's blank number or date stays blank — never invented.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tthc_tools.codes import DOSSIER_IN_TEXT, RESULT_IN_TEXT, is_dossier_code, is_result_code
from tthc_tools.scan import places
from tthc_tools.scan.vietnamese import is_name, plausible_share, title_case
from tthc_tools.text import fold

NAMES = ("kind", "number", "issued", "issuer", "signer", "subject", "holder_name", "holder_id", "dossier_code",
         "result_code")
SURE = 80.0
KINDS = (
    ("giấy tiếp nhận hồ sơ và hẹn trả kết quả", "giay tiep nhan ho so"), ("trích lục", "trich luc"),
    ("giấy chứng nhận", "giay chung nhan"), ("giấy phép", "giay phep"), ("quyết định", "quyet dinh"),
    ("kế hoạch", "ke hoach"), ("thông báo", "thong bao"), ("tờ trình", "to trinh"), ("báo cáo", "bao cao"),
    ("nghị quyết", "nghi quyet"), ("chỉ thị", "chi thi"), ("công văn", "cong van"),
)
SYMBOL_KINDS = {"QĐ": "quyết định", "KH": "kế hoạch", "TB": "thông báo", "GCN": "giấy chứng nhận", "GP": "giấy phép",
                "TLKS": "trích lục", "TL": "trích lục", "TTR": "tờ trình", "BC": "báo cáo", "NQ": "nghị quyết",
                "CT": "chỉ thị", "CV": "công văn"}
_DIGITISH = str.maketrans({"I": "1", "l": "1", "|": "1", "]": "1", "[": "1", "!": "1", "i": "1", "O": "0",
                           "o": "0", "D": "0", "S": "5", "B": "8", "T": "7", "Z": "2"})
_STOP = ("can cu", "xet ", "chu tich", "giam doc", "ho va ten", "dieu ", "kinh gui", "thuc hien", "theo de nghi",
         "so dinh danh", "ma ho so")
_SIGNER_TITLES = ("chu tich", "giam doc", "nguoi tiep nhan", "truong phong", "cuc truong", "thu truong",
                  "chanh van phong", "nguoi ky", "truong ban", "bo truong")
_HOLDER = re.compile(r"(?:ho va ten|ho, chu dem va ten|ho ten|ong/ba|chu ho|nguoi nop ho so|nguoi de nghi)\s*:\s*")


@dataclass(frozen=True)
class Field:
    """One extracted field: value ("" when absent), confidence 0-1, page (from 1), certain or for review."""

    name: str
    value: str = ""
    confidence: float = 0.0
    page: int | None = None
    certain: bool = False
    note: str = ""


class Doc:
    """The text of a document's pages with a confidence (0-100) per character, and fold-aligned copy."""

    def __init__(self, pages: Sequence[tuple[str, Sequence[tuple[str, float]]] | str]) -> None:
        texts, confs, starts = [], [], []
        offset = 0
        for page in pages:
            text, conf = (page, [100.0] * len(page)) if isinstance(page, str) else _aligned(*page)
            starts.append(offset)
            texts.append(text + "\n\n")
            confs.extend([*conf, 100.0, 100.0])
            offset += len(text) + 2
        self.text = "".join(texts)
        self.conf = confs
        self.starts = starts
        self.folded = self.text.translate(_FOLDED)
        self._lines: list[tuple[int, int]] | None = None

    def confidence(self, start: int, end: int) -> float:
        values = [c for ch, c in zip(self.text[start:end], self.conf[start:end], strict=False) if not ch.isspace()]
        return min(values) if values else 0.0

    def page_of(self, position: int) -> int:
        return sum(1 for s in self.starts if s <= position)

    def lines(self, limit: int | None = None) -> list[tuple[int, int]]:
        """(start, end) of every line that ends with a line break (the first ``limit`` of them)."""
        if self._lines is None:
            spans, start, text = [], 0, self.text
            while (index := text.find("\n", start)) >= 0:
                spans.append((start, index))
                start = index + 1
            self._lines = spans
        return self._lines[:limit] if limit else list(self._lines)


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding each character to one (positions kept), filled as met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        self[code] = folded = ch if ch == "\n" else (fold(ch) or " ")[:1]
        return folded


_FOLDED = _FoldTable()


def _aligned(text: str, words: Sequence[tuple[str, float]]) -> tuple[str, list[float]]:
    confs = [100.0] * len(text)
    at = 0  # the next word of ``words`` not yet matched
    for match in _WORD.finditer(text):
        conf, word = 50.0, match.group()
        for look in range(at, min(at + 4, len(words))):
            if words[look][0] == word:
                conf, at = float(words[look][1]), look + 1
                break
        confs[match.start():match.end()] = [conf] * (match.end() - match.start())
    return text, confs


_WORD = re.compile(r"\S+")


def _field(doc: Doc, name: str, value: str, start: int, end: int, valid: bool, note: str = "") -> Field:
    conf = doc.confidence(start, end)
    return Field(name, value, round(conf / 100, 3), doc.page_of(start), valid and conf >= SURE and not note, note)


def extract(doc: Doc) -> dict[str, Field]:
    """Every field of :data:`NAMES` found in ``doc`` (absent ones blank and certain only for drafts)."""
    found = {name: Field(name) for name in NAMES}
    header_end = _header_end(doc)
    for finder in (_kind, _number, _issued, _issuer, _subject, _signer, _holder, _holder_id, _codes):
        for item in finder(doc, header_end):
            found[item.name] = item
    return settle(found)


EXPECTED = {
    "quyết định": {"number", "issued", "issuer", "signer", "subject"},
    "giấy chứng nhận": {"number", "issued", "issuer", "signer", "subject", "holder_name"},
    "giấy phép": {"number", "issued", "issuer", "signer", "subject", "holder_name"},
    "trích lục": {"number", "issued", "issuer", "signer", "holder_name"},
    "giấy tiếp nhận hồ sơ và hẹn trả kết quả": {"issued", "signer", "dossier_code", "holder_name"},
}


def settle(found: dict[str, Field]) -> dict[str, Field]:
    """Cross-check the fields: kind against the number's symbol; a missing field the kind needs goes to review."""
    kind, number = found["kind"], found["number"]
    implied = kind_from_number(number.value) if number.value else ""
    if not kind.value and implied:
        found["kind"] = Field("kind", implied, 0.5, number.page, False, "from the number's symbol")
    elif kind.value and implied and implied != kind.value:
        found["kind"] = Field("kind", kind.value, 0.5, kind.page, False, f"number says {implied}")
    expected = EXPECTED.get(found["kind"].value, {"number", "issued", "issuer"})
    for name, item in found.items():
        if not item.value and not item.certain:
            found[name] = Field(name, "", 0.0, None, name not in expected, "not found" if name in expected else "")
    return found


def _titles(doc: Doc) -> Iterator[tuple[int, str, int, int]]:
    """Lines among the first 40 that open with a kind in capitals ("QUYẾT ĐỊNH …"), in order: where
    the line starts, the kind, the length of its name and of the line."""
    for start, end in doc.lines(40):
        line = doc.folded[start:end].strip()
        for kind, key in KINDS:
            if line.startswith(key) and doc.text[start:end].strip()[: len(key)].isupper():
                yield start, kind, len(key), len(line)


def _header_end(doc: Doc) -> int:
    """Where the header ends: at the title line, else after the first 12 lines."""
    for start, _kind, _name, length in _titles(doc):
        if length < 60:
            return start
    spans = doc.lines(12)
    return spans[-1][1] if spans else len(doc.text)


def _kind(doc: Doc, header_end: int) -> list[Field]:
    for start, kind, name, length in _titles(doc):
        if length <= name + 30:
            return [Field("kind", kind, 1.0, doc.page_of(start), True)]
    return []


_NUMBER = re.compile(r"(?m)^\W{0,3}so\s*(?:[:;.]\s*|(?=[0-9/]))")
_NUMBER_BODY = re.compile(r"\s*(?P<num>[0-9OIl|\]\[!.…_ ]{0,12}?)\s*/\s*(?P<sym>[0-9A-Za-zĐđÐ/\-]+)")


def _number(doc: Doc, header_end: int) -> list[Field]:
    for match in _NUMBER.finditer(doc.folded, 0, header_end):
        after = doc.text[match.end(): match.end() + 160].replace("\n", " ")
        body = _NUMBER_BODY.match(after)
        if body:
            return _number_field(doc, match.end(), body)
        if re.match(r"\s*[.…_]{3,}", after):
            return [Field("number", "", 1.0, doc.page_of(match.start()), True, "left blank")]
    return []


def _number_field(doc: Doc, at: int, body: re.Match[str]) -> list[Field]:
    start, end = at + body.start("num"), at + body.end()
    digits = re.sub(r"[.…_ ]", "", body["num"])
    symbol = _repair_symbol(body["sym"])
    if not digits:
        return [Field("number", "", 1.0, doc.page_of(start), True, "draft: number left blank")]
    fixed = digits.translate(_DIGITISH)
    note = "OCR repaired" if fixed != digits or symbol != body["sym"] else ""
    value = f"{int(fixed)}/{symbol}" if fixed.isdigit() else ""
    if not value:
        return [_field(doc, "number", f"{digits}/{symbol}", start, end, False, "not a number")]
    valid = bool(re.fullmatch(r"\d{1,5}/(?:\d{4}/)?[A-ZĐ]{1,6}(?:-[A-ZĐ0-9]{1,12}){1,3}", value))
    return [_field(doc, "number", value, start, end, valid, note)]


def _repair_symbol(symbol: str) -> str:
    text = symbol.replace("Ð", "Đ").replace("đ", "Đ").upper().strip("-/")
    text = re.sub(r"Đ{2,}", "Đ", text)
    return re.sub(r"(?<![A-ZĐ])QD(?=-|/|$)", "QĐ", text)


_DATE = re.compile(r"ngay\s*(?P<d>[^\s]{0,4}?)\s*[_.…]*\s*thang\s*(?P<m>[^\s]{0,4}?)\s*[_.…]*\s*nam\s*(?P<y>\d{4})")


def _issued(doc: Doc, header_end: int) -> list[Field]:
    match = _DATE.search(doc.folded, 0, header_end + 200)
    if not match:
        return []
    day, month = (doc.text[match.start(g):match.end(g)].strip("_.…,") for g in ("d", "m"))
    if not day and not month:
        return [Field("issued", "", 1.0, doc.page_of(match.start()), True, "draft: date left blank")]
    fixed = [small_number(v) for v in (day, month)]
    note = "OCR repaired" if fixed != [day, month] else ""
    try:
        value = dt.date(int(match["y"]), int(fixed[1]), int(fixed[0])).isoformat()
    except ValueError:
        return [_field(doc, "issued", "", match.start(), match.end(), False, "not a date")]
    valid = 1945 <= int(match["y"]) <= dt.date.today().year + 1
    return [_field(doc, "issued", value, match.start(), match.end(), valid, note)]


def small_number(raw: str) -> str:
    """A day or month as OCR read it, repaired: ``II]`` → ``11``, ``O9`` → ``09``."""
    for candidate in (raw, re.sub(r"[^0-9A-Za-z]", "", raw)):
        fixed = candidate.translate(_DIGITISH)
        if fixed.isdigit() and 1 <= int(fixed) <= 31:
            return fixed
    return raw


def _issuer(doc: Doc, header_end: int) -> list[Field]:
    parts, start, end = [], None, 0
    for s, e in doc.lines(12):
        if s >= header_end:
            break
        left = places.left_of_motto(doc.folded[s:e])
        if _NUMBER.match(doc.folded[s:e]) or _DATE.search(doc.folded[s:e]):
            break
        if left.strip():
            parts.append(doc.text[s:s + len(left)].strip())
            start = s if start is None else start
            end = s + len(left)
    if not parts or start is None:
        return []
    value, valid = places.issuer(parts)
    return [_field(doc, "issuer", value, start, end, valid)]


def _subject(doc: Doc, header_end: int) -> list[Field]:
    spans = [span for span in doc.lines() if span[0] >= header_end]
    if not spans or fold(doc.text[spans[0][0]:spans[0][1]]).startswith(("trich luc", "giay tiep nhan")):
        return [Field("subject", "", 1.0, None, True)] if spans else []
    taken: list[tuple[int, int]] = []
    for start, end in spans[1:8]:
        line = doc.folded[start:end].strip()
        if not line:
            if taken:
                break
            continue
        if line.startswith(_STOP) or (taken and doc.text[start:end].strip().isupper()):
            break
        taken.append((start, end))
    if not taken:
        return []
    raw = " ".join(doc.text[s:e].strip() for s, e in taken).rstrip(" .;:,")
    value = re.sub(r"^[\W_]+", "", raw)
    valid = plausible_share(value.split()) == 1.0
    return [_field(doc, "subject", value, taken[0][0], taken[-1][1], valid, "OCR noise removed" if value != raw else "")]


def _signer(doc: Doc, header_end: int) -> list[Field]:
    spans = doc.lines()
    for index, (start, end) in enumerate(spans):
        line = doc.folded[start:end]
        if start < header_end or not any(title in line for title in _SIGNER_TITLES) or len(line.strip()) > 70:
            continue
        for s, e in spans[index + 1: index + 24]:
            words = doc.text[s:e].split()
            for size in (4, 3, 2, 5):
                candidate = " ".join(words[-size:])
                if len(words) >= size and is_name(candidate):
                    offset = doc.text.rindex(words[-size], s, e)
                    return [_field(doc, "signer", candidate, offset, e, True)]
    for start, end in reversed(spans[-12:]):
        candidate = " ".join(doc.text[start:end].split())
        if start >= header_end and is_name(candidate):
            return [_field(doc, "signer", candidate, start, end, True, "no signer title found")]
    return []


def _holder(doc: Doc, header_end: int) -> list[Field]:
    match = _HOLDER.search(doc.folded)
    if not match:
        return []
    line_end = doc.text.find("\n", match.end())
    raw = re.split(r"[;,(]", doc.text[match.end(): line_end if line_end >= 0 else None])[0]
    raw = re.sub(r"(?:[\W\d_]|[^\w\s]|\s+\S$)+$", "", raw.strip())
    value = title_case(raw) if raw.isupper() else raw
    return [_field(doc, "holder_name", value, match.end(), match.end() + len(raw), is_name(value))]


_ID_NEAR = re.compile(r"(?:cccd|can cuoc|dinh danh|cmnd)[^\n]{0,40}?(?P<id>[0-9OIl]{12})(?![0-9])")


def _holder_id(doc: Doc, header_end: int) -> list[Field]:
    match = _ID_NEAR.search(doc.folded) or re.search(r"(?<![0-9])(?P<id>[0-9]{12})(?![0-9])", doc.folded)
    if not match:
        return []
    raw = doc.text[match.start("id"):match.end("id")]
    value = raw.translate(_DIGITISH)
    valid = value.isdigit() and 1 <= int(value[:3]) <= 96
    return [_field(doc, "holder_id", value, match.start("id"), match.end("id"), valid,
                   "OCR repaired" if value != raw else "")]


def _codes(doc: Doc, header_end: int) -> list[Field]:
    out = []
    dossier = DOSSIER_IN_TEXT.search(doc.text)
    if dossier:
        out.append(_field(doc, "dossier_code", dossier.group(), dossier.start(), dossier.end(),
                          is_dossier_code(dossier.group())))
    result = RESULT_IN_TEXT.search(doc.text)
    if result:
        out.append(_field(doc, "result_code", result.group(), result.start(), result.end(), is_result_code(result.group())))
    return out


def kind_from_number(number: str) -> str:
    """The kind a số ký hiệu's symbol implies (``2307/QĐ-UBND`` → quyết định)."""
    symbol = number.split("/")[-1].split("-")[0].upper()
    return SYMBOL_KINDS.get(symbol, "")
