"""A scanned decision is read through the page cache of ``tthc scan ingest``: each page is OCR'd once.

Real tesseract on the real Sơn La scan (pages 1-4 without a text layer); what the OCR cost is read
from the database's cache rows and from the reader's counters (tesseract runs it caused).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from tthc_tools.cli import run
from tthc_tools.decisions import read_decision
from tthc_tools.decisions.ocr import ScanReader, scan_reader
from tthc_tools.scan.batch import ScanOptions, run_batch
from tthc_tools.scan.cache import Counts
from tthc_tools.store.session import Database

pytestmark = [pytest.mark.tesseract, pytest.mark.slow]


def _reader(db: Database) -> ScanReader:
    reader = scan_reader(database=lambda: db)
    if reader is None:
        if os.environ.get("CI"):  # CI installs them (make setup): missing there is a failure
            pytest.fail("tesseract with Vietnamese data or poppler is missing; run: make setup")
        pytest.skip("tesseract with Vietnamese data or poppler is not installed")
    return reader


def _cache(db: Database) -> list[tuple[str, str, str]]:
    with db.reading() as session:
        rows = session.execute(text("select key, engine, text from scan_cache order by key"))
        return [(str(key), str(engine), str(value)) for key, engine, value in rows]


def test_importing_a_scan_twice_reads_it_once_and_scan_ingest_reuses_it(
        db: Database, db_url: str, son_la_scan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reader = _reader(db)
    assert run(["--db", db_url, "decision", "import", str(son_la_scan), "--json"]) == 0
    [read] = json.loads(capsys.readouterr().out)["files"]
    assert (read["status"], read["number"], read["issued"]) == ("stored", "2307/QĐ-UBND", "2025-09-11")
    kept = _cache(db)
    assert len(kept) == 4 and all("lang=vie" in engine for _key, engine, _text in kept)  # the 4 scanned pages

    again = read_decision(son_la_scan, ocr=reader)  # a second import: every page from the cache
    assert reader.counts == Counts(ocr_pages=0, cached_pages=4, tesseract_runs=0)
    assert (again.number, str(again.issued)) == ("2307/QĐ-UBND", "2025-09-11")
    assert _cache(db) == kept

    report = run_batch(db, [son_la_scan], ScanOptions(jobs=2, out_dir=tmp_path))
    assert (report.files[0].status, report.ocr_pages, report.cached_pages) == ("ok", 0, 4)
    assert _cache(db) == kept


def test_a_decision_already_digitised_is_not_read_again(db: Database, son_la_scan: Path, tmp_path: Path) -> None:
    reader = _reader(db)
    report = run_batch(db, [son_la_scan], ScanOptions(jobs=2, out_dir=tmp_path))
    assert (report.ocr_pages, report.cached_pages) == (4, 0)
    kept = _cache(db)

    decision = read_decision(son_la_scan, ocr=reader)
    assert reader.counts == Counts(ocr_pages=0, cached_pages=4, tesseract_runs=0)
    assert (decision.number, str(decision.issued), decision.place) == ("2307/QĐ-UBND", "2025-09-11", "Sơn La")
    assert _cache(db) == kept


def test_without_a_database_every_page_is_read(son_la_scan: Path) -> None:
    reader = scan_reader(jobs=1)
    if reader is None:
        pytest.skip("tesseract with Vietnamese data or poppler is not installed")
    texts = reader(son_la_scan, [1])
    assert "2307" in texts[0]
    assert reader.counts.ocr_pages == 1 and reader.counts.cached_pages == 0
    assert reader.counts.tesseract_runs >= 1  # counted in this process: jobs=1 reads here
