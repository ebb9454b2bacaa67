"""The diff between stored sides (SQLite and PostgreSQL): catalogue as of a date, snapshots, CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from tthc_tools.cli import run
from tthc_tools.diff.run import run_diff
from tthc_tools.errors import NotFound
from tthc_tools.model import Channel, Fee, Procedure, Record, Ref
from tthc_tools.store.catalog import CatalogStore, NewRevision
from tthc_tools.store.session import Database
from tthc_tools.store.snapshots import SnapshotStore, item_values

DAY1 = dt.date(2025, 1, 10)
DAY2 = dt.date(2025, 3, 1)


def _procedures() -> list[Procedure]:
    return [
        Procedure(code=f"1.00{n}", name=f"Thủ tục số {n} về hộ tịch", levels=("xa",), fields=(Ref("Hộ tịch"),),
                  channels=(Channel("truc_tiep", f"{n % 7 + 1} Ngày làm việc", (Fee("Lệ phí", 8000, "Đồng"),)),))
        for n in range(1000, 1020)
    ]


def _carried(p: Procedure) -> Record:
    return Record(p, frozenset({"name", "levels", "fields", "channels"}))


def _store_local(db: Database, procedures: list[Procedure], day: dt.date = DAY1) -> None:
    with db.transaction() as session:
        CatalogStore(session, today=day).create_many([NewRevision(p, day, "created", ["name"]) for p in procedures])


def _store_snapshot(db: Database, procedures: list[Procedure]) -> int:
    with db.transaction() as session:
        store = SnapshotStore(session)
        snapshot = store.create("file", "national.json", "national-json")
        store.add_items(snapshot.id, [item_values(p.code, _carried(p)) for p in procedures])
        return store.finish(snapshot.id, {}).id


def test_catalogue_against_the_latest_snapshot(db: Database) -> None:
    local = _procedures()
    _store_local(db, local)
    national = [dataclasses.replace(local[3], channels=(Channel("truc_tiep", "9 Ngày làm việc",
                                                                local[3].channels[0].fees),)),
                *local[:3], *local[4:-1], Procedure(code="2.000001", name="Thủ tục mới", levels=("xa",))]
    _store_snapshot(db, national)
    report = run_diff(db, as_of=DAY2)
    assert [p.code for p in report.changed] == ["1.001003"]
    assert [(c.part, c.item, c.field) for c in report.changed[0].changes] == [("channels", "truc_tiep", "deadline")]
    assert [o.code for o in report.only_local] == ["1.001019"]
    assert [o.code for o in report.only_national] == ["2.000001"]
    assert report.compared == 19 and report.national.details["kind"] == "snapshot"


def test_the_catalogue_as_of_a_date(db: Database) -> None:
    local = _procedures()
    _store_local(db, local)
    renamed = dataclasses.replace(local[0], name="Tên mới")
    with db.transaction() as session:
        store = CatalogStore(session, today=DAY2)
        head = store.head(local[0].code)
        assert head is not None
        store.apply(head, renamed, ["name"], valid_from=DAY2, change="updated")
    _store_snapshot(db, local)
    assert not run_diff(db, as_of=DAY1).has_differences
    [changed] = run_diff(db, as_of=DAY2).changed
    assert changed.parts == ["name"] and changed.local_name == "Tên mới"
    assert run_diff(db, as_of=dt.date(2024, 1, 1)).only_national  # nothing was in force yet


def test_an_unchanged_snapshot_reads_the_items_it_repeats(db: Database) -> None:
    local = _procedures()
    _store_local(db, local)
    first = _store_snapshot(db, local)
    second = _store_snapshot(db, local)
    with db.reading() as session:
        info = SnapshotStore(session).get(second)
        assert info is not None and info.state == "unchanged" and info.same_as == first
        assert SnapshotStore(session).stored_codes(second) == set()
    report = run_diff(db, against=str(second), as_of=DAY2)
    assert not report.has_differences and report.compared == len(local)


def test_against_names_a_snapshot_a_date_or_nothing(db: Database) -> None:
    with pytest.raises(NotFound, match="no usable national snapshot"):
        run_diff(db)
    _store_local(db, _procedures())
    _store_snapshot(db, _procedures())
    assert not run_diff(db, against=dt.date.today().isoformat(), as_of=DAY2).has_differences
    with pytest.raises(NotFound):
        run_diff(db, against="2001-01-01")
    with pytest.raises(NotFound):
        run_diff(db, against="99")


def test_cli_exit_codes_json_and_reports(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    local = _procedures()
    _store_local(db, local, dt.date.today())
    _store_snapshot(db, local)
    assert run(["--db", db.url, "diff"]) == 0
    capsys.readouterr()
    _store_snapshot(db, [dataclasses.replace(local[0], name="Tên khác"), *local[1:]])
    html, xlsx = tmp_path / "diff.html", tmp_path / "diff.xlsx"
    assert run(["--db", db.url, "diff", "--json", "--report", str(html)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "tthc-diff/1"
    assert document["summary"] == {"compared": 20, "unchanged": 19, "changed": 1, "only_national": 0,
                                   "only_local": 0, "differences": True}
    assert document["changed"][0]["changes"] == [
        {"part": "name", "change": "changed", "item": "", "field": "", "local": local[0].name,
         "national": "Tên khác"}]
    page = html.read_text(encoding="utf-8")
    assert "Tên khác" in page and "<script" not in page and "http" not in page.split("</style>")[0]
    assert run(["--db", db.url, "diff", "--report", str(xlsx), "--ignore", "name"]) == 0
    assert zipfile.is_zipfile(xlsx)
    assert run(["--db", db.url, "diff", "--ignore", "nonsense"]) == 2
    assert run(["--db", db.url, "diff", "--field", "ho tich", "--level", "xa"]) == 1
    assert run(["--db", db.url, "diff", "--field", "đất đai"]) == 0  # nothing of that field differs
    capsys.readouterr()
    assert run(["--db", db.url, "diff", "--against", "1", "--as-of", dt.date.today().isoformat()]) == 0
    assert "No differences" in capsys.readouterr().err
