"""A real ``tthc national pull`` process, killed half way by a real signal, then run again.

The second run must not list again nor fetch any procedure the first one stored, and the snapshot
must end identical to the served data. Ctrl-C (SIGINT) keeps the work done and exits 130.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import serve_records
from national_server import NationalServer, serving
from test_pull import expected_items, stored_items

from tthc_tools.model import Record
from tthc_tools.store.session import Database
from tthc_tools.store.snapshots import SnapshotStore

COUNT = 300


def _start_pull(db: Database, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TTHC_NATIONAL_CONCURRENCY": "2", "TTHC_NATIONAL_TIMEOUT": "5"}
    return subprocess.Popen([sys.executable, "-m", "tthc_tools", "--db", db.url, "-q", "national", "pull",
                             "--from", url], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored(db: Database) -> set[str]:
    with db.reading() as session:
        store = SnapshotStore(session)
        pulling = [s for s in store.all() if s.state == "pulling"]
        return store.stored_codes(pulling[0].id) if pulling else set()


def _wait_until_stored(db: Database, process: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 60
    while len(_stored(db)) < at_least:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the pull stored nothing in time"
        time.sleep(0.05)


def _drain(server: NationalServer) -> None:
    """Wait until the server has been idle for a moment (nothing in flight, nothing new recorded)."""
    deadline = time.monotonic() + 10
    seen = -1
    while time.monotonic() < deadline and (server.in_flight or seen != len(server.requests)):
        seen = len(server.requests)
        time.sleep(0.2)


def _detail_requests(server: NationalServer, since: int) -> list[str]:
    return [key for endpoint, key, _status in server.requests[since:] if endpoint == "LayThuTuc"]


def test_a_killed_pull_resumes_without_refetching(db: Database, real_records: list[Record], tmp_path: Path) -> None:
    served = serve_records(real_records[:COUNT], tmp_path)
    with serving(served.packets, served.decisions, delay=0.01) as server:
        first = _start_pull(db, server.url)
        _wait_until_stored(db, first, 100)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert first.returncode == -signal.SIGKILL
        kept = _stored(db)
        assert 100 <= len(kept) < COUNT
        _drain(server)  # requests the killed process had sent are answered to no one; count them out

        since = len(server.requests)
        second = _start_pull(db, server.url)
        _out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err.decode()
        refetched = _detail_requests(server, since)
        assert not set(refetched) & kept  # nothing stored is fetched again
        assert sorted(refetched) == sorted(set(served.packets) - kept)
        assert all(endpoint != "LayDanhSachTTHC" for endpoint, _k, _s in server.requests[since:])
    with db.reading() as session:
        [snapshot] = SnapshotStore(session).all()
    assert snapshot.state == "complete" and snapshot.items == COUNT
    assert stored_items(db, snapshot.id) == expected_items(served.path)


def test_ctrl_c_keeps_the_work_done_and_exits_130(db: Database, real_records: list[Record], tmp_path: Path) -> None:
    served = serve_records(real_records[:COUNT], tmp_path)
    with serving(served.packets, served.decisions, delay=0.01) as server:
        process = _start_pull(db, server.url)
        _wait_until_stored(db, process, 100)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
        if process.returncode == 0:
            pytest.skip("the pull finished before the signal arrived")
        assert process.returncode == 130, err.decode()
        assert "interrupted" in err.decode()
        assert len(_stored(db)) >= 100
