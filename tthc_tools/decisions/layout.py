"""PDF text in layout mode (columns kept as spaces) back into lines, header rows and table rows.

pypdf's layout mode prints each text line at its horizontal position, so a table keeps its columns
but loses its borders: cells are vertically centred, a row's text starts above and ends below the
line that holds its number. The column bounds come from the header line (half-way between header
labels); a row is anchored on the line whose first column holds its number (STT). In each column, a
run of lines touching one row's line belongs to that row, a run between two rows is split at the
middle; a column with nothing for a row is left open (``None``: merged with the row above). Lines
that start in the first column with something other than a number are group rows ("A  THỦ TỤC …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tthc_tools.decisions.cells import is_group_mark, is_stt
from tthc_tools.decisions.events import Document, Event, Header, Line, Row
from tthc_tools.decisions.headers import column_key
from tthc_tools.text import clean

_GAP = re.compile(r"\s{2,}")
_WIDE = re.compile(r"\s{5,}")
_HEADING = re.compile(r"^\s*(?:phụ lục|phần\s+[ivx]+|danh mục)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Segment:
    """Text printed from column ``x`` of a layout line up to the next run of two or more spaces."""

    x: int
    text: str


def segments(line: str) -> list[Segment]:
    """The segments of a layout line."""
    out, pos = [], 0
    for part in _GAP.split(line):
        start = line.find(part, pos) if part else pos
        if part.strip():
            out.append(Segment(start, part.strip()))
        pos = start + len(part)
    return out


def _header(line: str) -> list[Segment] | None:
    found = segments(line)
    keys = [column_key(seg.text) for seg in found]
    known = sum(key != "other" for key in keys)
    if len(found) >= 3 and keys[0] == "stt" and known >= len(found) - 1 and ("name" in keys or "code" in keys):
        return found
    return None


@dataclass
class _Table:
    """A table being read: column bounds and its lines (index, segments)."""

    labels: list[str]
    bounds: list[float]
    line: int
    body: list[tuple[int, list[Segment]]]

    def column(self, x: int) -> int:
        """The column a segment starting at ``x`` falls in."""
        return sum(1 for bound in self.bounds if x >= bound)

    def events(self) -> list[Event]:
        """The header row and, in order, the group rows and data rows of the table."""
        keys = tuple(column_key(label) for label in self.labels)
        out: list[Event] = [Header(tuple(clean(label) for label in self.labels), keys, self.line)]
        firsts = [i for i, (_, segs) in enumerate(self.body) if segs and self.column(segs[0].x) == 0]
        anchors = [i for i in firsts if is_stt(self.body[i][1][0].text)]
        position = {anchor: number for number, anchor in enumerate(anchors)}
        groups = set(firsts) - set(anchors)
        for i in firsts:
            index, segs = self.body[i]
            if i in position:
                out.append(Row(self._cells(position[i], anchors, groups, len(keys)), index))
                continue
            mark = [segs[0].text] if is_group_mark(segs[0].text) else []
            text = " ".join(seg.text for seg in segs if seg.text not in mark)
            out.append(Row(tuple([clean(" ".join([*mark, text]))] + [None] * (len(keys) - 1)), index))
        return out

    def _cells(self, number: int, anchors: list[int], groups: set[int], width: int) -> tuple[str | None, ...]:
        """The cells of the row anchored at ``anchors[number]``: each column's lines that belong to it
        (``groups``: the group rows' lines, which belong to no row)."""
        anchor = anchors[number]
        low = anchors[number - 1] if number > 0 else -1
        high = anchors[number + 1] if number + 1 < len(anchors) else len(self.body)
        cells: list[str | None] = []
        for col in range(width):
            lines = [i for i in range(low + 1, high) if i not in groups and self._text(i, col)]
            mine = [i for i in lines if self._owner(i, col, anchors) == anchor]
            cells.append(_unwrap(" ".join(self._text(i, col) for i in mine)) or None)
        return tuple(cells)

    def _owner(self, i: int, col: int, anchors: list[int]) -> int:
        """The anchor (row) that line ``i`` of column ``col`` belongs to.

        A run of lines that touches one neighbouring row's line belongs to that row; a run between two
        rows with no blank line in it is split at the middle (the upper row wins a tie).
        """
        upper = max((a for a in anchors if a <= i), default=None)
        lower = min((a for a in anchors if a > i), default=None)
        if upper == i or lower is None:
            return upper if upper is not None else anchors[0]
        if upper is None:
            return lower
        top, bottom = i, i
        while top - 1 > upper and self._text(top - 1, col):
            top -= 1
        while bottom + 1 < lower and self._text(bottom + 1, col):
            bottom += 1
        touches_upper, touches_lower = top == upper + 1, bottom == lower - 1
        if touches_upper and not touches_lower:
            return upper
        if touches_lower and not touches_upper:
            return lower
        return upper if i - upper <= lower - i else lower

    def _text(self, i: int, col: int) -> str:
        return " ".join(seg.text for seg in self.body[i][1] if self.column(seg.x) == col)


def _unwrap(text: str) -> str:
    """A cell's lines joined, with symbols broken at a hyphen rejoined ("NĐ- CP" → "NĐ-CP")."""
    return re.sub(r"(?<=[A-ZĐ])-\s+(?=[A-ZĐ]{2})", "-", clean(text))


def read_layout(pages: list[str]) -> Document:
    """A PDF's layout-mode page texts as a :class:`Document` (lines = wide-gap segments)."""
    lines: list[str] = []
    events: list[Event] = []
    table: _Table | None = None
    for page in pages:
        for raw in page.split("\n"):
            index = len(lines)
            lines.extend(clean(part) for part in _WIDE.split(raw) if part.strip())
            if not raw.strip():
                continue
            header = _header(raw)
            if header:
                events.extend(table.events() if table else [])
                ends = [seg.x + len(seg.text) for seg in header]
                bounds = [(ends[i] + header[i + 1].x) / 2 for i in range(len(header) - 1)]
                table = _Table([seg.text for seg in header], bounds, index, [])
            elif table and _HEADING.match(raw):
                events.extend(table.events())
                table = None
                events.append(Line(clean(raw), index))
            elif table:
                _add(table, index, raw)
            else:
                events.append(Line(clean(raw), index))
    events.extend(table.events() if table else [])
    return Document(tuple(lines), tuple(events))


def _add(table: _Table, index: int, raw: str) -> None:
    """Add a layout line to ``table``: header continuation, page number, or body line."""
    segs = segments(raw)
    if len(segs) == 1 and segs[0].text.isdigit() and len(segs[0].text) <= 3 and table.column(segs[0].x) > 0:
        return  # a page number
    if not table.body and all(table.column(seg.x) > 0 and len(seg.text) <= 25 for seg in segs):
        for seg in segs:
            col = table.column(seg.x)
            table.labels[col] = f"{table.labels[col]} {seg.text}"
        return
    table.body.append((index, segs))
