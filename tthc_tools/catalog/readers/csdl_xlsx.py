"""The national database's Excel export "Danh sách TTHC".

One sheet: a merged title row ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM … DANH SÁCH THỦ TỤC HÀNH
CHÍNH"), then the header ``Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực``, then one
procedure per row. Cells are multi-line and untrimmed; "Cơ quan thực hiện" lists one agency per
line. The export carries name, publisher (cơ quan ban hành), agencies and field, nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tthc_tools.catalog.readers._base import CodeCheck, ReadResult, check_file, record
from tthc_tools.catalog.readers._xlsx import CellText, code_text, open_sheet, raw_rows, sheet_prefer
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import Problem, Procedure, Record, Ref
from tthc_tools.text import clean_known, fold, split_list

FORMAT = "csdl-xlsx"
HEADER = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")
_FOLDED = tuple(fold(h) for h in HEADER)
HEADER_SEARCH_ROWS = 10


def is_header(row: tuple[Any, ...]) -> bool:
    """True for the export's header row (compared folded, so case and accents may differ)."""
    return tuple(fold(v) for v in row[: len(HEADER)]) == _FOLDED


def header_row(path: Path) -> int | None:
    """The 1-based row number of the export header within the first rows, if the file is an export."""
    book, sheet = open_sheet(path)
    try:
        for number, row in enumerate(raw_rows(path, sheet), start=1):
            if number > HEADER_SEARCH_ROWS:
                return None
            if is_header(row):
                return number
        return None
    finally:
        book.close()


def read(path: Path) -> ReadResult:
    """Read a "Danh sách TTHC" export; a workbook without its header row is a :class:`BadInput`."""
    check_file(path)
    header = header_row(path)
    if header is None:
        raise BadInput(_("not a national-database export: no header row \"{header}\" in the first {n} rows").format(
            header=" | ".join(HEADER), n=HEADER_SEARCH_ROWS), path=str(path))
    notes: list[str] = []
    return ReadResult(_items(path, header, notes), FORMAT, notes, str(path))


def _items(path: Path, header: int, notes: list[str]) -> Iterator[Record | Problem]:
    book, sheet = open_sheet(path)
    text = CellText(sheet_prefer(path, sheet))
    check = CodeCheck(str(path), HEADER[0])
    try:
        for number, row in enumerate(raw_rows(path, sheet), start=1):
            if number <= header or not any(v not in (None, "") for v in row):
                continue
            values = (*row, *([None] * (len(HEADER) - len(row))))
            cells = text.row(values)
            location = _("row {n}").format(n=number)
            code = check(code_text(values[0], text), location)
            if isinstance(code, Problem):
                yield code
                continue
            procedure = Procedure(
                code=code[0], local_code=code[1], name=clean_known(cells[1]), publisher=clean_known(cells[2]),
                agencies=tuple(Ref(name) for name in split_list(cells[3], "\n")),
                fields=tuple(Ref(name) for name in [clean_known(cells[4])] if name),
            )
            yield record(procedure, location)
    finally:
        book.close()
        notes.extend(text.notes())
