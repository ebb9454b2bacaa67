"""Text → model parts, shared by the readers: names, levels, decisions, steps, fees, counts."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TypeVar

from tthc_tools.codes import RESULT_IN_TEXT, find_procedure_codes, parse_document_number
from tthc_tools.model import CHANNELS, LEVELS, ONLINE_LEVELS, DossierItem, Fee, LegalBasis, Ref, Result, Step
from tthc_tools.text import PLACEHOLDERS, clean, clean_block, clean_block_known, clean_known, fold, nfc

LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER = LOWER.upper()
"""Vietnamese letters for regex classes (``re`` has no \\p{Ll})."""

T = TypeVar("T")


def as_text(value: object) -> str:
    """Any JSON or cell value as text: lists joined by line breaks, mappings and None as ""."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(as_text(v) for v in value)
    return str(value)


def text_cached(func: Callable[[str], T]) -> Callable[[object], T]:
    """Memoise a pure text → part function (spreadsheets repeat the same cells a lot)."""
    cached = functools.lru_cache(maxsize=4096)(func)

    @functools.wraps(func)
    def wrapper(value: object) -> T:
        return cached(as_text(value))

    return wrapper


_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad]")


def prepare(value: object) -> str:
    """NFC with invisible characters dropped: done once per field before it is cut into cells."""
    return _INVISIBLE.sub("", nfc(as_text(value)))


def squash(text: str) -> str:
    """:func:`~tthc_tools.text.clean` for text already :func:`prepare` d (much faster)."""
    return " ".join(text.split())


def squash_known(text: str) -> str:
    """:func:`squash`, with the "no information" placeholders mapped to ""."""
    out = " ".join(text.split())
    return "" if len(out) < 24 and out.casefold().rstrip(".") in PLACEHOLDERS else out


def block_known(value: object) -> str:
    """:func:`~tthc_tools.text.clean_block_known` without re-cleaning long text to test for a
    placeholder (only short text can be one)."""
    text = clean_block(as_text(value))
    return text if len(text) > 40 else clean_block_known(text)


# --- names (agencies, subjects) --------------------------------------------------------------------


_NAME_BREAK = re.compile(r"[()\[\]\n;,]")
_NEXT_CHAR = re.compile(r"\s*(\S)")


def split_names(value: object) -> list[str]:
    """Split a cell listing names (agencies, subjects) into cleaned, de-duplicated names.

    The portal joins names with ", " but names hold commas themselves ("Cục cảnh sát quản lý hành
    chính về trật tự, xã hội", "Tổ chức (không bao gồm doanh nghiệp, HTX)"). The rule, checked on
    the 2,642 portal records: a comma separates two names only outside brackets and when the next
    name starts with a capital letter; line breaks and semicolons always separate.
    """
    text = prepare(value)
    parts: list[str] = []
    depth = 0
    start = 0
    for match in _NAME_BREAK.finditer(text):
        char, i = match.group(), match.start()
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in "\n;" or (depth == 0 and _capital_next(text, i + 1)):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    seen: dict[str, str] = {}
    for part in parts:
        name = squash_known(part).strip(" ,.;")
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def _capital_next(text: str, at: int) -> bool:
    following = _NEXT_CHAR.match(text, at)
    return bool(following and following.group(1).isupper())


@text_cached
def refs(value: object) -> tuple[Ref, ...]:
    """:func:`split_names` as :class:`Ref` s (no codes: the text sources do not give them)."""
    return tuple(Ref(name) for name in split_names(value))


@text_cached
def single_ref(value: object) -> tuple[Ref, ...]:
    """One name (a lĩnh vực) as a one-element tuple, or ``()`` when empty."""
    name = clean_known(value)
    return (Ref(name),) if name else ()


# --- levels, kinds, decision ------------------------------------------------------------------------

_LEVEL_WORDS = {fold(label): key for key, label in LEVELS.items()}
_LEVEL_WORDS.update({"bo": "bo", "tinh": "tinh", "huyen": "huyen", "xa": "xa", "khac": "khac",
                     "cap trung uong": "bo", "trung uong": "bo"})


@text_cached
def levels(value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"Cấp bộ, Cấp tỉnh" → ``("bo", "tinh")``; also returns the pieces that are no level."""
    found: list[str] = []
    unknown: list[str] = []
    for piece in re.split(r"[,;\n]", clean_known(value)):
        key = _LEVEL_WORDS.get(fold(piece).strip(" ."))
        if key and key not in found:
            found.append(key)
        elif not key and clean(piece):
            unknown.append(clean(piece))
    order = list(LEVELS)
    return tuple(sorted(found, key=order.index)), tuple(unknown)


def level_key(value: object) -> str:
    """The level one name stands for ("Cấp tỉnh", "tỉnh", "tinh" → ``tinh``); "" when it is none."""
    folded = fold(value).strip(" .")
    return _LEVEL_WORDS.get(folded) or _LEVEL_WORDS.get(folded.removeprefix("cap "), "")


_DECISION_PREFIX = re.compile(r"^(?:quyết định|qđ)\s*(?:số)?\s*:?\s*", re.IGNORECASE)


@text_cached
def decision(value: object) -> str:
    """The number of the publishing decision: "Quyết định số 6225/QĐ-BQP" → "6225/QĐ-BQP".

    A number that does not parse ("Demo/QĐ-BCA") is kept as written, never guessed.
    """
    text = _DECISION_PREFIX.sub("", clean_known(value))
    parsed = parse_document_number(text)
    return str(parsed) if parsed and not parsed.is_draft else text


def channel_kind(value: object) -> str:
    """"Trực tiếp" → ``truc_tiep`` (also "Qua dịch vụ bưu chính công ích", "Nộp trực tuyến")."""
    folded = fold(value)
    if "buu chinh" in folded or "buu dien" in folded:
        return "buu_chinh"
    if "truc tuyen" in folded or "dien tu" in folded:
        return "truc_tuyen"
    if "truc tiep" in folded:
        return "truc_tiep"
    return ""


@text_cached
def channel_kinds(value: object) -> tuple[str, ...]:
    """Every channel named in a cell ("Trực tiếp; Trực tuyến"), in :data:`CHANNELS` order."""
    folded = fold(value)
    found = {kind for kind, label in CHANNELS.items() if fold(label) in folded}
    found.update(k for k in (channel_kind(p) for p in re.split(r"[,;\n/]", clean(value))) if k)
    return tuple(k for k in CHANNELS if k in found)


@text_cached
def online_level(value: object) -> str:
    """"Toàn trình" / "Một phần" / "Dịch vụ cung cấp thông tin…" (or the old "mức độ 4/3/2")."""
    folded = fold(value)
    if "toan trinh" in folded or folded in ("4", "muc do 4"):
        return "toan_trinh"
    if "mot phan" in folded or folded in ("3", "muc do 3"):
        return "mot_phan"
    if "thong tin" in folded or folded in ("2", "muc do 2"):
        return "thong_tin"
    return next((k for k, label in ONLINE_LEVELS.items() if fold(label) == folded), "")


_ABOLISHED_WORDS = re.compile(
    r"\b(?:bai bo|het hieu luc|khong con hieu luc|ngung hieu luc|ngung (?:ap dung|thuc hien|su dung)"
    r"|khong (?:con )?(?:ap dung|su dung)|abolished|inactive)\b"
)


@text_cached
def status(value: object) -> str:
    """"Đã bãi bỏ", "Hết hiệu lực", "Không còn hiệu lực", "Ngừng áp dụng" → ``abolished``; anything else
    (or nothing: "Còn hiệu lực", "Đang áp dụng", a bare code whose meaning no source documents) is the
    default, active."""
    return "abolished" if _ABOLISHED_WORDS.search(fold(value)) else "active"


def related(value: object) -> tuple[str, ...]:
    """The procedure codes written in a "thủ tục liên quan" cell (names alone are not codes)."""
    return tuple(dict.fromkeys(find_procedure_codes(nfc(str(value or "")))))


# --- steps, results ---------------------------------------------------------------------------------

_STEP_MARK = re.compile(r"(?=\bBước\s+\d+\s*[:.\-])")


def steps(value: object) -> tuple[Step, ...]:
    """Steps from free text: one per line, and one per "Bước n:" when several share a line."""
    out: list[Step] = []
    for line in prepare(value).split("\n"):
        pieces = _STEP_MARK.split(line) if line.count("Bước") > 1 and len(_STEP_MARK.findall(line)) > 1 else [line]
        out.extend(Step(text) for text in map(squash, pieces) if text)
    if len(out) == 1 and squash_known(out[0].text) == "":
        return ()
    return tuple(out)


_RESULT_CODE = re.compile(rf"\s*\(?(?:Mã(?: kết quả)?\s*:?\s*)?(?P<code>{RESULT_IN_TEXT.pattern})\)?\s*[.;]?\s*$")


@text_cached
def results(value: object) -> tuple[Result, ...]:
    """Results from free text: one per line, with a result code when the line ends with one."""
    out: list[Result] = []
    for line in block_known(value).split("\n"):
        line = clean(line).lstrip("-+*• ").strip()
        if not line:
            continue
        match = _RESULT_CODE.search(line)
        if match and match.start() > 0:
            out.append(Result(line[: match.start()].strip(" .;:-"), match["code"]))
        else:
            out.append(Result(line))
    return tuple(out)


# --- fees and counts ----------------------------------------------------------------------------------

_AMOUNT = re.compile(r"^(?:\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*|\d+)$")
_FEE = re.compile(
    r"^(?P<label>(?:Lệ phí|Phí|Giá|Chi phí)[^:]{0,40}?)\s*:\s*(?P<amount>[\d.,]+)?\s*"
    r"(?P<unit>Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD|EUR)?\s*(?:\((?P<note>.*)\))?\s*$",
    re.DOTALL,
)


def amount(value: str) -> int | None:
    """"2.000.000" / "2,000,000" / "0" → int; decimals ("1.5") and words give ``None``."""
    text = value.strip()
    return int(re.sub(r"[.,]", "", text)) if _AMOUNT.match(text) else None


@text_cached
def known(value: object) -> str:
    """:func:`~tthc_tools.text.clean_known`, memoised (deadline cells repeat)."""
    return clean_known(value)


@text_cached
def fees(value: object) -> tuple[Fee, ...]:
    """Fees from a "Phí, lệ phí" cell: "Phí : 2.000.000 Đồng (Thẩm định…)", one per line.

    A fee whose amount is not a whole number ("Phí : Không Đồng", "Lệ phí : 1.5 USD") keeps its
    text as the description, so nothing is lost or guessed.
    """
    text = block_known(value)
    if not text:
        return ()
    chunks = re.split(r"\n(?=\s*(?:Lệ phí|Phí|Giá|Chi phí)[^:\n]{0,40}:)", text)
    return tuple(_fee(chunk) for chunk in chunks if clean(chunk))


def _fee(chunk: str) -> Fee:
    match = _FEE.match(clean(chunk))
    number = amount(match["amount"]) if match and match["amount"] else None
    if match is None or number is None:
        return Fee(clean(chunk))
    label = clean(match["label"])
    note = clean(match["note"] or "")
    return Fee(f"{label} ({note})" if note else label, number, clean(match["unit"] or ""))


_COUNT = re.compile(r"(?P<n>\d+)\s*bản\s*(?P<kind>chính|sao)|bản\s*(?P<kind2>chính|sao)\s*:\s*(?P<n2>\d+)",
                    re.IGNORECASE)


def counts(value: object) -> tuple[int | None, int | None]:
    """Originals and copies from "1 bản chính,0 bản sao" or "Bản chính: 1\\nBản sao: 0"."""
    originals: int | None = None
    copies: int | None = None
    for match in _COUNT.finditer(nfc(str(value or ""))):
        number = int(match["n"] or match["n2"])
        kind = (match["kind"] or match["kind2"]).lower()
        if kind == "chính":
            originals = number
        else:
            copies = number
    return originals, copies


# --- free-text cells of spreadsheets --------------------------------------------------------------------

_DOC_NUMBER = re.compile(r"(?<![\d/])\d{1,5}(?:\.\d+)?\s?/\s?(?:(?:19|20)\d{2}\s?/\s?)?[A-ZĐ][A-ZĐa-z0-9&]*(?:\s?-\s?[A-ZĐ0-9][A-ZĐa-z0-9&]*)*")
_BULLET = re.compile(r"^[\-+*•–]+\s*")


def cell_lines(value: object) -> list[str]:
    """The non-empty lines of a cell, without list bullets ("- ", "+ ", "• ")."""
    out = []
    for line in block_known(value).split("\n"):
        text = clean(_BULLET.sub("", clean(line)))
        if text:
            out.append(text)
    return out


@text_cached
def legal_entries(value: object) -> tuple[LegalBasis, ...]:
    """Legal bases from a free-text cell: one per line, numbered by the first số ký hiệu in it."""
    out = []
    for line in cell_lines(value):
        found = _DOC_NUMBER.search(line)
        number = re.sub(r"\s+", "", found.group()) if found else ""
        out.append(LegalBasis(number=number, title=line.rstrip(" ;,.")))
    return tuple(out)


@text_cached
def dossier_entries(value: object) -> tuple[DossierItem, ...]:
    """Dossier items from a free-text cell, one per line, with counts when the line states them."""
    out = []
    for line in cell_lines(value):
        originals, copies = counts(line)
        out.append(DossierItem(name=line.rstrip(" ;,"), originals=originals, copies=copies))
    return tuple(out)
