"""The run lock on SQLite and PostgreSQL: exclusive, and taken over from a holder killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tthc_tools.errors import ExitCode, LockHeld
from tthc_tools.store import locks
from tthc_tools.store.session import Database

HOLDER = """
import sys, time
from tthc_tools.store import locks
from tthc_tools.store.session import Database
db = Database(sys.argv[1])
with locks.hold(db, "sync"):
    print("held", flush=True)
    time.sleep(60)
"""


def _start_holder(url: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, url], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_holder_is_refused_while_first_runs(db: Database) -> None:
    holder = _start_holder(db.url)
    try:
        with pytest.raises(LockHeld) as refused, locks.hold(db, "sync"):
            pass
        assert refused.value.exit_code == ExitCode.LOCKED
        assert f"process {holder.pid}" in refused.value.message
    finally:
        holder.terminate()
        holder.wait()


def test_lock_of_killed_holder_is_taken_over(db: Database) -> None:
    holder = _start_holder(db.url)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    time.sleep(0.2)  # PostgreSQL notices the dropped connection
    with locks.hold(db, "sync") as acquired:
        assert acquired.stale is not None and acquired.stale.pid == holder.pid
    with locks.hold(db, "sync") as again:  # released cleanly: nothing stale the next time
        assert again.stale is None
