"""Alembic, driven from code: the migrations ship inside the package."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import exc, inspect

from tthc_tools.errors import DatabaseProblem
from tthc_tools.i18n import _
from tthc_tools.store.session import Database, database_error

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(db: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if db is not None:
        config.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return config


def head_revisions() -> set[str]:
    """The revisions a fully migrated database is at."""
    return set(ScriptDirectory.from_config(_config()).get_heads())


def current_revisions(db: Database) -> set[str]:
    """The revisions the database is at (empty for a database never set up)."""
    try:
        with db.engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    except exc.SQLAlchemyError as error:
        raise database_error(error, db.url) from error


def upgrade(db: Database) -> tuple[set[str], set[str]]:
    """Create or migrate the schema to the newest revision; returns (before, after)."""
    before = current_revisions(db)
    try:
        with db.engine.begin() as connection:
            config = _config(db)
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
    except exc.SQLAlchemyError as error:
        raise database_error(error, db.url) from error
    return before, current_revisions(db)


def downgrade(db: Database, revision: str) -> None:
    """Migrate the schema back to ``revision`` (``"base"``: no tables at all)."""
    try:
        with db.engine.begin() as connection:
            config = _config(db)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    except exc.SQLAlchemyError as error:
        raise database_error(error, db.url) from error


def is_empty(db: Database) -> bool:
    """True when the database has no tables at all (a new file or an empty schema)."""
    try:
        with db.engine.connect() as connection:
            return not inspect(connection).get_table_names()
    except exc.SQLAlchemyError as error:
        raise database_error(error, db.url) from error


@dataclass(frozen=True)
class SchemaState:
    current: frozenset[str]
    heads: frozenset[str]

    @property
    def up_to_date(self) -> bool:
        return self.current == self.heads


def schema_state(db: Database) -> SchemaState:
    return SchemaState(frozenset(current_revisions(db)), frozenset(head_revisions()))


def ensure_current(db: Database) -> bool:
    """Make sure the schema is usable: set up an empty database, refuse an outdated one.

    Returns True when the database was just initialised.
    """
    state = schema_state(db)
    if state.up_to_date:
        return False
    if not state.current and is_empty(db):
        upgrade(db)
        return True
    raise DatabaseProblem(
        _("the database schema is at {} but this version of tthc needs {}").format(
            ", ".join(sorted(state.current)) or _("nothing"), ", ".join(sorted(state.heads))
        ),
        hint=_("run: tthc db upgrade"),
    )
