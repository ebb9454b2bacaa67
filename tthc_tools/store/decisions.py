"""Publication decisions in the database: imported, drafted, recorded (the ``decisions`` table).

The store keeps a decision's header columns for look-ups and its whole content as JSON text; what
the content means is the business of :mod:`tthc_tools.decisions`. A decision is *recorded* once: the
row that was recorded keeps ``state == "recorded"`` and ``recorded_at``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tthc_tools.store.base import utcnow
from tthc_tools.store.tables import DecisionRow

IMPORTED, DRAFT, RECORDED = "imported", "draft", "recorded"
STATES = (IMPORTED, DRAFT, RECORDED)


@dataclass(frozen=True)
class DecisionValues:
    """The columns of a decision a caller writes (``content`` is JSON text)."""

    number: str = ""
    number_key: str = ""
    place: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    signer: str = ""
    signer_title: str = ""
    summary: str = ""
    state: str = IMPORTED
    source_path: str = ""
    source_sha256: str = ""
    content: str = "{}"

    def columns(self) -> dict[str, object]:
        """The values by column name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class StoredDecision:
    """A decision as stored: its id, its columns and when it was stored and recorded."""

    id: int
    values: DecisionValues
    created_at: dt.datetime
    recorded_at: dt.datetime | None

    @property
    def state(self) -> str:
        return self.values.state


def _stored(row: DecisionRow) -> StoredDecision:
    values = DecisionValues(**{f.name: getattr(row, f.name) for f in fields(DecisionValues)})
    return StoredDecision(row.id, values, row.created_at, row.recorded_at)


class DecisionStore:
    """Decision reads and writes inside one session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, values: DecisionValues) -> int:
        """Store a new decision; returns its id."""
        row = DecisionRow(**values.columns())
        self.session.add(row)
        self.session.flush()
        return row.id

    def update(self, decision_id: int, values: DecisionValues) -> None:
        """Replace the columns of decision ``decision_id`` (its id and creation time stay)."""
        self.session.execute(update(DecisionRow).where(DecisionRow.id == decision_id).values(**values.columns()))

    def set_content(self, decision_id: int, content: str) -> None:
        """Replace only the JSON content of a decision (links added by a later decision)."""
        self.session.execute(update(DecisionRow).where(DecisionRow.id == decision_id).values(content=content))

    def mark_recorded(self, decision_id: int, values: DecisionValues, when: dt.datetime | None = None) -> None:
        """Store ``values`` (state ``recorded``) and the time of recording."""
        columns = {**values.columns(), "state": RECORDED, "recorded_at": when or utcnow()}
        self.session.execute(update(DecisionRow).where(DecisionRow.id == decision_id).values(**columns))

    def get(self, decision_id: int, *, for_update: bool = False) -> StoredDecision | None:
        """The decision with this id (locked until the transaction ends with ``for_update``)."""
        query = select(DecisionRow).where(DecisionRow.id == decision_id)
        row = self.session.scalars(query.with_for_update() if for_update else query).first()
        return _stored(row) if row else None

    def by_key(self, number_key: str) -> list[StoredDecision]:
        """Every stored decision with this number key: recorded first, then the newest."""
        query = select(DecisionRow).where(DecisionRow.number_key == number_key).order_by(DecisionRow.id.desc())
        found = [_stored(row) for row in self.session.scalars(query)]
        return sorted(found, key=lambda d: d.state != RECORDED)

    def by_sha256(self, sha256: str) -> StoredDecision | None:
        """The newest decision stored from a file with this checksum."""
        query = select(DecisionRow).where(DecisionRow.source_sha256 == sha256).order_by(DecisionRow.id.desc())
        row = self.session.scalars(query).first()
        return _stored(row) if row else None

    def listing(self, state: str | None = None) -> list[StoredDecision]:
        """Every stored decision (of one state), in the order they were stored."""
        query = select(DecisionRow).order_by(DecisionRow.id)
        if state:
            query = query.where(DecisionRow.state == state)
        return [_stored(row) for row in self.session.scalars(query)]
