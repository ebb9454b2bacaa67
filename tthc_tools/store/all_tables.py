"""Imports every table module so that the metadata (and Alembic) sees all tables."""

from __future__ import annotations

from tthc_tools.store import tables  # noqa: F401
