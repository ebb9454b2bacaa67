"""The two stored sides of a diff, as :class:`tthc_tools.diff.model.Catalogue` objects.

Both answer the diff's three questions with narrow Core queries: every procedure's key and content
digest (no content read), part hashes for a batch of keys, and content for a batch of keys (only
the parts asked for are built). A local procedure carries its non-empty parts (the revision's
``part_hashes``, as the readers' carried rule gives them); a snapshot item carries the parts its
source carried.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tthc_tools.diff.model import Entry
from tthc_tools.model import Procedure, procedure_from_dict
from tthc_tools.store.base import chunks
from tthc_tools.store.snapshots import SnapshotStore
from tthc_tools.store.tables import ProcedureRow, RevisionRow


def partial_procedure(content: str, parts: Collection[str] | None) -> Procedure:
    """A procedure from its canonical JSON, building only ``parts`` (all when ``None``)."""
    data = json.loads(content)
    if parts is not None:
        data = {key: value for key, value in data.items() if key == "code" or key in parts}
    return procedure_from_dict(data)


class LocalCatalogue:
    """The local catalogue as it stood on a date: for each procedure, its newest revision valid then.

    With ``current`` (the date is today and the rows were refreshed), each procedure row already names
    its revision in force and holds its digest, so nothing is sorted and no revision is scanned.
    """

    def __init__(self, session: Session, as_of: dt.date, *, current: bool = False) -> None:
        self.session = session
        self.as_of = as_of
        self.current = current
        self._entries: dict[str, Entry] | None = None

    def _in_force(self, column: Any, codes: Sequence[str] | None) -> Iterator[tuple[str, Any]]:
        """``(code, column)`` of each procedure's revision in force."""
        if self.current:
            query = (
                select(ProcedureRow.code, column).select_from(ProcedureRow)
                .join(RevisionRow, (RevisionRow.procedure_id == ProcedureRow.id) & (RevisionRow.seq == ProcedureRow.rev_seq))
            )
            if codes is not None:
                query = query.where(ProcedureRow.code.in_(list(codes)))
            yield from ((code, value) for code, value in self.session.connection().execute(query).all())
            return
        yield from self._as_of(column, codes)

    def _as_of(self, column: Any, codes: Sequence[str] | None) -> Iterator[tuple[str, Any]]:
        """Revisions valid on the date, ordered so that each procedure's last row is the one in force."""
        query = (
            select(ProcedureRow.code, column)
            .select_from(RevisionRow)
            .join(ProcedureRow, ProcedureRow.id == RevisionRow.procedure_id)
            .where(RevisionRow.valid_from <= self.as_of)
            .order_by(RevisionRow.procedure_id, RevisionRow.valid_from, RevisionRow.seq)
        )
        if codes is not None:
            query = query.where(ProcedureRow.code.in_(list(codes)))
        last: tuple[str, Any] | None = None
        for code, value in self.session.connection().execute(query).all():
            if last is not None and last[0] != code:
                yield last
            last = (code, value)
        if last is not None:
            yield last

    def _batches(self, column: Any, keys: Sequence[str]) -> Iterator[tuple[str, Any]]:
        for chunk in chunks(keys):
            yield from self._in_force(column, chunk)

    def entries(self) -> Mapping[str, Entry]:
        if self._entries is None:
            if self.current:
                rows = self.session.connection().execute(select(ProcedureRow.code, ProcedureRow.content_hash)).all()
                self._entries = {code: Entry(code, code, digest) for code, digest in rows}
            else:
                self._entries = {code: Entry(code, code, digest)
                                 for code, digest in self._as_of(RevisionRow.content_hash, None)}
        return self._entries

    def part_hashes(self, keys: Sequence[str]) -> dict[str, dict[str, str]]:
        return {code: json.loads(hashes) for code, hashes in self._batches(RevisionRow.part_hashes, keys)}

    def procedures(self, keys: Sequence[str], parts: Collection[str] | None = None) -> dict[str, Procedure]:
        return {code: partial_procedure(content, parts) for code, content in self._batches(RevisionRow.content, keys)}


class SnapshotCatalogue:
    """A national snapshot (an ``unchanged`` one reads the items of the snapshot it repeats)."""

    def __init__(self, store: SnapshotStore, holder: int) -> None:
        self.store = store
        self.holder = holder
        self._entries: dict[str, Entry] | None = None

    def entries(self) -> Mapping[str, Entry]:
        if self._entries is None:
            self._entries = {code: Entry(code, code, digest) for code, digest in self.store.digests(self.holder).items()}
        return self._entries

    def part_hashes(self, keys: Sequence[str]) -> dict[str, dict[str, str]]:
        return self.store.part_hashes(self.holder, keys)

    def procedures(self, keys: Sequence[str], parts: Collection[str] | None = None) -> dict[str, Procedure]:
        return {code: partial_procedure(text, parts) for code, text in self.store.contents(self.holder, keys).items()}
