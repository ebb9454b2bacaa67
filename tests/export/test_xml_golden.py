"""Golden files pin the XML of a few real procedures and of an incremental export.

When the format changes on purpose, regenerate them and review the diff:

    TTHC_UPDATE_GOLDEN=1 pytest tests/export/test_xml_golden.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
from pathlib import Path

import pytest

from tthc_tools.export import ExportHeader, ExportItem, ExportScope
from tthc_tools.export.xml_read import read_export_items, validate_file
from tthc_tools.export.xml_write import write_catalog
from tthc_tools.model import Procedure

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("TTHC_UPDATE_GOLDEN") == "1"
REAL_CODES = ("1.013124", "1.013129", "1.013144", "2.002759")
"""Oil-spill plan (3 channels, free); explosives licence (6 fees); three levels; a provincial procedure."""


def _check(written: Path, name: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(written.read_bytes())
    assert golden.exists(), f"{golden} is missing: run with TTHC_UPDATE_GOLDEN=1 to create it"
    expected = golden.read_text(encoding="utf-8").splitlines()
    actual = written.read_text(encoding="utf-8").splitlines()
    diff = "\n".join(difflib.unified_diff(expected, actual, str(golden), str(written), lineterm=""))
    assert not diff, f"the export differs from {golden} (TTHC_UPDATE_GOLDEN=1 to accept):\n{diff}"
    assert written.read_bytes() == golden.read_bytes()


def test_real_procedures_match_their_golden_file(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    chosen = [p for p in nhdandz if p.code in REAL_CODES]
    assert [p.code for p in chosen] == list(REAL_CODES)
    path = tmp_path / "real.xml"
    write_catalog(path, [ExportItem(p) for p in chosen], ExportHeader(version="golden"))
    _check(path, "real-procedures.xml")


def test_incremental_export_matches_its_golden_file(
    tmp_path: Path, nhdandz: list[Procedure], full_procedure: Procedure
) -> None:
    abolished = dataclasses.replace(nhdandz[1], status="abolished")
    items = [
        ExportItem(full_procedure, "new", dt.date(2025, 7, 1)),
        ExportItem(nhdandz[0], "amended", dt.date(2025, 7, 15)),
        ExportItem(abolished, "abolished"),
    ]
    header = ExportHeader(
        scope=ExportScope(filters=(("level", "xa"), ("agency", "Sở Tư pháp")), as_of=dt.date(2025, 8, 1),
                          since="2025-06-30"),
        source="UBND tỉnh Lai Châu",
        version="golden",
        created=dt.datetime(2025, 8, 1, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
    )
    path = tmp_path / "incremental.xml"
    write_catalog(path, items, header)
    _check(path, "incremental.xml")
    assert list(read_export_items(path)) == items


@pytest.mark.parametrize("name", ["real-procedures.xml", "incremental.xml"])
def test_golden_files_are_valid(name: str) -> None:
    assert validate_file(GOLDEN / name) == []
