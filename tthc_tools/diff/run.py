"""``tthc diff``: find the two sides (the stored catalogue; a snapshot or a file) and compare them.

This is the only module of the package that reads the database or files; the comparison itself is
:func:`tthc_tools.diff.engine.diff_catalogues`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tthc_tools.catalog import readers
from tthc_tools.diff.engine import diff_catalogues
from tthc_tools.diff.model import Catalogue, DiffOptions, DiffReport, MemoryCatalogue, Side
from tthc_tools.errors import BadInput, NotFound
from tthc_tools.i18n import _
from tthc_tools.model import Problem, Record
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.diff_sources import LocalCatalogue, SnapshotCatalogue
from tthc_tools.store.session import Database
from tthc_tools.store.snapshots import SnapshotInfo, SnapshotStore

NATIONAL = "national"


def read_file(path: Path, fmt: str | None = None) -> MemoryCatalogue:
    """A file as one side of a diff; an error in it refuses the file (exit 4)."""
    result = readers.read(path, fmt)
    records: list[Record] = []
    for item in result.items:
        if isinstance(item, Problem):
            if item.severity == "error":
                raise BadInput(item.message, path=str(path), location=item.location)
            continue
        records.append(item)
    return MemoryCatalogue(records)


def _snapshot_side(info: SnapshotInfo) -> Side:
    label = _("snapshot {} taken {} from {}").format(info.id, info.taken_at.isoformat(sep=" ", timespec="minutes"),
                                                     info.source)
    return Side(label, info.items, {"kind": "snapshot", "snapshot": info.id,
                                    "taken_at": info.taken_at.isoformat(timespec="seconds"), "source": info.source,
                                    "state": info.state})


def _find_snapshot(store: SnapshotStore, against: str) -> SnapshotInfo | None:
    if against == NATIONAL:
        return store.latest()
    if _is_id(against):
        number = int(against)
        return store.get(number) if number < 2**63 else None  # larger ids cannot be stored
    day = _as_date(against)
    return store.latest(day) if day else None


def resolve_against(store: SnapshotStore, against: str, fmt: str | None = None) -> tuple[Catalogue, Side]:
    """``national`` (the latest snapshot), a snapshot id, a date (latest snapshot then), or a file."""
    path = Path(against)
    if against != NATIONAL and (path.exists() or not (_is_id(against) or _as_date(against))):
        catalogue = read_file(path, fmt)
        count = len(catalogue.entries())
        return catalogue, Side(_("file {}").format(path), count, {"kind": "file", "path": str(path)})
    info = _find_snapshot(store, against)
    if info is None:
        hint = _("run: tthc national pull") if against == NATIONAL else _("see: tthc national list")
        raise NotFound(_("no usable national snapshot for {!r}").format(against), hint=hint)
    if not info.usable:
        raise NotFound(_("snapshot {} is {}, not complete").format(info.id, info.state),
                       hint=_("finish it with: tthc national pull"))
    return SnapshotCatalogue(store, info.holder), _snapshot_side(info)


def _is_id(text: str) -> bool:
    """Plain ASCII digits: a snapshot id ("²" and other Unicode digits are not)."""
    return text.isascii() and text.isdigit()


def _as_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def run_diff(
    db: Database,
    *,
    against: str = NATIONAL,
    as_of: dt.date | None = None,
    options: DiffOptions | None = None,
    fmt: str | None = None,
) -> DiffReport:
    """The stored catalogue in force on ``as_of`` (today) against ``against``."""
    today = dt.date.today()
    day = as_of or today
    if day == today:
        with db.transaction() as session:
            CatalogStore(session, today).refresh_in_force()  # rows name the revisions in force today
    with db.reading() as session:
        national, national_side = resolve_against(SnapshotStore(session), against, fmt)
        local = LocalCatalogue(session, day, current=day == today)
        local_side = Side(_("catalogue in force on {}").format(day.isoformat()), len(local.entries()),
                          {"kind": "catalogue", "as_of": day.isoformat()})
        return diff_catalogues(local, national, options, local_side=local_side, national_side=national_side)
