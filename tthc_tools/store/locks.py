"""A named lock that two runs can never hold at once, and that a crashed holder cannot leave behind.

The exclusion is done by the operating system, so it dies with its holder: an ``flock`` on a file
beside a SQLite database, a session-level advisory lock on PostgreSQL. A row in ``locks`` says who
holds it; finding a row while acquiring means the previous holder died without cleaning up, and the
lock is taken over with a message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import delete, exc, select, text
from sqlalchemy.engine import Connection, make_url

from tthc_tools.errors import LockHeld
from tthc_tools.i18n import _
from tthc_tools.store.base import utcnow
from tthc_tools.store.session import Database, database_error
from tthc_tools.store.tables import LockRow


@dataclass(frozen=True)
class Holder:
    host: str
    pid: int
    since: dt.datetime

    def describe(self) -> str:
        return _("process {} on {} since {} UTC").format(self.pid, self.host, self.since.strftime("%Y-%m-%d %H:%M:%S"))


@dataclass(frozen=True)
class Acquired:
    name: str
    token: str
    stale: Holder | None  # the crashed holder whose lock was taken over, if any


class _OsLock:
    """The exclusion itself; released by the OS when the process dies."""

    def __init__(self, db: Database, name: str) -> None:
        self.db = db
        self.name = name
        self._file: IO[bytes] | None = None
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self.db.dialect == "postgresql":
            self._connection = self.db.engine.connect()
            # one lock per catalogue: the key covers the database and schema, not only the name
            query = text("SELECT pg_try_advisory_lock(hashtextextended("
                         "current_database() || ':' || current_schema() || ':tthc:' || :name, 0))")
            got = bool(self._connection.execute(query, {"name": self.name}).scalar())
            self._connection.commit()
            if not got:
                self._connection.invalidate()
                self._connection.close()
                self._connection = None
            return got
        handle = self._lock_path().open("a+b")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def _lock_path(self) -> Path:
        database = make_url(self.db.url).database or ""
        if not database or database == ":memory:":
            return Path(os.environ.get("TMPDIR", "/tmp")) / f"tthc-memory-{os.getpid()}.{self.name}.lock"
        return Path(database).expanduser().resolve().with_name(Path(database).name + f".{self.name}.lock")

    def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(exc.SQLAlchemyError):
                self._connection.execute(text("SELECT pg_advisory_unlock_all()"))
            self._connection.invalidate()  # never back to the pool: the session and its lock end here
            self._connection.close()
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None


@contextlib.contextmanager
def hold(db: Database, name: str) -> Iterator[Acquired]:
    """Hold the lock ``name`` for the block; raises LockHeld (exit 7) at once if another run has it."""
    os_lock = _OsLock(db, name)
    try:
        got = os_lock.try_acquire()
    except exc.SQLAlchemyError as error:
        raise database_error(error, db.url) from error
    if not got:
        raise LockHeld(_("another run holds the lock {!r}: {}").format(name, _holder_text(db, name)))
    try:
        acquired = _claim(db, name)
        yield acquired
    finally:
        with contextlib.suppress(Exception), db.transaction() as session:
            session.execute(delete(LockRow).where(LockRow.name == name))
        os_lock.release()


def _holder(db: Database, name: str) -> Holder | None:
    with db.reading() as session:
        row = session.scalars(select(LockRow).where(LockRow.name == name)).first()
        return Holder(row.host, row.pid, row.acquired_at) if row else None


def _holder_text(db: Database, name: str) -> str:
    try:
        holder = _holder(db, name)
    except Exception:
        holder = None
    return holder.describe() if holder else _("unknown holder")


def _claim(db: Database, name: str) -> Acquired:
    token = uuid.uuid4().hex
    stale = _holder(db, name)
    with db.transaction() as session:
        session.execute(delete(LockRow).where(LockRow.name == name))
        session.add(LockRow(name=name, token=token, host=socket.gethostname(), pid=os.getpid(), acquired_at=utcnow()))
    return Acquired(name, token, stale)
