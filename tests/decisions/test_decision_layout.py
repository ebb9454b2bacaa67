"""PDF layout text (columns kept as spaces, cells centred vertically) back into rows."""

from __future__ import annotations

from tthc_tools.decisions.events import Header, Line, Row
from tthc_tools.decisions.layout import read_layout, segments

PAGE = """\
                                        Phụ lục I
              DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG
    STT      Mã TTHC        Tên TTHC              Thời hạn giải quyết        Phí,           Căn cứ pháp lý
                                                                             lệ phí
      A     THỦ TỤC HÀNH CHÍNH CẤP TỈNH
                                                  15  ngày  làm  việc  kể                   Nghị   định  số
      1     1.001122      Cấp giấy phép           từ ngày nhận đủ hồ sơ      Không          10/2025/NĐ-
                          hoạt động                                                         CP
      2     2.000894      Cấp lại giấy
                          phép hoạt động          05 ngày làm việc           50.000 đồng
                                                                             mỗi hồ sơ
                                                                                                        2
"""


def test_segments_keep_their_columns() -> None:
    assert [(s.x, s.text) for s in segments("      1     1.001122      Cấp giấy phép")] == [
        (6, "1"), (12, "1.001122"), (26, "Cấp giấy phép")
    ]  # fmt: skip


def test_rows_are_anchored_on_their_number_and_merged_cells_left_open() -> None:
    document = read_layout([PAGE])
    events = document.events
    assert [type(e) for e in events[:2]] == [Line, Line]
    header = next(e for e in events if isinstance(e, Header))
    assert header.keys == ("stt", "code", "name", "deadline", "fee", "legal_basis")
    assert header.labels[4] == "Phí, lệ phí"  # the header's second line joins its column
    rows = [e.cells for e in events if isinstance(e, Row)]
    assert rows[0] == ("A THỦ TỤC HÀNH CHÍNH CẤP TỈNH", None, None, None, None, None)
    assert rows[1] == (
        "1", "1.001122", "Cấp giấy phép hoạt động", "15 ngày làm việc kể từ ngày nhận đủ hồ sơ", "Không",
        "Nghị định số 10/2025/NĐ-CP",
    )  # fmt: skip
    # the second row's legal basis is merged with the first one's: left open for fill-down
    assert rows[2] == ("2", "2.000894", "Cấp lại giấy phép hoạt động", "05 ngày làm việc", "50.000 đồng mỗi hồ sơ", None)
    assert document.lines[0] == "Phụ lục I"
