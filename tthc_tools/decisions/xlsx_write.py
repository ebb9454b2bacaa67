"""A drafted decision as an Excel workbook: the annex tables, and the body on its own sheet.

Officers paste annex rows from spreadsheets into Word and check lists there, so the annex sheet
comes first: every table under its title, bordered, text wrapped, group rows merged across the
table. The second sheet holds the body of the decision, one paragraph a row. The workbook itself is
written by :mod:`tthc_tools.xlsx`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tthc_tools.decisions.document import DraftDocument, Table
from tthc_tools.xlsx import Row, Sheet, Style, save

FONT = ("Times New Roman", 12)
_BOLD = Style(bold=True)
_HEADING = Style(bold=True, centre=True)
_HEADING_ITALIC = Style(italic=True, centre=True)
_HEAD = Style(bold=True, centre=True, box=True)
_GROUP = Style(bold=True, wrap=True, box=True)
_NUMBER = Style(centre=True, box=True)
_CELL = Style(wrap=True, box=True)
_TEXT = Style(wrap=True)
_BOLD_TEXT = Style(bold=True, wrap=True)
_ITALIC_TEXT = Style(italic=True, wrap=True)
_WIDTH = 150  # characters across all columns of the annex sheet


def write_xlsx(draft: DraftDocument, path: Path) -> None:
    """Write ``draft`` to ``path`` as an .xlsx workbook (sheets "Phụ lục" and "Quyết định")."""
    widths = draft.tables[0].widths if draft.tables else (1,)
    save([
        Sheet("Phụ lục", _annex(draft), widths=[max(6, round(_WIDTH * w / sum(widths))) for w in widths], font=FONT),
        Sheet("Quyết định", _body(draft), widths=(60, 60), font=FONT),
    ], path)


def _annex(draft: DraftDocument) -> Iterator[Row]:
    width = max((len(t.header) for t in draft.tables), default=1)
    for text in (*draft.annex_heading, draft.part):
        if text:
            yield Row((text,), _HEADING_ITALIC if text.startswith("(") else _HEADING, span=width)
    for table in draft.tables:
        yield Row(())
        yield from _table(table)


def _table(table: Table) -> Iterator[Row]:
    width = len(table.header)
    yield Row((table.title,), _BOLD, span=width)
    yield Row(table.header, _HEAD)
    for line in table.rows:
        if line.group:
            yield Row(line.cells[:1], _GROUP, span=width)
        else:
            yield Row(line.cells, [_NUMBER, *[_CELL] * (len(line.cells) - 1)])


def _body(draft: DraftDocument) -> Iterator[Row]:
    rows: list[tuple[str, str, Style]] = [
        (draft.issuer[0], draft.motto[0], _TEXT), (draft.issuer[1], draft.motto[1], _BOLD_TEXT),
        (draft.number_line, draft.date_line, _TEXT), ("", "", _TEXT),
        (draft.title, "", _BOLD_TEXT), (draft.summary, "", _BOLD_TEXT), (draft.authority, "", _BOLD_TEXT),
        *((text, "", _ITALIC_TEXT) for text in draft.bases), ("QUYẾT ĐỊNH:", "", _BOLD_TEXT),
        *((f"{label} {text}", "", _TEXT) for label, text in draft.articles), ("", "", _TEXT),
        ("Nơi nhận:", draft.signature[0] if draft.signature else "", _BOLD_TEXT),
        *((line, "", _TEXT) for line in draft.recipients), ("", "\n".join(draft.signature[1:]), _BOLD_TEXT),
    ]
    for number, (left, right, style) in enumerate(rows, 1):
        yield Row((left or None, right or None), style, span=2 if left and not right and number > 4 else 1)
