"""Results: search by CCCD / số ký hiệu / name / text, review through CSV, export with archival names."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tthc_tools.results import export, library, review
from tthc_tools.scan.batch import ScanOptions, run_batch
from tthc_tools.store.session import Database

pytestmark = pytest.mark.tesseract


@pytest.fixture
def filled(db: Database, generated: Path, realdata: Path, tmp_path: Path) -> Database:
    pdfs = realdata / "nghiado905__mineru_vietocr" / "pdfs"
    run_batch(db, [generated / "doc-001.jpg", generated / "doc-002.jpg",
                   pdfs / "e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"],
              ScanOptions(jobs=2, out_dir=tmp_path / "out"))
    return db


def _truth(generated: Path) -> dict[str, dict[str, str]]:
    return {e["file"]: e for e in json.loads((generated / "truth.json").read_text(encoding="utf-8"))}


def test_search_by_cccd_number_name_and_text(filled: Database, generated: Path) -> None:
    truth = _truth(generated)["doc-001.jpg"]
    by_id = library.search(filled, truth["holder_id"])
    assert [Path(v.path).name for v in by_id][:1] == ["doc-001.jpg"]
    ascii_name = truth["holder_name"].upper()
    assert Path(library.search(filled, ascii_name)[0].path).name == "doc-001.jpg"
    from tthc_tools.text import strip_marks

    assert Path(library.search(filled, strip_marks(truth["holder_name"]).lower())[0].path).name == "doc-001.jpg"
    number = truth["number"].replace("Đ", "D")
    assert Path(library.search(filled, number)[0].path).name == "doc-001.jpg"
    assert Path(library.search(filled, "ho tro dau tu")[0].path).name.startswith("e_LaiChau")


def test_review_round_trip_through_csv(filled: Database, tmp_path: Path) -> None:
    sheet = tmp_path / "review.csv"
    count = review.export_csv(filled, sheet)
    rows = list(csv.DictReader(sheet.open(encoding="utf-8-sig")))
    assert len(rows) == count
    if not rows:
        pytest.skip("nothing uncertain in this sample")
    rows[0]["decision"], rows[0]["value"] = "approve", "Giá trị đã sửa"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=review.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    done = review.import_csv(filled, sheet, reviewer="tester")
    assert (done.approved, done.left) == (1, len(rows) - 1)
    view = library.show(filled, int(rows[0]["result_id"]))
    field = next(f for f in view.fields if f.name == rows[0]["field"])
    assert (field.value, field.state) == ("Giá trị đã sửa", "da_duyet")
    assert len(review.pending(filled)) == len(rows) - 1


def test_review_csv_with_a_bad_decision_changes_nothing(filled: Database, tmp_path: Path) -> None:
    from tthc_tools.errors import BadInput

    sheet = tmp_path / "bad.csv"
    sheet.write_text("result_id,field,value,decision\n1,number,x,maybe\n", encoding="utf-8")
    before = len(review.pending(filled))
    with pytest.raises(BadInput, match="row 2"):
        review.import_csv(filled, sheet)
    assert len(review.pending(filled)) == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_uses_archival_names(filled: Database, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"results.{fmt}"
    assert export.export(filled, target) == 3
    if fmt == "json":
        records = json.loads(target.read_text(encoding="utf-8"))["results"]
    elif fmt == "csv":
        records = list(csv.DictReader(target.open(encoding="utf-8-sig")))
    else:
        rows = list(load_workbook(target, read_only=True).active.iter_rows(values_only=True))
        records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert set(export.COLUMNS) <= set(records[0])
    lai_chau = next(r for r in records if str(r["FileName"]).startswith("e_LaiChau"))
    assert lai_chau["OrganName"] == "Ủy ban nhân dân tỉnh Lai Châu"
    assert lai_chau["TypeName"] == "quyết định" and not lai_chau["CodeNumber"]


def test_cli_wiring(filled: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tthc_tools.cli import run

    url = str(filled.url)
    assert run(["--db", url, "results", "search", "ho tro dau tu", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["count"] >= 1 and found["results"][0]["issuer"] == "Ủy ban nhân dân tỉnh Lai Châu"
    assert run(["--db", url, "results", "show", str(found["results"][0]["id"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fields"]
    assert run(["--db", url, "results", "review"]) == 4  # no terminal: points to the CSV path
    assert "--export-csv" in capsys.readouterr().err
    assert run(["--db", url, "results", "export", str(tmp_path / "x.json"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["exported"] == 3
