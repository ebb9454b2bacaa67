"""Word files (python-docx, used by no other module): a decision's paragraphs and tables read in
document order, and a drafted decision written with its body on A4 portrait, its annex on A4 landscape.

Reading gives what :func:`tthc_tools.decisions.grid.read_blocks` takes: paragraph texts and table grids
(``None`` where a cell continues the one on its left). Writing follows NĐ 30/2020 Phụ lục I: Times New
Roman, the two-column header (issuer and number on the left, national motto and the italic
place-and-date line on the right), bold centred title, the "Căn cứ" lines in italics, "Nơi nhận" and
the signature block side by side. Annex tables use the "Table Grid" style; group rows span the table.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as WordTable

from tthc_tools.decisions.document import DraftDocument, Table
from tthc_tools.decisions.grid import Block, Grid
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


# --- reading ----------------------------------------------------------------------------------------


def docx_blocks(path: Path, data: bytes) -> list[Block]:
    """Paragraph texts and table grids of the DOCX body ``data`` (read from ``path``), in document order."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BadInput(_("not a readable DOCX file ({error})").format(error=exc), path=str(path)) from exc
    return [_grid(item) if isinstance(item, WordTable) else item.text for item in document.iter_inner_content()]


def _grid(table: Any) -> Grid:
    """A python-docx table as rows of cell texts, ``None`` where a cell spans from its left."""
    grid: Grid = []
    for row in table.rows:
        cells: list[str | None] = []
        previous = None
        for cell in row.cells:
            cells.append(None if previous is not None and cell._tc is previous._tc else cell.text)
            previous = cell
        grid.append(cells)
    return grid


# --- writing ----------------------------------------------------------------------------------------


def write_docx(draft: DraftDocument, path: Path) -> None:
    """Write ``draft`` to ``path`` as a .docx file."""
    document = docx.Document()
    _styles(document)
    _margins(document.sections[0])
    _header(document, draft)
    _line(document, draft.title, bold=True, align=CENTER, before=12)
    _line(document, draft.summary, bold=True, align=CENTER)
    _line(document, draft.authority, bold=True, align=CENTER, before=12, after=6)
    for text in draft.bases:
        _line(document, text, italic=True, align=JUSTIFY, indent=True)
    _line(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=6)
    for label, text in draft.articles:
        paragraph = _line(document, "", align=JUSTIFY, indent=True)
        paragraph.add_run(label + " ").bold = True
        paragraph.add_run(text)
    _signature(document, draft)
    _annex(document, draft)
    document.save(str(path))


def _styles(document: Any) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(3)


def _margins(section: Any, *, landscape: bool = False) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0 if not landscape else 2.0), Cm(2.0)


def _line(target: Any, text: str, *, bold: bool = False, italic: bool = False, align: Any = None,
          indent: bool = False, before: int = 0, after: int = 3, size: float | None = None) -> Any:
    paragraph = target.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    paragraph.alignment = align
    paragraph.paragraph_format.space_before, paragraph.paragraph_format.space_after = Pt(before), Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.0)
    return paragraph


def _cell(cell: Any, lines: list[tuple[str, bool, bool]], *, align: Any = CENTER, size: float = 13) -> None:
    """Fill a cell with lines of (text, bold, italic)."""
    paragraph = cell.paragraphs[0]
    for index, (text, bold, italic) in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = Pt(0)


def _header(document: Any, draft: DraftDocument) -> None:
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, (6.5, 9.5))
    _cell(table.cell(0, 0), [(draft.issuer[0], False, False), (draft.issuer[1], True, False)])
    _cell(table.cell(0, 1), [(draft.motto[0], True, False), (draft.motto[1], True, False)])
    _cell(table.cell(1, 0), [(draft.number_line, False, False)])
    _cell(table.cell(1, 1), [(draft.date_line, False, True)], size=14)


def _signature(document: Any, draft: DraftDocument) -> None:
    table = document.add_table(rows=1, cols=2)
    _widths(table, (8.0, 8.0))
    recipients = [("Nơi nhận:", True, True), *((line, False, False) for line in draft.recipients)]
    _cell(table.cell(0, 0), recipients, align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
    _cell(table.cell(0, 1), [(line, True, False) for line in draft.signature], size=14)


def _annex(document: Any, draft: DraftDocument) -> None:
    _margins(document.add_section(WD_SECTION.NEW_PAGE), landscape=True)
    heading, *rest = draft.annex_heading
    _line(document, heading, bold=True, align=CENTER)
    for text in rest:
        italic = text.startswith("(")
        _line(document, text, bold=not italic, italic=italic, align=CENTER)
    if draft.part:
        _line(document, draft.part, bold=True, before=6)
    for table in draft.tables:
        _line(document, table.title, bold=True, before=6)
        _table(document, table)


def _table(document: Any, spec: Table) -> None:
    table = document.add_table(rows=1, cols=len(spec.header))
    table.style = "Table Grid"
    table.autofit = False
    total = sum(spec.widths)
    widths = [Cm(25.7 * w / total) for w in spec.widths]
    for col, label in enumerate(spec.header):
        _cell(table.cell(0, col), [(label, True, False)], size=12)
    for row in [table.rows[0], *(table.add_row() for _row in spec.rows)]:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for row, cells in zip(spec.rows, (r.cells for r in table.rows[1:]), strict=True):
        if row.group:
            merged = cells[0].merge(cells[-1])
            _cell(merged, [(row.cells[0], True, False)], align=WD_ALIGN_PARAGRAPH.LEFT, size=12)
            continue
        for col, value in enumerate(row.cells):
            align = CENTER if col == 0 else WD_ALIGN_PARAGRAPH.LEFT
            _cell(cells[col], [(value, False, False)], align=align, size=12)


def _widths(table: Any, widths: tuple[float, ...]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
