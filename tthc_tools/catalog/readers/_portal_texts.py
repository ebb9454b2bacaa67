"""Splitting the portal's glued "Căn cứ pháp lý" table and its "Kết quả xử lý" block.

A legal-basis row is ``<tên văn bản><mã văn bản>`` with nothing between: the number column ends a
row, and the number grammar (``85/2019/TT-BTC``, ``60/2014/QH13``, ``66.7/2025/NQ-CP``) says where.
The title often quotes a number too ("Nghị định số 123/2015/NĐ-CP ngày …"), so a number ends a row
only when what follows it starts the next row: the end of the text, a letter glued to it, or a space
and a capital. The result block reads ``<tên>Mã: KQ.G15.000031<tên>Mã: …Từ khóa…Mô tả…`` followed
by page furniture ("Chọn cơ quan thực hiện…"), which is dropped.
"""

from __future__ import annotations

import re

from tthc_tools.catalog.readers._fields import LOWER, UPPER, block_known, squash, squash_known
from tthc_tools.catalog.readers._portal_tables import Split
from tthc_tools.model import LegalBasis, Result

LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
_PART = rf"(?:TTg|(?:UBTV)?QH\d{{2}}|(?:[A-ZĐ_&](?![{LOWER}]))+)"
_NUMBER = re.compile(
    rf"(?P<prefix>(?<=[{LOWER}{UPPER}])(?:Luật|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Nghị quyết|Pháp lệnh)"
    r"(?: số)?\s*)?"
    r"(?<!/)(?P<num>\d+(?:\.\d+)?)\s?/\s?(?:(?P<year>(?:19|20)\d{2})\s?/\s?)?"
    rf"(?P<issuer>{_PART}(?:\s?-\s?{_PART})*)"
)
_KNOWN_ISSUERS = frozenset(
    ["CP", "TTg", "BTC", "BCA", "BTP", "BXD", "NHNN", "BNNMT", "BGTVT", "BYT", "BQP", "BCT", "VPCP", "BKHĐT", "BKHCN", "BNV", "BTTTT", "BGDĐT", "BVHTTDL", "BTNMT", "BNNPTNT", "BLĐTBXH", "HĐND", "UBND", "TANDTC", "VKSNDTC", "KTNN", "UBTVQH"]
)
_NEXT_ROW = re.compile(rf"$|[{LOWER}{UPPER}]|\s*\n|\s+[{UPPER}]")
_IN_TITLE = re.compile(r"ngày\s*\d")


def split_legal(text: str) -> Split[LegalBasis]:
    """Legal-basis rows (title + number) of a ``can_cu_phap_ly`` section."""
    body = text[len(LEGAL_HEADER) :] if text.startswith(LEGAL_HEADER) else text
    if not squash_known(body):
        return Split((), True)
    rows: list[LegalBasis] = []
    start = 0
    tidy = True
    for match in _NUMBER.finditer(body):
        number, end = _number(match, body)
        rest = body[end:]
        if not _NEXT_ROW.match(rest) or _IN_TITLE.match(rest):
            continue
        title_end = match.start() if match["prefix"] and squash(body[start : match.start()]) else match.start("num")
        title = squash(body[start:title_end])
        title, number = _year_glued(title, number)
        if title:
            rows.append(LegalBasis(number=number, title=title))
        else:
            tidy = False
        start = end
    leftover = squash_known(body[start:])
    if leftover:  # a last row whose number column is not a number ("Luật Thú y 2015"): keep its text
        rows.append(LegalBasis(title=leftover))
        tidy = False
    return Split(tuple(rows), tidy)


def _number(match: re.Match[str], body: str) -> tuple[str, int]:
    """The number as written (spaces dropped) and where it ends.

    A capital glued to the issuer starts the next title ("…TT-BTCNghị định") unless the issuer is a
    known one with it ("…TT-BCAngày 01/7/2025" is issuer BCA).
    """
    issuer = re.sub(r"\s+", "", match["issuer"])
    end = match.end()
    last = issuer.rsplit("-", 1)[-1]
    if end < len(body) and body[end].isupper() and last + body[end] in _KNOWN_ISSUERS:
        issuer, end = issuer + body[end], end + 1
    elif last not in _KNOWN_ISSUERS:  # "…NĐ-CPLUẬT HÀNG KHÔNG…": a capitalised title glued on
        known = max((k for k in _KNOWN_ISSUERS if last.startswith(k)), key=len, default="")
        if known and not last[len(known) :].isdigit():
            cut = len(last) - len(known)
            issuer, end = issuer[:-cut], end - cut
    year = f"{match['year']}/" if match["year"] else ""
    return f"{match['num']}/{year}{issuer}", end


def _year_glued(title: str, number: str) -> tuple[str, str]:
    """"…năm 2024" + "37/2024/QH15" arrive as "năm 202437/2024/QH15": give the year back."""
    head = number.split("/", 1)[0]
    if len(head) >= 5 and head[:2] in ("19", "20") and "." not in head:
        return squash(f"{title} {head[:4]}"), number[4:]
    return title, number


# --- results ---------------------------------------------------------------------------------------

_NOISE = ("Chọn cơ quan thực hiện", "Hệ thống chỉ hiển thị", "-- Chọn")
_CODE_CHAR = re.compile(rf"[A-Z0-9.\-_](?![{LOWER}])")


class ResultBlock:
    """The parts of a ``ket_qua_xu_ly`` block: results, keywords (Từ khóa), description (Mô tả)."""

    def __init__(self, results: tuple[Result, ...], keywords: str, description: str, clean: bool) -> None:
        self.results = results
        self.keywords = keywords
        self.description = description
        self.clean = clean


def split_results(text: str) -> ResultBlock:
    """Results with their codes, then the keywords and description, without the page furniture."""
    if not squash_known(text):
        return ResultBlock((), "", "", True)
    for marker in _NOISE:
        cut = text.find(marker)
        if cut >= 0:
            text = text[:cut]
    head, has_keywords, tail = text.partition("Từ khóa")
    keywords, _sep, description = tail.partition("Mô tả")
    results: list[Result] = []
    pieces = head.split("Mã:")
    tidy = bool(has_keywords) or len(pieces) > 1
    name = pieces[0]
    for piece in pieces[1:]:
        code, rest = _code(piece)
        if squash(name) or code:
            results.append(Result(squash(name), code))
        tidy = tidy and bool(squash(name)) and bool(code)
        name = rest
    if squash_known(name):
        if len(pieces) > 1 or has_keywords:
            results.append(Result(squash(name)))
        tidy = tidy and len(pieces) == 1
    return ResultBlock(tuple(results), block_known(keywords), block_known(description), tidy)


def _code(piece: str) -> tuple[str, str]:
    """The code at the start of ``piece`` (capitals, digits, dots, dashes), and the text after it."""
    text = piece.lstrip()
    end = 0
    while end < len(text) and _CODE_CHAR.match(text, end):
        end += 1
    code = text[:end].rstrip(".-_")
    return code, text[len(code) :]
