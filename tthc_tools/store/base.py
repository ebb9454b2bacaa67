"""The declarative base shared by every table module, and the column kinds they repeat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Annotated, TypeVar

from sqlalchemy import DateTime, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> dt.datetime:
    """Now in UTC, without tzinfo (stored the same way on SQLite and PostgreSQL)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


BATCH = 500
"""How many keys one ``IN (...)`` query or one bulk insert takes."""
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[list[T]]:
    """``items`` in consecutive lists of at most ``size``."""
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


id_pk = Annotated[int, mapped_column(Integer, primary_key=True, autoincrement=True)]
code_str = Annotated[str, mapped_column(String(64))]
text = Annotated[str, mapped_column(Text, default="")]
sha256 = Annotated[str, mapped_column(String(64))]
timestamp = Annotated[dt.datetime, mapped_column(DateTime, default=utcnow)]
