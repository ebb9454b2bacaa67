"""The shipped migrations build exactly the tables the models describe, and run down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tthc_tools.store import all_tables, migrate
from tthc_tools.store.base import Base
from tthc_tools.store.session import Database


def test_models_and_migrations_do_not_drift(db: Database) -> None:
    assert all_tables  # every table module is registered on the metadata
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_one_head_and_a_full_round_trip(db: Database) -> None:
    assert migrate.head_revisions() == {"0005_results_search"}
    assert migrate.schema_state(db).up_to_date
    migrate.downgrade(db, "base")
    with db.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(db)
    assert migrate.schema_state(db).up_to_date
