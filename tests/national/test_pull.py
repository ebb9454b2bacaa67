"""Pulling snapshots from a real HTTP server serving the 2,642 real records, and from files.

Faults (500 then success, a timeout, invalid JSON, a dead server), a resumed pull, conditional
requests, "unchanged" snapshots; the snapshot must end identical to what was served.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from conftest import Served, serve_records
from national_server import serving
from sqlalchemy import select

from tthc_tools.catalog import readers
from tthc_tools.errors import BadInput
from tthc_tools.model import Record, canonical_json
from tthc_tools.national.client import ClientConfig, NationalGarbage, NationalUnavailable
from tthc_tools.national.snapshots import PullIncomplete, pull, snapshots
from tthc_tools.settings import Settings
from tthc_tools.store.national_tables import SnapshotItemRow
from tthc_tools.store.session import Database

Items = dict[str, tuple[str, list[str]]]


def expected_items(path: Path) -> Items:
    """What a snapshot of the packets in ``path`` must hold: code → (content, carried parts)."""
    records = [i for i in readers.read(path, "national-json").items if isinstance(i, Record)]
    return {r.procedure.code: (canonical_json(r.procedure), sorted(r.carried)) for r in records}


def stored_items(db: Database, snapshot_id: int) -> Items:
    with db.reading() as session:
        rows = session.execute(select(SnapshotItemRow.code, SnapshotItemRow.content, SnapshotItemRow.carried)
                               .where(SnapshotItemRow.snapshot_id == snapshot_id))
        return {code: (content, json.loads(carried)) for code, content, carried in rows}


def _config(url: str, **options: object) -> ClientConfig:
    return ClientConfig(url, **{"timeout": 0.5, "concurrency": 4, "retries": 3, "backoff": 0.01, **options})  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def expected(served: Served) -> Items:
    return expected_items(served.path)


def test_pull_survives_faults_resumes_and_ends_identical(db: Database, served: Served, expected: Items) -> None:
    codes = list(served.packets)
    flaky, slow, bad = codes[10], codes[400], codes[-5]
    with serving(served.packets, served.decisions, slow=1.0) as server:
        server.faults.update({f"LayThuTuc:{flaky}": ["500", "500"], f"LayThuTuc:{slow}": ["slow"],
                              f"LayThuTuc:{bad}": ["garbage"]})
        with pytest.raises(PullIncomplete) as incomplete:
            pull(db, Settings(), config=_config(server.url))
        assert incomplete.value.exit_code == 8 and bad in incomplete.value.message
        assert "not JSON" in incomplete.value.message
        assert server.count("LayThuTuc", flaky) == 3 and server.count("LayThuTuc", slow) == 2
        assert server.count("LayThuTuc", bad) == 1  # garbage is not retried
        assert server.count("LayQDCB") == len(served.decisions)  # each decision fetched once

        before = len(server.requests)
        report = pull(db, Settings(), config=_config(server.url))  # the server answers properly now
        assert report.resumed and report.kept == len(codes) - 1 and report.fetched == 1
        assert [(e, k) for e, k, _s in server.requests[before:] if e != "LayQDCB"] == [("LayThuTuc", bad)]
        assert report.snapshot.state == "complete" and report.snapshot.items == len(codes)
        assert stored_items(db, report.snapshot.id) == expected

        again = pull(db, Settings(), config=_config(server.url))
        assert again.snapshot.state == "unchanged" and again.snapshot.same_as == report.snapshot.id
        assert again.not_modified == len(codes) and server.statuses("LayDanhSachTTHC")[304] == 1
        assert stored_items(db, again.snapshot.id) == {}  # not stored twice
    assert [s.state for s in snapshots(db)] == ["complete", "unchanged"]


def test_garbage_list_and_dead_server_are_clear_errors(db: Database, real_records: list[Record],
                                                       tmp_path: Path) -> None:
    small = serve_records(real_records[:40], tmp_path)
    with serving(small.packets, small.decisions) as server:
        server.faults["LayDanhSachTTHC"] = ["html"]
        with pytest.raises(NationalGarbage) as garbage:
            pull(db, Settings(), config=_config(server.url))
        assert garbage.value.exit_code == 4 and "not JSON" in garbage.value.message
        report = pull(db, Settings(), config=_config(server.url))
        assert report.resumed and report.snapshot.state == "complete"
        assert stored_items(db, report.snapshot.id) == expected_items(small.path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/KetNoiMotCuaQuocGia/"
    with pytest.raises(NationalUnavailable) as down:
        pull(db, Settings(), config=_config(dead, retries=1))
    assert down.value.exit_code == 4 and "LayDanhSachTTHC" in down.value.message


def test_pull_from_a_file_and_unchanged_file(db: Database, real_records: list[Record], tmp_path: Path) -> None:
    small = serve_records(real_records[1::10], tmp_path)
    first = pull(db, Settings(), str(small.path))
    assert first.snapshot.state == "complete" and first.snapshot.kind == "file"
    assert stored_items(db, first.snapshot.id) == expected_items(small.path)
    second = pull(db, Settings(), str(small.path))
    assert second.snapshot.state == "unchanged" and second.snapshot.same_as == first.snapshot.id


def test_a_bad_file_stores_nothing(db: Database, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"message": "not json', encoding="utf-8")
    with pytest.raises(BadInput):
        pull(db, Settings(), str(broken))
    assert snapshots(db) == []


def test_cli_pull_and_list(db: Database, real_records: list[Record], tmp_path: Path,
                           capsys: pytest.CaptureFixture[str]) -> None:
    from tthc_tools.cli import run

    small = serve_records(real_records[2::50], tmp_path)
    assert run(["--db", db.url, "national", "pull"]) == 4  # nowhere to pull from
    assert "national.url" in capsys.readouterr().err
    assert run(["--db", db.url, "national", "pull", "--from", str(small.path), "--json"]) == 0
    pulled = json.loads(capsys.readouterr().out)
    assert pulled["snapshot"]["state"] == "complete" and pulled["snapshot"]["procedures"] == len(small.packets)
    assert run(["--db", db.url, "national", "pull", "--from", str(small.path)]) == 0
    assert "unchanged" in capsys.readouterr().err
    assert run(["--db", db.url, "national", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(s["id"], s["state"], s["same_as"]) for s in listed["snapshots"]] == [
        (1, "complete", None), (2, "unchanged", 1)]
