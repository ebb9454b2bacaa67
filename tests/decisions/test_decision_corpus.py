"""Issue 5, "done when" 1: all 101 real decisions — numbers and dates, and the codes of the annexes.

The figures come from ``bench/decisions_report.py`` (the same code prints them); its docstring says
how the denominator is built without the parser.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def _report() -> ModuleType:
    spec = importlib.util.spec_from_file_location("decisions_report", REPO / "bench" / "decisions_report.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures(realdata: Path) -> tuple[list[Any], dict[str, Any]]:
    report = _report()
    results = report.measure(realdata)
    return results, report.totals(results)


def test_every_number_and_date_is_read(figures: tuple[list[Any], dict[str, Any]]) -> None:
    results, total = figures
    assert total["decisions"] == 101
    wrong = [(r.file, r.number, r.index_number, r.date, r.index_date) for r in results if not (r.number_ok and r.date_ok)]
    assert wrong == []
    assert total["places_ok"] == 101


def test_codes_are_extracted_with_their_change_kind(figures: tuple[list[Any], dict[str, Any]]) -> None:
    _, total = figures
    assert total["codes_expected"] >= 300  # the denominator is not trivially small
    assert total["code_rate"] >= 0.95
    assert total["listed_found"] >= 0.95 * total["listed_codes"]


def test_rows_per_kind_are_counted(figures: tuple[list[Any], dict[str, Any]]) -> None:
    _, total = figures
    rows = total["rows"]
    assert min(rows["new"], rows["amended"], rows["abolished"]) >= 100
    assert rows["replaced"] >= 2
