"""Opening XLSX workbooks safely (read-only, streamed) and turning cells into clean text.

Cells of old spreadsheets may hold TCVN3/VNI text typed in legacy fonts; every text cell goes through
:func:`tthc_tools.encodings.fix_legacy`, with the encoding most of the sheet uses winning ties.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tthc_tools.encodings import LABELS, fix_legacy, unicode_only
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

SAMPLE_ROWS = 200


def open_sheet(path: Path) -> tuple[Any, ReadOnlyWorksheet]:
    """The workbook and its first worksheet; a corrupt or truncated file is a :class:`BadInput`."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise BadInput(_("not a valid Excel workbook (corrupt or truncated .xlsx)"), path=str(path)) from error
    except Exception as error:  # openpyxl raises many kinds on damaged parts (KeyError, XML errors…)
        raise BadInput(_("cannot read the Excel workbook: {error}").format(error=_short(error)), path=str(path)) from error
    sheets = [ws for ws in book.worksheets if isinstance(ws, ReadOnlyWorksheet)]
    if not sheets:
        book.close()
        raise BadInput(_("the workbook has no worksheet"), path=str(path))
    return book, sheets[0]


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:200]


def raw_rows(path: Path, sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The cell values of each row; damage found while streaming is a :class:`BadInput` too."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield from sheet.iter_rows(values_only=True)
    except (zipfile.BadZipFile, EOFError) as error:
        raise BadInput(_("the Excel workbook is truncated or corrupt"), path=str(path)) from error
    except (KeyError, ValueError, OSError, SyntaxError) as error:
        raise BadInput(_("cannot read the Excel workbook: {error}").format(error=_short(error)), path=str(path)) from error


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


def sheet_prefer(path: Path, sheet: Any) -> str:
    """The legacy encoding the sheet's first rows are in: more cells clearly in it than surely Unicode."""
    votes: Counter[str] = Counter()
    for index, row in enumerate(raw_rows(path, sheet)):
        if index >= SAMPLE_ROWS:
            break
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
