"""Fast checks of the pieces: orientation without OSD, field grammar, issuer names, syllables."""

from __future__ import annotations

import random

import pytest

from bench import scangen
from tthc_tools.scan import fields, orient, places
from tthc_tools.scan.vietnamese import is_name, plausible_share


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_orientation_finds_every_turn(seed: int, turn: int) -> None:
    page = scangen.make_document(seed)
    scan = scangen.degrade(page, random.Random(seed), rotation=turn).convert("L")
    found = orient.orientation(scan)
    assert found.rotate == (360 - turn) % 360
    assert abs(found.skew + page.skew) <= 0.6


def test_sonla_header_as_ocr_reads_it() -> None:
    doc = fields.Doc([
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTÍNH SƠN LA Độc lập - Tự do - Hạnh phúc\n"
        "Số: 2307 /QĐÐ-UBND Sơn La, ngày II] tháng 09 năm 2025\nQUYÉT ĐỊNH\n\n"
        "Ban hành Kế hoạch tổng kết 15 năm thi hành Luật Nuôi con nuôi\ntrên địa bàn tỉnh Sơn La\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nNơi nhận: CHỦ TỊCH\n"
        "- Bộ Tư pháp;\n- Lưu: VT.\n\nNguyễn Đình Việt\n"
    ])
    found = fields.extract(doc)
    assert found["number"].value == "2307/QĐ-UBND" and not found["number"].certain  # repaired → review
    assert found["issued"].value == "2025-09-11" and not found["issued"].certain
    assert found["issuer"].value == "Ủy ban nhân dân tỉnh Sơn La"
    assert found["kind"].value == "quyết định"
    assert found["subject"].value.endswith("trên địa bàn tỉnh Sơn La")
    assert found["signer"].value == "Nguyễn Đình Việt"


def test_draft_number_and_date_stay_blank() -> None:
    doc = fields.Doc(["ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n\nSố:\n\n/QĐ-UBND\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Lai Châu, ngày\n\ntháng\n\nnăm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố danh mục\n"])
    found = fields.extract(doc)
    assert (found["number"].value, found["number"].certain) == ("", True)
    assert (found["issued"].value, found["issued"].certain) == ("", True)
    assert "draft" in found["number"].note


def test_low_confidence_words_send_a_field_to_review() -> None:
    text = "Họ và tên: Nguyễn Văn An\nSố định danh cá nhân (CCCD): 001203004005\n"
    confident = fields.Doc([(text, [(w, 95.0) for w in text.split()])])
    unsure = fields.Doc([(text, [(w, 95.0 if w != "001203004005" else 40.0) for w in text.split()])])
    assert fields.extract(confident)["holder_id"].certain
    assert not fields.extract(unsure)["holder_id"].certain
    assert fields.extract(confident)["holder_name"].value == "Nguyễn Văn An"


@pytest.mark.parametrize(("parts", "expected"), [
    (["ỦY BAN NHÂN DÂN", "THÀNH PHÓ CÀN THƠ"], "Ủy ban nhân dân thành phố Cần Thơ"),
    (["UBND TỈNH NGHỆ AN", "SỞ TƯ PHÁP _"], "Sở Tư pháp tỉnh Nghệ An"),
    (["ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA-VŨNG TÀU"], "Ủy ban nhân dân tỉnh Bà Rịa-Vũng Tàu"),
])
def test_issuer_names(parts: list[str], expected: str) -> None:
    assert places.issuer(parts) == (expected, True)


def test_syllables_and_names() -> None:
    assert plausible_share(["Quyết", "định", "này", "có", "hiệu", "lực", "kể", "từ", "ngày", "ký"]) == 1.0
    upside_down = "1ö Bunp tôu 2e2 ồưụp uộ†g 281 0ộrqu 9911 99 dẹo oỏnp tonÖN cu qu†p 19ÁnÒ qượu"
    assert plausible_share(upside_down.split()) < 0.5
    assert is_name("Nguyễn Đình Việt") and not is_name("Căn cứ Luật") and not is_name("Nguyễn")
