"""Done-when 1 on the real PDFs: Sơn La OCR'd, Lai Châu from its text layer, Cần Thơ flagged and untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tthc_tools.results import library
from tthc_tools.scan.batch import ScanOptions, run_batch
from tthc_tools.store.session import Database

pytestmark = [pytest.mark.tesseract, pytest.mark.slow]

SON_LA = "1_SonLa_QD-2307-QD-UBND_2025-09-11_scan.pdf"
LAI_CHAU = "e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"
CAN_THO = "g_CanTho_KH-70-KH-UBND_2025-09-15_SAO-Y_ky-so.pdf"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _by_file(db: Database) -> dict[str, library.ResultView]:
    return {Path(v.path).name: v for v in library.list_results(db)}


def test_real_pdfs(db: Database, pdfs: Path, tmp_path: Path) -> None:
    before = {name: _sha(pdfs / name) for name in (SON_LA, LAI_CHAU, CAN_THO)}
    report = run_batch(db, [pdfs / SON_LA, pdfs / LAI_CHAU, pdfs / CAN_THO], ScanOptions(jobs=2, out_dir=tmp_path))
    outcomes = {Path(o.path).name: o for o in report.files}
    assert all(o.status == "ok" for o in outcomes.values()), [o.as_dict() for o in outcomes.values()]
    results = _by_file(db)

    son_la = results[SON_LA].values
    assert son_la["number"] == "2307/QĐ-UBND"
    assert son_la["issued"] == "2025-09-11"
    assert son_la["issuer"] == "Ủy ban nhân dân tỉnh Sơn La"
    assert outcomes[SON_LA].ocr_pages == 4 and outcomes[SON_LA].text_pages == 5

    lai_chau = results[LAI_CHAU]
    assert outcomes[LAI_CHAU].ocr_pages == 0 and outcomes[LAI_CHAU].text_pages == 4
    assert lai_chau.values["number"] == "" and lai_chau.values["issued"] == ""
    assert lai_chau.values["issuer"] == "Ủy ban nhân dân tỉnh Lai Châu"
    assert not outcomes[LAI_CHAU].low_dpi_pages

    can_tho = outcomes[CAN_THO]
    assert can_tho.signed and can_tho.min_dpi == pytest.approx(150, abs=1)
    assert can_tho.low_dpi_pages == [1, 2, 3, 4, 5]
    assert results[CAN_THO].low_dpi

    assert {name: _sha(pdfs / name) for name in before} == before
    original = (pdfs / CAN_THO).read_bytes()
    assert Path(can_tho.outputs[0]).read_bytes()[: len(original)] == original  # signed revision kept whole
    for outcome in outcomes.values():
        searchable, text = (Path(p) for p in outcome.outputs)
        assert searchable.read_bytes().startswith(b"%PDF") and text.stat().st_size > 100


def test_searchable_pdf_has_text_of_ocr_pages(db: Database, pdfs: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    report = run_batch(db, [pdfs / CAN_THO], ScanOptions(jobs=2, out_dir=tmp_path))
    searchable = Path(report.files[0].outputs[0])
    reader = PdfReader(searchable)
    assert len(reader.pages) == 5
    assert "Cần Thơ" in reader.pages[0].extract_text()
