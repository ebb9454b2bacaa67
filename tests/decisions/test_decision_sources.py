"""Files: markdown, the Lai Châu draft PDF, DOCX, and every bad input a user can hand over."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tthc_tools.decisions import NeedsOcr, read_decision
from tthc_tools.encodings import to_cp1258
from tthc_tools.errors import BadInput, ExitCode


def test_lai_chau_draft_pdf_imports_as_a_draft_with_its_rows(lai_chau_pdf: Path) -> None:
    decision = read_decision(lai_chau_pdf)
    assert decision.is_draft and decision.number == "" and decision.issued is None
    assert (decision.place, decision.issuer) == ("Lai Châu", "Ủy ban nhân dân tỉnh Lai Châu")
    assert (decision.signer, decision.signer_title) == ("Tống Thanh Hải", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert decision.summary.startswith("Về việc công bố danh mục thủ tục hành chính mới ban hành")
    assert decision.ministry_decision is not None and decision.ministry_decision.number == "3083/QĐ-BTC"
    assert decision.effective is None and decision.effective_rule == "kể từ ngày ký"
    (row,) = decision.rows  # Phụ lục II (quy trình nội bộ) gives no rows
    assert (row.kind, row.number, row.code, row.levels) == ("new", "1", "", ("tinh",))
    assert row.name == "Thủ tục hỗ trợ chi phí"
    assert row.deadline == "Không quy định cụ thể thời gian"
    assert row.place.startswith("1. Địa điểm và cách thức thực hiện: - Trực tiếp:") and "17h00'" in row.place
    assert row.fees == "Không"
    assert row.legal_basis == "Nghị định số 182/2024/NĐ-CP ngày 31 tháng 12 năm 2024"


def test_markdown_file(decision_file: Callable[[str], Path]) -> None:
    decision = read_decision(decision_file("2015"))
    assert decision.number == "2015/QĐ-UBND" and len(decision.rows) == 4
    assert decision.source.endswith(".md")


def test_scanned_pdf_needs_ocr(son_la_scan: Path) -> None:
    with pytest.raises(NeedsOcr) as caught:
        read_decision(son_la_scan)
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert "1, 2, 3, 4" in str(caught.value) and son_la_scan.name in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.md", None, "not found"),
        ("empty.md", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("fake.pdf", b"Quyet dinh so 1/QD-UBND", "not a PDF"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "damaged"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "DOCX"),
        ("table.xlsx", b"PK\x03\x04", "unsupported"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BadInput) as caught:
        read_decision(path)
    assert message in str(caught.value) and name in str(caught.value)
    assert caught.value.exit_code == ExitCode.BAD_INPUT


def test_truncated_real_pdf(lai_chau_pdf: Path, tmp_path: Path) -> None:
    data = lai_chau_pdf.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(BadInput, match="cut.pdf"):
        read_decision(path)


def test_encrypted_pdf(lai_chau_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(lai_chau_pdf))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(BadInput, match="encrypted") as caught:
        read_decision(path)
    assert not isinstance(caught.value, NeedsOcr)


def test_pdf_with_only_an_owner_password_opens(lai_chau_pdf: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(lai_chau_pdf))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "restricted.pdf"
    path.write_bytes(buffer.getvalue())
    assert read_decision(path).is_draft


def test_windows_1258_text_is_read_and_said(tmp_path: Path) -> None:
    text = "Số: 12/QĐ-UBND\nHà Nội, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVỀ VIỆC CÔNG BỐ\n"
    path = tmp_path / "old.txt"
    path.write_bytes(to_cp1258(text))
    decision = read_decision(path)
    assert decision.number == "12/QĐ-UBND" and decision.place == "Hà Nội"
    assert any("Windows-1258" in warning for warning in decision.warnings)
