"""The crawled portal JSONL: 2,642 real records, their glued tables split into model rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readers_realdata import JSONL, read_all

from tthc_tools.catalog import readers
from tthc_tools.catalog.readers import _portal_tables as tables
from tthc_tools.catalog.readers import _portal_texts as texts
from tthc_tools.catalog.readers._fields import split_names
from tthc_tools.errors import BadInput
from tthc_tools.model import Channel, Fee, Problem, Record

RAW = "chatbot-tthc__chatbot_tthc/raw_bo-tu-phap"


Portal = tuple[readers.ReadResult, tuple[Record, ...], tuple[Problem, ...]]


@pytest.fixture(scope="module")
def portal(realdata: Path) -> Portal:
    return read_all(realdata / JSONL)


@pytest.fixture(scope="module")
def by_code(portal: Portal) -> dict[str, Record]:
    return {r.procedure.code: r for r in portal[1]}


def test_all_records_read_without_errors(portal: Portal) -> None:
    result, records, problems = portal
    assert result.format == "portal-jsonl"
    assert len(records) == 2642
    assert [p for p in problems if p.severity == "error"] == []
    assert all(p.location.startswith("line ") and p.field for p in problems)
    assert len(problems) < 200  # warnings name the sections that were not split cleanly
    assert records[0].location == "line 1"


def test_split_rates_on_the_real_records(portal: Portal) -> None:
    """Measured: channels 2642, dossier 2610, legal basis 2555, results 2628 of 2642 split cleanly."""
    result, records, _problems = portal
    (note,) = [n for n in result.notes if n.startswith("portal tables")]
    assert "Cách thức thực hiện 2642/2642" in note
    counts = {section: int(note.split(section + " ")[1].split("/")[0])
              for section in ("Thành phần hồ sơ", "Căn cứ pháp lý", "Kết quả xử lý")}
    assert counts["Thành phần hồ sơ"] >= 2600
    assert counts["Căn cứ pháp lý"] >= 2540
    assert counts["Kết quả xử lý"] >= 2620
    assert sum(len(r.procedure.channels) for r in records) == 7119


def test_acceptance_record_1_001193(by_code: dict[str, Record]) -> None:
    record = by_code["1.001193"]
    p = record.procedure
    free = (Fee("Miễn phí"),)
    assert p.channels == (Channel("truc_tuyen", "1", free), Channel("buu_chinh", "1", free),
                          Channel("truc_tiep", "1", free))
    assert p.results[0].name == "Giấy khai sinh" and p.results[0].code == "KQ.G15.000031"
    assert len(p.results) == 1  # the page furniture ("Chọn cơ quan thực hiện…") is gone
    assert p.levels == ("xa",) and p.decision == "163/QĐ-BTP" and p.fields[0].name == "Hộ tịch"
    assert [s.name for s in p.subjects] == ["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"]
    cases = {item.case for item in p.dossier}
    assert {"Giấy tờ phải nộp", "Giấy tờ phải xuất trình", "Lưu ý"} <= cases
    first = p.dossier[0]
    assert first.name.startswith("- Trường hợp trẻ em bị bỏ rơi") and first.originals == 1 and first.quantity == "1 bản chính"
    assert any(item.originals == 0 for item in p.dossier)
    numbers = [b.number for b in p.legal_basis]
    assert {"85/2019/TT-BTC", "60/2014/QH13", "66.7/2025/NQ-CP", "123/2015/NĐ-CP", "01/2022/TT-BTP"} <= set(numbers)
    luat = p.legal_basis[numbers.index("60/2014/QH13")]
    assert luat.title == "Luật 60/2014/QH13"
    # "Không có thông tin" is no value: those parts are not carried, so they never blank others
    assert "agencies" not in record.carried and "requirements" not in record.carried
    assert "channels" in record.carried and "publisher" not in record.carried


def test_fees_with_amounts_and_notes(by_code: dict[str, Record]) -> None:
    channel = by_code["1.004002"].procedure.channels[0]
    assert channel.deadline == "2 Ngày làm việc"
    assert channel.fees == (Fee("70.000 đồng/Giấy chứng nhận", 70000, "VNĐ"),)
    described = by_code["1.002992"].procedure.channels[0]
    assert described.description.startswith("05 (năm) ngày làm việc")


def test_levels_and_names_with_commas(by_code: dict[str, Record]) -> None:
    levels = {r.procedure.levels for r in by_code.values()}
    assert ("bo", "tinh") in levels and ("khac",) in levels and ("bo", "tinh", "xa", "khac") in levels
    assert not any("huyen" in lv for lv in levels)
    assert split_names("Cục cảnh sát quản lý hành chính về trật tự, xã hội") == [
        "Cục cảnh sát quản lý hành chính về trật tự, xã hội"]
    assert split_names("Cục Thuế - Bộ tài chính, Thuế tỉnh, thành phố, Thuế cơ sở") == [
        "Cục Thuế - Bộ tài chính", "Thuế tỉnh, thành phố", "Thuế cơ sở"]
    assert split_names("Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX), Hợp tác xã") == [
        "Doanh nghiệp", "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Hợp tác xã"]
    subjects = {s.name for r in by_code.values() for s in r.procedure.subjects}
    assert "Tổ chức (không bao gồm doanh nghiệp, HTX)" in subjects and "HTX)" not in subjects


def test_glued_channel_rows() -> None:
    header = tables.CHANNEL_HEADER
    rows = tables.split_channels(header + "Trực tiếp120 VNĐTrực tuyến15 Ngày850 VNĐ(ghi chú)mô tả").items
    assert [(c.kind, c.deadline, c.fees[0].amount, c.description) for c in rows] == [
        ("truc_tiep", "1", 20, ""), ("truc_tuyen", "15 Ngày", 850, "mô tả")]
    assert rows[1].fees[0].description == "ghi chú"
    odd = tables.split_channels(header + "Trực tiếpHệ thống tự động.Không có thông tinTại trụ sởTrực tuyến"
                                "Hệ thống tự động.Không có thông tin")
    assert odd.clean and [c.deadline for c in odd.items] == ["Hệ thống tự động.", "Hệ thống tự động."]
    assert tables.split_channels("Không có thông tin") == tables.Split((), True)


def test_glued_dossier_rows() -> None:
    text = ("--" + tables.DOSSIER_HEADER + "Đơn theo Mẫu số 02 ngày 01/7/20261 bản chính,1 bản sao"
            "Tờ khai (nộp: 01 bản chính) theo mẫu;Mẫu số 01.docxMẫu số 02.docx2 bản chính"
            "* Giấy tờ phải xuất trình:" + tables.DOSSIER_HEADER + "Hộ chiếu1 bản sao")
    items = tables.split_dossier(text).items
    assert [(i.name, i.originals, i.copies, i.form, i.case) for i in items] == [
        ("Đơn theo Mẫu số 02 ngày 01/7/2026", 1, 1, "", ""),
        ("Tờ khai (nộp: 01 bản chính) theo mẫu;", 2, None, "Mẫu số 01.docx; Mẫu số 02.docx", ""),
        ("Hộ chiếu", None, 1, "", "Giấy tờ phải xuất trình"),
    ]
    assert tables.split_form("Bản khai theo mẫu quy định tại Phụ lục IBMus06.docx") == (
        "Bản khai theo mẫu quy định tại Phụ lục IB", "Mus06.docx")
    assert tables.split_form("…sảnMau 35 - Phu luc II_36.2025.TT-BNNMT_02.7.2025.docx")[1] == (
        "Mau 35 - Phu luc II_36.2025.TT-BNNMT_02.7.2025.docx")


def test_glued_legal_rows() -> None:
    text = (texts.LEGAL_HEADER + "Luật 60/2014/QH1360/2014/QH13Thông tư số 53/2025/TT-BCAngày 01/7/2025 "
            "của Bộ Công an.53/2025/TT-BCANghị định sửa đổi10/2024/NĐ-CPvề kinh doanh30/2013/NĐ-CP"
            "Luật Đấu giá tài sản năm 201601/2016/QH14")
    rows = texts.split_legal(text)
    assert rows.clean
    assert [(r.title, r.number) for r in rows.items] == [
        ("Luật 60/2014/QH13", "60/2014/QH13"),
        ("Thông tư số 53/2025/TT-BCAngày 01/7/2025 của Bộ Công an.", "53/2025/TT-BCA"),
        ("Nghị định sửa đổi", "10/2024/NĐ-CP"),
        ("về kinh doanh", "30/2013/NĐ-CP"),
        ("Luật Đấu giá tài sản năm 2016", "01/2016/QH14"),
    ]


def test_result_block() -> None:
    block = texts.split_results("Giấy phépMã: KQ.G10.001245Văn bản từ chốiMã: 000.00.00.G11-KQ1711Từ khóa"
                                "Cấp phépMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phố")
    assert [(r.name, r.code) for r in block.results] == [("Giấy phép", "KQ.G10.001245"),
                                                         ("Văn bản từ chối", "000.00.00.G11-KQ1711")]
    assert block.keywords == "Cấp phép" and block.description == "" and block.clean


def test_no_exception_on_hostile_records(tmp_path: Path) -> None:
    lines = [
        {"ma_thu_tuc": "1.000001", "cach_thuc_thuc_hien": "((((", "thanh_phan_ho_so": tables.DOSSIER_HEADER * 3,
         "can_cu_phap_ly": texts.LEGAL_HEADER + "/////", "ket_qua_xu_ly": "Mã:Mã:Mã:", "cap_thuc_hien": "Cấp thôn"},
        {"ma_thu_tuc": "1.00A123"},
        {"ma_thu_tuc": "1.000001"},
        ["not", "an", "object"],
        {"ma_thu_tuc": "2.000002", "ten_thu_tuc": ["a", "list"], "co_quan_thuc_hien": {"x": 1}},
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{broken\n", encoding="utf-8")
    items = list(readers.read(path).items)
    errors = [(i.location, i.message) for i in items if isinstance(i, Problem) and i.severity == "error"]
    assert [loc for loc, _ in errors] == ["line 2", "line 3", "line 4", "line 6"]
    assert "1.00A123" in errors[0][1] and "duplicate" in errors[1][1]
    codes = [i.procedure.code for i in items if isinstance(i, Record)]
    assert codes == ["1.000001", "2.000002"]
    warnings = [i for i in items if isinstance(i, Problem) and i.severity == "warning"]
    assert any("Cấp thôn" in w.message for w in warnings)


def test_crawler_single_record_files(realdata: Path, by_code: dict[str, Record]) -> None:
    folder = readers.read(realdata / RAW)
    records = [i for i in folder.items if isinstance(i, Record)]
    assert len(records) == 147
    assert records[0].location == "1.000080.json, record 1"
    single = [i for i in readers.read(realdata / RAW / "1.001193.json").items if isinstance(i, Record)]
    assert single[0].procedure == by_code["1.001193"].procedure


def test_first_line_not_json_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"ma_thu_tuc": "1.000001",\n  "x": }\n', encoding="utf-8")
    with pytest.raises(BadInput, match="broken.jsonl.*line 2, column"):
        list(readers.read(path, "portal-jsonl").items)
