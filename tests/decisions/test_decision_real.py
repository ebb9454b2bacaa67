"""Real decisions read end to end: header, body, signature, repeals and the change set."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from tthc_tools.decisions import Decision, parse_decision_text
from tthc_tools.model import canonical_json, from_dict, to_dict

Parsed = Callable[[str], Decision]


def test_an_giang_province_danh_muc(parsed: Parsed) -> None:
    decision = parsed("2015")
    assert (decision.number, decision.place, decision.issued) == ("2015/QĐ-UBND", "An Giang", dt.date(2025, 11, 18))
    assert not decision.is_draft
    assert decision.issuer == "Ủy ban nhân dân tỉnh An Giang"
    assert (decision.signer, decision.signer_title) == ("Nguyễn Thanh Phong", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert decision.summary.startswith("VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃI BỎ")
    assert decision.effective == decision.issued and "ngày ký" in decision.effective_rule
    ministry = decision.ministry_decision
    assert ministry is not None
    assert (ministry.number, ministry.issued, ministry.issuer) == ("3740/QĐ-BTC", dt.date(2025, 11, 5), "Bộ trưởng Bộ Tài chính")
    assert [(r.action, r.decision.number, r.decision.issued) for r in decision.repeals] == [
        ("repeal", "1029/QĐ-UBND", dt.date(2024, 6, 25))
    ]
    assert [(row.kind, row.number, row.code) for row in decision.rows] == [
        ("amended", "1", "1.012507"),
        ("abolished", "1", "1.012508"),
        ("abolished", "2", "1.012509"),
        ("abolished", "3", "1.012510"),
    ]
    first, *abolished = decision.rows
    assert first.name == "Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu"
    assert first.deadline.startswith("- Trong thời hạn 15 (mười lăm) ngày làm việc")
    assert first.fees.startswith("- 0 đồng") and "Bộ phận Một cửa" in first.place
    assert first.field == "Đấu thầu"  # the trích yếu names one field
    # rows 2 and 3 of the abolished table share the merged legal-basis cell of row 1
    assert abolished[0].legal_basis.startswith("- Luật Đấu thầu số 22/2023")
    assert abolished[1].legal_basis == abolished[2].legal_basis == abolished[0].legal_basis
    assert first.table == "1. Danh mục thủ tục hành chính được sửa đổi, bổ sung"


def test_thai_nguyen_supersedes_rows_of_an_earlier_decision(parsed: Parsed) -> None:
    decision = parsed("1936")
    (repeal,) = decision.repeals
    assert (repeal.action, repeal.decision.number, repeal.rows) == ("repeal", "1388/QĐ-UBND", ("04", "06", "07"))
    assert repeal.decision.issued == dt.date(2025, 10, 6)
    # no code column at all: rows are kept with an empty code, never an invented one
    assert decision.counts() == {"amended": 3, "abolished": 3}
    assert all(row.code == "" and row.name for row in decision.rows)
    assert decision.rows[3].published_in.startswith("Quyết định số 1388/QĐ-UBND")


def test_ministry_decision_reads_part_one_only(parsed: Parsed) -> None:
    decision = parsed("3618")  # BYT: PHẦN I danh mục, PHẦN II nội dung cụ thể
    assert decision.number == "3618/QĐ-BYT"
    assert decision.signer_title.startswith("KT. BỘ TRƯỞNG / THỨ TR")
    assert len(decision.rows) == 14 and {row.kind for row in decision.rows} == {"amended"}
    central, provincial = decision.rows[:10], decision.rows[10:]
    assert {row.levels for row in central} == {("bo",)} and {row.levels for row in provincial} == {("tinh",)}
    # merged cells: rows 2-10 take the legal basis, field and agency of row 1
    assert {(row.legal_basis, row.field, row.agency) for row in central} == {
        (central[0].legal_basis, "Thiết bị y tế", "Cục Hạ tầng và Thiết bị y tế")
    }
    assert decision.effective == dt.date(2025, 11, 24)


def test_replaced_procedures_carry_the_old_code(parsed: Parsed) -> None:
    decision = parsed("2109")  # BXD: sửa đổi, bổ sung hoặc thay thế (internal procedures)
    replaced = [row for row in decision.rows if row.kind == "replaced"]
    assert [(row.replaced_code, row.code) for row in replaced] == [("5.002583", ""), ("5.002584", "")]
    assert replaced[0].name == "Chuyển đổi công năng nhà ở thuộc tài sản công"
    assert replaced[0].replaced_name.startswith("Chuyển đổi công năng nhà ở đối với nhà ở xây dựng trong dự án")
    # rows whose STT and field cells were merged: the code, name and agency land in their columns
    row = next(row for row in decision.rows if row.code == "5.002580")
    assert (row.kind, row.field, row.agency) == ("amended", "Nhà ở", "Bộ trưởng Bộ Xây dựng, Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an")
    assert decision.repeals[0].rows[:3] == ("XI.1", "XI.2", "XI.3")


def test_group_rows_set_level_and_field(parsed: Parsed) -> None:
    decision = parsed("2022")  # Cao Bằng: I. cấp tỉnh / LĨNH VỰC … / II. cấp tỉnh, cấp xã
    rows = {row.code: row for row in decision.rows}
    assert (rows["1.001806"].levels, rows["1.001806"].field) == (("tinh",), "Bảo trợ xã hội")
    assert (rows["2.000027"].levels, rows["2.000027"].field) == (("tinh",), "Phòng, chống tệ nạn xã hội")
    assert (rows["1.004946"].levels, rows["1.004946"].field) == (("tinh", "xa"), "Trẻ em")
    # a list of procedures done "không phụ thuộc địa giới hành chính" changes nothing: no kind, and a warning
    assert {row.kind for row in decision.rows} == {""}
    assert any("18 rows" in warning for warning in decision.warnings)


def test_delegated_signer_and_two_level_issuer(parsed: Parsed) -> None:
    decision = parsed("1609")  # Hà Nội: the TTPVHCC director publishes
    assert decision.number == "1609/QĐ-TTPVHCC"
    assert (decision.parent, decision.issuer) == ("UBND thành phố Hà Nội", "Trung tâm Phục vụ hành chính công")
    assert (decision.signer_title, decision.signer) == ("GIÁM ĐỐC", "Cù Ngọc Trang")
    assert [(row.kind, row.code) for row in decision.rows] == [
        ("amended", "1.012507"), ("abolished", "1.012508"), ("abolished", "1.012509"), ("abolished", "1.012510")
    ]  # fmt: skip
    first = decision.rows[0]
    assert first.field == "Đấu thầu"  # from the group row "Thủ tục hành chính cấp Thành phố Lĩnh vực Đấu thầu"
    # a two-row header splits "Thời hạn giải quyết" in two: the columns after it stay in place
    assert first.fees.startswith("- 0 đồng") and first.legal_basis.startswith("- Luật Đấu thầu")
    (reduced,) = first.extra
    assert "NQ số 66/NQ-CP" in reduced.label and reduced.value.startswith("Đã giảm từ 23 ngày")
    assert decision.repeals[0].rows == ("106",)


def test_number_formats(parsed: Parsed) -> None:
    assert parsed("02124").number == "02124/QĐ-UBND"  # Đắk Lắk pads to five digits
    assert parsed("02124").key == "2124/QD-UBND"
    normative = parsed("138-2025")
    assert normative.number == "138/2025/QĐ-UBND" and normative.effective == dt.date(2025, 12, 5)
    assert parsed("1994").issued == dt.date(2025, 11, 24)  # "ngày **24 **tháng": the index misses it
    assert parsed("2833").place == "Thành phố Hồ Chí Minh"


def test_procedure_lists_that_are_not_change_rows_are_skipped(parsed: Parsed) -> None:
    assert parsed("1498").rows == ()  # phê duyệt quy trình nội bộ only
    lang_son = parsed("2487")  # Phụ lục II lists the same procedures for their internal processes
    assert lang_son.counts() == {"new": 14, "abolished": 6}
    cao_bang = parsed("1949")  # Phụ lục II is a fee schedule naming the same procedures
    assert len({row.code for row in cao_bang.rows if row.code}) == len([r for r in cao_bang.rows if r.code])
    assert any(row.code == "1.001645" for row in cao_bang.rows)  # two codes in one name cell: two rows


def test_list_held_only_in_the_process_annex(parsed: Parsed) -> None:
    decision = parsed("2932")  # "công bố danh mục … và phê duyệt quy trình nội bộ", one combined annex
    assert decision.counts() == {"new": 3, "amended": 3}
    first = decision.rows[0]
    assert first.code == "1.014459.H35" and first.national_code == "1.014459"
    assert first.name.endswith("thuộc phạm vi quản lý của tỉnh, thành phố trực thuộc trung ương")


def test_annex_in_an_attached_file_is_said(parsed: Parsed) -> None:
    decision = parsed("3769")
    assert decision.rows == () and any("attached" in warning for warning in decision.warnings)


def test_draft_in_markdown_has_no_number_and_no_date(decision_file: Callable[[str], Path]) -> None:
    text = decision_file("2015").read_text(encoding="utf-8")
    text = text.replace("Số: 2015/QĐ-UBND", "Số:        /QĐ-UBND")
    text = re.sub(r"ngày 18\ntháng 11 năm 2025", "ngày     \ntháng     năm 2025", text, count=1)
    decision = parse_decision_text(text)
    assert decision.is_draft and decision.number == "" and decision.issued is None
    assert decision.effective is None and "ngày ký" in decision.effective_rule
    assert decision.place == "An Giang" and len(decision.rows) == 4


def test_decision_round_trips_through_its_plain_form(parsed: Parsed) -> None:
    decision = parsed("2109")
    again = from_dict(Decision, to_dict(decision))
    assert again == decision
    assert canonical_json(again) == canonical_json(decision)
    assert dataclasses.replace(decision, rows=()).codes() == []
    assert decision.codes("replaced") == ["5.002583", "5.002584"]
