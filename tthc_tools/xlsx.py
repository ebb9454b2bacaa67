"""Excel workbooks (openpyxl, used by no other module): rows read from a workbook, workbooks written whole.

Reading streams the first worksheet in read-only mode, so a huge spreadsheet costs little memory;
a damaged file is a :class:`~tthc_tools.errors.BadInput` naming it, never a traceback. Writing
describes a workbook as :class:`Sheet` s of rows and streams it in write-only mode: a sheet with a
header gets it bold, frozen and with filter buttons, and its columns as wide as their first rows
need; :class:`Row` adds the few looks the decision annex needs (bold, italic, centred, wrapped,
boxed, a cell merged across the table). :func:`write_workbook` writes through a temporary file.
"""

from __future__ import annotations

import itertools
import warnings
import zipfile
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from tthc_tools.errors import BadInput
from tthc_tools.export.atomic import write_file
from tthc_tools.i18n import _

CHUNK_ROWS = 256  # rows read at a time
MEASURED_ROWS = 200  # rows a column's width is measured on
MIN_WIDTH, MAX_WIDTH = 8, 60
DEFAULT_FONT = ("Calibri", 11)  # the spreadsheet's own default


# --- reading ----------------------------------------------------------------------------------------


def read_rows(path: Path, limit: int | None = None) -> Generator[tuple[Any, ...], None, None]:
    """The cell values of each row of the first worksheet (at most ``limit`` rows); the file is closed
    when the rows end or the iterator is closed. A corrupt or truncated workbook is a :class:`BadInput`,
    raised by the first ``next()`` or, for damage found while streaming, where it is met."""
    book = _open(path)
    try:
        sheet: Any = next((ws for ws in book.worksheets if isinstance(ws, ReadOnlyWorksheet)), None)
        if sheet is None:
            raise BadInput(_("the workbook has no worksheet"), path=str(path))
        rows = itertools.islice(sheet.iter_rows(values_only=True), limit)
        while True:
            with warnings.catch_warnings():  # a few rows at a time: the caller's own warnings stay on
                warnings.simplefilter("ignore")
                chunk = list(itertools.islice(rows, CHUNK_ROWS))
            yield from chunk
            if len(chunk) < CHUNK_ROWS:
                return
    except (zipfile.BadZipFile, EOFError) as error:
        raise BadInput(_("the Excel workbook is truncated or corrupt"), path=str(path)) from error
    except (KeyError, ValueError, OSError, SyntaxError) as error:
        raise BadInput(_("cannot read the Excel workbook: {error}").format(error=_short(error)), path=str(path)) from error
    finally:
        book.close()


def _open(path: Path) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise BadInput(_("not a valid Excel workbook (corrupt or truncated .xlsx)"), path=str(path)) from error
    except Exception as error:  # openpyxl raises many kinds on damaged parts (KeyError, XML errors…)
        raise BadInput(_("cannot read the Excel workbook: {error}").format(error=_short(error)), path=str(path)) from error


def _short(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text.splitlines()[0][:200]


# --- writing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How a cell looks: bold or italic, centred (both ways), wrapped (top-aligned), boxed (thin border)."""

    bold: bool = False
    italic: bool = False
    centre: bool = False
    wrap: bool = False
    box: bool = False


PLAIN = Style()
BOLD = Style(bold=True)


@dataclass(frozen=True)
class Row:
    """A row whose cells share ``style`` (or take one each); ``span`` > 1 merges the first cell across
    that many columns (a boxed span is boxed all along)."""

    cells: Sequence[object]
    style: Style | Sequence[Style] = PLAIN
    span: int = 1


@dataclass(frozen=True)
class Sheet:
    """One worksheet: ``header`` (bold, frozen, with filters) above ``rows`` (plain value rows, or
    :class:`Row` s for looks); column ``widths`` in characters, measured from the first rows when not
    given; ``font`` (name and size) for every styled cell, the spreadsheet's default when empty."""

    title: str
    rows: Iterable[Sequence[object] | Row]
    header: Sequence[str] = ()
    widths: Sequence[float] = ()
    font: tuple[str, float] | None = None


def write_workbook(path: Path, sheets: Iterable[Sheet], *, make_folder: bool = False) -> bool:
    """Write ``sheets`` to ``path`` through a temporary file (see :func:`tthc_tools.export.atomic.write_file`);
    True when the file changed."""
    return write_file(path, lambda handle: save(sheets, handle), make_folder=make_folder)


def save(sheets: Iterable[Sheet], target: IO[bytes] | Path) -> None:
    """Write ``sheets`` as an .xlsx workbook straight into ``target`` (the caller makes it atomic)."""
    book = openpyxl.Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title), sheet)
    book.save(target)


def _write_sheet(ws: Any, sheet: Sheet) -> None:
    rows = iter(sheet.rows)
    first = list(itertools.islice(rows, MEASURED_ROWS))
    widths = sheet.widths or _measure(sheet.header, first)
    for column, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    looks = _Looks(sheet.font)
    count = 0
    if sheet.header:
        ws.freeze_panes = "A2"
        ws.append([looks.cell(ws, label, BOLD) for label in sheet.header])
        count = 1
    for row in itertools.chain(first, rows):
        count += 1
        ws.append(_cells(ws, row, looks, count) if isinstance(row, Row) else looks.plain(ws, row))
    if sheet.header and count > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.header))}{count}"


def _cells(ws: Any, row: Row, looks: _Looks, number: int) -> list[Any]:
    styles = [row.style] * len(row.cells) if isinstance(row.style, Style) else list(row.style)
    cells = [looks.cell(ws, value, style) for value, style in zip(row.cells, styles, strict=True)]
    if row.span > 1:
        style = styles[0]
        filler = [looks.cell(ws, None, style) if style.box else None for _column in range(row.span - 1)]
        cells = [cells[0], *filler]
        ws.merged_cells.add(f"A{number}:{get_column_letter(row.span)}{number}")
    return cells


class _Looks:
    """Styled cells, their font, alignment and border made once per look."""

    def __init__(self, font: tuple[str, float] | None) -> None:
        self.font = font
        self._made: dict[Style, tuple[Font, Alignment, Border]] = {}

    def plain(self, ws: Any, values: Sequence[object]) -> list[Any]:
        return [_legal(v) for v in values] if self.font is None else [self.cell(ws, v, PLAIN) for v in values]

    def cell(self, ws: Any, value: Any, style: Style) -> Any:
        if style not in self._made:
            name, size = self.font or DEFAULT_FONT
            thin = Side(style="thin")
            self._made[style] = (
                Font(name=name, size=size, bold=style.bold, italic=style.italic),
                Alignment(horizontal="center" if style.centre else None,
                          vertical="center" if style.centre else "top" if style.wrap else None,
                          wrap_text=style.wrap or style.centre),
                Border(left=thin, right=thin, top=thin, bottom=thin) if style.box else Border(),
            )
        cell = WriteOnlyCell(ws, _legal(value))
        cell.font, cell.alignment, cell.border = self._made[style]
        return cell


def _legal(value: Any) -> Any:
    """Text without the control characters a workbook cannot hold (an OCR page break, a stray NUL)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _measure(header: Sequence[str], rows: list[Sequence[object] | Row]) -> list[float]:
    """Each column as wide as its longest line in the header and ``rows`` (spanning cells left out)."""
    widths: list[float] = []
    for cells in (header, *(_values(row) for row in rows)):
        for column, value in enumerate(cells):
            longest = max((len(line) for line in str(value).splitlines()), default=0) if value is not None else 0
            if column == len(widths):
                widths.append(MIN_WIDTH)
            widths[column] = max(widths[column], min(MAX_WIDTH, longest + 2))
    return widths


def _values(row: Sequence[object] | Row) -> Sequence[object]:
    if isinstance(row, Row):
        return row.cells if row.span == 1 else ()
    return row
