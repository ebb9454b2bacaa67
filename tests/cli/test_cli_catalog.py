"""The ``tthc`` command end to end: exit codes, one-line errors naming the file, nothing changed on failure."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tthc_tools.cli import run
from tthc_tools.errors import ExitCode

CSV = "Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện\n1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,Cấp xã\n"


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def tthc(db_url: str, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def invoke(*args: str) -> Result:
        code = run(["--db", db_url, *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def _count(tthc) -> int:  # type: ignore[no-untyped-def]
    result = tthc("db", "status", "--json")
    assert result.code == 0, result.err
    return int(json.loads(result.out)["counts"]["procedures"])


def _bad_inputs(tmp: Path, realdata: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, text the message must contain besides the file name)."""
    (tmp / "empty.csv").write_bytes(b"")
    truncated = tmp / "truncated.xlsx"
    data = (realdata / "chatbot-tthc__chatbot_tthc/xlsx_csdl_export/toa-an-nhan-dan.xlsx").read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    (tmp / "no-code.csv").write_text("Tên thủ tục,Lĩnh vực\nĐăng ký khai sinh,Hộ tịch\n", encoding="utf-8")
    (tmp / "broken.json").write_text('{"MATTHC": "1.001193", "TENTTHC": ', encoding="utf-8")
    (tmp / "bad-code.csv").write_text(CSV + "1.00A123,Sai mã,Hộ tịch,Cấp xã\n", encoding="utf-8")
    with (tmp / "garbage.xlsx").open("wb") as handle:
        handle.write(os.urandom(50 * 1024 * 1024))
    return {
        "missing": (tmp / "missing.csv", ""),
        "empty": (tmp / "empty.csv", ""),
        "truncated": (truncated, ""),
        "no code column": (tmp / "no-code.csv", ""),
        "not json": (tmp / "broken.json", ""),
        "bad code": (tmp / "bad-code.csv", "1.00A123"),
        "garbage": (tmp / "garbage.xlsx", ""),
    }


def test_bad_inputs_give_one_line_errors_and_change_nothing(tthc, tmp_path: Path, realdata: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.csv"
    good.write_text(CSV, encoding="utf-8")
    assert tthc("catalog", "import", str(good)).code == 0
    before = _count(tthc)
    for name, (path, detail) in _bad_inputs(tmp_path, realdata).items():
        result = tthc("catalog", "import", str(path))
        assert result.code == ExitCode.BAD_INPUT, (name, result.err)
        errors = [line for line in result.err.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1, (name, result.err)
        assert path.name in errors[0] and detail in errors[0], (name, errors[0])
        assert "Traceback" not in result.err, name
        assert _count(tthc) == before, name
    bad_row = tthc("catalog", "import", str(tmp_path / "bad-code.csv"))
    assert "line 3" in bad_row.err  # the row is named too


def test_import_show_search_history_json(tthc, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(CSV, encoding="utf-8")
    imported = tthc("catalog", "import", str(sheet), "--json")
    assert imported.code == 0
    assert json.loads(imported.out)["totals"]["created"] == 1
    shown = tthc("catalog", "show", "1.001193.000.00.00.H48", "--json")  # a local form finds the national code
    assert json.loads(shown.out)["name"] == "Thủ tục đăng ký khai sinh"
    found = tthc("catalog", "search", "KHAI SINH", "--json")
    assert [r["code"] for r in json.loads(found.out)["results"]] == ["1.001193"]
    history = json.loads(tthc("catalog", "history", "1.001193", "--json").out)
    assert [r["change"] for r in history["revisions"]] == ["created"]
    missing = tthc("catalog", "show", "1.999999")
    assert missing.code == ExitCode.BAD_INPUT and "1.999999" in missing.err


def test_usage_errors_exit_2(tthc) -> None:  # type: ignore[no-untyped-def]
    assert tthc("catalog", "import").code == ExitCode.USAGE
    assert tthc("catalog", "list", "--level").code == ExitCode.USAGE
    assert tthc("no-such-command").code == ExitCode.USAGE


def test_unreachable_database_is_exit_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["--db", "postgresql://nobody@127.0.0.1:1/none", "catalog", "list"])
    err = capsys.readouterr().err
    assert code == ExitCode.DATABASE and "Traceback" not in err and "127.0.0.1" in err
    shutil.rmtree(tmp_path / "x", ignore_errors=True)
    code = run(["--db", str(tmp_path / "no" / "such" / "dir" / "t.db"), "catalog", "list"])
    assert code == ExitCode.DATABASE


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from tthc_tools.cli import COMMANDS, cli

    assert run(["--help"]) == 0
    for name in COMMANDS:
        assert run([name, "--help"]) == 0, name
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        for sub in getattr(command, "commands", {}).values():
            assert sub.help, f"{name} {sub.name} has no help text"
    capsys.readouterr()


def test_truncated_zip_is_really_truncated(tmp_path: Path, realdata: Path) -> None:
    files = _bad_inputs(tmp_path, realdata)
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(files["truncated"][0])
