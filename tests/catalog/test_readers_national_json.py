"""The national sync JSON packet: single, list, ``result`` and ``message`` envelope; and its inverse.

The fixtures in tests/data/national/ are ``packet_from_procedure`` of real records (single.json:
portal 1.001193; list.json: structured 1.013124, portal 2.000815 and 1.000020; envelope.json: portal
1.004002 and structured 1.013125 in ``envelope``), written with ``json.dumps(…, ensure_ascii=False,
indent=1)``. Rebuild them the same way when a reader's reading of those records changes on purpose.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from readers_realdata import JSONL, STRUCTURED, read_all

from tthc_tools.catalog import readers
from tthc_tools.catalog.readers.national_json import (
    envelope,
    lenient_date,
    packet_from_procedure,
    procedure_from_packet,
)
from tthc_tools.errors import BadInput
from tthc_tools.model import Channel, DossierItem, Fee, Problem, Procedure, Record, Ref, Step

DATA = Path(__file__).resolve().parents[1] / "data" / "national"


@pytest.fixture(scope="module")
def real(realdata: Path) -> dict[str, Procedure]:
    """The procedures the fixtures were built from (``packet_from_procedure`` of real records)."""
    out = {}
    for path in (realdata / JSONL, realdata / STRUCTURED):
        out.update({r.procedure.code: r.procedure for r in read_all(path)[1]})
    return out


def _records(path: Path) -> list[Record]:
    result = readers.read(path)
    assert result.format == "national-json"
    items = list(result.items)
    assert all(isinstance(i, Record) for i in items)
    return [i for i in items if isinstance(i, Record)]


def test_fixtures_read_back_to_the_real_records(real: dict[str, Procedure]) -> None:
    for name, codes in (("single.json", ["1.001193"]), ("list.json", ["1.013124", "2.000815", "1.000020"]),
                        ("envelope.json", ["1.004002", "1.013125"])):
        assert readers.detect(DATA / name) == "national-json"
        records = _records(DATA / name)
        assert [r.procedure.code for r in records] == codes
        assert [r.procedure for r in records] == [real[c] for c in codes]
        assert [r.location for r in records] == [f"record {n}" for n in range(1, len(codes) + 1)]


def test_real_records_survive_the_round_trip(real: dict[str, Procedure]) -> None:
    """Portal and structured records → packet → JSON text → procedure: identical (every 3rd record;
    all 2,849 were checked while writing the reader)."""
    sample = list(real.values())[::3]
    texts = [json.dumps(packet_from_procedure(p), ensure_ascii=False) for p in sample]
    back = [procedure_from_packet(json.loads(text), (p.code, p.local_code)) for text, p in zip(texts, sample, strict=True)]
    assert back == sample


def test_codes_of_the_packet(tmp_path: Path) -> None:
    packet = {
        "ID": 51234, "MATTHC": "1.001122.000.00.00.H48", "TENTTHC": "Thủ tục X",
        "CAPTHUCHIEN": [{"CAPTHUCHIEN": "0", "TENCAP": "Cấp Bộ"}, {"CAPTHUCHIEN": "3"}, {"CAPTHUCHIEN": "", "TENCAP": "Cấp Tỉnh"}],
        "LINHVUCTHUCHIEN": [{"MALINHVUC": "G03-GD10", "TENLINHVUC": "Giáo dục Trung học"}],
        "COQUANTHUCHIEN": [{"MADONVI": "000.00.00.H48", "TENDONVI": "Sở Tư pháp"}],
        "MOTADOITUONGTHUCHIEN": "Công dân Việt Nam, Người nước ngoài",
        "TRINHTUTHUCHIEN": [{"TRUONGHOP": "Cấp mới", "TRINHTU": [{"TENTRINHTU": "Bước 1: Nộp hồ sơ"}]}],
        "CACHTHUCTHUCHIEN": [
            {"KENH": "1", "THOIGIAN": [
                {"THOIGIANGIAIQUYET": "15", "DONVITINH": "Ngày làm việc", "MOTA": "",
                 "PHILEPHI": [{"MAPHILEPHI": "LP01", "SOTIEN": "50000", "DONVI": "Đồng", "MOTA": "Lệ phí"}]},
                {"THOIGIANGIAIQUYET": 3, "DONVITINH": "Ngày", "MOTA": "Trường hợp khẩn", "PHILEPHI": []}]},
            {"KENH": "2", "THOIGIAN": []},
            {"KENH": "9", "THOIGIAN": [{"THOIGIANGIAIQUYET": "1"}]},
        ],
        "THANHPHANHOSO": [{"TRUONGHOP": "Giấy tờ phải nộp", "GIAYTO": [
            {"MAGIAYTO": "GT1", "TENGIAYTO": "Giấy khai sinh", "SOBANCHINH": "1", "SOBANSAO": 0,
             "TENMAUDON": "Mẫu 01.docx", "URL": "https://csdl.dichvucong.gov.vn/x", "MA_KQ_THAYTHE": "KQ.G15.000031"}]}],
        "KETQUATHUCHIEN": [{"MAKETQUA": "KQ.G15.000031", "TENKETQUA": "Giấy khai sinh", "TENTEP": "", "URL": ""}],
        "CANCUPHAPLY": [
            {"SOVANBAN": "60/2014/QH13", "TENVANBAN": "Luật Hộ tịch", "NGAYBANHANH": "/Date(1416762000000)/",
             "NGAYHIEULUC": "2016-01-01T00:00:00", "COQUANBANHANH": "Quốc hội"},
            {"SOVANBAN": "123/2015/NĐ-CP", "NGAYBANHANH": "15/11/2015", "NGAYHIEULUC": None}],
        "TTHCLIENQUAN": ["1.001193", {"MATTHC": "2.000815"}],
        "YEUCAU": "Không có thông tin",
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(packet, ensure_ascii=False), encoding="utf-8")
    warning, record = readers.read(path).items
    assert isinstance(warning, Problem) and isinstance(record, Record)
    assert (warning.severity, warning.field, "'9'" in warning.message) == ("warning", "CACHTHUCTHUCHIEN", True)
    p = record.procedure
    assert (p.code, p.local_code, p.national_id) == ("1.001122", "1.001122.000.00.00.H48", "51234")
    assert p.levels == ("bo", "xa", "tinh")
    assert p.fields == (Ref("Giáo dục Trung học", "G03-GD10"),) and p.agencies == (Ref("Sở Tư pháp", "000.00.00.H48"),)
    assert [s.name for s in p.subjects] == ["Công dân Việt Nam", "Người nước ngoài"]
    assert p.steps == (Step("Bước 1: Nộp hồ sơ", "Cấp mới"),)
    assert p.channels == (
        Channel("truc_tiep", "15 Ngày làm việc", (Fee("Lệ phí", 50000, "Đồng", "LP01"),)),
        Channel("truc_tiep", "3 Ngày", (), "Trường hợp khẩn"),
        Channel("truc_tuyen"),
    )
    assert p.dossier == (DossierItem("Giấy khai sinh", "Giấy tờ phải nộp", 1, 0, "", "Mẫu 01.docx",
                                     "https://csdl.dichvucong.gov.vn/x", "GT1", "KQ.G15.000031"),)
    assert p.results[0].code == "KQ.G15.000031"
    assert [(b.number, b.issued, b.effective) for b in p.legal_basis] == [
        ("60/2014/QH13", dt.date(2014, 11, 24), dt.date(2016, 1, 1)), ("123/2015/NĐ-CP", dt.date(2015, 11, 15), None)]
    assert p.related == ("1.001193", "2.000815")
    assert "requirements" not in record.carried and "legal_basis" in record.carried


def test_shapes_and_envelopes(tmp_path: Path) -> None:
    packet = packet_from_procedure(Procedure("1.004227", name="Thủ tục Y", levels=("tinh",)))
    shapes = {
        "dict-message.json": {"message": {"result": [packet]}},
        "result.json": {"result": packet},
        "string-message.json": envelope([packet]),
        "list.json": [packet, "not an object", {"TENTTHC": "no code"}],
    }
    for name, data in shapes.items():
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        items = list(readers.read(path).items)
        assert isinstance(items[0], Record) and items[0].procedure.levels == ("tinh",), name
    assert [(i.location, "object" in i.message or "code" in i.message)
            for i in items if isinstance(i, Problem)] == [("record 2", True), ("record 3", True)]


def test_not_a_packet(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"message": "{not json"}', encoding="utf-8")
    with pytest.raises(BadInput, match="other.json.*message"):
        readers.read(path, "national-json")
    path.write_text('{"items": []}', encoding="utf-8")
    with pytest.raises(BadInput, match="not a national packet"):
        readers.read(path, "national_json")


def test_lenient_dates() -> None:
    assert lenient_date("24-03-2021") == dt.date(2021, 3, 24)
    assert lenient_date("2021-03-24T07:00:00+07:00") == dt.date(2021, 3, 24)
    assert lenient_date("20210324") == dt.date(2021, 3, 24)
    assert lenient_date(1616544000000) == dt.date(2021, 3, 24)
    assert lenient_date("/Date(1616519000000+0700)/") == dt.date(2021, 3, 24)
    assert lenient_date("ngày 24 tháng 3 năm 2021") == dt.date(2021, 3, 24)
    assert lenient_date("") is None and lenient_date("31/02/2021") is None
    assert lenient_date(99999999999999999) is None and lenient_date("/Date(-99999999999999999)/") is None
