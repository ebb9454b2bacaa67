"""Structured records from the "Chi tiết TTHC" Word export: 207 real records with their tables."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tthc_tools.catalog import readers
from tthc_tools.model import Channel, DossierItem, Fee, LegalBasis, Problem, Record

FOLDER = "nhdandz__ThuTucHanhChinh/extracted_fixed"


@pytest.fixture(scope="module")
def records(realdata: Path) -> dict[str, Record]:
    result = readers.read(realdata / FOLDER)
    assert result.format == "structured-json"
    items = list(result.items)
    assert not [i for i in items if isinstance(i, Problem)]
    return {i.procedure.code: i for i in items if isinstance(i, Record)}


def test_all_207_records_with_their_tables(records: dict[str, Record]) -> None:
    assert len(records) == 207
    procedures = [r.procedure for r in records.values()]
    assert sum(len(p.channels) for p in procedures) == 462
    assert sum(len(p.dossier) for p in procedures) == 814
    assert sum(len(p.legal_basis) for p in procedures) == 751
    assert all(c.kind in ("truc_tiep", "truc_tuyen", "buu_chinh") for p in procedures for c in p.channels)


def test_record_1_013124(records: dict[str, Record]) -> None:
    record = records["1.013124"]
    p = record.procedure
    assert record.location == "1.013124.json"
    assert p.decision == "6225/QĐ-BQP" and p.levels == ("bo",) and p.fields[0].name == "Ứng phó sự cố tràn dầu"
    assert p.channels[0] == Channel("truc_tiep", "30 Ngày làm việc", (Fee("Phí", 0, "Đồng"),))
    assert p.channels[1].description == "hoặc bằng các hình thức phù hợp khác"
    assert p.dossier == (
        DossierItem("Văn bản đề nghị thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu.", originals=1, copies=0),
        DossierItem("Kế hoạch ứng phó sự cố tràn dầu theo mẫu quy định tại Phụ lục II ban hành kèm theo Quyết định "
                    "số 12/2021/QĐ-TTg ngày 24/3/2021 của Thủ tướng Chính phủ", originals=1, copies=0,
                    form="5-PHLCII.doc"),
    )
    (basis,) = p.legal_basis
    assert basis == LegalBasis("12/2021/QĐ-TTg", basis.title, dt.date(2021, 3, 24), None, "Thủ tướng Chính phủ")
    assert basis.title.startswith("Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021")
    assert p.results[0].name == "Quyết định phê duyệt kế hoạch ứng phó sự cố tràn dầu."
    assert [s.name for s in p.subjects][-1] == "Hợp tác xã"
    assert "Tổ chức (không bao gồm doanh nghiệp, HTX)" in [s.name for s in p.subjects]
    # "Không có thông tin" parts are not carried
    assert {"authorized", "coordinating", "address", "keywords"}.isdisjoint(record.carried)
    assert {"channels", "dossier", "legal_basis", "results", "steps"} <= record.carried


def test_levels_decisions_and_fees(records: dict[str, Record]) -> None:
    procedures = [r.procedure for r in records.values()]
    assert ("bo", "tinh", "xa") in {p.levels for p in procedures}
    assert ("bo", "tinh", "xa", "khac") in {p.levels for p in procedures}
    decisions = {p.decision for p in procedures}
    assert "3980/QĐ-BQP" in decisions and not any(d.startswith("Quyết định") for d in decisions)
    fees = [fee for p in procedures for c in p.channels for fee in c.fees]
    assert Fee("Phí (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ nghiên cứu, kiểm định, thử "
               "nghiệm)", 2000000, "Đồng") in fees
    assert Fee("Lệ phí (Người nước ngoài từ 16 tuổi trở lên)", 1, "USD") in fees
    assert Fee("Phí : Không Đồng") in fees and Fee("Lệ phí : 1.5 USD") in fees  # no whole amount: kept as text
    forms = [d.form for p in procedures for d in p.dossier if d.form]
    assert "MU1A.docx; MU1B.docx; Mu4-phlc11.docx" in forms


def test_single_file_and_list_file(realdata: Path, tmp_path: Path) -> None:
    one = realdata / FOLDER / "1.013124.json"
    (record,) = readers.read(one).items
    assert isinstance(record, Record) and record.location == "record 1"
    data = json.loads(one.read_text(encoding="utf-8"))
    bad = {**data, "metadata": {**data["metadata"], "mã_thủ_tục": "1.0131"}}
    path = tmp_path / "several.json"
    path.write_text(json.dumps([data, bad, "text"], ensure_ascii=False), encoding="utf-8")
    items = list(readers.read(path).items)
    assert isinstance(items[0], Record)
    assert [(i.location, i.field) for i in items[1:] if isinstance(i, Problem)] == [
        ("record 2", "mã_thủ_tục"), ("record 3", "")]
