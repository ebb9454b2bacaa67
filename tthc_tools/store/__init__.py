"""The database: tables, sessions and migrations (the only package that imports SQLAlchemy)."""

from __future__ import annotations

from tthc_tools.store.session import Database, describe_url, normalise_url

__all__ = ["Database", "describe_url", "normalise_url"]
