"""Spreadsheet cells as clean text: numbers without ".0", dates ISO, legacy-font text converted.

Cells of old spreadsheets may hold TCVN3/VNI text typed in legacy fonts; every text cell goes through
:func:`tthc_tools.encodings.fix_legacy`, with the encoding most of the sheet uses winning ties. The
rows themselves come from :func:`tthc_tools.xlsx.read_rows`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from tthc_tools.encodings import LABELS, fix_legacy, unicode_only
from tthc_tools.i18n import _

SAMPLE_ROWS = 200


class CellText:
    """Cell values → text: numbers without ".0", dates ISO, legacy-font text converted.

    A cell too short to tell ("Toàn" is also VNI for "Tồn") follows the rest of its row: the row's
    clearly legacy cells, unless a cell of the row is surely Unicode; a row with neither follows the
    sheet (``prefer``).
    """

    def __init__(self, prefer: str = "") -> None:
        self.prefer = prefer
        self.converted: Counter[str] = Counter()

    def row(self, values: tuple[Any, ...]) -> list[str]:
        """The text of every cell of one row."""
        votes: Counter[str] = Counter()
        surely_unicode = False
        for value in values:
            if isinstance(value, str) and not value.isascii():
                if unicode_only(value):
                    surely_unicode = True
                else:
                    votes[fix_legacy(value)[1]] += 1
        votes.pop("", None)
        prefer = "" if surely_unicode else (votes.most_common(1)[0][0] if votes else self.prefer)
        return [self(value, prefer) for value in values]

    def __call__(self, value: object, prefer: str | None = None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            text, legacy = fix_legacy(value, self.prefer if prefer is None else prefer)
            if legacy:
                self.converted[legacy] += 1
            return text
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date().isoformat()
        if isinstance(value, dt.date | dt.datetime):
            return value.isoformat()
        return str(value)

    def notes(self) -> list[str]:
        """"text converted from TCVN3 (ABC) in 12 cells" for each legacy encoding met."""
        return [
            _("text converted from {encoding} in {count} cells").format(encoding=LABELS[name], count=count)
            for name, count in sorted(self.converted.items())
        ]


def sheet_prefer(rows: Iterable[tuple[Any, ...]]) -> str:
    """The legacy encoding of a sheet's first rows (:data:`SAMPLE_ROWS` of them, the caller takes them):
    more cells clearly in it than surely Unicode."""
    votes: Counter[str] = Counter()
    for row in rows:
        for value in row:
            if isinstance(value, str) and not value.isascii():
                votes["unicode" if unicode_only(value) else fix_legacy(value)[1]] += 1
    legacy = max(("tcvn3", "vni"), key=lambda name: votes[name])
    return legacy if votes[legacy] >= 2 and votes[legacy] > votes["unicode"] else ""


def code_text(value: object, text: CellText) -> str:
    """A procedure-code cell: a number typed into Excel (1.00011) gets its six decimals back."""
    if isinstance(value, float) and not value.is_integer() and value < 10:
        return f"{value:.6f}"
    return text(value)
