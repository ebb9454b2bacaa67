"""Spreadsheets officers keep: CSV (comma, semicolon or tab) and XLSX, with varied header spellings.

The header row is the first of the top rows that names a procedure-code column (title rows above it
are skipped); headers are matched on folded text (:mod:`._headers`) and those not understood are
listed in a note. Rows stream one at a time, so a 100,000-row file reads in constant memory. A
file with no code column is a :class:`BadInput` listing the headers it has.
"""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path

from tthc_tools.catalog.readers import _fields as f
from tthc_tools.catalog.readers._base import (
    CodeCheck,
    ReadResult,
    check_file,
    looks_binary,
    read_head,
    record,
)
from tthc_tools.catalog.readers._cells import SAMPLE_ROWS, CellText, code_text, sheet_prefer
from tthc_tools.catalog.readers._headers import HeaderMap, map_headers
from tthc_tools.catalog.readers._text_file import delimiter, lines, sample_lines, sniff_encoding
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import UNSTATED_CHANNEL, Channel, Problem, Procedure, Record
from tthc_tools.text import clean_known
from tthc_tools.xlsx import read_rows

FORMAT = "table"
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Row:
    """One data row: where it is, its cells as text, and (XLSX) the cell values as stored."""

    location: str
    cells: list[str]
    values: tuple[object, ...] = ()


RowSource = Callable[[], Generator[Row, None, None]]


def read(path: Path) -> ReadResult:
    """Read a CSV or XLSX table (told apart by content, not by the file's extension)."""
    check_file(path)
    head = read_head(path)
    notes: list[str] = []
    if head.startswith(b"PK\x03\x04"):
        source, after = _xlsx_source(path, notes)
    elif looks_binary(head):
        raise BadInput(_("not a spreadsheet: the file holds binary data, not CSV text or an .xlsx workbook"),
                       path=str(path))
    else:
        source, after = _csv_source(path, notes)
    header, columns = _find_header(path, source)
    if columns.unknown:
        notes.append(_("headers not understood: {headers}").format(headers=", ".join(columns.unknown)))
    unplaced = _unplaced(columns)
    if unplaced:
        notes.append(unplaced)
    return ReadResult(_items(path, source, header, columns, after, notes), FORMAT, notes, str(path))


def _find_header(path: Path, source: RowSource) -> tuple[int, HeaderMap]:
    best: HeaderMap | None = None
    rows = source()
    try:
        for index, row in enumerate(rows):
            if index >= HEADER_SEARCH_ROWS:
                break
            mapped = map_headers(row.cells)
            if mapped.has_code:
                return index, mapped
            if mapped.headers and (best is None or mapped.known > best.known):
                best = mapped
    finally:
        rows.close()
    found = ", ".join(best.headers) if best else _("none")
    raise BadInput(_("no procedure-code column (such as \"Mã TTHC\" or \"Mã số\") in the header; headers "
                     "found: {headers}").format(headers=found), path=str(path))


def _items(path: Path, source: RowSource, header: int, columns: HeaderMap,
           after: Callable[[], None], notes: list[str]) -> Iterator[Record | Problem]:
    check = CodeCheck(str(path), columns.header("code"))
    code_column = columns.columns["code"]
    headings: list[str] = []
    for index, row in enumerate(source()):
        if index <= header or not any(row.cells):
            continue
        cells = {name: row.cells[i] if i < len(row.cells) else "" for name, i in columns.columns.items()}
        if not cells["code"] and sum(bool(c) for c in row.cells) == 1:
            headings.append(row.location)  # a group row ("I. LĨNH VỰC HỘ TỊCH"), not a procedure
            continue
        stored = row.values[code_column] if code_column < len(row.values) else None
        code = check(code_text(stored, _PLAIN) if isinstance(stored, float) else cells["code"], row.location)
        if isinstance(code, Problem):
            yield code
            continue
        yield record(_procedure(code, cells), row.location)
    if headings:
        notes.append(_("{n} group rows without a code were skipped ({rows})").format(
            n=len(headings), rows=", ".join(headings[:5]) + (", …" if len(headings) > 5 else "")))
    after()


_PLAIN = CellText()
_TEXT = {"name": clean_known, "publisher": clean_known, "kind": clean_known, "keywords": clean_known,
         "address": f.block_known, "requirements": f.block_known, "description": f.block_known}
_PARTS: dict[str, Callable[[str], object]] = {
    "fields": f.single_ref, "agencies": f.refs, "competent": f.refs, "authorized": f.refs,
    "coordinating": f.refs, "subjects": f.refs, "legal_basis": f.legal_entries, "decision": f.decision,
    "results": f.results, "dossier": f.dossier_entries, "steps": f.steps, "online_level": f.online_level,
    "status": f.status, "related": f.related, "levels": lambda value: f.levels(value)[0],
}


def _procedure(code: tuple[str, str], cells: dict[str, str]) -> Procedure:
    """Only the columns the file has, and only non-empty cells, become parts."""
    parts: dict[str, object] = {}
    for name, value in cells.items():
        if not value:
            continue
        convert = _TEXT.get(name) or _PARTS.get(name)
        if convert is not None:
            parts[name] = convert(value)
    channels = _channels(cells)
    if channels:
        parts["channels"] = channels
    return Procedure(code=code[0], local_code=code[1], **parts)  # type: ignore[arg-type]


def _channels(cells: dict[str, str]) -> tuple[Channel, ...]:
    """Deadline and fee columns hold for every channel the row names (the model keeps them per
    channel). A row naming no channel keeps them in one channel of unstated kind: what the officer
    typed is stored as typed, and no channel is guessed (see :func:`_unplaced`)."""
    kinds = f.channel_kinds(cells.get("channels", ""))
    deadline = f.known(cells.get("deadline"))
    fees = f.fees(cells.get("fees", ""))
    if not kinds:
        return (Channel(UNSTATED_CHANNEL, deadline, fees),) if deadline or fees else ()
    return tuple(Channel(kind, deadline, fees) for kind in kinds)


def _unplaced(columns: HeaderMap) -> str:
    """A note when deadline or fee columns are kept without a channel: no column says which it is."""
    found = [columns.header(name) for name in ("deadline", "fees") if name in columns.columns]
    if not found or "channels" in columns.columns:
        return ""
    return _("{headers}: kept for every channel, as no column names the channel (such as \"Cách thức "
             "thực hiện\")").format(headers=", ".join(found))


def _cell(text: str) -> str:
    """A cell with its spaces tidied but its line breaks kept (lists of agencies, legal bases)."""
    if "\n" not in text and "\r" not in text:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --- sources ---------------------------------------------------------------------------------------


def _csv_source(path: Path, notes: list[str]) -> tuple[RowSource, Callable[[], None]]:
    encoding = sniff_encoding(path)
    sample = sample_lines(path, encoding)
    separator = delimiter(sample)
    if encoding.converted:
        notes.append(_("text converted from {encoding}").format(encoding=encoding.label))

    def rows() -> Generator[Row, None, None]:
        reader = csv.reader(lines(path, encoding), delimiter=separator)
        label = _("line {n}")
        start = 1
        try:
            for cells in reader:
                yield Row(label.format(n=start), [_cell(c) for c in cells])
                start = reader.line_num + 1
        except csv.Error as error:
            raise BadInput(_("not valid CSV: {error}").format(error=error), path=str(path),
                           location=_("line {n}").format(n=start)) from error

    return rows, lambda: None


def _xlsx_source(path: Path, notes: list[str]) -> tuple[RowSource, Callable[[], None]]:
    text = CellText(sheet_prefer(read_rows(path, SAMPLE_ROWS)))

    def rows() -> Generator[Row, None, None]:
        text.converted.clear()  # count each cell once: the header search reads the top rows first
        label = _("row {n}")
        with contextlib.closing(read_rows(path)) as cells:
            for number, values in enumerate(cells, start=1):
                yield Row(label.format(n=number), [_cell(t) for t in text.row(values)], values)

    def after() -> None:
        notes.extend(text.notes())

    return rows, after
