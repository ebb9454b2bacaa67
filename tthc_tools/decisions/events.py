"""What every source (markdown, PDF text, DOCX) is turned into before the decision is read.

A :class:`Document` is the text lines of the whole decision (for the header, body and signature) plus
a stream of events for the annex: text lines outside tables, table header rows, and table rows whose
cells are already placed in their columns. A cell is ``None`` when the source merged it with the cell
above, or may have (scraped and PDF tables print a merged cell as an empty one): it takes that
cell's value in fill-down columns. ``""`` is a cell known to be empty (a Word table's own cell).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """Text outside a table (a heading, a note), at line ``line`` of the document."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Header:
    """A table header row: the printed labels and their semantic keys (headers.column_key)."""

    labels: tuple[str, ...]
    keys: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Row:
    """A table row with one cell per header column (``None``: merged with the cell above)."""

    cells: tuple[str | None, ...]
    line: int


Event = Line | Header | Row


@dataclass(frozen=True, slots=True)
class Document:
    """A decision as text lines plus annex events; ``line`` numbers index ``lines``."""

    lines: tuple[str, ...]
    events: tuple[Event, ...]
