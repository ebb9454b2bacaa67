"""The annex tables of a drafted decision: one table per change kind, rows grouped by level and field.

Province layout (TT 02/2017 "công bố danh mục", research/domain.md §2.3 B)::

    1. Danh mục thủ tục hành chính mới ban hành
    | STT | Mã TTHC | Tên thủ tục hành chính | Thời hạn giải quyết | Địa điểm thực hiện | Phí, lệ phí | Căn cứ pháp lý |
    | A. Thủ tục hành chính cấp tỉnh                                                                  |
    | I. Lĩnh vực Hộ tịch                                                                              |
    | 1 | 1.001193 | Thủ tục đăng ký khai sinh | … |

Abolished procedures get ``STT | Mã TTHC | Tên thủ tục hành chính | Căn cứ pháp lý`` (An Giang
2015/QĐ-UBND); replaced ones name the procedure they replace. The ministry layout (PHẦN I danh mục,
§2.3 A) has the field and the agency as columns and groups rows by level only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from tthc_tools.decisions.document import KIND_PHRASES, Table, TableRow
from tthc_tools.decisions.model import ChangeRow

LEVEL_WORDS = {"bo": "cấp trung ương", "tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã"}
_PRINTED = ("deadline", "place", "fees", "legal_basis", "agency", "replaced_code", "replaced_name")
"""Row values that only reach the document through a column: the draft keeps what it prints."""
_ROMAN = (("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))

Column = tuple[str, int, str]  # header, relative width, ChangeRow attribute
_STT: Column = ("STT", 5, "number")
_NAME: Column = ("Tên thủ tục hành chính", 30, "name")
_BASIS: Column = ("Căn cứ pháp lý", 22, "legal_basis")
_REPLACED: tuple[Column, ...] = (("Mã TTHC được thay thế", 11, "replaced_code"),
                                 ("Tên thủ tục hành chính được thay thế", 24, "replaced_name"))
PROVINCE: dict[str, tuple[Column, ...]] = {
    "full": (_STT, ("Mã TTHC", 11, "code"), _NAME, ("Thời hạn giải quyết", 14, "deadline"),
             ("Địa điểm thực hiện", 16, "place"), ("Phí, lệ phí", 12, "fees"), _BASIS),
    "replaced": (_STT, ("Mã TTHC", 11, "code"), _NAME, *_REPLACED, _BASIS),
    "abolished": (_STT, ("Mã TTHC", 11, "code"), _NAME, _BASIS),
}
_MINISTRY_TAIL: tuple[Column, ...] = (("Lĩnh vực", 14, "field"), ("Cơ quan thực hiện", 18, "agency"))
_VBQPPL = {"new": "Tên VBQPPL quy định thủ tục hành chính", "amended": "Tên VBQPPL quy định nội dung sửa đổi, bổ sung",
           "replaced": "Tên VBQPPL quy định việc thay thế thủ tục hành chính",
           "abolished": "Tên VBQPPL quy định việc bãi bỏ thủ tục hành chính"}


def columns(kind: str, layout: str) -> tuple[Column, ...]:
    """The columns of the table of ``kind`` in ``layout`` (``province`` or ``ministry``)."""
    if layout == "ministry":
        replaced = _REPLACED if kind == "replaced" else ()
        return (_STT, ("Số hồ sơ TTHC", 11, "code"), _NAME, *replaced, (_VBQPPL[kind], 24, "legal_basis"),
                *_MINISTRY_TAIL)
    return PROVINCE.get(kind, PROVINCE["full"])


def annex_tables(rows: Sequence[ChangeRow], layout: str = "province") -> tuple[tuple[Table, ...], tuple[ChangeRow, ...]]:
    """The tables and the rows as numbered in them (STT from 1 in each table), in table order."""
    tables: list[Table] = []
    numbered: list[ChangeRow] = []
    kinds = [kind for kind in KIND_PHRASES if any(row.kind == kind for row in rows)]
    for index, kind in enumerate(kinds, 1):
        spec = columns(kind, layout)
        shown = {attribute for _h, _w, attribute in spec}
        lines: list[TableRow] = []
        count = 0
        for heading, row in _grouped([r for r in rows if r.kind == kind], by_field=layout != "ministry"):
            if row is None:
                lines.append(TableRow((heading,), group=True))
                continue
            count += 1
            blank: dict[str, Any] = {attribute: "" for attribute in _PRINTED if attribute not in shown}
            row = dataclasses.replace(row, number=str(count), **blank)
            numbered.append(row)
            lines.append(TableRow(tuple(str(getattr(row, attribute)) for _h, _w, attribute in spec)))
        tables.append(Table(f"{index}. Danh mục thủ tục hành chính {KIND_PHRASES[kind]}",
                            tuple(h for h, _w, _a in spec), tuple(w for _h, w, _a in spec), tuple(lines)))
    return tuple(tables), tuple(numbered)


def _grouped(rows: list[ChangeRow], *, by_field: bool) -> Iterator[tuple[str, ChangeRow | None]]:
    """Group headings (``(text, None)``) and rows, ordered: rows without a level first, then each
    level group ("A. Thủ tục hành chính cấp tỉnh"); inside it, rows without a field, then each field."""
    levels = sorted({row.levels for row in rows}, key=_level_order)
    letter = 0
    for level in levels:
        members = [row for row in rows if row.levels == level]
        if level:
            yield f"{chr(ord('A') + letter)}. Thủ tục hành chính {', '.join(LEVEL_WORDS.get(v, v) for v in level)}", None
            letter += 1
        if not by_field:
            yield from (("", row) for row in members)
            continue
        fields = sorted(dict.fromkeys(row.field for row in members), key=lambda name: name != "")
        for number, name in enumerate(fields, 0 if fields[0] == "" else 1):
            if name:
                yield f"{roman(number)}. Lĩnh vực {name}", None
            yield from (("", row) for row in members if row.field == name)


def _level_order(levels: tuple[str, ...]) -> tuple[int, ...]:
    order = list(LEVEL_WORDS)
    return (len(levels) > 0, *(order.index(v) if v in order else len(order) for v in levels))


def roman(number: int) -> str:
    """Roman numerals for group headings (1 → I, 14 → XIV)."""
    out = ""
    for letters, value in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out
