"""Procedures built from the real data for the export tests, and the synthetic generator.

The real importers (``tthc_tools.catalog.readers``) are written at the same time as the export, so
these tests build their procedures with a small reader of their own: the ``nhdandz`` records (tables
already split: channels with fees, dossier items with counts, legal basis with dates) and the 2,642
``chatbot-tthc`` records (dirty, multi-line portal text, kept mostly whole).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tthc_tools.codes import DECISION_IN_TEXT, RESULT_IN_TEXT, parse_date
from tthc_tools.model import Channel, DossierItem, Fee, LegalBasis, Procedure, Ref, Result, Step
from tthc_tools.text import clean, clean_block, clean_block_known, clean_known, fold, nfc, no_info, split_list

BENCH = Path(__file__).resolve().parents[2] / "bench"

_LEVELS = {"cap bo": "bo", "cap tinh": "tinh", "cap huyen": "huyen", "cap xa": "xa", "co quan khac": "khac"}
_CHANNELS = {"truc tiep": "truc_tiep", "truc tuyen": "truc_tuyen", "dich vu buu chinh": "buu_chinh"}
_COMMA_OUTSIDE_PARENS = re.compile(r",\s*(?![^()]*\))")
_STEP = re.compile(r"(?=Bước \d+\s*[:.])")
_FEE = re.compile(r"^(?P<label>[^:]+?)\s*:\s*(?P<amount>[\d.]*)\s*(?P<unit>Đồng|USD)?\s*(?P<note>.*)$")
_COUNTS = re.compile(r"Bản chính:\s*(\d+)\s*Bản sao:\s*(\d+)")


def _levels(text: str) -> tuple[str, ...]:
    return tuple(_LEVELS[fold(part)] for part in text.split(",") if fold(part) in _LEVELS)


def _refs(text: str, separators: str = "\n;") -> tuple[Ref, ...]:
    return tuple(Ref(name) for name in split_list(text, separators))


def _subjects(text: str) -> tuple[Ref, ...]:
    return tuple(Ref(name) for part in _COMMA_OUTSIDE_PARENS.split(text) if (name := clean_known(part)))


def _decision(text: str) -> str:
    match = DECISION_IN_TEXT.search(text)
    return clean(match.group(0)) if match else clean_known(text)


def _fees(text: str) -> tuple[Fee, ...]:
    fees = []
    for line in clean_block(text).split("\n"):
        match = _FEE.match(line)
        if not match or line.startswith("File đính kèm"):
            continue
        digits = match["amount"].replace(".", "")
        amount = int(digits) if digits.isdigit() else None
        note = match["note"].strip()
        fees.append(Fee(" ".join(p for p in (match["label"], note) if p), amount, match["unit"] or ""))
    return tuple(fees)


def _dossier_item(row: dict[str, str]) -> DossierItem:
    counts = _COUNTS.search(row.get("ghi_chu", "").replace("\n", " "))
    originals, copies = (int(counts[1]), int(counts[2])) if counts else (None, None)
    return DossierItem(clean(row["ten_giay_to"]), originals=originals, copies=copies, form=clean(row["so_luong"]))


def nhdandz_procedure(record: dict[str, Any]) -> Procedure:
    """A structured nhdandz record as a Procedure (every table the record has)."""
    meta, content, tables = record["metadata"], record["content"], record["tables"]
    steps = [clean(s) for s in _STEP.split(content["trình_tự_thực_hiện"]) if clean(s)]
    return Procedure(
        code=meta["mã_thủ_tục"], name=clean(meta["tên_thủ_tục"]), kind=clean(meta["loại_thủ_tục"]),
        levels=_levels(meta["cấp_thực_hiện"]), fields=(Ref(clean(meta["lĩnh_vực"])),),
        agencies=_refs(content["cơ_quan_thực_hiện"]), competent=_refs(content["cơ_quan_có_thẩm_quyền"]),
        authorized=_refs(content["cơ_quan_được_ủy_quyền"]), coordinating=_refs(content["cơ_quan_phối_hợp"]),
        subjects=_subjects(content["đối_tượng_thực_hiện"]), address=clean_known(content["địa_chỉ_tiếp_nhận_hs"]),
        steps=tuple(Step(s) for s in steps),
        channels=tuple(
            Channel(_CHANNELS[fold(row["hinh_thuc"])], clean_known(row["thoi_han_giai_quyet"]),
                    _fees(row["phi_le_phi"]), clean(row["mo_ta"]))
            for row in tables["hinh_thuc_nop"] if fold(row["hinh_thuc"]) in _CHANNELS
        ),
        dossier=tuple(_dossier_item(row) for row in tables["thanh_phan_ho_so"]),
        results=tuple(Result(name) for name in [clean_known(content["kết_quả_thực_hiện"])] if name),
        legal_basis=tuple(
            LegalBasis(clean(row["so_ky_hieu"]), clean(row["trich_yeu"]), parse_date(row["ngay_ban_hanh"]),
                       None, clean(row.get("co_quan_ban_hanh", "")))
            for row in tables["can_cu_phap_ly"]
        ),
        requirements=clean_block_known(content["yêu_cầu_điều_kiện_thực_hiện"]),
        decision=_decision(meta["số_quyết_định"]),
        keywords=clean_known(content["từ_khóa"]), description=clean_known(content["mô_tả"]),
    )


def _block(value: str) -> str:
    """Long portal text, kept as it came (NFC, trimmed): cheaper than cleaning 2,642 pages."""
    text = nfc(value).strip()
    return "" if no_info(text[:40]) else text


def _first_result(text: str) -> tuple[Result, ...]:
    name, _mark, rest = text.partition("Mã:")
    code = RESULT_IN_TEXT.match(rest.strip())
    return (Result(clean(name), code.group(0)),) if code and clean(name) else ()


def chatbot_procedure(row: dict[str, str]) -> Procedure:
    """A portal record of the 2,642 set: names and lists split, the glued sections kept whole."""
    return Procedure(
        code=row["ma_thu_tuc"], name=clean(row["ten_thu_tuc"]), kind=clean(row["loai_thu_tuc"]),
        levels=_levels(row["cap_thuc_hien"]), fields=_refs(row["linh_vuc"], ";"),
        competent=_refs(row["co_quan_co_tham_quyen"]), agencies=_refs(row["co_quan_thuc_hien"]),
        authorized=_refs(row["co_quan_duoc_uy_quyen"]), coordinating=_refs(row["co_quan_phoi_hop"]),
        subjects=_subjects(row["doi_tuong_thuc_hien"]), address=_block(row["dia_chi_tiep_nhan"]),
        steps=tuple(Step(text) for text in [_block(row["trinh_tu_thuc_hien"])] if text),
        dossier=tuple(DossierItem(text) for text in [_block(row["thanh_phan_ho_so"])] if text),
        results=_first_result(row["ket_qua_xu_ly"]),
        requirements=_block(row["yeu_cau_dieu_kien"]),
        decision=clean_known(row["so_quyet_dinh"]),
        national_id=row["formality_id"],
    )


@pytest.fixture(scope="session")
def nhdandz(realdata: Path) -> list[Procedure]:
    """The 207 structured nhdandz procedures, sorted by code."""
    folder = realdata / "nhdandz__ThuTucHanhChinh" / "extracted_fixed"
    records = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))]
    return sorted((nhdandz_procedure(r) for r in records), key=lambda p: p.code)


@pytest.fixture(scope="session")
def chatbot(realdata: Path) -> list[Procedure]:
    """The 2,642 portal procedures, sorted by code."""
    path = realdata / "chatbot-tthc__chatbot_tthc" / "procedures_all_2642_no_raw_text.jsonl"
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return sorted((chatbot_procedure(r) for r in rows), key=lambda p: p.code)


@pytest.fixture(scope="session")
def synth() -> ModuleType:
    """``bench/synth.py`` (the benchmark's generator), loaded by path."""
    if "synth" in sys.modules:
        return sys.modules["synth"]
    spec = importlib.util.spec_from_file_location("synth", BENCH / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = module
    spec.loader.exec_module(module)
    return module


FULL = Procedure(
    code="1.001193",
    name="Thủ tục đăng ký khai sinh",
    local_code="1.001193.000.00.00.H48",
    kind="TTHC được luật giao quy định chi tiết",
    levels=("xa",),
    fields=(Ref("Hộ tịch", "G15-HT01"),),
    publisher="Bộ Tư pháp",
    agencies=(Ref("Ủy ban nhân dân cấp xã", "000.00.31.H48"),),
    competent=(Ref("Chủ tịch Ủy ban nhân dân cấp xã"),),
    authorized=(Ref("Công chức tư pháp - hộ tịch"),),
    coordinating=(Ref("Công an cấp xã"),),
    subjects=(Ref("Công dân Việt Nam", "1"), Ref("Người Việt Nam định cư ở nước ngoài", "6")),
    address="Bộ phận Một cửa Ủy ban nhân dân cấp xã",
    steps=(Step("Bước 1: Nộp hồ sơ.", "Trường hợp nộp trực tiếp"), Step("Bước 2: Trả kết quả.")),
    channels=(
        Channel("truc_tiep", "Ngay trong ngày làm việc", (Fee("Lệ phí", 0, "Đồng", "PLP0001"),)),
        Channel("truc_tuyen", "1 Ngày làm việc", (Fee("Miễn lệ phí", None),), "Qua Cổng Dịch vụ công quốc gia"),
    ),
    dossier=(
        DossierItem("Tờ khai đăng ký khai sinh", originals=1, copies=0, form="Mẫu TK-KS",
                    form_url="https://csdl.dichvucong.gov.vn/mau/TK-KS.docx", code="GT0001"),
        DossierItem("Giấy chứng sinh", case="Trường hợp sinh tại cơ sở y tế", originals=1,
                    replacing_result="KQ.G15.000031"),
        DossierItem("Văn bản ủy quyền", quantity="01 bản (nếu có)"),
    ),
    results=(Result("Giấy khai sinh", "KQ.G15.000031", "Mẫu GKS"),),
    legal_basis=(LegalBasis("60/2014/QH13", "Luật Hộ tịch", dt.date(2014, 11, 20), dt.date(2016, 1, 1),
                            "Quốc hội", "https://vbpl.vn/luat-ho-tich"),),
    requirements="Không.\nTrường hợp ủy quyền phải có văn bản ủy quyền.",
    related=("1.000689", "2.000528"),
    online_level="toan_trinh",
    decision="163/QĐ-BTP",
    description="Đăng ký khai sinh cho trẻ em.",
    keywords="khai sinh; hộ tịch",
    national_id="019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
)
"""A hand-made procedure that fills every part of the model (the real records leave some empty)."""


@pytest.fixture(scope="session")
def full_procedure() -> Procedure:
    """:data:`FULL`: every part of the model filled."""
    return FULL
