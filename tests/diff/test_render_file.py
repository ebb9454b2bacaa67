"""``diff --report FILE.xlsx``: a workbook an officer can open, sort and filter."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tthc_tools.diff import DiffReport, diff
from tthc_tools.diff.render_file import write_report
from tthc_tools.errors import ExitCode, OutputProblem
from tthc_tools.model import Channel, Procedure


def _report() -> DiffReport:
    local = [Procedure("1.001193", name="Thủ tục đăng ký khai sinh", channels=(Channel("truc_tiep", "1 Ngày"),)),
             Procedure("1.000894", name="Thủ tục đăng ký kết hôn")]
    national = [Procedure("1.001193", name="Thủ tục đăng ký khai sinh", channels=(Channel("truc_tiep", "2 Ngày"),)),
                Procedure("2.000815", name="Thủ tục đăng ký kết hôn có yếu tố nước ngoài")]
    return diff(local, national)


def test_the_workbook_has_a_sheet_per_part_with_filterable_headers(tmp_path: Path) -> None:
    target = tmp_path / "diff.xlsx"
    write_report(_report(), target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Summary", "Changes", "Only national", "Only local"]
    changes = book["Changes"]
    rows = [list(r) for r in changes.iter_rows(values_only=True)]
    assert rows[0][:3] == ["Code", "Name", "Part"] and rows[1][0] == "1.001193"
    assert "1 Ngày" in rows[1] and "2 Ngày" in rows[1]
    assert changes["A1"].font.b and changes.freeze_panes == "A2" and changes.auto_filter.ref == f"A1:H{len(rows)}"
    only_national = [list(r) for r in book["Only national"].iter_rows(values_only=True)]
    assert only_national[1][:2] == ["2.000815", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài"]
    summary = dict(r for r in book["Summary"].iter_rows(values_only=True) if len(r) == 2 and r[1] is not None)
    assert summary["changed"] == 1 and summary["only_local"] == 1


def test_a_report_in_a_missing_folder_is_an_output_problem(tmp_path: Path) -> None:
    with pytest.raises(OutputProblem, match="does not exist") as caught:
        write_report(_report(), tmp_path / "nowhere" / "diff.xlsx")
    assert caught.value.exit_code == ExitCode.OUTPUT and not (tmp_path / "nowhere").exists()
