"""``tthc catalog validate``: each problem with its file, row and field, and a severity; exit 4 on errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tthc_tools.catalog.importer import import_paths
from tthc_tools.catalog.validate import validate_catalogue, validate_files
from tthc_tools.cli import run
from tthc_tools.errors import ExitCode
from tthc_tools.store.session import Database

SHEET = (
    "Mã TTHC;Tên thủ tục hành chính;Cấp thực hiện;Cách thức thực hiện;Thời hạn giải quyết;Phí, lệ phí\n"
    "1.001193;Thủ tục đăng ký khai sinh;Cấp xã;Trực tiếp;1 ngày làm việc;Miễn phí\n"          # line 2: fine
    "1.00A123;Sai mã;Cấp xã;Trực tiếp;1 ngày;Miễn phí\n"                                     # line 3: bad code
    "1.000894;Thủ tục đăng ký kết hôn;Cấp huyện;Trực tiếp;khi có yêu cầu;Miễn phí\n"         # line 4
    "1.001193;Thủ tục đăng ký khai sinh (lần hai);Cấp xã;Trực tiếp;1 ngày;Miễn phí\n"        # line 5: duplicate
)


def _sheet(tmp_path: Path) -> Path:
    path = tmp_path / "officer-sheet.csv"
    path.write_text(SHEET, encoding="utf-8")
    return path


def test_file_problems_carry_file_line_field_and_severity(tmp_path: Path) -> None:
    report = validate_files([_sheet(tmp_path)])
    found = {(p.severity, p.location, p.field, p.code or "") for p in report.problems}
    where = {p.location: p for p in report.problems}
    assert all(p.path.endswith("officer-sheet.csv") for p in report.problems)
    assert "1.00A123" in where["line 3"].message and where["line 3"].severity == "error"
    assert ("error", "line 4", "levels", "1.000894") in found  # Cấp huyện after 1 July 2025
    assert ("warning", "line 4", "channels", "1.000894") in found  # "khi có yêu cầu" is not a duration
    assert any(p.location == "line 5" and p.severity == "error" and "duplicate" in p.message
               for p in report.problems)
    assert not any(p.location == "line 2" for p in report.problems)
    # a spreadsheet is not faulted for parts it does not carry (no dossier column, no results)
    assert not any(p.field in ("dossier", "results", "steps") for p in report.problems)


def test_validate_command_exits_4_on_errors_and_0_when_clean(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["catalog", "validate", str(_sheet(tmp_path)), "--json"]) == ExitCode.BAD_INPUT
    document = json.loads(capsys.readouterr().out)
    assert document["errors"] >= 3 and document["checked"] == 2  # the bad and duplicated rows are not records
    clean = tmp_path / "clean.csv"
    clean.write_text(SHEET.splitlines()[0] + "\n" + SHEET.splitlines()[1] + "\n", encoding="utf-8")
    assert run(["catalog", "validate", str(clean)]) == ExitCode.OK


def test_stored_catalogue_is_checked_against_nd_63_2010(db: Database, realdata: Path) -> None:
    crawl = realdata / "chatbot-tthc__chatbot_tthc" / "procedures_all_2642_no_raw_text.jsonl"
    import_paths(db, [crawl])
    report = validate_catalogue(db)
    assert report.checked == 2642 and report.errors == 0
    missing = {p.field for p in report.problems if p.severity == "warning"}
    assert {"channels", "dossier", "results"} & missing  # real records lack some required parts
    assert all(p.code and p.field for p in report.problems)
