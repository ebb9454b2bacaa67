"""Grammars of the identifiers and dates the catalogue uses (research/domain.md §1.4, §2.4).

Procedure codes (national ``1.004227``, long local ``1.001122.000.00.00.H48``, short local
``1.014460.H13``), result codes, dossier codes, decision numbers, Vietnamese date lines, deadlines.
Parsers return ``None`` for text that does not match; callers decide whether that is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tthc_tools.text import clean, fold

# --- procedure codes -------------------------------------------------------------------------------

_PROCEDURE = re.compile(
    r"^(?P<group>[1-6])\.(?P<serial>\d{6})(?:\.(?P<agency>(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Z]\d{2}))?$"
)
_PROCEDURE_IN_TEXT = re.compile(
    r"(?<![\d.])([1-6]\.\d{6}(?:\.(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Za-z]\d{2})?)(?![\d])"
)

@dataclass(frozen=True)
class ProcedureCode:
    """A parsed procedure code: the national code plus the agency suffix of a local form."""

    national: str
    agency: str = ""

    @property
    def is_local(self) -> bool:
        return bool(self.agency)

    def __str__(self) -> str:
        return f"{self.national}.{self.agency}" if self.agency else self.national


def parse_procedure_code(value: object) -> ProcedureCode | None:
    """Parse a procedure code in any of its three forms; ``None`` when it is not one.

    Surrounding whitespace, a trailing dot and the case of the agency suffix are forgiven.
    """
    text = clean(value).rstrip(".").replace(" ", "")
    if not text:
        return None
    head, _, tail = text.partition(".")
    text = head + "." + tail.upper() if tail else text
    match = _PROCEDURE.match(text)
    if not match:
        return None
    return ProcedureCode(f"{match['group']}.{match['serial']}", match["agency"] or "")


def national_code(value: object) -> str | None:
    """The national code a code of any form reduces to (``1.001122.000.00.00.H48`` → ``1.001122``)."""
    parsed = parse_procedure_code(value)
    return parsed.national if parsed else None


def find_procedure_codes(text: str) -> list[str]:
    """Every procedure code written somewhere in ``text`` (any form), in order of appearance."""
    found = []
    for raw in _PROCEDURE_IN_TEXT.findall(text):
        parsed = parse_procedure_code(raw)
        if parsed:
            found.append(str(parsed))
    return found


# --- result and dossier codes ---------------------------------------------------------------------

_RESULT = re.compile(
    r"^(?:KQ[.\-][A-Z]\d{2}\.\d{5,7}|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-KQ\d+|TP-[A-Z]\d{2}\.\d{5,8})$"
)
RESULT_IN_TEXT = re.compile(
    r"KQ[.\-][A-Z]\d{2}\.\d{5,7}|\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-KQ\d+|TP-[A-Z]\d{2}\.\d{5,8}"
)
_DOSSIER = re.compile(r"^(?P<agency>[0-9A-Z.]{5,35})-(?P<date>\d{6})-(?P<seq>\d{4,})$")
DOSSIER_IN_TEXT = re.compile(r"(?<![0-9A-Z.])[0-9A-Z][0-9A-Z.]{4,34}-\d{6}-\d{4,}(?!\d)")


def is_result_code(value: object) -> bool:
    """True for a result (document type) code such as ``KQ.G15.000031`` or ``000.00.00.G11-KQ1711``."""
    return bool(_RESULT.match(clean(value)))


def is_dossier_code(value: object) -> bool:
    """True for a dossier code ``<agency id>-<YYMMDD>-<sequence>`` (TT 04/2025, provincial systems)."""
    match = _DOSSIER.match(clean(value))
    if not match:
        return False
    yy, mm, dd = (int(match["date"][i : i + 2]) for i in (0, 2, 4))
    return _valid_date(2000 + yy, mm, dd)


# --- decision numbers -----------------------------------------------------------------------------

_DECISION = re.compile(
    r"^(?:s[oố]\s*:?\s*)?(?P<number>\d{1,5})\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<kind>[A-ZĐ]{1,6})\s*-\s*(?P<issuer>[A-ZĐ0-9&]+(?:\s*-\s*[A-ZĐ0-9&]+)*)$",
    re.IGNORECASE,
)
_DRAFT_DECISION = re.compile(
    r"^(?:s[oố]\s*:?\s*)?(?:…|\.+|_+)?\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?"
    r"(?P<kind>[A-ZĐ]{1,6})\s*-\s*(?P<issuer>[A-ZĐ0-9&]+(?:\s*-\s*[A-ZĐ0-9&]+)*)$",
    re.IGNORECASE,
)
DECISION_IN_TEXT = re.compile(
    r"(?<![\w/])\d{1,5}\s?/\s?(?:\d{4}/)?(?:QĐ|QD|Qđ)-[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*", re.IGNORECASE
)


@dataclass(frozen=True)
class DocumentNumber:
    """A số ký hiệu: ``2015/QĐ-UBND``, ``163/2025/QĐ-CTUBND``, or a draft's blank ``/QĐ-UBND``."""

    number: int | None
    kind: str
    issuer: str
    year: int | None = None
    digits: str = ""

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def key(self) -> str:
        """The comparison key: no zero padding, ASCII-folded, upper case (``2015/QD-UBND``)."""
        number = "" if self.number is None else str(self.number)
        year = f"{self.year}/" if self.year else ""
        return fold(f"{number}/{year}{self.kind}-{self.issuer}").upper()

    def __str__(self) -> str:
        number = "" if self.number is None else self.digits or f"{self.number:02d}"
        year = f"{self.year}/" if self.year else ""
        return f"{number}/{year}{self.kind}-{self.issuer}"


def parse_document_number(value: object) -> DocumentNumber | None:
    """Parse a số ký hiệu; ASCII ``QD`` becomes ``QĐ``, padding and stray spaces are forgiven."""
    text = clean(value).strip(" .;,")
    match = _DECISION.match(text)
    if match:
        digits = match["number"]
        return DocumentNumber(
            number=int(digits),
            kind=_kind(match["kind"]),
            issuer=re.sub(r"\s+", "", match["issuer"]).upper(),
            year=int(match["year"]) if match["year"] else None,
            digits=digits,
        )
    draft = _DRAFT_DECISION.match(text)
    if draft:
        return DocumentNumber(
            number=None,
            kind=_kind(draft["kind"]),
            issuer=re.sub(r"\s+", "", draft["issuer"]).upper(),
            year=int(draft["year"]) if draft["year"] else None,
        )
    return None


def _kind(kind: str) -> str:
    upper = kind.upper()
    return "QĐ" if upper in ("QD", "QĐ") else upper


# --- dates ----------------------------------------------------------------------------------------

_DATE_LINE = re.compile(
    r"^(?:(?P<place>[^,\d]{2,60}?)\s*,\s*)?ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?[\s.…_]*"
    r"năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,4})\s*[/.\-]\s*(?P<b>\d{1,2})\s*[/.\-]\s*(?P<c>\d{1,4})$")


@dataclass(frozen=True)
class DateLine:
    """"Địa danh, ngày … tháng … năm …": the place and the date (``None`` in a draft's blank date)."""

    place: str
    date: dt.date | None
    year: int | None

    @property
    def is_draft(self) -> bool:
        return self.date is None


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2200


def parse_date_line(value: object) -> DateLine | None:
    """Parse "Sơn La, ngày 11 tháng 09 năm 2025"; a draft's blank day and month give ``date=None``."""
    text = clean(value)
    match = _DATE_LINE.search(text)
    if not match:
        return None
    place = clean(match["place"] or "").strip(" ,")
    year = int(match["y"])
    if match["d"] and match["m"] and _valid_date(year, int(match["m"]), int(match["d"])):
        return DateLine(place, dt.date(year, int(match["m"]), int(match["d"])), year)
    return DateLine(place, None, year)


def parse_date(value: object) -> dt.date | None:
    """Parse a date written ``24-03-2021``, ``24/3/2021``, ``2021-03-24`` or as a Vietnamese date line."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(value)
    if not text:
        return None
    match = _NUMERIC_DATE.match(text.split("T")[0].split(" ")[0])
    if match:
        a, b, c = int(match["a"]), int(match["b"]), int(match["c"])
        year, month, day = (a, b, c) if len(match["a"]) == 4 else (c, b, a)
        return dt.date(year, month, day) if _valid_date(year, month, day) else None
    line = parse_date_line(text)
    return line.date if line else None


# --- deadlines ------------------------------------------------------------------------------------

_DEADLINE = re.compile(
    r"^(?P<value>\d+(?:[.,]\d+)?)\s*(?P<unit>(?:ngày|giờ|tháng|năm|tuần|phút)(?:\s+làm\s+việc)?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Deadline:
    value: float
    unit: str


def parse_deadline(value: object) -> Deadline | None:
    """Parse "60 Ngày làm việc", "1", "15 ngày" into a value and a lower-case unit."""
    match = _DEADLINE.match(clean(value))
    if not match:
        return None
    return Deadline(float(match["value"].replace(",", ".")), (match["unit"] or "").lower())
