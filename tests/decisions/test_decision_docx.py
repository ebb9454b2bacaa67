"""DOCX decisions (real Word tables) go through the same table logic as scraped and PDF tables.

The writer below lays a decision out the way a province does (header table, body, signature table,
annex tables with a group row spanning the table and merged legal-basis cells); reading the file
back must give the same decision. This is the round trip ``decision draft`` will rely on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document as WordDocument

from tthc_tools.decisions import ChangeRow, Decision, read_decision
from tthc_tools.model import CHANGE_KINDS

HEADER = ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết", "Địa điểm thực hiện", "Phí, lệ phí", "Căn cứ pháp lý"]
SECTION = {"new": "mới ban hành", "amended": "được sửa đổi, bổ sung", "replaced": "được thay thế", "abolished": "bị bãi bỏ"}
LEVEL = {"tinh": "Thủ tục hành chính cấp tỉnh", "xa": "Thủ tục hành chính cấp xã", "bo": "Thủ tục hành chính cấp trung ương"}


def write_docx(decision: Decision, path: Path) -> None:
    """A decision as a Word file in the provincial layout (what a drafting tool would write)."""
    document: WordDocument = docx.Document()
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = f"Số: {decision.number or '       /QĐ-UBND'}"
    date = decision.issued
    when = f"ngày {date:%d} tháng {date.month} năm {date.year}" if date else "ngày      tháng      năm 2025"
    head.cell(1, 1).text = f"{decision.place}, {when}"
    for text in ("QUYẾT ĐỊNH", decision.summary, decision.authority):
        document.add_paragraph(text)
    for ref in decision.cites:
        document.add_paragraph(f"Căn cứ Quyết định số {ref.number} ngày {ref.issued:%d/%m/%Y} của {ref.issuer} {ref.title};")
    document.add_paragraph("QUYẾT ĐỊNH:")
    document.add_paragraph("Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính.")
    document.add_paragraph(f"Điều 2. Quyết định này có hiệu lực {decision.effective_rule}.")
    document.add_paragraph("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này./.")
    sign = document.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT."
    sign.cell(0, 1).text = "\n".join([*decision.signer_title.split(" / "), decision.signer])
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("DANH MỤC THỦ TỤC HÀNH CHÍNH")
    for number, kind in enumerate(k for k in CHANGE_KINDS if any(r.kind == k for r in decision.rows)):
        document.add_paragraph(f"{number + 1}. Danh mục thủ tục hành chính {SECTION[kind]}")
        _annex_table(document, [row for row in decision.rows if row.kind == kind])
    document.save(str(path))


def _annex_table(document: WordDocument, rows: list[ChangeRow]) -> None:
    table = document.add_table(rows=1, cols=len(HEADER))
    for col, label in enumerate(HEADER):
        table.cell(0, col).text = label
    level: tuple[str, ...] = ()
    first_of_basis = -1
    for row in rows:
        if row.levels and row.levels != level:
            level = row.levels
            cells = table.add_row().cells
            cells[0].text = LEVEL[level[0]]
            cells[0].merge(cells[-1])  # a group row spans the whole table
            first_of_basis = -1
        values = [row.number, row.code, row.name, row.deadline, row.place, row.fees, row.legal_basis]
        cells = table.add_row().cells
        for col, value in enumerate(values[:-1]):
            cells[col].text = value
        index = len(table.rows) - 1
        above = table.cell(first_of_basis, 6).text if first_of_basis >= 0 else None
        if above == row.legal_basis:  # the same legal basis as the row above: one merged cell
            table.cell(first_of_basis, 6).merge(table.cell(index, 6))
            table.cell(first_of_basis, 6).text = row.legal_basis
        else:
            cells[6].text = row.legal_basis
            first_of_basis = index


def _change_set(decision: Decision) -> list[tuple[object, ...]]:
    keep = ("kind", "number", "code", "name", "deadline", "place", "fees", "legal_basis", "levels")
    return [tuple(getattr(row, name) for name in keep) for row in decision.rows]


def test_docx_round_trip_gives_the_same_change_set(parsed: Callable[[str], Decision], tmp_path: Path) -> None:
    original = parsed("2015")
    path = tmp_path / "2015.docx"
    write_docx(original, path)
    again = read_decision(path)
    assert _change_set(again) == _change_set(original)
    for name in ("number", "place", "issued", "issuer", "signer", "signer_title", "summary", "effective", "effective_rule"):
        assert getattr(again, name) == getattr(original, name), name
    assert [ref.number for ref in again.cites] == ["3740/QĐ-BTC"]


def test_docx_merged_cells_and_group_rows(parsed: Callable[[str], Decision], tmp_path: Path) -> None:
    source = parsed("3618")  # ministry rows of two levels sharing merged legal-basis cells
    decision = dataclasses.replace(source, number="3618/QĐ-BYT", place="Hà Nội", authority="BỘ TRƯỞNG BỘ Y TẾ")
    path = tmp_path / "byt.docx"
    write_docx(decision, path)
    again = read_decision(path)
    assert _change_set(again) == _change_set(decision)
    assert {row.levels for row in again.rows} == {("bo",), ("tinh",)}


def test_docx_draft_keeps_number_and_date_blank(parsed: Callable[[str], Decision], tmp_path: Path) -> None:
    draft = dataclasses.replace(parsed("2015"), number="", is_draft=True, issued=None, effective=None)
    path = tmp_path / "draft.docx"
    write_docx(draft, path)
    again = read_decision(path)
    assert again.is_draft and again.number == "" and again.issued is None and again.effective is None
    assert _change_set(again) == _change_set(draft)
