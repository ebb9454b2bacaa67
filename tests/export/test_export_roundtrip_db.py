"""Issue 6, done-when 1: export the 2,642 real records, import the file into an empty database, diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc_tools.catalog import lookup
from tthc_tools.catalog.importer import import_paths
from tthc_tools.diff.run import run_diff
from tthc_tools.export.catalog import export_catalog
from tthc_tools.export.xml_read import validate_file
from tthc_tools.store.migrate import upgrade
from tthc_tools.store.session import Database

pytestmark = pytest.mark.slow
JSONL = "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"


def test_export_import_diff_round_trip(db: Database, realdata: Path, tmp_path: Path) -> None:
    assert not import_paths(db, [realdata / JSONL]).failed
    exported = export_catalog(db, tmp_path / "catalog.xml")
    assert exported.count == 2642 and validate_file(exported.path) == []
    again = export_catalog(db, tmp_path / "catalog.xml")
    assert not again.changed and again.catalogue_hash == exported.catalogue_hash

    with Database(f"sqlite:///{tmp_path / 'empty.db'}") as other:
        upgrade(other)
        report = import_paths(other, [exported.path])
        assert report.files[0].format == "xml" and report.totals()["created"] == 2642
        assert list(lookup.catalogue(other)) == list(lookup.catalogue(db))
        assert not run_diff(other, against=str(realdata / JSONL)).has_differences
        assert not run_diff(other, against=str(exported.path)).has_differences
        # and the copy exports to the same bytes
        copy = export_catalog(other, tmp_path / "copy.xml")
        assert copy.path.read_bytes() == exported.path.read_bytes()
