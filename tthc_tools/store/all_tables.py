"""Imports every table module so that the metadata (and Alembic) sees all tables."""

from __future__ import annotations

from tthc_tools.store import (
    national_tables,  # noqa: F401
    scan_tables,  # noqa: F401
    tables,  # noqa: F401
)
