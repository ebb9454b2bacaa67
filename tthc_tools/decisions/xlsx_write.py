"""A drafted decision as an Excel workbook (openpyxl): the annex tables, and the body on its own sheet.

Officers paste annex rows from spreadsheets into Word and check lists there, so the annex sheet
comes first: every table under its title, bordered, text wrapped, group rows merged across the
table. The second sheet holds the body of the decision, one paragraph a row.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tthc_tools.decisions.document import DraftDocument, Table

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
_BOLD = Font(name="Times New Roman", bold=True, size=12)
_PLAIN = Font(name="Times New Roman", size=12)
_ITALIC = Font(name="Times New Roman", italic=True, size=12)
_WIDTH = 150  # characters across all columns of the annex sheet


def write_xlsx(draft: DraftDocument, path: Path) -> None:
    """Write ``draft`` to ``path`` as an .xlsx workbook (sheets "Phụ lục" and "Quyết định")."""
    book = Workbook()
    annex = book.active
    assert annex is not None
    annex.title = "Phụ lục"
    _annex(annex, draft)
    _body(book.create_sheet("Quyết định"), draft)
    book.save(str(path))


def _annex(sheet: Worksheet, draft: DraftDocument) -> None:
    width = max((len(t.header) for t in draft.tables), default=1)
    row = 1
    for text in (*draft.annex_heading, draft.part):
        if text:
            _merged(sheet, row, width, text, _ITALIC if text.startswith("(") else _BOLD, _CENTRE)
            row += 1
    for table in draft.tables:
        row = _table(sheet, table, row + 1)
    widths = draft.tables[0].widths if draft.tables else (1,)
    for col, share in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = max(6, round(_WIDTH * share / sum(widths)))
    sheet.freeze_panes = None


def _table(sheet: Worksheet, table: Table, row: int) -> int:
    """Write one table from ``row``; returns the next free row."""
    width = len(table.header)
    _merged(sheet, row, width, table.title, _BOLD, Alignment(vertical="center"))
    row += 1
    for col, label in enumerate(table.header, 1):
        _put(sheet, row, col, label, _BOLD, _CENTRE)
    for line in table.rows:
        row += 1
        if line.group:
            _merged(sheet, row, width, line.cells[0], _BOLD, _WRAP, border=True)
            continue
        for col, value in enumerate(line.cells, 1):
            _put(sheet, row, col, value, _PLAIN, _CENTRE if col == 1 else _WRAP)
    return row + 1


def _put(sheet: Worksheet, row: int, col: int, value: str, font: Font, align: Alignment) -> None:
    cell = sheet.cell(row=row, column=col, value=value)
    cell.font, cell.alignment, cell.border = font, align, _BOX


def _merged(sheet: Worksheet, row: int, width: int, text: str, font: Font, align: Alignment, *,
            border: bool = False) -> None:
    cell = sheet.cell(row=row, column=1, value=text)
    cell.font, cell.alignment = font, align
    if border:
        for col in range(1, width + 1):
            sheet.cell(row=row, column=col).border = _BOX
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _body(sheet: Worksheet, draft: DraftDocument) -> None:
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 60
    rows: list[tuple[str, str, Font]] = [
        (draft.issuer[0], draft.motto[0], _PLAIN), (draft.issuer[1], draft.motto[1], _BOLD),
        (draft.number_line, draft.date_line, _PLAIN), ("", "", _PLAIN),
        (draft.title, "", _BOLD), (draft.summary, "", _BOLD), (draft.authority, "", _BOLD),
        *((text, "", _ITALIC) for text in draft.bases), ("QUYẾT ĐỊNH:", "", _BOLD),
        *((f"{label} {text}", "", _PLAIN) for label, text in draft.articles), ("", "", _PLAIN),
        ("Nơi nhận:", draft.signature[0] if draft.signature else "", _BOLD),
        *((line, "", _PLAIN) for line in draft.recipients), ("", "\n".join(draft.signature[1:]), _BOLD),
    ]
    for number, (left, right, font) in enumerate(rows, 1):
        for col, text in ((1, left), (2, right)):
            cell = sheet.cell(row=number, column=col, value=text or None)
            cell.font, cell.alignment = font, _WRAP
        if left and not right and number > 4:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=2)
