"""The one module that owns openpyxl: rows read back as written, the looks the reports rely on, atomic writes."""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path

import openpyxl
import pytest

from tthc_tools import xlsx
from tthc_tools.errors import BadInput, OutputProblem
from tthc_tools.export.atomic import write_file
from tthc_tools.xlsx import Row, Sheet, Style


def _sheets() -> list[Sheet]:
    rows = [["1.001193", "Thủ tục đăng ký khai sinh\x0c", 3], ["1.000894", "Thủ tục đăng ký kết hôn\nlần đầu\x00", None]]
    boxed = Style(bold=True, wrap=True, box=True)
    styled = [Row(("Phụ lục",), Style(bold=True, centre=True), span=3), Row(()),
              Row(("A. Cấp xã",), boxed, span=3), Row(("1", "1.001193", "Khai sinh"), [Style(centre=True, box=True)] + [Style(wrap=True, box=True)] * 2)]
    return [Sheet("Bảng", rows, ["Mã", "Tên", "Số"]), Sheet("Trình bày", styled, widths=(6, 20, 50), font=("Times New Roman", 12))]


def test_written_sheets_read_back_with_their_looks(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert xlsx.write_workbook(target, _sheets())
    book = openpyxl.load_workbook(target)
    table, shown = book["Bảng"], book["Trình bày"]
    assert [list(r) for r in table.iter_rows(values_only=True)] == [  # control characters dropped, newlines kept
        ["Mã", "Tên", "Số"], ["1.001193", "Thủ tục đăng ký khai sinh", 3], ["1.000894", "Thủ tục đăng ký kết hôn\nlần đầu", None]]
    assert table["A1"].font.b and not table["A2"].font.b
    assert table.freeze_panes == "A2" and table.auto_filter.ref == "A1:C3"
    assert table.column_dimensions["B"].width == len("Thủ tục đăng ký khai sinh") + 2  # measured on the rows
    assert table.column_dimensions["C"].width == xlsx.MIN_WIDTH  # a narrow column keeps the least width
    assert {str(r) for r in shown.merged_cells.ranges} == {"A1:C1", "A3:C3"}
    assert shown["A1"].alignment.horizontal == "center" and shown["A1"].font.name == "Times New Roman"
    assert shown["C3"].border.right.style == "thin"  # a boxed group row is boxed across the table
    assert shown["A4"].value == "1" and shown["C4"].alignment.wrap_text and shown["C4"].alignment.vertical == "top"
    assert shown.freeze_panes is None and shown.column_dimensions["C"].width == 50


def test_rows_stream_back_and_stop_at_the_limit(tmp_path: Path) -> None:
    target = tmp_path / "rows.xlsx"
    day = dt.datetime(2025, 7, 1)
    xlsx.write_workbook(target, [Sheet("A", ([n, f"dòng {n}", day] for n in range(500)), ["n", "text", "day"])])
    assert list(xlsx.read_rows(target, 2)) == [("n", "text", "day"), (0, "dòng 0", day)]
    assert sum(1 for _row in xlsx.read_rows(target)) == 501
    filters = list(warnings.filters)
    rows = xlsx.read_rows(target)
    next(rows)
    assert warnings.filters == filters  # a paused read silences no warning of the caller's
    rows.close()


def test_damaged_workbooks_are_bad_input_naming_the_file(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    xlsx.write_workbook(good, [Sheet("A", ([n, "x" * 50] for n in range(5000)), ["n", "text"])])
    data = good.read_bytes()
    for name, content in {"cut.xlsx": data[: len(data) * 2 // 3], "zero.xlsx": b"", "text.xlsx": "Mã,Tên\n".encode()}.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(BadInput, match=name) as caught:
            list(xlsx.read_rows(tmp_path / name))
        assert "Traceback" not in caught.value.message


def test_writes_are_atomic_and_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(OutputProblem, match="does not exist"):
        xlsx.write_workbook(tmp_path / "missing" / "out.xlsx", _sheets())
    assert xlsx.write_workbook(tmp_path / "made" / "out.xlsx", _sheets(), make_folder=True)
    target = tmp_path / "keep.txt"
    target.write_text("old", encoding="utf-8")

    def fails(handle: object) -> None:
        raise OSError(28, os.strerror(28))  # disk full half-way

    with pytest.raises(OutputProblem, match="keep.txt"):
        write_file(target, fails)
    assert target.read_text(encoding="utf-8") == "old" and sorted(p.name for p in tmp_path.iterdir()) == [
        "keep.txt", "made"]  # no temporary file left
    assert write_file(target, lambda handle: handle.write(b"new")) and target.read_bytes() == b"new"
    assert not write_file(target, lambda handle: handle.write(b"new"))  # unchanged: not replaced
