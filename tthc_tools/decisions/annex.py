"""The annex: from header rows, table rows and headings to the change set.

Headings and group rows carry context down the tables: the change kind ("1. Danh mục thủ tục hành
chính được sửa đổi, bổ sung", "B. DANH MỤC … BÃI BỎ"), the level ("A. Thủ tục hành chính cấp tỉnh"),
the field ("I. LĨNH VỰC …") and the agency ("TTHC thuộc … quản lý của Sở Tài chính"). "PHẦN II. NỘI
DUNG CỤ THỂ" and "quy trình nội bộ" annexes are not change rows and are skipped until a new list
of procedures opens. Merged cells (``None``) of fill-down columns take the value of the row above.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as default

from tthc_tools.decisions.cells import is_group_mark, is_stt
from tthc_tools.decisions.events import Event, Header, Line, Row
from tthc_tools.decisions.headers import FILL_DOWN, has_embedded_code, is_procedure_table
from tthc_tools.decisions.markup import code_cell, codes_in
from tthc_tools.decisions.model import ChangeRow, Extra
from tthc_tools.decisions.names import clean_name, levels_of
from tthc_tools.decisions.vocab import (
    agency_in,
    field_in,
    is_section_heading,
    kinds_in,
    levels_in,
    lists_procedures,
    opens_annex,
    resumes,
    single_kind,
    suspends,
)
from tthc_tools.text import clean


@dataclass
class _Context:
    """What the headings above the current row say."""

    default_kind: str
    default_field: str = ""
    processes: bool = False
    active: bool = True
    pending: int = 0
    kind: str | None = None
    levels: tuple[str, ...] = ()
    field: str = ""
    agency: str = ""
    table: str = ""
    header: Header | None = None
    above: dict[int, str] = default(default_factory=dict)
    rows: list[ChangeRow] = default(default_factory=list)

    def heading(self, text: str, *, group: bool = False) -> None:
        """Apply a heading or a ``group`` row (only its start matters: long text is body prose)."""
        text = text[:400]
        if opens_annex(text):
            self.kind, self.levels, self.field, self.agency = None, (), "", ""
            self.active, self.pending = lists_procedures(text), 3
        elif self.pending:
            self.pending -= 1
            self.active = self.active or lists_procedures(text)
        if suspends(text, processes=not self.processes):
            self.active = False
            return
        if resumes(text):
            self.active = True
        if is_section_heading(text) and kinds_in(text):
            self.kind = single_kind(text)
            self.levels, self.field, self.agency, self.table = (), "", "", clean(text)[:300]
        elif not group and is_section_heading(text) and lists_procedures(text):
            self.table = clean(text)[:300]
        levels = levels_in(text)
        if levels:
            self.levels, self.field = levels, ""
        self.field = field_in(text) or self.field
        self.agency = agency_in(text) or self.agency

    def table_header(self, header: Header) -> None:
        """A new table: its columns; nothing is filled down across tables."""
        self.header = header
        self.above = {}

    def row(self, cells: tuple[str | None, ...]) -> None:
        """A table row: a group row (heading), or a data row giving one change row per code."""
        header = self.header
        if header is None or not self.active or not is_procedure_table(header.keys):
            return
        raw = {key: cell for key, cell in zip(header.keys, cells, strict=True) if cell and key != "other"}
        codes = code_cell(raw.get("code", "")) or codes_in(raw.get("name", ""))
        if not codes and not (is_stt(raw.get("stt", "")) and len(raw.get("name", "").split()) >= 2):
            text = " ".join(cell for cell in cells if cell and not is_group_mark(cell))
            if text:
                self.heading(text, group=True)
            self.above = {}
            return
        filled = self._fill(cells, header.keys)
        values = _by_key(filled, header.keys)
        for code in dict.fromkeys(codes) or [""]:
            self.rows.append(self._change(values, code, header, filled))

    def _fill(self, cells: tuple[str | None, ...], keys: tuple[str, ...]) -> list[str]:
        out = []
        for col, cell in enumerate(cells):
            if cell is None and keys[col] in FILL_DOWN:
                out.append(self.above.get(col, ""))
                continue
            if keys[col] in FILL_DOWN:
                self.above[col] = cell or ""
            out.append(cell or "")
        return out

    def _change(self, values: dict[str, str], code: str, header: Header, cells: list[str]) -> ChangeRow:
        """The change row of a data row; a row that names several codes gives one row per code."""
        own_column = "replaced_code" in header.keys  # "Mã TTHC được thay thế": the code column is the new one
        replaced = "replaced_name" in values and not own_column
        old = (code_cell(values.get("replaced_code", "")) or [""])[0] if own_column else (code if replaced else "")
        embedded = any(has_embedded_code(label) for label in header.labels)
        return ChangeRow(
            kind=self.default_kind if self.kind is None else self.kind,
            number=values.get("stt", "").rstrip(".)"),
            code="" if replaced else code,
            name=clean_name(values.get("name", ""), strip_code=embedded or not values.get("code")),
            deadline=values.get("deadline", ""),
            place=values.get("place", ""),
            channel=values.get("channel", ""),
            fees=values.get("fee", ""),
            legal_basis=values.get("legal_basis", ""),
            levels=levels_of(values.get("level", "")) or self.levels,
            field=values.get("field", "") or self.field or self.default_field,
            agency=values.get("agency", "") or self.agency,
            replaced_code=old,
            replaced_name=values.get("replaced_name", ""),
            published_in=values.get("published_in", ""),
            note=values.get("note", ""),
            table=self.table,
            extra=tuple(
                Extra(label, cells[col])
                for col, (label, key) in enumerate(zip(header.labels, header.keys, strict=True))
                if key == "other" and cells[col]
            ),
        )


def _by_key(cells: list[str], keys: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for cell, key in zip(cells, keys, strict=True):
        if key != "other" and not values.get(key):
            values[key] = cell
    return values


def change_rows(
    events: tuple[Event, ...],
    start_line: int,
    default_kind: str = "",
    default_field: str = "",
    *,
    processes: bool = False,
) -> list[ChangeRow]:
    """The change rows of the annex events at or after line ``start_line``.

    ``default_kind`` and ``default_field`` (from the trích yếu) apply where no heading says otherwise.
    With ``processes``, the tables of "quy trình nội bộ" annexes count too (for decisions whose only
    list of procedures is their process annex).
    """
    context = _Context(default_kind=default_kind, default_field=default_field, processes=processes)
    for event in events:
        if event.line < start_line:
            continue
        if isinstance(event, Line):
            context.heading(event.text)
        elif isinstance(event, Header):
            context.table_header(event)
        elif isinstance(event, Row):
            context.row(event.cells)
    return context.rows
