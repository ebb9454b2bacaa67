"""``tthc decision …`` end to end: wiring, exit codes, one JSON document with --json, clear errors."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from decision_catalogues import decision_path, write_csv

from tthc_tools.cli import run
from tthc_tools.decisions import NeedsOcr, read_decision
from tthc_tools.decisions.ocr import ocr_when_needed, repair, scan_reader
from tthc_tools.errors import ExitCode


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.out)  # type: ignore[no-any-return]


Tthc = Callable[..., Result]


@pytest.fixture
def tthc(db_url: str, capsys: pytest.CaptureFixture[str]) -> Tthc:
    def invoke(*args: str) -> Result:
        code = run(["--db", db_url, *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def test_import_stores_decisions_and_names_the_file_that_failed(tthc: Tthc, realdata: Path, tmp_path: Path) -> None:
    good = decision_path(realdata, "2015")
    result = tthc("decision", "import", str(good), str(tmp_path / "missing.md"), "--json")
    assert result.code == ExitCode.BAD_INPUT
    files = result.json()["files"]
    assert [(f["status"], f.get("number"), f.get("issued")) for f in files] == [
        ("stored", "2015/QĐ-UBND", "2025-11-18"), ("failed", None, None)]
    assert files[0]["rows"] == {"amended": 1, "abolished": 3} and "missing.md" in files[1]["error"]
    again = tthc("decision", "import", str(good))
    assert again.code == 0 and "unchanged" in again.out
    listed = tthc("decision", "list", "--json").json()
    assert listed["count"] == 1 and listed["decisions"][0]["number"] == "2015/QĐ-UBND"
    shown = tthc("decision", "show", "2015/QĐ-UBND", "--json").json()
    assert shown["state"] == "imported" and [r["code"] for r in shown["decision"]["rows"]][:2] == [
        "1.012507", "1.012508"]
    assert tthc("decision", "show", "2015/QĐ-UBND").code == 0


def test_a_scan_needs_ocr(tthc: Tthc, realdata: Path) -> None:
    scan = realdata / "nghiado905__mineru_vietocr/pdfs/1_SonLa_QD-2307-QD-UBND_2025-09-11_scan.pdf"
    result = tthc("decision", "import", "--no-ocr", str(scan))
    assert result.code == ExitCode.BAD_INPUT
    assert "needs OCR" in result.err and scan.name in result.err


def test_without_the_ocr_tools_a_scan_says_what_to_install(realdata: Path) -> None:
    scan = realdata / "nghiado905__mineru_vietocr/pdfs/1_SonLa_QD-2307-QD-UBND_2025-09-11_scan.pdf"
    with pytest.raises(NeedsOcr) as caught:
        read_decision(scan, ocr=ocr_when_needed("xyz"))  # no such language data: no OCR
    assert "1, 2, 3, 4" in caught.value.message and "tesseract-ocr-xyz" in (caught.value.hint or "")


def test_ocr_slips_in_the_header_are_repaired() -> None:
    line = "TÍNH SƠN LA Độc lập - Tự do - Hạnh phúc\nSố: 2307 /QĐÐ-UBND Sơn La, ngày II] tháng 09 năm 2025\nQUYÉT ĐỊNH"
    assert repair(line) == ("TỈNH SƠN LA Độc lập - Tự do - Hạnh phúc\nSố: 2307 /QĐ-UBND Sơn La, ngày 11 tháng 09 "
                            "năm 2025\nQUYẾT ĐỊNH")
    assert repair("Số:    /QĐ-UBND Lai Châu, ngày    tháng    năm 2025") == (
        "Số:    /QĐ-UBND Lai Châu, ngày    tháng    năm 2025")  # a draft's blanks stay blank


@pytest.mark.tesseract
def test_a_scan_is_read_by_ocr_when_tesseract_is_installed(tthc: Tthc, realdata: Path) -> None:
    if scan_reader() is None:
        if os.environ.get("CI"):  # CI installs them (make setup): missing there is a failure
            pytest.fail("tesseract with Vietnamese data or poppler is missing; run: make setup")
        pytest.skip("tesseract with Vietnamese data or poppler is not installed")
    scan = realdata / "nghiado905__mineru_vietocr/pdfs/1_SonLa_QD-2307-QD-UBND_2025-09-11_scan.pdf"
    result = tthc("decision", "import", str(scan), "--json")
    assert result.code == 0, result.err
    [read] = result.json()["files"]
    assert (read["number"], read["issued"], read["place"]) == ("2307/QĐ-UBND", "2025-09-11", "Sơn La")
    assert any("OCR" in warning for warning in read["warnings"])


def test_draft_then_record(tthc: Tthc, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "ho-tich.csv", [("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "Cấp xã"),
                                                  ("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", "Cấp xã")])
    assert tthc("catalog", "import", str(sheet)).code == 0
    docx = tmp_path / "draft.docx"
    drafted = tthc("decision", "draft", "--province", "Lai Châu", "--amended", "1.001193", "--abolished",
                   "1.000656", "-o", str(docx), "-o", str(tmp_path / "draft.html"), "--json")
    assert drafted.code == 0, drafted.err
    report = drafted.json()
    assert report["drafted"] and report["rows"] == {"amended": 1, "abolished": 1} and docx.is_file()
    refused = tthc("decision", "record", str(report["id"]))
    assert refused.code == ExitCode.BAD_INPUT and "draft" in refused.err and "--number" in refused.err
    recorded = tthc("decision", "record", str(report["id"]), "--number", "12/QĐ-UBND", "--date", "01/12/2025",
                    "--json")
    assert recorded.code == 0, recorded.err
    assert recorded.json()["counts"] == {"created": 0, "updated": 1, "abolished": 1, "unchanged": 0, "skipped": 0}
    twice = tthc("decision", "record", "12/QĐ-UBND")
    assert twice.code == ExitCode.BAD_INPUT and "already recorded" in twice.err and twice.out == ""
    before = tthc("catalog", "list", "--as-of", "2025-11-30", "--status", "abolished", "--json").json()
    after = tthc("catalog", "list", "--as-of", "2025-12-01", "--status", "abolished", "--json").json()
    assert (before["count"], [p["code"] for p in after["procedures"]]) == (0, ["1.000656"])
    history = tthc("catalog", "history", "1.000656", "--json").json()["revisions"]
    # imported today, abolished from 2025-12-01: a revision on that day, and today's carries the change too
    assert [(r["valid_from"], r["decision"], r["status"]) for r in history][1:] == [
        ("2025-12-01", "12/QĐ-UBND", "abolished"), (history[0]["valid_from"], "12/QĐ-UBND", "abolished")]


def test_record_dry_run_and_errors(tthc: Tthc, realdata: Path) -> None:
    decision = str(decision_path(realdata, "01763"))
    dry = tthc("decision", "record", decision, "--dry-run")
    assert dry.code == 0 and "Dry run" in dry.err
    assert tthc("decision", "list", "--json").json()["count"] == 0
    assert tthc("decision", "record", "9999/QĐ-UBND").code == ExitCode.BAD_INPUT
    assert tthc("decision", "record", "not-a-number").code == ExitCode.BAD_INPUT
    missing = tthc("decision", "record", "signed/2015.docx")
    assert missing.code == ExitCode.BAD_INPUT and "file not found" in missing.err and "2015.docx" in missing.err
    done = tthc("decision", "record", decision, "--json")
    assert done.code == 0 and [r["outcome"] for r in done.json()["rows"]] == ["created", "created"]


def test_draft_usage_errors(tthc: Tthc, tmp_path: Path) -> None:
    nothing = tthc("decision", "draft", "--province", "An Giang", "-o", str(tmp_path / "d.docx"))
    assert nothing.code == ExitCode.BAD_INPUT and "no procedures" in nothing.err
    wrong = tthc("decision", "draft", "--province", "An Giang", "--new", "1.001193", "-o", str(tmp_path / "d.pdf"))
    assert wrong.code == ExitCode.USAGE and "d.pdf" in wrong.err
    bad = tthc("decision", "draft", "--province", "An Giang", "--from-diff", "--accept", "everything")
    assert bad.code == ExitCode.USAGE
    code = tthc("decision", "draft", "--province", "An Giang", "--new", "1.00119")
    assert code.code == ExitCode.BAD_INPUT and "1.00119" in code.err


@pytest.mark.parametrize("command", ["import", "list", "show", "draft", "record"])
def test_every_command_has_help(tthc: Tthc, command: str) -> None:
    result = tthc("decision", command, "--help")
    assert result.code == 0 and "Usage:" in result.out and len(result.out.splitlines()) > 3
