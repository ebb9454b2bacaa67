"""The column-header normaliser and the small grammars of cells."""

from __future__ import annotations

import pytest

from tthc_tools.decisions.cells import align
from tthc_tools.decisions.headers import column_key, has_embedded_code, is_header_row
from tthc_tools.decisions.markup import code_cell, codes_in, normalise_code
from tthc_tools.decisions.names import clean_name, levels_of

# the eight spellings of the code column seen in the 101 real decisions (research/domain.md §2.3)
CODE_HEADERS = ["Mã TTHC", "Mã số TTHC", "Mã", "Mã số", "Mã thủ tục hành chính", "**Số hồ sơ** **TTHC**", "Mã hồ sơ TTHC"]


@pytest.mark.parametrize("label", CODE_HEADERS)
def test_code_column_spellings(label: str) -> None:
    assert column_key(label) == "code"


def test_name_header_with_embedded_code() -> None:
    for label in ("Tên thủ tục hành chính (Mã thủ TTHC)", "Tên TTHC/ Mã TTHC", "Tên thủ tục hành chính (Mã thủ tục)"):
        assert column_key(label) == "name"
        assert has_embedded_code(label)
    assert not has_embedded_code("Tên thủ tục hành chính")


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Stt", "stt"), ("TT", "stt"), ("Số TT", "stt"),
        ("Tên TTHC bị bãi bỏ", "name"), ("Tên TTHC nội bộ được thay thế", "replaced_name"),
        ("Thời hạn giải quyết", "deadline"), ("Thời gian giải quyết", "deadline"),
        ("Địa điểm thực hiện", "place"), ("Địa điểm, thời gian, cách thức thực hiện TTHC", "place"),
        ("Cách thức thực hiện", "channel"), ("Phí, lệ phí (nếu có)", "fee"), ("Phí/ lệ phí", "fee"),
        ("Căn cứ pháp lý", "legal_basis"), ("Tên VBQPPL quy định việc bãi bỏ thủ tục hành chính", "legal_basis"),
        ("Cơ sở pháp lý", "legal_basis"), ("Lĩnh vực", "field"), ("Cơ quan thực hiện", "agency"),
        ("Cấp thực hiện", "level"), ("Quyết định công bố[2]", "published_in"), ("Ghi chú", "note"),
        ("Phi địa giới", "other"), ("Nội dung công việc", "other"),
    ],
)  # fmt: skip
def test_other_headers(label: str, key: str) -> None:
    assert column_key(label) == key


def test_header_rows_are_told_from_data_and_headings() -> None:
    assert is_header_row(["STT", "Mã TTHC", "Tên thủ tục hành chính", "Căn cứ pháp lý"])
    assert not is_header_row(["1", "1.012507", "Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu"])
    # a cell note followed by the next section's heading and header is not one header row
    assert not is_header_row(["Sửa đổi căn cứ pháp lý", "B. DANH MỤC THỦ TỤC HÀNH CHÍNH BÃI BỎ", "STT", "Mã số TTHC"])
    # process tables are tables, but their first column is not a procedure column
    assert not is_header_row(["Các bước", "Nội dung công việc", "Trách nhiệm thực hiện"])


def test_codes_printed_with_damage_are_repaired() -> None:
    assert normalise_code("1.014464. H12") == "1.014464.H12"
    assert normalise_code("1.014.111") == "1.014111"  # 2028/QĐ-UBND Cao Bằng
    assert code_cell("2.000908.00 0.00.00.H61") == ["2.000908.000.00.00.H61"]  # 2637/QĐ-UBND Vĩnh Long
    assert codes_in("Lấy ý kiến đối với công trình khai thác nguồn nước (1.001740; 1.001645)") == ["1.001740", "1.001645"]
    assert codes_in("Phí: 1.000.000 đồng/hồ sơ") == []


def test_names_lose_their_embedded_codes() -> None:
    assert clean_name("Bổ nhiệm giám định viên pháp y và pháp y tâm thần (1.013871)", strip_code=True) == (
        "Bổ nhiệm giám định viên pháp y và pháp y tâm thần"
    )
    assert clean_name("Cấp Giấy chứng nhận (Mã 1.004227).", strip_code=True) == "Cấp Giấy chứng nhận"
    assert levels_of("Cấp Bộ; Cấp Tỉnh; Cấp Xã; Cơ quan khác") == ("bo", "tinh", "xa", "khac")


def test_short_rows_are_aligned_by_content() -> None:
    keys = ("stt", "code", "name", "legal_basis", "field", "agency")
    # the row-number and field cells were merged with the row above (2109/QĐ-BXD)
    cells = align(["5.002580", "Quyết định đầu tư dự án", "Nghị định số 140/2025/NĐ-CP", "Bộ trưởng Bộ Xây dựng"], keys)
    assert cells == (None, "5.002580", "Quyết định đầu tư dự án", "Nghị định số 140/2025/NĐ-CP", None, "Bộ trưởng Bộ Xây dựng")
