"""Alembic environment: runs on the connection handed over by tthc_tools.store.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tthc_tools.store import all_tables  # noqa: F401 - registers every table on the metadata
from tthc_tools.store.base import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///tthc.db")
        with engine.begin() as own:
            _migrate(own)
        return
    _migrate(connection)


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
