"""``decision draft`` (issue 5, done-when 3): drafting from a diff and importing the generated DOCX
gives back the same change set; the body follows NĐ 30/2020; XLSX and HTML say the same.

The local catalogue and the national side are real portal records (one renamed on the national side,
one only there, one only here), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from pathlib import Path

import pytest
from decision_catalogues import decision_path, import_catalogue, portal_records, write_jsonl
from openpyxl import load_workbook

from tthc_tools.decisions import read_decision
from tthc_tools.decisions.annex_rows import per_channel
from tthc_tools.decisions.changes import Wanted, change_list, from_csv
from tthc_tools.decisions.document import Publisher, vietnamese_date
from tthc_tools.decisions.draft import DraftRequest, draft_decision
from tthc_tools.decisions.model import ChangeRow, Decision
from tthc_tools.decisions.registry import import_files, list_decisions
from tthc_tools.errors import BadInput, OutputProblem, UsageProblem
from tthc_tools.model import Channel, Fee
from tthc_tools.store.session import Database

AN_GIANG = Publisher("An Giang", signer="Nguyễn Thanh Phong", agency="Sở Tư pháp")


def _change_set(rows: tuple[ChangeRow, ...]) -> list[tuple[object, ...]]:
    return [(r.kind, r.code, r.replaced_code, r.name, r.levels, r.field) for r in rows]


@pytest.fixture
def national(db: Database, realdata: Path, tmp_path: Path) -> Path:
    """Local: khai sinh, kết hôn, chứng chỉ đấu thầu. National: khai sinh renamed, kết hôn, khai tử."""
    records = portal_records(realdata, ["1.001193", "1.000894", "1.012507", "1.000656"])
    import_catalogue(db, write_jsonl(tmp_path / "local.jsonl", [records[c] for c in ("1.001193", "1.000894",
                                                                                       "1.012507")]))
    renamed = {**records["1.001193"], "ten_thu_tuc": "Thủ tục đăng ký khai sinh cho trẻ em"}
    return write_jsonl(tmp_path / "national.jsonl", [renamed, records["1.000894"], records["1.000656"]])


def test_drafting_from_a_diff_and_importing_the_docx_gives_the_same_change_set(
    db: Database, national: Path, tmp_path: Path
) -> None:
    request = DraftRequest(AN_GIANG, from_diff=True, against=str(national), accept=("all",))
    report = draft_decision(db, request, [tmp_path / "draft.docx"])
    assert [(s.code, s.kind, s.accepted) for s in report.suggestions] == [
        ("1.000656", "new", True), ("1.001193", "amended", True), ("1.012507", "abolished", True)]
    drafted = report.decision
    assert _change_set(drafted.rows) == [
        ("new", "1.000656", "", "Thủ tục đăng ký khai tử", ("xa",), "Hộ tịch"),
        ("amended", "1.001193", "", "Thủ tục đăng ký khai sinh cho trẻ em", ("xa",), "Hộ tịch"),  # national name
        ("abolished", "1.012507", "", "Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu", ("bo", "tinh"), "Đấu thầu"),
    ]
    again = read_decision(tmp_path / "draft.docx")
    assert _change_set(again.rows) == _change_set(drafted.rows)
    assert [(r.deadline, r.fees) for r in again.rows] == [(r.deadline, r.fees) for r in drafted.rows]
    assert again.is_draft and again.number == "" and again.issued is None and again.place == "An Giang"
    assert again.signer == "Nguyễn Thanh Phong" and again.signer_title == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert again.summary == drafted.summary and not again.warnings
    assert [(e.id, e.state) for e in list_decisions(db)] == [(report.id, "draft")]


def test_suggestions_go_in_only_when_accepted(db: Database, national: Path, tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    report = draft_decision(db, DraftRequest(AN_GIANG, from_diff=True, against=str(national)), [target])
    assert report.id is None and not target.exists() and list_decisions(db) == []
    assert {s.accepted for s in report.suggestions} == {False} and len(report.suggestions) == 3
    accept = ("new", "1.012507")
    report = draft_decision(db, DraftRequest(AN_GIANG, from_diff=True, against=str(national), accept=accept),
                            [target])
    assert [(r.kind, r.code) for r in report.decision.rows] == [("new", "1.000656"), ("abolished", "1.012507")]
    assert [(r.kind, r.code) for r in read_decision(target).rows] == [("new", "1.000656"), ("abolished", "1.012507")]


def test_the_officer_overrides_a_suggestion(db: Database, national: Path, tmp_path: Path) -> None:
    request = DraftRequest(AN_GIANG, (Wanted("1.001193", "new"),), True, str(national), ("all",))
    report = draft_decision(db, request, [tmp_path / "d.docx"])
    assert sorted((r.kind, r.code) for r in report.decision.rows) == [
        ("abolished", "1.012507"), ("new", "1.000656"), ("new", "1.001193")]


@pytest.mark.parametrize("layout", ["province", "ministry"])
def test_an_explicit_list_with_a_replaced_procedure_round_trips(db: Database, national: Path, tmp_path: Path,
                                                                layout: str) -> None:
    wanted = change_list(new=["1.012507"], abolished=["1.000894"], replaced=["1.000894=1.001193"])
    report = draft_decision(db, DraftRequest(dataclasses.replace(AN_GIANG, layout=layout), tuple(wanted)),
                            [tmp_path / "list.docx"])
    rows = report.decision.rows
    assert [(r.kind, r.code, r.replaced_code) for r in rows] == [
        ("new", "1.012507", ""), ("replaced", "1.001193", "1.000894"), ("abolished", "1.000894", "")]
    assert rows[1].replaced_name == "Thủ tục đăng ký kết hôn"
    again = read_decision(tmp_path / "list.docx")
    assert _change_set(again.rows) == _change_set(rows)
    if layout == "ministry":
        assert again.rows[0].agency == rows[0].agency != ""


def test_the_body_follows_nd30_and_cites_the_localised_decision(db: Database, national: Path, realdata: Path,
                                                                tmp_path: Path) -> None:
    import_files(db, [decision_path(realdata, "2015")])  # stored: its date, issuer and title are known
    ministry = decision_path(realdata, "3618")
    import_files(db, [ministry])
    request = DraftRequest(AN_GIANG, (Wanted("1.001193", "amended"),), localises="3618/QĐ-BYT")
    report = draft_decision(db, request, [tmp_path / "d.docx", tmp_path / "d.html"])
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    year = dt.date.today().year
    for line in ("Số:       /QĐ-UBND", f"An Giang, ngày      tháng      năm {year}", "QUYẾT ĐỊNH",
                 "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG", "Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
                 "Nghị định số 63/2010/NĐ-CP", "Nghị định số 48/2013/NĐ-CP", "Nghị định số 92/2017/NĐ-CP",
                 "Nghị định số 118/2025/NĐ-CP", "Thông tư số 02/2017/TT-VPCP",
                 "Căn cứ Quyết định số 3618/QĐ-BYT ngày 24 tháng 11 năm 2025 của Bộ trưởng Bộ Y tế về việc công bố",
                 "Điều 1.", "Điều 2.", "Điều 3.", "Điều 4.", "Nơi nhận:", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                 "Giám đốc Sở Tư pháp", "1. Danh mục thủ tục hành chính được sửa đổi, bổ sung",
                 "A. Thủ tục hành chính cấp xã", "I. Lĩnh vực Hộ tịch"):
        assert html.escape(line, quote=True) in page, line
    again = read_decision(tmp_path / "d.docx")
    assert again.ministry_decision is not None and again.ministry_decision.number == "3618/QĐ-BYT"
    assert again.ministry_decision.issued == dt.date(2025, 11, 24) and again.effective_rule == "kể từ ngày ký"
    assert "lĩnh vực Hộ tịch" in report.decision.summary and report.warnings == []


def test_xlsx_and_html_carry_the_same_tables(db: Database, national: Path, tmp_path: Path) -> None:
    request = DraftRequest(AN_GIANG, (Wanted("1.001193", "new"), Wanted("1.012507", "abolished")))
    report = draft_decision(db, request, [tmp_path / "d.xlsx", tmp_path / "d.html"])
    assert report.written == [str(tmp_path / "d.xlsx"), str(tmp_path / "d.html")]
    sheet = load_workbook(tmp_path / "d.xlsx")["Phụ lục"]
    values = [[cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)]
    assert ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Căn cứ pháp lý"] in values
    assert ["A. Thủ tục hành chính cấp xã"] in values and ["1", "1.001193", "Thủ tục đăng ký khai sinh"] in [
        v[:3] for v in values]
    group = next(row[0].row for row in sheet.iter_rows() if row[0].value == "A. Thủ tục hành chính cấp xã")
    assert f"A{group}:G{group}" in {str(r) for r in sheet.merged_cells.ranges}  # spans the 7-column table
    page = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.split("<body>")[0] and "<link" not in page
    assert "1.001193" in page and "1.012507" in page and page.count("<table") == 4


def test_outputs_are_checked_first_and_written_whole(db: Database, national: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    request = DraftRequest(AN_GIANG, (Wanted("1.001193", "new"),))
    with pytest.raises(UsageProblem):
        draft_decision(db, request, [out / "d.docx", out / "d.pdf"])
    with pytest.raises(OutputProblem):
        draft_decision(db, request, [out / "missing" / "d.docx"])
    with pytest.raises(UsageProblem):
        draft_decision(db, dataclasses.replace(request, publisher=Publisher("")), [out / "d.docx"])
    with pytest.raises(BadInput):
        draft_decision(db, DraftRequest(AN_GIANG), [out / "d.docx"])
    assert list_decisions(db) == [] and list(out.iterdir()) == []
    draft_decision(db, request, [out / "d.docx"])
    assert [p.name for p in out.iterdir()] == ["d.docx"]  # no temporary file left beside it


def test_cells_say_a_value_once_when_every_channel_agrees() -> None:
    same = (Channel("truc_tiep", "15 ngày làm việc"), Channel("truc_tuyen", "15 ngày làm việc"))
    assert per_channel(same, lambda c: c.deadline) == "15 ngày làm việc"
    differ = (Channel("truc_tiep", "15 ngày", (Fee("Lệ phí", 50000, "đồng"),)), Channel("truc_tuyen", "10 ngày"))
    assert per_channel(differ, lambda c: c.deadline) == "- Trực tiếp: 15 ngày\n- Trực tuyến: 10 ngày"
    assert per_channel(differ, lambda c: c.fee_text) == "Lệ phí 50.000 đồng"
    assert per_channel((), lambda c: c.deadline) == ""


def test_the_change_list_csv(tmp_path: Path) -> None:
    path = tmp_path / "changes.csv"
    path.write_text("Mã TTHC,Loại\n1.001193,Mới ban hành\n1.000894.000.00.00.H12,sửa đổi, bổ sung\n"
                    "1.000656,bãi bỏ\n1.001193,thay thế,1.000894\n", encoding="utf-8")
    assert from_csv(path) == [Wanted("1.001193", "new"), Wanted("1.000894.000.00.00.H12", "amended"),
                              Wanted("1.000656", "abolished"), Wanted("1.001193", "replaced", "1.000894")]
    path.write_text("1.001193,không rõ\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        from_csv(path)
    assert "line 1" in caught.value.message and "changes.csv" in caught.value.message


def test_dates_in_the_nd30_format() -> None:
    assert vietnamese_date(dt.date(2020, 3, 5)) == "ngày 05 tháng 3 năm 2020"
    assert vietnamese_date(dt.date(2025, 2, 18)) == "ngày 18 tháng 02 năm 2025"
    assert vietnamese_date(dt.date(2025, 11, 18)) == "ngày 18 tháng 11 năm 2025"


def test_a_real_decision_redrafted_reads_back_the_same(db: Database, realdata: Path, tmp_path: Path) -> None:
    """An Giang 2015 as the tool would draft it: its rows, back through the DOCX writer and reader."""
    original: Decision = read_decision(decision_path(realdata, "2015"))
    from tthc_tools.decisions.annex_tables import annex_tables
    from tthc_tools.decisions.document import body
    from tthc_tools.decisions.draft import write_document

    tables, numbered = annex_tables(original.rows)
    write_document(body(AN_GIANG, ["amended", "abolished"], None, tables), tmp_path / "2015.docx")
    again = read_decision(tmp_path / "2015.docx")
    keep = ("kind", "number", "code", "name", "deadline", "place", "fees", "legal_basis", "field")
    assert [tuple(getattr(r, k) for k in keep) for r in again.rows] == [
        tuple(getattr(r, k) for k in keep) for r in numbered]


def test_no_differences_nothing_to_publish(db: Database, realdata: Path, tmp_path: Path) -> None:
    same = write_jsonl(tmp_path / "same.jsonl", portal_records(realdata, ["1.001193"]).values())
    import_catalogue(db, same)
    report = draft_decision(db, DraftRequest(AN_GIANG, from_diff=True, against=str(same), accept=("all",)),
                            [tmp_path / "d.docx"])
    assert report.id is None and report.suggestions == [] and "nothing to publish" in report.warnings[0]
    assert not (tmp_path / "d.docx").exists()


def test_the_replaced_code_column_is_read_as_the_old_code() -> None:
    from tthc_tools.decisions.headers import column_key

    assert [column_key(h) for h in ("Mã TTHC được thay thế", "Mã số TTHC bị thay thế", "Mã TTHC",
                                    "Tên thủ tục hành chính được thay thế")] == [
        "replaced_code", "replaced_code", "code", "replaced_name"]
