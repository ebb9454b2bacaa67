"""Legacy Vietnamese encodings: tables, detection and conversion, checked on real procedure text."""

from __future__ import annotations

import codecs
import json
import unicodedata
from pathlib import Path

import pytest

from tthc_tools import encodings as enc
from tthc_tools.encodings import _fonts

JSONL = "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"


@pytest.fixture(scope="module")
def real_texts(realdata: Path) -> list[str]:
    """Distinct procedure names, agencies, fields and subjects of the 2,642 portal records (NFC)."""
    texts: set[str] = set()
    with (realdata / JSONL).open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            for key in ("ten_thu_tuc", "co_quan_thuc_hien", "linh_vuc", "doi_tuong_thuc_hien"):
                value = unicodedata.normalize("NFC", record[key].strip())
                if value:
                    texts.add(value)
    return sorted(texts)


def _vni_ok(text: str) -> bool:
    try:
        enc.to_vni(text)
    except UnicodeEncodeError:
        return False
    return True


def _tcvn3_ok(text: str) -> bool:
    try:
        enc.to_tcvn3(text)
    except (ValueError, UnicodeEncodeError):
        return False
    return True


def test_documented_examples() -> None:
    assert enc.from_tcvn3("Thñ tôc hµnh chÝnh") == "Thủ tục hành chính"
    assert enc.from_vni("Thuû tuïc haønh chính") == "Thủ tục hành chính"
    assert enc.from_tcvn3(b"\xa7\xb8nh gi\xb8") == "Đánh giá"


def test_tables_are_complete_and_one_to_one() -> None:
    # 67 lower-case marked letters (a ă â e ê i o ô ơ u ư y with tones, đ) and 7 capitals in TCVN3
    assert len(_fonts.TCVN3_DECODE) == 74
    assert len(set(_fonts.TCVN3_DECODE.values())) == 74
    # VNI spells all 134 marked letters (both cases), each differently
    assert len(_fonts.VNI_ENCODE) == 134
    assert len(set(_fonts.VNI_ENCODE.values())) == 134


def test_round_trip_of_real_text_through_each_table(real_texts: list[str]) -> None:
    vni = [t for t in real_texts if _vni_ok(t)]
    tcvn3 = [t for t in real_texts if _tcvn3_ok(t)]
    assert len(vni) > 3900 and len(tcvn3) > 3900
    assert [enc.from_vni(enc.to_vni(t)) for t in vni] == vni
    assert [enc.from_tcvn3(enc.to_tcvn3(t)) for t in tcvn3] == tcvn3
    assert [unicodedata.normalize("NFC", enc.to_cp1258(t).decode("cp1258")) for t in vni] == vni


@pytest.mark.parametrize("name,encode", [("tcvn3", enc.to_tcvn3), ("vni", enc.to_vni), ("cp1258", enc.to_cp1258)])
def test_whole_file_is_detected_and_converted(real_texts: list[str], name: str, encode: object) -> None:
    text = "\n".join(t for t in real_texts[:400] if _tcvn3_ok(t))
    decoded = enc.decode_bytes(encode(text))  # type: ignore[operator]
    assert decoded.encoding == name
    assert decoded.text == text


def test_unicode_forms_are_read_as_they_are() -> None:
    text = "Mã TTHC;Tên\n1.001193;Thủ tục đăng ký khai sinh\n"
    nfd = unicodedata.normalize("NFD", text)
    assert enc.decode_bytes(text.encode()) == enc.Decoded(text, "utf-8")
    assert enc.decode_bytes(codecs.BOM_UTF8 + nfd.encode()) == enc.Decoded(text, "utf-8-sig")
    assert enc.decode_bytes(text.encode("utf-16")) == enc.Decoded(text, "utf-16")
    assert enc.decode_bytes(nfd.encode()).text == text


def test_each_cell_is_judged_alone(real_texts: list[str]) -> None:
    sample = [t for t in real_texts if _tcvn3_ok(t) and not t.isascii()][:1500]
    # Unicode cells are never touched
    assert all(enc.fix_legacy(t) == (t, "") for t in sample)
    # legacy cells: nearly all are recognised alone; a short ambiguous one ("Bộ" = "Bé") needs the
    # file's majority encoding, which the readers pass as ``prefer``
    vni = [enc.fix_legacy(enc.to_vni(t).decode("cp1252")) for t in sample]
    tcvn3 = [enc.fix_legacy(enc.to_tcvn3(t).decode("cp1252")) for t in sample]
    assert sum(got == (t, "vni") for got, t in zip(vni, sample, strict=True)) >= len(sample) - 3
    assert sum(got == (t, "tcvn3") for got, t in zip(tcvn3, sample, strict=True)) >= len(sample) - 3
    preferred = [enc.fix_legacy(enc.to_tcvn3(t).decode("cp1252"), "tcvn3") for t in sample]
    assert preferred == [(t, "tcvn3") for t in sample]


def test_the_files_majority_never_rewrites_unicode_cells() -> None:
    assert enc.fix_legacy("Bé", "tcvn3") == ("Bộ", "tcvn3")  # a TCVN3 sheet: "Bé" is how "Bộ" was typed
    assert enc.fix_legacy("Cơ", "vni") == ("Cơ", "")  # ơ exists only in Unicode (or cp1258): keep it
    assert enc.fix_legacy("Đà", "vni") == ("Đà", "")
    assert enc.fix_legacy("Hà Nội", "tcvn3") == ("Hà Nội", "")


def test_cells_decoded_by_a_vietnamese_windows_code_page() -> None:
    """An old .xls opened on Vietnamese Windows turns TCVN3 byte 0xDD (í) into Ư (cp1258)."""
    cell = enc.to_tcvn3("Thủ tục hành chính").decode("cp1258")
    assert enc.fix_legacy(cell) == ("Thủ tục hành chính", "tcvn3")


def test_caps_fonts_and_stray_mark_case() -> None:
    assert enc.from_tcvn3("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM") == "CỘNG HÒA Xã HỘI CHỦ NGHĨA VIỆT NAM"
    assert enc.from_vni("THUÛ TUÏC") == "THỦ TỤC"
    assert enc.from_vni("THUû") == "THỦ"


def test_what_cannot_be_written_is_refused() -> None:
    with pytest.raises(ValueError):
        enc.to_tcvn3("Ủy ban")  # TCVN3 has no toned capitals
    with pytest.raises(ValueError):
        enc.from_tcvn3("Hà Nội")  # ộ is no legacy byte: the text is Unicode already


def test_score_prefers_real_vietnamese() -> None:
    assert enc.vietnamese_score("Thủ tục hành chính") == 4
    assert enc.vietnamese_score("Thñ tôc hµnh chÝnh") < 0
    assert enc.vietnamese_score("Procedure 1.001193") == 0


def test_detection_on_a_sample_of_a_stream() -> None:
    assert enc.detect(b"abc\xe1\xba") == enc.Encoding("utf-8")  # a character cut at the sample's end
    assert enc.detect(enc.to_vni("Thủ tục hành chính\n")).name == "vni"
    assert enc.Encoding("cp1252", "tcvn3").label == "TCVN3 (ABC)"
    assert enc.Encoding("cp1252", "tcvn3").converted and not enc.Encoding("utf-8").converted


def test_real_utf8_documents_are_never_taken_for_legacy_fonts(realdata: Path) -> None:
    """Valid UTF-8 Vietnamese text with a near-tie score must stay UTF-8 (4 real decisions once did not)."""
    from tthc_tools.encodings import decode_bytes

    folder = realdata / "tnt305__tai_lieu_noi_bo" / "decisions_clean"
    misread = [p.name for p in sorted(folder.glob("*.md")) if decode_bytes(p.read_bytes()).encoding != "utf-8"]
    assert misread == []
