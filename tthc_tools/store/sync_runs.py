"""The record of every ``tthc sync`` run: when, on which host, each step's outcome, the summary."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from tthc_tools.store.base import utcnow
from tthc_tools.store.session import Database
from tthc_tools.store.tables import SyncRunRow


@dataclass(frozen=True)
class SyncRun:
    id: int
    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    exit_code: int | None
    host: str
    pid: int
    steps: list[dict[str, Any]]
    summary: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "started_at": self.started_at.isoformat(timespec="seconds"),
            "finished_at": self.finished_at.isoformat(timespec="seconds") if self.finished_at else None,
            "status": self.status, "exit_code": self.exit_code, "host": self.host, "pid": self.pid,
            "steps": self.steps, "summary": self.summary,
        }


def _run(row: SyncRunRow) -> SyncRun:
    return SyncRun(row.id, row.started_at, row.finished_at, row.status, row.exit_code, row.host, row.pid,
                   json.loads(row.steps), json.loads(row.summary))


def start(db: Database) -> int:
    with db.transaction() as session:
        row = SyncRunRow(host=socket.gethostname(), pid=os.getpid(), status="running", steps="[]", summary="{}")
        session.add(row)
        session.flush()
        return row.id


def save(db: Database, run_id: int, *, steps: list[dict[str, Any]], summary: dict[str, Any] | None = None,
         status: str | None = None, exit_code: int | None = None) -> None:
    """Record progress (every step as it ends) and, with ``status``, the end of the run."""
    values: dict[str, Any] = {"steps": json.dumps(steps, ensure_ascii=False, default=str)}
    if summary is not None:
        values["summary"] = json.dumps(summary, ensure_ascii=False, default=str)
    if status is not None:
        values.update(status=status, exit_code=exit_code, finished_at=utcnow())
    with db.transaction() as session:
        session.execute(update(SyncRunRow).where(SyncRunRow.id == run_id).values(**values))


def history(db: Database, limit: int = 20) -> list[SyncRun]:
    with db.reading() as session:
        rows = session.scalars(select(SyncRunRow).order_by(SyncRunRow.id.desc()).limit(limit))
        return [_run(row) for row in rows]


def last_finished(db: Database) -> SyncRun | None:
    """The newest run that completed its exports (status unchanged or changed)."""
    with db.reading() as session:
        row = session.scalars(
            select(SyncRunRow).where(SyncRunRow.status.in_(("unchanged", "changed"))).order_by(SyncRunRow.id.desc())
        ).first()
        return _run(row) if row else None


def abandon_running(db: Database, keep: int) -> int:
    """Mark runs still "running" as "abandoned" (called under the lock: none of them can be running)."""
    with db.transaction() as session:
        result = session.execute(
            update(SyncRunRow).where(SyncRunRow.status == "running", SyncRunRow.id != keep)
            .values(status="abandoned", finished_at=utcnow())
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
