"""The national database's Excel export "Danh sách TTHC".

One sheet: a merged title row ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM … DANH SÁCH THỦ TỤC HÀNH
CHÍNH"), then the header ``Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực``, then one
procedure per row. Cells are multi-line and untrimmed; "Cơ quan thực hiện" lists one agency per
line. The export carries name, publisher (cơ quan ban hành), agencies and field, nothing else.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tthc_tools.catalog.readers._base import CodeCheck, ReadResult, check_file, record
from tthc_tools.catalog.readers._cells import SAMPLE_ROWS, CellText, code_text, sheet_prefer
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import Problem, Procedure, Record, Ref
from tthc_tools.text import clean_known, fold, split_list
from tthc_tools.xlsx import read_rows

FORMAT = "csdl-xlsx"
HEADER = ("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực")
_FOLDED = tuple(fold(h) for h in HEADER)
HEADER_SEARCH_ROWS = 10


def is_header(row: tuple[Any, ...]) -> bool:
    """True for the export's header row (compared folded, so case and accents may differ)."""
    return tuple(fold(v) for v in row[: len(HEADER)]) == _FOLDED


def header_row(path: Path) -> int | None:
    """The 1-based row number of the export header within the first rows, if the file is an export."""
    top = list(read_rows(path, HEADER_SEARCH_ROWS))
    return next((number for number, row in enumerate(top, start=1) if is_header(row)), None)


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
    rows = read_rows(path)
    head = list(itertools.islice(rows, SAMPLE_ROWS))
    text = CellText(sheet_prefer(head))
    check = CodeCheck(str(path), HEADER[0])
    try:
        for number, row in enumerate(itertools.chain(head, rows), start=1):
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
        rows.close()
        notes.extend(text.notes())
