"""Splitting the portal's glued tables: "Cách thức thực hiện" and "Thành phần hồ sơ".

The crawled detail pages lost their cell separators: a channel row reads
``Trực tuyến5 Ngày làm việc2,000,000 Việt Nam Đồng(Phí kiểm tra…)<mô tả>`` and a dossier row
``<tên giấy tờ><mẫu đơn>.docx1 bản chính``. The splitters below rely on what the portal always
writes between cells (channel names, deadline units, fee formats, "n bản chính") and report whether
a section was split cleanly (nothing left over), so the reader can leave out what it cannot trust.
"""

from __future__ import annotations

import re
from typing import Generic, NamedTuple, TypeVar

from tthc_tools.catalog.readers._fields import LOWER, amount, block_known, counts, squash, squash_known
from tthc_tools.model import Channel, DossierItem, Fee

T = TypeVar("T")


class Split(NamedTuple, Generic[T]):
    """The rows of one glued section, and whether the whole text was accounted for."""

    items: tuple[T, ...]
    clean: bool


# --- channels --------------------------------------------------------------------------------------

CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_KINDS = {"Trực tiếp": "truc_tiep", "Trực tuyến": "truc_tuyen", "Dịch vụ bưu chính": "buu_chinh"}
_KIND = "(?P<kind>Trực tiếp|Trực tuyến|Dịch vụ bưu chính)"
_UNIT = "(?:Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần|Phút)"
_NO_DEADLINE = "(?:Không có thông tin|Không quy định|Không phải trả kết quả cho người nộp thuế|Không)"
_STRICT_DEADLINE = rf"\d+?(?:[.,]\d+)?(?: ?{_UNIT})?|{_NO_DEADLINE}"
_AMOUNT = r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)"
_FEE = rf"(?P<fee>Miễn phí|Không có thông tin|(?P<amount>{_AMOUNT}) (?P<unit>Việt Nam Đồng|VNĐ|Đồng|USD|EUR))"
_ROW = re.compile(rf"{_KIND}(?P<deadline>{_STRICT_DEADLINE}) ?{_FEE}")
_FIRST_ROW = re.compile(rf"{_KIND}(?P<deadline>[^\n]{{1,200}}?) ?{_FEE}")


def split_channels(text: str) -> Split[Channel]:
    """Channel rows of a ``cach_thuc_thuc_hien`` section (deadline, fees, description each)."""
    body = text[len(CHANNEL_HEADER) :] if text.startswith(CHANNEL_HEADER) else text
    if not squash_known(body):
        return Split((), True)
    pattern = _ROW
    first = _ROW.match(body)
    if first is None:
        first = _FIRST_ROW.match(body)
        if first is not None:  # an unusual deadline ("Hệ thống … tự động"): the same on every row
            deadline = re.escape(first["deadline"])
            pattern = re.compile(rf"{_KIND}(?P<deadline>{_STRICT_DEADLINE}|{deadline}) ?{_FEE}")
    matches = list(pattern.finditer(body))
    if not matches:
        return Split((), False)
    rows = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        rows.append(_channel(match, body[match.end() : end]))
    return Split(tuple(rows), matches[0].start() == 0)


def _channel(match: re.Match[str], rest: str) -> Channel:
    note, description = _paren(rest)
    deadline = squash_known(match["deadline"])
    return Channel(_KINDS[match["kind"]], deadline, _portal_fees(match, note), block_known(description))


def _portal_fees(match: re.Match[str], note: str) -> tuple[Fee, ...]:
    note = squash(note)
    if match["amount"]:
        return (Fee(note, amount(match["amount"]), match["unit"]),)
    if match["fee"] == "Miễn phí":
        return (Fee(f"Miễn phí ({note})" if note else "Miễn phí"),)
    return (Fee(note),) if squash_known(note) else ()


_BRACKET = re.compile(r"[()]")


def _paren(rest: str) -> tuple[str, str]:
    """Split "(note)description" at the bracket that closes the first one."""
    if not rest.startswith("("):
        return "", rest
    depth = 0
    for match in _BRACKET.finditer(rest):
        depth += 1 if match.group() == "(" else -1
        if depth == 0:
            return rest[1 : match.start()], rest[match.end() :]
    last = rest.rfind(")")  # unbalanced (a bracket missing inside the note): up to the last one
    return (rest[1:last], rest[last + 1 :]) if last > 0 else (rest[1:], "")


# --- dossier ---------------------------------------------------------------------------------------

DOSSIER_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_QUANTITY = re.compile(r"bản (?:chính|sao|chụp)(?:,\d{1,2} bản (?:chính|sao|chụp))*(?![\s),;:.])")
"""The words of a quantity cell; its number is read backwards from the match (see _quantities)."""
_EXTENSION = re.compile(rf"\.(?i:docx?|xlsx?|pdf|rtf|odt|ods|zip|rar|jpe?g|png)(?![{LOWER}])")
_FORM_WORD = re.compile(
    r"(?:\d{1,3}[-.]\s?)?(?:mẫu|mau|phụ\s?lục|phu\s?luc|phlc|pl\b|mus\d|ms\d|tk\d|tờ\s?khai|to\s?khai|"
    r"đơn|bản\s?khai|ban\s?khai|danh\s?s[áa]ch|biểu\s?mẫu|văn\s?bản)",
    re.IGNORECASE,
)
"""How form file names start ("Mẫu số 03.docx", "7-Mẫu NA6.doc", "Phụ lục II.docx")."""
_FORM_WINDOW = 110


def split_dossier(text: str) -> Split[DossierItem]:
    """Dossier items of a ``thanh_phan_ho_so`` section, each under its case heading."""
    parts = text.split(DOSSIER_HEADER)
    if len(parts) == 1:
        return Split((), not squash_known(text.strip(" -")))
    items: list[DossierItem] = []
    tidy = True
    case = _heading(parts[0])
    for index, part in enumerate(parts[1:], start=1):
        matches = _quantities(part)
        start = 0
        for match in matches:
            item = _dossier_item(part[start : match.start], match.text, case)
            if item is None:
                tidy = False
            else:
                items.append(item)
            start = match.end
        tail = part[start:]
        if index < len(parts) - 1:
            case = _heading(tail)
        elif squash_known(tail.strip(" -")):  # a last row the portal shows without a quantity
            name, form = split_form(tail)
            items.append(DossierItem(name=squash(name), case=case, form=form))
    return Split(tuple(items), tidy)


class _Quantity(NamedTuple):
    start: int
    end: int
    text: str


def _quantities(part: str) -> list[_Quantity]:
    """Quantity cells ("1 bản chính,1 bản sao") glued to the name before them.

    The count is two digits when they are not glued to more digits, else one digit (a name ending
    in a year: "…ngày 01/7/20261 bản chính"). A count after a space or a bracket, or a zero-padded
    one ("nộp: 01 bản chính"), is text inside the name, not a cell.
    """
    found = []
    for match in _QUANTITY.finditer(part):
        digit = match.start() - 2
        if digit < 0 or part[digit + 1] != " " or not part[digit].isdigit():
            continue
        if digit >= 1 and part[digit - 1] in "123456789" and (digit < 2 or part[digit - 2] not in _NOT_BEFORE_TWO):
            start = digit - 1
        elif digit >= 1 and part[digit - 1] in " \n(":
            continue
        else:
            start = digit
        run = start
        while run > 0 and part[run - 1].isdigit():
            run -= 1
        if start - run == 1 and part[run] == "0" and (run == 0 or part[run - 1] in " \t\n("):
            continue
        found.append(_Quantity(start, match.end(), part[start : match.end()]))
    return found


_NOT_BEFORE_TWO = frozenset(" \n(0123456789")


def _heading(text: str) -> str:
    """A case heading ("* Giấy tờ phải nộp:" → "Giấy tờ phải nộp"); "--" is no heading."""
    return squash_known(text).strip(" -*+:").strip()


def _dossier_item(segment: str, quantity: str, case: str) -> DossierItem | None:
    name, form = split_form(segment)
    name = squash(name)
    if not name:
        return None
    originals, copies = counts(quantity)
    return DossierItem(name=name, case=case, originals=originals, copies=copies, quantity=quantity, form=form)


def split_form(segment: str) -> tuple[str, str]:
    """Split "<tên giấy tờ><mẫu đơn>.docx" into the name and the form file name(s) ("; "-joined).

    The form cell is recognised by its file extension at the end; where it starts is the first
    glued boundary within reach: after ";", ":", ")" or "." (not a decimal point), or at a capital
    glued to a lower-case letter ("…khoáng sảnMau 35 - Phu luc II…docx").
    """
    text = segment.rstrip()
    endings = list(_EXTENSION.finditer(text))
    if not endings or endings[-1].end() != len(text):
        return segment, ""
    chain = [endings[-1]]
    for ending in reversed(endings[:-1]):
        if chain[0].start() - ending.end() > _FORM_WINDOW:
            break
        chain.insert(0, ending)
    start = _form_start(text, chain[0].start())
    if start is None:
        return segment, ""
    names, cursor = [], start
    for ending in chain:
        if ending.start() >= cursor:
            names.append(squash(text[cursor : ending.end()]))
            cursor = ending.end()
    return text[:start], "; ".join(n for n in names if n)


def _form_start(text: str, extension_at: int) -> int | None:
    """Where the form file name starts: a form word glued to the name, else a glued boundary."""
    window = range(max(1, extension_at - _FORM_WINDOW), extension_at)
    for j in window:
        if text[j - 1] not in " \t\n([" and _FORM_WORD.match(text, j):
            return j
    found = [j for j in window if _boundary(text, j)]
    letters = [j for j in found if not text[j].isdigit()]
    return letters[0] if letters else (found[0] if found else None)


def _boundary(text: str, j: int) -> bool:
    before, char = text[j - 1], text[j]
    if not char.isalnum():
        return False
    if before in ";:)]":
        return True
    if before == ".":  # not a decimal point or "14.QLT", but the end of a date "30/6/2023.NA5"
        return j < 2 or not text[j - 2].isdigit() or bool(re.search(r"/\d{4}$", text[:j - 1]))
    return char.isupper() and (before.islower() or (before.isdigit() and text[j + 1 : j + 2].islower()))
