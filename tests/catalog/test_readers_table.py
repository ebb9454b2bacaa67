"""Spreadsheets officers keep: CSV in every encoding met in practice, XLSX, varied headers."""

from __future__ import annotations

import codecs
import csv
import io
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tthc_tools import encodings
from tthc_tools.catalog import readers
from tthc_tools.errors import BadInput
from tthc_tools.model import Channel, Fee, Problem, Record, Ref

ROWS = [
    ["DANH MUC THU TUC HANH CHINH"],
    [],
    ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Cấp thực hiện",
     "Thời hạn giải quyết", "Phí, lệ phí (nếu có)", "Căn cứ pháp lý", "Đối tượng thực hiện", "Quyết định công bố",
     "Ghi chú"],
    ["I. LĨNH VỰC HỘ TỊCH"],
    ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "UBND cấp xã", "Cấp xã", "Ngay trong ngày",
     "Miễn phí", "- Luật Hộ tịch số 60/2014/QH13;\n- Nghị định số 123/2015/NĐ-CP", "Công dân Việt Nam",
     "Quyết định số 163/QĐ-BTP", "đã rà soát"],
    ["2", "1.000894.000.00.00.H48", "Thủ tục đăng ký kết hôn", "Hộ tịch", "UBND cấp xã, Sở Tư pháp",
     "Cấp tỉnh, Cấp xã", "5 ngày làm việc", "Lệ phí: 50.000 đồng", "", "", "", ""],
]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-nfd-bom": lambda text: codecs.BOM_UTF8 + unicodedata.normalize("NFD", text).encode("utf-8"),
    "utf-16": lambda text: text.encode("utf-16"),
    "cp1258": encodings.to_cp1258,
    "tcvn3": lambda text: encodings.to_tcvn3(text, caps=True),  # headings typed in a caps font
    "vni": encodings.to_vni,
}


def _read(path: Path, fmt: str | None = None) -> tuple[readers.ReadResult, list[Record | Problem]]:
    result = readers.read(path, fmt)
    return result, list(result.items)


def test_same_records_from_every_encoding(tmp_path: Path) -> None:
    text = _csv(ROWS, ";")
    seen = {}
    for name, encode in ENCODINGS.items():
        path = tmp_path / f"{name}.csv"
        path.write_bytes(encode(text))
        assert readers.detect(path) == "table"
        result, items = _read(path)
        assert all(isinstance(i, Record) for i in items), name
        seen[name] = [i.procedure for i in items if isinstance(i, Record)]
        converted = [n for n in result.notes if n.startswith("text converted")]
        assert bool(converted) == (name in ("cp1258", "tcvn3", "vni")), name
    assert all(procedures == seen["utf-8"] for procedures in seen.values())
    assert "text converted from TCVN3 (ABC)" in _read(tmp_path / "tcvn3.csv")[0].notes


def test_columns_become_parts(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(_csv(ROWS), encoding="utf-8")
    result, items = _read(path)
    first, second = (i for i in items if isinstance(i, Record))
    p = first.procedure
    assert (p.code, p.name, p.levels, p.decision) == ("1.001193", "Thủ tục đăng ký khai sinh", ("xa",), "163/QĐ-BTP")
    assert p.fields == (Ref("Hộ tịch"),) and p.subjects == (Ref("Công dân Việt Nam"),)
    # no column names the channel: deadline and fee are kept for every channel, no channel is guessed
    assert p.channels == (Channel("", "Ngay trong ngày", (Fee("Miễn phí"),)),)
    assert [(b.number, b.title) for b in p.legal_basis] == [
        ("60/2014/QH13", "Luật Hộ tịch số 60/2014/QH13"), ("123/2015/NĐ-CP", "Nghị định số 123/2015/NĐ-CP")]
    assert first.location == "line 5" and first.carried == {
        "name", "fields", "agencies", "levels", "legal_basis", "subjects", "decision", "channels"}
    q = second.procedure
    assert (q.code, q.local_code) == ("1.000894", "1.000894.000.00.00.H48")
    assert q.agencies == (Ref("UBND cấp xã"), Ref("Sở Tư pháp")) and q.levels == ("tinh", "xa")
    assert result.notes[0] == "headers not understood: Ghi chú"
    assert result.notes[1].startswith("Thời hạn giải quyết, Phí, lệ phí (nếu có): kept for every channel")
    assert result.notes[2:] == ["1 group rows without a code were skipped (line 4)"]
    with_channel = tmp_path / "channels.csv"
    rows = [["Mã TTHC", "Cách thức thực hiện", "Thời hạn giải quyết", "Phí, lệ phí"],
            ["1.000894", "Trực tiếp, qua dịch vụ bưu chính", "5 ngày làm việc", "Lệ phí: 50.000 đồng"]]
    with_channel.write_text(_csv(rows), encoding="utf-8")
    (record,) = _read(with_channel)[1]
    assert isinstance(record, Record)
    fee = (Fee("Lệ phí", 50000, "đồng"),)
    assert record.procedure.channels == (Channel("truc_tiep", "5 ngày làm việc", fee),
                                         Channel("buu_chinh", "5 ngày làm việc", fee))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "list.txt"
    path.write_text(_csv(ROWS, delimiter), encoding="utf-8")
    codes = [i.procedure.code for i in _read(path)[1] if isinstance(i, Record)]
    assert codes == ["1.001193", "1.000894"]


def test_row_problems(tmp_path: Path) -> None:
    rows = [["Mã TTHC", "Tên TTHC", "Cơ quan thực hiện"], ["1.001193", "A", "X"], ["1.00A123", "B", "X"],
            ["", "C", "X"], ["1.001193.H13", "D", "X"], ["2.000815", "E\nF", "X"]]
    path = tmp_path / "rows.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    items = _read(path)[1]
    problems = [(i.location, i.field, i.code) for i in items if isinstance(i, Problem)]
    assert problems == [("line 3", "Mã TTHC", "1.00A123"), ("line 4", "Mã TTHC", ""), ("line 5", "Mã TTHC", "1.001193")]
    assert [i.location for i in items if isinstance(i, Record)] == ["line 2", "line 6"]  # "E\nF" spans two lines


def test_no_code_column(tmp_path: Path) -> None:
    path = tmp_path / "nocode.csv"
    path.write_text(_csv([["Tên thủ tục", "Lĩnh vực"], ["A", "B"]]), encoding="utf-8")
    with pytest.raises(BadInput, match=r"nocode.csv: no procedure-code column .*headers found: Tên thủ tục, Lĩnh vực"):
        readers.read(path)


def test_xlsx_table_with_legacy_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Báo cáo rà soát"])
    sheet.append(["Ma TTHC", "Tên", "Hình thức nộp", "Thời hạn giải quyết", "Cấp thực hiện", "Mức độ DVC"])
    vni = [encodings.to_vni(t).decode("cp1252")
           for t in ("Cấp phép xây dựng", "Trực tiếp; Trực tuyến", "Cấp tỉnh", "Toàn trình")]
    sheet.append([1.00011, vni[0], vni[1], "20 ngày", vni[2], vni[3]])
    # a row typed later in Unicode: "Toàn" would also read as VNI for "Tồn", but its row is Unicode
    sheet.append(["2.000815", "Chứng thực bản sao", "Dịch vụ bưu chính", 5, "Cấp xã", "Toàn trình"])
    path = tmp_path / "table.xlsx"
    book.save(path)
    assert readers.detect(path) == "table"
    result, items = _read(path)
    first, second = (i.procedure for i in items if isinstance(i, Record))
    assert (first.code, first.name, first.levels, first.online_level) == (
        "1.000110", "Cấp phép xây dựng", ("tinh",), "toan_trinh")
    assert [c.kind for c in first.channels] == ["truc_tiep", "truc_tuyen"] and first.channels[0].deadline == "20 ngày"
    assert second.channels == (Channel("buu_chinh", "5"),) and second.online_level == "toan_trinh"
    assert result.notes == ["text converted from VNI in 4 cells"]


def test_wrong_extension_is_refused_by_detection_but_readable_when_forced(tmp_path: Path) -> None:
    path = tmp_path / "really-csv.xlsx"
    path.write_text(_csv(ROWS), encoding="utf-8")
    with pytest.raises(BadInput, match="really-csv.xlsx: named .xlsx but holds CSV text"):
        readers.read(path)
    assert len([i for i in _read(path, "table")[1] if isinstance(i, Record)]) == 2


def test_large_file_streams(tmp_path: Path) -> None:
    """Rows stream through in constant memory (100,000-row timings are left to the benchmarks)."""
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Phí, lệ phí"])
        for n in range(50_000):
            writer.writerow([f"{1 + n % 3}.{n:06d}", f"Thủ tục số {n}", "Hộ tịch", "UBND cấp xã", "Miễn phí"])
    count = 0
    peak = 0
    for item in readers.read(path).items:
        assert isinstance(item, Record)
        count += 1
        if count == 10_000:
            tracemalloc.start()
        elif count == 20_000:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    assert count == 50_000
    assert 0 < peak < 5_000_000  # 10,000 more rows: a few hundred kB (the set of codes already seen)
