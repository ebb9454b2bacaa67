"""Word documents (paragraphs and real tables, in order) as a :class:`Document`.

A table arrives as a grid: one list of cells per row, ``None`` where a cell continues the one on its
left (a horizontal span). Vertically merged cells arrive repeated, which is what fill-down would
give anyway. Tables whose first row reads as a header become header and data rows, through the same
annex logic as scraped and PDF tables; other tables (the two-column header, the signature block)
become text lines.
"""

from __future__ import annotations

from tthc_tools.decisions.events import Document, Event, Header, Line, Row
from tthc_tools.decisions.headers import column_key, is_header_row
from tthc_tools.text import clean

Grid = list[list[str | None]]
Block = str | Grid


def read_blocks(blocks: list[Block]) -> Document:
    """Paragraph texts and table grids, in document order, as lines and annex events."""
    lines: list[str] = []
    events: list[Event] = []
    for block in blocks:
        if isinstance(block, str):
            for text in block.split("\n"):
                events.extend(_line(lines, text))
        else:
            events.extend(_table(lines, block))
    return Document(tuple(lines), tuple(events))


def _line(lines: list[str], text: str) -> list[Event]:
    lines.append(clean(text))
    return [Line(lines[-1], len(lines) - 1)] if lines[-1] else []


def _table(lines: list[str], grid: Grid) -> list[Event]:
    start = len(lines)
    for row in grid:
        for cell in row:
            lines.extend(clean(text) for text in (cell or "").split("\n"))
    labels = _labels(grid[0]) if grid else []
    if not is_header_row(labels):
        cells = [cell for row in grid for cell in dict.fromkeys(cell for cell in row if cell)]
        return [Line(clean(cell), start) for cell in cells]
    out: list[Event] = [Header(tuple(labels), tuple(column_key(label) for label in labels), start)]
    width = len(labels)
    for row in grid[1:]:
        cells = [clean(cell or "") for cell in row][:width]
        cells += [""] * (width - len(cells))
        texts = list(dict.fromkeys(cell for cell in cells if cell))
        if len(texts) == 1 and cells.count(texts[0]) > 1:
            cells = [texts[0]] + [""] * (width - 1)
        out.append(Row(tuple(cells), start))
    return out


def _labels(row: list[str | None]) -> list[str]:
    """Header labels; a spanned header cell gives its label to every column it covers."""
    labels: list[str] = []
    for cell in row:
        labels.append(clean(cell) if cell is not None else (labels[-1] if labels else ""))
    return labels
