"""``tthc export xml``: the stored catalogue (whole, filtered, as of a date, or what changed since a
date) streamed into the XML writer.

An incremental export lists each procedure whose content in force now differs from the one in force
on the ``since`` date, marked ``new`` (not in the catalogue then), ``abolished`` (abolished since) or
``amended``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from tthc_tools.catalog.lookup import Filters
from tthc_tools.export import ExportHeader, ExportItem, ExportReport, ExportScope
from tthc_tools.progress import SILENT, Progress
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.session import Database

FORMATS = ("tthc", "cpsv-ap")
_ABOLISHED = '"status":"abolished"'
"""How an abolished procedure's canonical JSON says so (``status`` is a key of the procedure only)."""


def export_catalog(
    db: Database,
    path: Path,
    *,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    filters: Filters | None = None,
    fmt: str = "tthc",
    source: str = "",
    progress: Progress = SILENT,
) -> ExportReport:
    """Write the catalogue to ``path`` (atomically, validated); ``changed`` is False when identical."""
    from tthc_tools.export.cpsv import write_cpsv
    from tthc_tools.export.xml_write import write_catalog

    chosen = filters or Filters()
    scope = ExportScope(
        filters=tuple((k, ",".join(v) if isinstance(v, list) else str(v)) for k, v in chosen.describe().items()),
        as_of=as_of,
        since=since.isoformat() if since else "",
    )
    header = ExportHeader(scope=scope, source=source)
    with db.transaction() as session:
        store = CatalogStore(session)
        store.refresh_in_force()
        items = _changes(store, as_of, since, chosen) if since else _items(store, as_of, chosen)
        if fmt == "cpsv-ap":
            return write_cpsv(path, items, header, progress=progress)
        return write_catalog(path, items, header, progress=progress, total=None if since else store.count())


def _items(store: CatalogStore, as_of: dt.date | None, filters: Filters) -> Iterator[ExportItem]:
    for row in store.as_of_rows(as_of):
        procedure = row.procedure
        if filters.accepts(procedure):
            yield ExportItem(procedure, effective=row.valid_from if row.decision_id else None)


def _changes(store: CatalogStore, as_of: dt.date | None, since: dt.date, filters: Filters) -> Iterator[ExportItem]:
    # per code: the digest then and whether it was abolished then (not the content: memory stays small)
    before = {row.code: (row.content_hash, _ABOLISHED in row.content) for row in store.as_of_rows(since)}
    for row in store.as_of_rows(as_of):
        old = before.get(row.code)
        if old is not None and old[0] == row.content_hash:
            continue
        procedure = row.procedure
        if not filters.accepts(procedure):
            continue
        if old is None:
            change = "new"
        elif procedure.status == "abolished" and not old[1]:
            change = "abolished"
        else:
            change = "amended"
        yield ExportItem(procedure, change=change, effective=row.valid_from)
