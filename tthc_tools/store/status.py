"""``db upgrade`` and ``db status`` as library calls."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select

from tthc_tools.store import all_tables, migrate  # noqa: F401 - all_tables registers every table, so all are counted
from tthc_tools.store.base import Base
from tthc_tools.store.session import Database, describe_url


def upgrade(url: str) -> dict[str, Any]:
    with Database(url) as db:
        before, after = migrate.upgrade(db)
        return {"database": describe_url(db.url), "before": sorted(before), "after": sorted(after)}


def status(url: str) -> dict[str, Any]:
    with Database(url) as db:
        state = migrate.schema_state(db)
        counts: dict[str, int] = {}
        with db.reading() as session:
            existing = set(inspect(session.connection()).get_table_names())
            for name, table in sorted(Base.metadata.tables.items()):
                if name in existing:
                    counts[name] = int(session.execute(select(func.count()).select_from(table)).scalar_one())
        return {
            "database": describe_url(db.url),
            "dialect": db.dialect,
            "revision": sorted(state.current),
            "heads": sorted(state.heads),
            "up_to_date": state.up_to_date,
            "counts": counts,
        }
