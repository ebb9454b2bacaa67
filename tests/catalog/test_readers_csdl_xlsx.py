"""The national database's Excel export "Danh sách TTHC": the 7 real files, and damaged ones."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from readers_realdata import JSONL, read_all

from tthc_tools import encodings
from tthc_tools.catalog import readers
from tthc_tools.errors import BadInput
from tthc_tools.model import Problem, Record, Ref

EXPORTS = "chatbot-tthc__chatbot_tthc/xlsx_csdl_export"
TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n----\n\nDANH SÁCH THỦ TỤC HÀNH CHÍNH"
HEADER = ["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"]


@pytest.fixture(scope="module")
def exports(realdata: Path) -> dict[str, list[Record | Problem]]:
    out = {}
    for path in sorted((realdata / EXPORTS).glob("*.xlsx")):
        assert readers.detect(path) == "csdl-xlsx"
        result = readers.read(path)
        assert result.format == "csdl-xlsx"
        out[path.name] = list(result.items)
        assert result.notes == []
    return out


def test_seven_files_give_the_2642_procedures(exports: dict[str, list[Record | Problem]], realdata: Path) -> None:
    assert len(exports) == 7
    items = [i for file in exports.values() for i in file]
    assert all(isinstance(i, Record) for i in items)
    records = [i for i in items if isinstance(i, Record)]
    assert len(records) == 2642
    assert {len(v) for k, v in exports.items() if k.startswith("toa-an")} == {3}
    portal_codes = {r.procedure.code for r in read_all(realdata / JSONL)[1]}
    assert {r.procedure.code for r in records} == portal_codes  # the same catalogue, two sources


def test_an_export_carries_only_its_four_parts(exports: dict[str, list[Record | Problem]]) -> None:
    records = [i for file in exports.values() for i in file if isinstance(i, Record)]
    assert set().union(*(r.carried for r in records)) == {"name", "publisher", "agencies", "fields"}
    assert not any(r.procedure.channels for r in records)
    assert sum("agencies" not in r.carried for r in records) > 0  # empty "Cơ quan thực hiện" cells


def test_example_row(exports: dict[str, list[Record | Problem]]) -> None:
    (record,) = [i for i in exports["danh-sach-tthc-BoTuPhap.xlsx"]
                 if isinstance(i, Record) and i.procedure.code == "1.014966"]
    p = record.procedure
    assert p.name == "Cấp lại chứng chỉ hành nghề Quản tài viên trong trường hợp bị thu hồi chứng chỉ hành nghề"
    assert p.publisher == "Bộ Tư pháp" and p.fields == (Ref("Quản tài viên"),)
    assert p.agencies == (Ref("Chủ tịch ủy ban nhân dân cấp tỉnh"), Ref("Sở Tư Pháp"))
    assert record.location == "row 3"
    court = [i for i in exports["toa-an-nhan-dan.xlsx"] if isinstance(i, Record)][0].procedure
    assert [a.name for a in court.agencies][-1] == (
        "Tòa án nhân dân cấp huyện, quận, thị xã, thành phố thuộc tỉnh và tương đương")


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách TTHC"
    for row in [[TITLE], HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def test_row_problems_and_legacy_cells(tmp_path: Path) -> None:
    tcvn3 = encodings.to_tcvn3("Cấp giấy phép hoạt động").decode("cp1252")
    path = _workbook(tmp_path / "export.xlsx", [
        ["1.000001", tcvn3, encodings.to_tcvn3("Bộ Tư pháp").decode("cp1252"), "Sở Tư pháp\n\nUBND cấp xã ", "Hộ tịch"],
        ["1.00A123", "Mã sai", "", "", ""],
        [None, "Không có mã", "", "", ""],
        ["1.000001", "Trùng mã", "", "", ""],
        [1.00011, "Mã gõ thành số", "", "", ""],
    ])
    result = readers.read(path)
    items = list(result.items)
    first = items[0]
    assert isinstance(first, Record)
    assert first.procedure.name == "Cấp giấy phép hoạt động" and first.procedure.publisher == "Bộ Tư pháp"
    assert [a.name for a in first.procedure.agencies] == ["Sở Tư pháp", "UBND cấp xã"]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [(p.severity, p.location, p.field) for p in problems] == [
        ("error", "row 4", "Mã số"), ("error", "row 5", "Mã số"), ("error", "row 6", "Mã số")]
    assert "1.00A123" in problems[0].message and "duplicate" in problems[2].message
    assert isinstance(items[-1], Record) and items[-1].procedure.code == "1.000110"
    assert result.notes == ["text converted from TCVN3 (ABC) in 2 cells"]


def test_a_whole_sheet_in_tcvn3(tmp_path: Path) -> None:
    def tcvn3(text: str) -> str:
        return encodings.to_tcvn3(text).decode("cp1252")

    path = _workbook(tmp_path / "old.xlsx", [
        ["1.000001", tcvn3("Cấp giấy phép hoạt động"), tcvn3("Bộ Tư pháp"), tcvn3("Sở Tư pháp"), tcvn3("Hộ tịch")],
        ["1.000002", tcvn3("Thanh tra Bộ"), "", "", ""],  # "Thanh tra Bé" alone reads both ways
        ["1.000003", tcvn3("Đăng ký khai sinh"), tcvn3("Bộ Tư pháp"), "", tcvn3("Hộ tịch")],
    ])
    result = readers.read(path)
    names = [i.procedure.name for i in result.items if isinstance(i, Record)]
    assert names == ["Cấp giấy phép hoạt động", "Thanh tra Bộ", "Đăng ký khai sinh"]
    assert result.notes == ["text converted from TCVN3 (ABC) in 8 cells"]


def test_damaged_workbooks(realdata: Path, tmp_path: Path) -> None:
    source = (realdata / EXPORTS / "danh-sach-tthc-BoTuPhap.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(source[: len(source) // 2])
    with pytest.raises(BadInput, match="truncated.xlsx: .*(corrupt|truncated)"):
        readers.read(truncated)
    with pytest.raises(BadInput, match="truncated.xlsx"):
        list(readers.read(truncated, "csdl-xlsx").items)
    plain = _workbook(tmp_path / "plain.xlsx", [])
    book = openpyxl.load_workbook(plain)
    book.active.delete_rows(2)  # type: ignore[union-attr]
    book.save(plain)
    with pytest.raises(BadInput, match="plain.xlsx: not a national-database export"):
        readers.read(plain, "csdl_xlsx")
