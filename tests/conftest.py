"""Shared fixtures: the real data beside the checkout, temporary databases (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# the tests read English messages whatever the developer's locale (i18n picks the language at import);
# tests/test_i18n.py checks the Vietnamese catalogue in subprocesses of its own
os.environ["TTHC_LANG"] = "en"

from tthc_tools.store.session import Database

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # the benchmarks' generators (bench/) serve the tests too
    sys.path.insert(0, str(REPO))


def _shared() -> Path:
    override = os.environ.get("TTHC_SHARED")
    return Path(override) if override else REPO.parent / "shared"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """``../shared/realdata``: the real public data the tests run against."""
    path = _shared() / "realdata"
    if not path.is_dir():
        pytest.fail(f"real data not found at {path}; set TTHC_SHARED to the shared folder")
    return path


def postgres_base_url() -> str | None:
    """The PostgreSQL server the database tests also run on (CI sets it; locally optional)."""
    return os.environ.get("TTHC_TEST_POSTGRES_URL") or None


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: a SQLite file, or a schema of its own on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tthc.db'}"
        return
    base = postgres_base_url()
    if base is None:
        pytest.skip("TTHC_TEST_POSTGRES_URL is not set")
    yield from _postgres_schema(base)


def _postgres_schema(base: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text

    from tthc_tools.store.session import normalise_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(base))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """An open database migrated to the newest schema."""
    from tthc_tools.store.migrate import upgrade

    database = Database(db_url)
    upgrade(database)
    yield database
    database.close()


@pytest.fixture(scope="session")
def pdfs(realdata: Path) -> Path:
    """The three real PDFs: the Lai Châu draft (text), the Cần Thơ signed copy, the Sơn La scan."""
    return realdata / "nghiado905__mineru_vietocr" / "pdfs"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six degraded generated scans (JPEG, some turned) with truth.json."""
    from bench import scangen

    folder = tmp_path_factory.mktemp("generated")
    scangen.write_set(folder, 6, seed=3)
    return folder
