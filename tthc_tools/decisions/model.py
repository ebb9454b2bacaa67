"""A publication decision (quyết định công bố TTHC) and its change set, as frozen dataclasses.

The same values serve three jobs: what ``decision import`` reads from a published decision, what
``decision draft`` writes into a new one (number and date left blank), and what ``decision record``
applies to the catalogue once the decision is signed. Unknown parts stay empty, never invented: a
draft has ``number == ""`` and ``issued is None``; a row whose table does not say its change kind has
``kind == ""``. :func:`tthc_tools.model.to_dict` gives the plain form, :func:`tthc_tools.model.from_dict`
rebuilds it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tthc_tools.codes import national_code, parse_document_number
from tthc_tools.model import CHANGE_KINDS
from tthc_tools.text import fold

SUPERSESSION_ACTIONS: dict[str, str] = {
    "repeal": "Bãi bỏ",
    "replace": "Thay thế",
    "amend": "Sửa đổi, bổ sung",
}
"""What a decision does to an earlier one (Điều 2/3: "bãi bỏ", "thay thế", "sửa đổi, bổ sung")."""


@dataclass(frozen=True, slots=True)
class DecisionRef:
    """Another decision named in this one: số ký hiệu, date, issuer and title, as printed."""

    number: str
    issued: dt.date | None = None
    issuer: str = ""
    title: str = ""

    @property
    def key(self) -> str:
        """The comparison key of the number (no zero padding, ASCII-folded), or the folded text."""
        parsed = parse_document_number(self.number)
        return parsed.key if parsed else fold(self.number).upper()


@dataclass(frozen=True, slots=True)
class Supersession:
    """"This decision repeals / replaces / amends (rows ``rows`` of) decision ``decision``"."""

    action: str
    decision: DecisionRef
    rows: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Extra:
    """A cell of a column the parser has no slot for, kept with its printed header."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One procedure in an annex table, with the change the decision makes to it.

    ``kind`` is a key of :data:`tthc_tools.model.CHANGE_KINDS` or ``""`` when the decision lists the
    procedure without saying it changes (lists of procedures done "không phụ thuộc địa giới hành
    chính", standardised lists). ``code`` is the procedure code as printed, normalised (national or
    local form); for a replaced procedure ``replaced_code``/``replaced_name`` name the old one.
    """

    kind: str
    number: str = ""
    code: str = ""
    name: str = ""
    deadline: str = ""
    place: str = ""
    channel: str = ""
    fees: str = ""
    legal_basis: str = ""
    levels: tuple[str, ...] = ()
    field: str = ""
    agency: str = ""
    replaced_code: str = ""
    replaced_name: str = ""
    published_in: str = ""
    note: str = ""
    table: str = ""
    extra: tuple[Extra, ...] = ()

    @property
    def national_code(self) -> str:
        """The national form of ``code`` (``1.001122.000.00.00.H48`` → ``1.001122``), or ``""``."""
        return national_code(self.code) or ""

    @property
    def kind_label(self) -> str:
        """The change kind in Vietnamese ("Sửa đổi, bổ sung"), ``""`` when unknown."""
        return CHANGE_KINDS.get(self.kind, "")


@dataclass(frozen=True, slots=True)
class Decision:
    """A publication decision: its header, body facts and change set.

    ``issuer`` is the issuing agency ("Ủy ban nhân dân tỉnh An Giang"), ``parent`` the body above it
    when the header names one; ``authority`` is the line under the title ("CHỦ TỊCH ỦY BAN NHÂN DÂN
    TỈNH …"). ``effective`` is the date the decision takes effect when the text fixes one ("có hiệu
    lực kể từ ngày ký" gives the issue date); ``effective_rule`` is the rule as written. ``topics`` is
    what the trích yếu says the decision does: change kinds (keys of ``CHANGE_KINDS``) and
    ``internal_process``, ``non_territorial``, ``internal``, ``simplification``, ``standardisation``,
    ``delegation``. ``warnings`` are for the user (translated), e.g. rows whose kind is unknown.
    """

    number: str = ""
    is_draft: bool = False
    place: str = ""
    issued: dt.date | None = None
    issuer: str = ""
    parent: str = ""
    authority: str = ""
    signer: str = ""
    signer_title: str = ""
    summary: str = ""
    effective: dt.date | None = None
    effective_rule: str = ""
    cites: tuple[DecisionRef, ...] = ()
    repeals: tuple[Supersession, ...] = ()
    rows: tuple[ChangeRow, ...] = ()
    topics: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    source: str = ""

    @property
    def key(self) -> str:
        """The comparison key of the number (``2015/QD-UBND``); ``""`` for a draft."""
        parsed = parse_document_number(self.number)
        return parsed.key if parsed and not parsed.is_draft else ""

    @property
    def ministry_decision(self) -> DecisionRef | None:
        """The ministry decision this one localises ("Căn cứ Quyết định số …/QĐ-B… của Bộ trưởng …")."""
        for ref in self.cites:
            parsed = parse_document_number(ref.number)
            if fold(ref.issuer).startswith("bo ") or (parsed and parsed.issuer.startswith("B")):
                return ref
        return None

    def counts(self) -> dict[str, int]:
        """Rows per change kind (``""`` for rows listed without a kind)."""
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.kind] = out.get(row.kind, 0) + 1
        return out

    def codes(self, kind: str | None = None) -> list[str]:
        """Every procedure code of the change set (replaced codes included), optionally of one kind."""
        found: list[str] = []
        for row in self.rows:
            if kind is None or row.kind == kind:
                found.extend(code for code in (row.code, row.replaced_code) if code)
        return found
