"""Header grammars on small texts: number variants, place-date lines, drafts, agencies."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc_tools.decisions import parse_decision_text
from tthc_tools.decisions.head import agency_case


def _header(number_line: str, date_line: str, agency: str = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA") -> str:
    return f"{agency}\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\n{number_line}\n|\n{date_line}\n|\nQUYẾT ĐỊNH\nVề việc công bố\n"


@pytest.mark.parametrize(
    ("number_line", "number", "key"),
    [
        ("Số: 2307/QĐ-UBND", "2307/QĐ-UBND", "2307/QD-UBND"),
        ("Số: 02124/QĐ-UBND", "02124/QĐ-UBND", "2124/QD-UBND"),
        ("Số: 163/2025/QĐ-CTUBND", "163/2025/QĐ-CTUBND", "163/2025/QD-CTUBND"),
        ("Số: 3980 /QĐ-BQP", "3980/QĐ-BQP", "3980/QD-BQP"),
        ("Số: 9999/QD-BTP", "9999/QĐ-BTP", "9999/QD-BTP"),
        ("SỐ: 1523/QĐ-BCA-C06", "1523/QĐ-BCA-C06", "1523/QD-BCA-C06"),
    ],
)
def test_number_variants(number_line: str, number: str, key: str) -> None:
    decision = parse_decision_text(_header(number_line, "*Sơn La, ngày 11 tháng 09 năm 2025*"))
    assert (decision.number, decision.key, decision.is_draft) == (number, key, False)
    assert (decision.place, decision.issued) == ("Sơn La", dt.date(2025, 9, 11))


@pytest.mark.parametrize(
    ("number_line", "date_line"),
    [
        ("Số:      /QĐ-UBND", "Lai Châu, ngày    tháng    năm 2025"),
        ("Số: …/QĐ-UBND", "Lai Châu, ngày … tháng … năm 2025"),
        ("Số:\n/QĐ-UBND", "Lai Châu, ngày\ntháng     năm 2025"),
    ],
)
def test_drafts_are_never_given_a_number_or_date(number_line: str, date_line: str) -> None:
    decision = parse_decision_text(_header(number_line, date_line, "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU"))
    assert decision.is_draft and decision.number == "" and decision.issued is None
    assert decision.place == "Lai Châu" and decision.key == ""
    assert decision.warnings == ()


def test_missing_header_parts_are_warned_about() -> None:
    decision = parse_decision_text("QUYẾT ĐỊNH\nVề việc công bố danh mục\n")
    assert decision.number == "" and not decision.is_draft
    assert len(decision.warnings) == 2


@pytest.mark.parametrize(
    ("upper", "cased"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Ủy ban nhân dân tỉnh An Giang"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("BỘ Y TẾ", "Bộ Y tế"),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Trung tâm Phục vụ hành chính công"),
        ("Sở Tài chính", "Sở Tài chính"),
    ],
)
def test_agency_case(upper: str, cased: str) -> None:
    assert agency_case(upper) == cased
