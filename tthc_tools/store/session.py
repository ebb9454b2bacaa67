"""Opening the database: URLs, SQLite pragmas, transactions, and database errors as domain errors.

This package is the only place that imports SQLAlchemy; everything above it gets a :class:`Database`
and works inside ``with db.transaction() as session:`` (commit on success, rollback on error).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from tthc_tools.errors import DatabaseProblem, MissingDependency, TthcError
from tthc_tools.i18n import _

DEFAULT_URL = "sqlite:///tthc.db"
BUSY_TIMEOUT_MS = 10_000


def normalise_url(value: str | None) -> str:
    """A SQLAlchemy URL from what the user typed: a URL, or a path to a SQLite file."""
    text = (value or "").strip() or DEFAULT_URL
    if "://" not in text:
        return f"sqlite:///{text}"
    if re.match(r"^postgres(ql)?://", text):
        return re.sub(r"^postgres(ql)?://", "postgresql+psycopg://", text)
    return text


def describe_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except exc.ArgumentError:
        return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    parsed: URL = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                folder = Path(database).expanduser().resolve().parent
                if not folder.is_dir():
                    raise DatabaseProblem(_("folder for the database does not exist: {}").format(folder))
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, connect_args=_connect_args(parsed))
    except (ImportError, exc.NoSuchModuleError) as error:
        raise MissingDependency(
            _("no database driver for {}: {}").format(parsed.get_backend_name(), error),
            hint=_("install the PostgreSQL driver: pip install 'psycopg[binary]'"),
        ) from error


def _connect_args(parsed: URL) -> dict[str, Any]:
    if parsed.get_backend_name() == "postgresql":
        return {"connect_timeout": 10}
    return {}


def database_error(error: exc.SQLAlchemyError, url: str) -> TthcError:
    """The domain error for a database failure, with a message a user can act on."""
    text = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    where = describe_url(url)
    lowered = text.lower()
    if "locked" in lowered or "lock timeout" in lowered:
        return DatabaseProblem(_("database {} is locked by another program: {}").format(where, text))
    if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
        return DatabaseProblem(
            _("database {} is not set up: {}").format(where, text), hint=_("run: tthc db upgrade")
        )
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        return DatabaseProblem(_("cannot use database {}: {}").format(where, text))
    if isinstance(error, exc.IntegrityError):
        return DatabaseProblem(_("database {} refused a change: {}").format(where, text))
    return DatabaseProblem(_("database {} failed: {}").format(where, text))


class Database:
    """An open database: an engine and a way to run one transaction at a time."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def transaction(self, *, serialised: str | None = None) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back on any error.

        With ``serialised``, the transaction first waits until no other transaction serialised under
        the same name is open, so that what it reads and then writes cannot interleave with another
        writer's (two officers recording the same decision at once: one records, the other is told).
        """
        try:
            with self._sessions.begin() as session:
                if serialised:
                    self._serialise(session, serialised)
                yield session
        except exc.SQLAlchemyError as error:
            raise database_error(error, self.url) from error

    def _serialise(self, session: Session, name: str) -> None:
        if self.dialect == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:name, 0))"), {"name": name})
        else:  # SQLite has one writer at a time: a first write statement takes its write lock (busy timeout)
            session.execute(text("UPDATE locks SET pid = pid WHERE 0 = 1"))

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for look-ups (rolled back at the end: nothing it does is kept)."""
        try:
            with self._sessions() as session:
                yield session
                session.rollback()
        except exc.SQLAlchemyError as error:
            raise database_error(error, self.url) from error

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
