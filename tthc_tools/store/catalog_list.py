"""The catalogue as a list: one light row per procedure, streamed, without decoding its content.

A list or a search shows a procedure's code, name, levels, fields and status. For the catalogue in
force today these are look-up columns of the procedure row (kept by :func:`~tthc_tools.store.catalog.
row_values` with every revision), so 100,000 procedures list in constant memory and without reading
a byte of their content. The content is read only where a restriction needs it (a field code, an
authorised or coordinating agency), and for another date, where the revision in force must be read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, literal, or_, select
from sqlalchemy.orm import Session

from tthc_tools.store.base import chunks
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.tables import ProcedureRow, RevisionRow

STREAM = 1000
"""Rows fetched at a time (a server-side cursor on PostgreSQL)."""


@dataclass(frozen=True, slots=True)
class Summary:
    """A procedure as a list shows it: code, name, levels, field names and status."""

    code: str
    name: str = ""
    local_code: str = ""
    levels: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    status: str = "active"


@dataclass(frozen=True, slots=True)
class ListRow:
    """A summary with what the list's restrictions look at: the agencies' names and, where the
    caller asked for it, the content (``None`` when the content cannot matter)."""

    summary: Summary
    agencies: tuple[str, ...]
    content: str | None


@dataclass(frozen=True)
class Restriction:
    """What the database itself can restrict: levels (any of), category, status; and which content
    to read along (``content``: ``"all"``, ``"none"``, or a literal the content must contain)."""

    levels: tuple[str, ...] = ()
    category: int | None = None
    status: str = ""
    content: str = "none"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.split("\n") if line) if text else ()


def _code_order(session: Session) -> Any:
    """Byte order of codes on every database (PostgreSQL's default collation is not)."""
    bind = session.get_bind()
    return ProcedureRow.code.collate("C") if bind.dialect.name == "postgresql" else ProcedureRow.code


_SUMMARY_COLUMNS: tuple[Any, ...] = (
    ProcedureRow.code, ProcedureRow.name, ProcedureRow.local_code, ProcedureRow.levels, ProcedureRow.fields_text,
    ProcedureRow.status, ProcedureRow.agencies_text,
)


def _row(values: Sequence[Any]) -> ListRow:
    code, name, local_code, levels, fields, status, agencies, *content = values
    summary = Summary(code, name, local_code, tuple(v for v in levels.split("|") if v), _lines(fields), status)
    return ListRow(summary, _lines(agencies), content[0] if content else None)


def _restricted(query: Select[Any], restriction: Restriction, search: Sequence[str]) -> Select[Any]:
    if restriction.levels:
        query = query.where(or_(*(ProcedureRow.levels.contains(f"|{level}|", autoescape=True)
                                  for level in restriction.levels)))
    if restriction.category is not None:
        query = query.where(ProcedureRow.category == restriction.category)
    if restriction.status:
        query = query.where(ProcedureRow.status == restriction.status)
    for token in search:
        query = query.where(ProcedureRow.search_text.contains(token, autoescape=True))
    return query


def _current_query(session: Session, restriction: Restriction) -> Select[Any]:
    query = select(*_SUMMARY_COLUMNS)
    if restriction.content == "all":
        query = query.add_columns(RevisionRow.content)
    elif restriction.content != "none":
        wanted = RevisionRow.content.contains(restriction.content, autoescape=True)
        query = query.add_columns(case((wanted, RevisionRow.content), else_=literal(None)))
    if restriction.content != "none":
        query = query.join(RevisionRow, (RevisionRow.procedure_id == ProcedureRow.id)
                           & (RevisionRow.seq == ProcedureRow.rev_seq))
    return query.order_by(_code_order(session))


def current_rows(
    session: Session, restriction: Restriction, *, search: Sequence[str] = (), offset: int = 0,
    limit: int | None = None,
) -> Iterator[ListRow]:
    """The procedures in force today (rows already refreshed), by code, read from their look-up
    columns; ``search``: folded words the search text must all hold; ``offset``/``limit`` page."""
    query = _restricted(_current_query(session, restriction), restriction, search)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    result = session.connection().execute(query.execution_options(stream_results=True, yield_per=STREAM))
    yield from map(_row, result)


def current_names(session: Session, restriction: Restriction, search: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``(code, name)`` of the procedures in force today that ``restriction`` and ``search`` keep
    (what a search ranks by, before it reads the few summaries it shows)."""
    columns: list[Any] = [ProcedureRow.code, ProcedureRow.name]
    query = _restricted(select(*columns), restriction, search)
    result = session.connection().execute(query.execution_options(stream_results=True, yield_per=STREAM))
    yield from ((code, name) for code, name in result)


def current_summaries(session: Session, codes: Sequence[str]) -> dict[str, Summary]:
    """The summaries of these procedures as in force today, by code."""
    out: dict[str, Summary] = {}
    for chunk in chunks(codes):
        rows = session.connection().execute(select(*_SUMMARY_COLUMNS).where(ProcedureRow.code.in_(chunk)))
        out.update((row.summary.code, row.summary) for row in map(_row, rows))
    return out


def summary_of(data: dict[str, Any]) -> Summary:
    """The summary of a procedure from its canonical JSON form (parsed)."""
    return Summary(data["code"], data.get("name", ""), data.get("local_code", ""), tuple(data.get("levels", ())),
                   tuple(f.get("name", "") for f in data.get("fields", ())), data.get("status", "active"))


def as_of_rows(session: Session, day: dt.date, codes: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """Each procedure's revision in force on ``day`` (by code), as parsed canonical JSON."""
    for row in CatalogStore(session, today=day).as_of_rows(day, codes):
        yield json.loads(row.content)
