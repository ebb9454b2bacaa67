"""Reads and writes of national snapshots inside one session (see :mod:`national_tables`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from tthc_tools.model import Record, encode
from tthc_tools.store.base import chunks, utcnow
from tthc_tools.store.national_tables import SnapshotItemRow, SnapshotRow

PULLING, COMPLETE, UNCHANGED, ABANDONED = "pulling", "complete", "unchanged", "abandoned"


@dataclass(frozen=True)
class SnapshotInfo:
    """A snapshot as listed: when, from where, in which state, how many procedures."""

    id: int
    taken_at: dt.datetime
    finished_at: dt.datetime | None
    kind: str
    source: str
    format: str
    state: str
    items: int
    same_as: int | None
    digest: str
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def holder(self) -> int:
        """The snapshot whose item rows hold this one's content (itself unless unchanged)."""
        return self.same_as if self.state == UNCHANGED and self.same_as else self.id

    @property
    def usable(self) -> bool:
        return self.state in (COMPLETE, UNCHANGED)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "finished_at": self.finished_at.isoformat(timespec="seconds") if self.finished_at else None,
            "kind": self.kind, "source": self.source, "format": self.format, "state": self.state,
            "procedures": self.items, "same_as": self.same_as, "digest": self.digest, "summary": self.summary,
        }


def _info(row: SnapshotRow) -> SnapshotInfo:
    return SnapshotInfo(row.id, row.taken_at, row.finished_at, row.kind, row.source, row.format, row.state,
                        row.items, row.same_as, row.digest, json.loads(row.summary) if row.summary else {})


def item_values(key: str, record: Record, etag: str = "", last_modified: str = "") -> dict[str, Any]:
    """The column values of one snapshot item for ``record`` stored under match key ``key``."""
    p = record.procedure
    encoded = encode(p)
    carried = sorted(record.carried)
    return {
        "code": key, "source_code": p.code[:64], "name": p.name, "content": encoded.json,
        "content_hash": encoded.hash, "carried": json.dumps(carried),
        "part_hashes": json.dumps({part: encoded.part_hashes.get(part, "") for part in carried}, sort_keys=True),
        "etag": etag[:255], "last_modified": last_modified[:64],
    }


class SnapshotStore:
    """Snapshot reads and writes inside one session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- the snapshot rows ---------------------------------------------------------------------------

    def create(self, kind: str, source: str, fmt: str) -> SnapshotInfo:
        row = SnapshotRow(kind=kind, source=source, format=fmt, state=PULLING, digest="", items=0,
                          listing="", summary="", taken_at=utcnow())
        self.session.add(row)
        self.session.flush()
        return _info(row)

    def get(self, snapshot_id: int) -> SnapshotInfo | None:
        row = self.session.get(SnapshotRow, snapshot_id)
        return _info(row) if row else None

    def all(self) -> list[SnapshotInfo]:
        return [_info(r) for r in self.session.scalars(select(SnapshotRow).order_by(SnapshotRow.id))]

    def latest(self, on_or_before: dt.date | None = None) -> SnapshotInfo | None:
        """The newest usable snapshot (taken on or before a date when one is given)."""
        query = select(SnapshotRow).where(SnapshotRow.state.in_((COMPLETE, UNCHANGED)))
        if on_or_before is not None:
            query = query.where(SnapshotRow.taken_at < dt.datetime.combine(on_or_before, dt.time()) + dt.timedelta(1))
        row = self.session.scalars(query.order_by(SnapshotRow.id.desc()).limit(1)).first()
        return _info(row) if row else None

    def resumable(self, kind: str, source: str) -> SnapshotInfo | None:
        """The unfinished pull from the same source, if there is one."""
        query = select(SnapshotRow).where(SnapshotRow.state == PULLING, SnapshotRow.kind == kind,
                                          SnapshotRow.source == source)
        row = self.session.scalars(query.order_by(SnapshotRow.id.desc()).limit(1)).first()
        return _info(row) if row else None

    def abandon(self, snapshot_id: int) -> None:
        self.session.execute(delete(SnapshotItemRow).where(SnapshotItemRow.snapshot_id == snapshot_id))
        self._set(snapshot_id, state=ABANDONED, items=0, finished_at=utcnow())

    def _set(self, snapshot_id: int, **values: Any) -> None:
        self.session.execute(update(SnapshotRow).where(SnapshotRow.id == snapshot_id).values(**values))

    def set_listing(self, snapshot_id: int, listing: dict[str, Any]) -> None:
        self._set(snapshot_id, listing=json.dumps(listing, ensure_ascii=False))

    def listing(self, snapshot_id: int) -> dict[str, Any] | None:
        text = self.session.scalar(select(SnapshotRow.listing).where(SnapshotRow.id == snapshot_id))
        return json.loads(text) if text else None

    # --- items -------------------------------------------------------------------------------------

    def add_items(self, snapshot_id: int, values: Sequence[dict[str, Any]]) -> None:
        if values:
            self.session.execute(insert(SnapshotItemRow), [{"snapshot_id": snapshot_id, **v} for v in values])

    def copy_items(self, source_id: int, target_id: int, codes: Sequence[str]) -> None:
        """Copy items unchanged from an earlier snapshot (answers "not modified")."""
        columns = [c.name for c in SnapshotItemRow.__table__.columns if c.name != "snapshot_id"]
        for chunk in chunks(codes):
            rows = self.session.execute(
                select(*(getattr(SnapshotItemRow, c) for c in columns))
                .where(SnapshotItemRow.snapshot_id == source_id, SnapshotItemRow.code.in_(chunk))
            )
            self.add_items(target_id, [dict(zip(columns, row, strict=True)) for row in rows])

    def stored_codes(self, snapshot_id: int) -> set[str]:
        query = select(SnapshotItemRow.code).where(SnapshotItemRow.snapshot_id == snapshot_id)
        return set(self.session.scalars(query))

    def validators(self, snapshot_id: int) -> dict[str, tuple[str, str]]:
        """``code → (etag, last_modified)`` of a snapshot's items, for conditional requests."""
        query = select(SnapshotItemRow.code, SnapshotItemRow.etag, SnapshotItemRow.last_modified).where(
            SnapshotItemRow.snapshot_id == snapshot_id)
        return {code: (etag, modified) for code, etag, modified in self.session.execute(query) if etag or modified}

    def digests(self, snapshot_id: int) -> dict[str, str]:
        """``code → content hash`` of every item (a plain Core query: this is the diff's hot path)."""
        query = select(SnapshotItemRow.code, SnapshotItemRow.content_hash).where(
            SnapshotItemRow.snapshot_id == snapshot_id)
        return dict(self.session.connection().execute(query).all())

    def _by_code(self, snapshot_id: int, column: Any, codes: Sequence[str]) -> Iterator[tuple[str, str]]:
        for chunk in chunks(codes):
            query = select(SnapshotItemRow.code, column).where(
                SnapshotItemRow.snapshot_id == snapshot_id, SnapshotItemRow.code.in_(chunk))
            yield from ((code, value) for code, value in self.session.connection().execute(query).all())

    def part_hashes(self, snapshot_id: int, codes: Sequence[str]) -> dict[str, dict[str, str]]:
        """``code → {part: hash}`` of the carried parts of these items."""
        return {code: json.loads(hashes) for code, hashes in self._by_code(snapshot_id, SnapshotItemRow.part_hashes,
                                                                             codes)}

    def contents(self, snapshot_id: int, codes: Sequence[str]) -> dict[str, str]:
        """``code → canonical JSON`` of these items."""
        return dict(self._by_code(snapshot_id, SnapshotItemRow.content, codes))

    # --- the end of a pull ----------------------------------------------------------------------------

    def finish(self, snapshot_id: int, summary: dict[str, Any]) -> SnapshotInfo:
        """Close a pull: ``unchanged`` (items dropped) if identical to the previous snapshot, else ``complete``."""
        pairs = sorted(self.digests(snapshot_id).items())
        digest = hashlib.sha256("\n".join(f"{c} {h}" for c, h in pairs).encode()).hexdigest()
        previous = self.latest()
        values: dict[str, Any] = {"digest": digest, "items": len(pairs), "finished_at": utcnow(),
                                  "summary": json.dumps(summary, ensure_ascii=False), "state": COMPLETE}
        if previous is not None and previous.id != snapshot_id and previous.digest == digest:
            self.session.execute(delete(SnapshotItemRow).where(SnapshotItemRow.snapshot_id == snapshot_id))
            values.update(state=UNCHANGED, same_as=previous.holder)
        self._set(snapshot_id, **values)
        info = self.get(snapshot_id)
        assert info is not None
        return info
