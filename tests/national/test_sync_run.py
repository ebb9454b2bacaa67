"""``tthc sync`` as cron runs it: real processes, a real HTTP server, real signals (issue 7).

Two runs at once: one works, the other exits 7. A holder killed with SIGKILL leaves a lock the next
run takes over. A run killed mid-way leaves no partial file and the next run completes. Nights
without change leave the exports byte-identical (exit 0); a change upstream gives exit 1 and new
files. A failing source gives its exit code and leaves the previous exports untouched.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Served
from national_server import serving

from tthc_tools.catalog.importer import import_paths
from tthc_tools.errors import ExitCode
from tthc_tools.export.xml_read import validate_file
from tthc_tools.store.session import Database

pytestmark = pytest.mark.slow


def _start(db: Database, source: str, exports: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TTHC_NATIONAL_CONCURRENCY": "2", "TTHC_NATIONAL_TIMEOUT": "5",
           "TTHC_NATIONAL_RETRIES": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "tthc_tools", "--db", db.url, *extra, "sync", "--from", source,
         "--exports", str(exports), "--json"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _sync(db: Database, source: str, exports: Path) -> tuple[int, dict[str, object], str]:
    process = _start(db, source, exports)
    out, err = process.communicate(timeout=300)
    return process.returncode, (json.loads(out) if out.strip() else {}), err


def _folder(path: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(path.iterdir())}


def _wait(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_second_run_exits_7_and_a_killed_holders_lock_is_taken_over(
    db: Database, served: Served, exports: Path
) -> None:
    with serving(served.packets, served.decisions, delay=0.01) as server:
        first = _start(db, server.url, exports)
        _wait(lambda: len(server.requests) > 20)  # the first run is pulling: it holds the lock
        code, _out, err = _sync(db, server.url, exports)
        assert code == ExitCode.LOCKED, err
        assert "another run holds the lock" in err and f"process {first.pid}" in err
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert list(exports.iterdir()) == []  # killed while pulling: nothing written
        code, report, err = _sync(db, server.url, exports)
    assert code == ExitCode.DIFFERENCES, err
    assert any("took over the lock" in note for note in report["notes"])  # type: ignore[union-attr]
    assert report["status"] == "changed"


def test_nights_without_change_leave_exports_byte_identical(db: Database, served: Served, exports: Path,
                                                           tmp_path: Path) -> None:
    assert not import_paths(db, [served.path]).failed  # the local catalogue agrees with upstream
    code, report, err = _sync(db, str(served.path), exports)
    assert code == ExitCode.DIFFERENCES and report["status"] == "changed", err  # the first exports are new
    assert json.loads((exports / "tthc-diff-latest.json").read_text(encoding="utf-8"))["summary"]["differences"] is False
    first = _folder(exports)
    assert {"tthc-catalog-latest.xml", "tthc-catalog-changes-latest.xml", "tthc-diff-latest.json"} <= set(first)
    for _night in range(2):
        code, report, err = _sync(db, str(served.path), exports)
        assert code == ExitCode.OK and report["status"] == "unchanged", err
        assert _folder(exports) == first  # same names, same bytes, untouched files
    # a change upstream: one fee of one procedure
    data = json.loads(served.path.read_text(encoding="utf-8"))
    inner = json.loads(data["message"])
    changed = next(p for p in inner["result"] if p.get("CACHTHUCTHUCHIEN"))
    changed["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] = "99"
    upstream = tmp_path / "upstream.json"
    upstream.write_text(json.dumps({"message": json.dumps(inner, ensure_ascii=False)}, ensure_ascii=False),
                        encoding="utf-8")
    code, report, err = _sync(db, str(upstream), exports)
    assert code == ExitCode.DIFFERENCES and report["status"] == "changed", err
    diff = json.loads((exports / "tthc-diff-latest.json").read_text(encoding="utf-8"))
    assert changed["MATTHC"] in {c["code"] for c in diff["changed"]}
    assert (exports / "tthc-diff-latest.json").read_bytes() != first["tthc-diff-latest.json"][0]


def test_failing_source_keeps_previous_exports(db: Database, served: Served, exports: Path) -> None:
    assert _sync(db, str(served.path), exports)[0] == ExitCode.DIFFERENCES
    before = _folder(exports)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/KetNoiMotCuaQuocGia/"
    code, _report, err = _sync(db, dead, exports)
    assert code == ExitCode.BAD_INPUT and "Traceback" not in err and "127.0.0.1" in err
    with serving(served.packets, served.decisions) as server:
        server.faults["LayDanhSachTTHC"] = ["garbage"] * 10
        code, _report, err = _sync(db, server.url, exports)
    assert code == ExitCode.BAD_INPUT and "Traceback" not in err
    assert _folder(exports) == before
    history = subprocess.run([sys.executable, "-m", "tthc_tools", "--db", db.url, "sync", "history", "--json"],
                             capture_output=True, text=True, check=True)
    runs = json.loads(history.stdout)["runs"]
    assert [r["status"] for r in runs[:2]] == ["failed", "failed"]
    assert runs[0]["steps"][0]["step"] == "pull" and runs[0]["steps"][0]["status"] == "failed"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_run_killed_while_exporting_leaves_no_partial_file(
    db: Database, realdata: Path, served: Served, exports: Path, sig: signal.Signals
) -> None:
    import_paths(db, [realdata / "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"])
    process = _start(db, str(served.path), exports)
    _wait(lambda: any(p.name.endswith(".tmp") for p in exports.iterdir()) or process.poll() is not None)
    assert process.poll() is None, "the run ended before it could be killed while writing"
    process.send_signal(sig)
    process.communicate(timeout=60)
    if sig == signal.SIGTERM:
        assert process.returncode == ExitCode.INTERRUPTED
        assert not [p for p in exports.iterdir() if p.name.endswith(".tmp")]  # cleaned on the way out
    for finished in exports.glob("*.xml"):  # whatever has a final name is whole and valid
        assert validate_file(finished) == []
    code, report, err = _sync(db, str(served.path), exports)
    assert code in (ExitCode.OK, ExitCode.DIFFERENCES), err
    assert not [p for p in exports.iterdir() if p.name.startswith(".")]  # a killed run's leftovers are gone
    assert validate_file(exports / "tthc-catalog-latest.xml") == []
