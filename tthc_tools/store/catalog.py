"""The catalogue in the database: procedures, revisions in force on a date, per-source memory.

Every write goes through :meth:`CatalogStore.create_many` or :meth:`CatalogStore.apply`, which add
revisions and never delete one. A change valid from a date is also carried into any revision
recorded for a later date (a decision scheduled for next month keeps an import made today), so
"the catalogue as of D" is always the newest revision valid on D.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, and_, bindparam, func, insert, or_, select, tuple_, update
from sqlalchemy.orm import Session

from tthc_tools.model import Encoded, Procedure, content_hash, encode, merge, procedure_from_json
from tthc_tools.store.base import chunks, utcnow
from tthc_tools.store.tables import DecisionRow, ProcedureRow, ProcedureSourceRow, RevisionRow, SourceRow
from tthc_tools.text import fold

#: The name under which transactions that write revisions are serialised (``Database.transaction``).
CATALOGUE_WRITER = "catalogue"


@dataclass(frozen=True)
class Head:
    """What the importer needs to know of a stored procedure without loading its content."""

    id: int
    code: str
    rev_seq: int
    rev_from: dt.date
    head_seq: int
    content_hash: str
    status: str

    @property
    def has_scheduled(self) -> bool:
        """True when a revision for a later date than the one in force has been recorded."""
        return self.head_seq != self.rev_seq


@dataclass(frozen=True)
class NewRevision:
    procedure: Procedure
    valid_from: dt.date
    change: str
    parts: Sequence[str]
    source_id: int | None = None
    decision_id: int | None = None
    encoded: Encoded | None = None  # the procedure's encoding, when the caller already has it


@dataclass(frozen=True)
class InForce:
    """The revision of one procedure in force on some date, not yet parsed."""

    code: str
    content: str
    content_hash: str
    valid_from: dt.date
    decision_id: int | None
    part_hashes_json: str

    @property
    def procedure(self) -> Procedure:
        return procedure_from_json(self.content)


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    valid_from: dt.date
    recorded_at: dt.datetime
    change: str
    parts: list[str]
    status: str
    source: str
    decision: str
    procedure: Procedure


def row_values(procedure: Procedure) -> dict[str, object]:
    """The look-up columns of a procedure row, derived from its content."""
    fields = "\n".join(f.name for f in procedure.fields)
    agencies = "\n".join(a.name for a in (*procedure.agencies, *procedure.competent))
    search = " ".join(
        (procedure.code, procedure.local_code, procedure.name, fields, agencies, procedure.publisher,
         procedure.keywords, " ".join(r.code for r in procedure.results))
    )
    return {
        "local_code": procedure.local_code,
        "name": procedure.name,
        "status": procedure.status,
        "category": procedure.category,
        "levels": "|" + "|".join(procedure.levels) + "|" if procedure.levels else "",
        "fields_text": fields,
        "agencies_text": agencies,
        "search_text": fold(search),
    }


class CatalogStore:
    """Catalogue reads and writes inside one session (one transaction)."""

    def __init__(self, session: Session, today: dt.date | None = None) -> None:
        self.session = session
        self.today = today or dt.date.today()

    # --- sources ----------------------------------------------------------------------------------

    def add_source(self, kind: str, path: str, name: str, sha256: str, size: int) -> int:
        row = SourceRow(kind=kind, path=path, name=name, sha256=sha256, size=size, summary="")
        self.session.add(row)
        self.session.flush()
        return row.id

    def set_source_summary(self, source_id: int, summary: dict[str, object]) -> None:
        self.session.execute(
            update(SourceRow).where(SourceRow.id == source_id).values(summary=json.dumps(summary, ensure_ascii=False))
        )

    def source_hashes(self, procedure_ids: Sequence[int], kind: str) -> dict[int, dict[str, str]]:
        """What sources of ``kind`` last said about each part of these procedures."""
        out: dict[int, dict[str, str]] = {}
        for chunk in chunks(procedure_ids):
            query = select(ProcedureSourceRow.procedure_id, ProcedureSourceRow.part_hashes).where(
                ProcedureSourceRow.kind == kind, ProcedureSourceRow.procedure_id.in_(chunk)
            )
            for pid, hashes in self.session.execute(query):
                out[pid] = json.loads(hashes)
        return out

    def save_source_hashes(
        self, kind: str, hashes: dict[int, dict[str, str]], said: dict[int, dict[str, str]], source_id: int | None
    ) -> None:
        """Remember what this source said; ``said`` is what it had said before (rows that exist)."""
        new_rows = [
            {"procedure_id": pid, "kind": kind, "part_hashes": json.dumps(h, sort_keys=True), "source_id": source_id}
            for pid, h in hashes.items()
            if pid not in said
        ]
        if new_rows:
            self.session.execute(insert(ProcedureSourceRow), new_rows)
        changed = [
            {"pid": pid, "hashes": json.dumps(h, sort_keys=True), "source": source_id}
            for pid, h in hashes.items()
            if pid in said and said[pid] != h
        ]
        if changed:
            table = cast(Table, ProcedureSourceRow.__table__)
            statement = (
                update(table)
                .where(table.c.procedure_id == bindparam("pid"), table.c.kind == kind)
                .values(part_hashes=bindparam("hashes"), source_id=bindparam("source"))
            )
            self.session.connection().execute(statement, changed)

    # --- heads and content ------------------------------------------------------------------------

    def heads(self, codes: Sequence[str]) -> dict[str, Head]:
        out: dict[str, Head] = {}
        for chunk in chunks(codes):
            query = select(
                ProcedureRow.id, ProcedureRow.code, ProcedureRow.rev_seq, ProcedureRow.rev_from,
                ProcedureRow.head_seq, ProcedureRow.content_hash, ProcedureRow.status,
            ).where(ProcedureRow.code.in_(chunk))
            for row in self.session.execute(query):
                out[row.code] = Head(*row)
        return out

    def head(self, code: str) -> Head | None:
        return self.heads([code]).get(code)

    def contents(self, heads: Sequence[Head]) -> dict[int, Procedure]:
        """The content in force of each procedure (the revision its head names; no other is read)."""
        out: dict[int, Procedure] = {}
        for chunk in chunks(heads):
            wanted = tuple_(RevisionRow.procedure_id, RevisionRow.seq).in_([(h.id, h.rev_seq) for h in chunk])
            query = select(RevisionRow.procedure_id, RevisionRow.content).where(wanted)
            for pid, content in self.session.execute(query):
                out[pid] = procedure_from_json(content)
        return out

    # --- writes -----------------------------------------------------------------------------------

    def create_many(self, items: Sequence[NewRevision]) -> dict[str, int]:
        """Insert new procedures with their first revision; returns code → id."""
        if not items:
            return {}
        now = utcnow()
        rows = []
        encoded = [item.encoded or encode(item.procedure) for item in items]
        for item, enc in zip(items, encoded, strict=True):
            p = item.procedure
            rows.append({
                "code": p.code, **row_values(p), "rev_seq": 1, "rev_from": item.valid_from, "head_seq": 1,
                "content_hash": enc.hash, "created_at": now, "updated_at": now,
            })
        self.session.execute(insert(ProcedureRow), rows)
        ids = {h.code: h.id for h in self.heads([i.procedure.code for i in items]).values()}
        revisions = [
            self._revision_values(ids[i.procedure.code], 1, i, now, enc) for i, enc in zip(items, encoded, strict=True)
        ]
        self.session.execute(insert(RevisionRow), revisions)
        return ids

    def _revision_values(
        self, pid: int, seq: int, item: NewRevision, now: dt.datetime, enc: Encoded
    ) -> dict[str, object]:
        return {
            "procedure_id": pid, "seq": seq, "valid_from": item.valid_from, "recorded_at": now, "change": item.change,
            "parts": json.dumps(sorted(item.parts), ensure_ascii=False), "status": item.procedure.status,
            "content": enc.json, "content_hash": enc.hash, "part_hashes": json.dumps(enc.part_hashes, sort_keys=True),
            "source_id": item.source_id, "decision_id": item.decision_id,
        }

    def revise_many(self, items: Sequence[tuple[Head, NewRevision]]) -> None:
        """Fast path: new revisions valid today for procedures with nothing scheduled."""
        if not items:
            return
        now = utcnow()
        revisions = []
        rows = []
        for head, item in items:
            enc = item.encoded or encode(item.procedure)
            revisions.append(self._revision_values(head.id, head.head_seq + 1, item, now, enc))
            rows.append({"pid": head.id, **row_values(item.procedure), "rev_seq": head.head_seq + 1,
                         "rev_from": item.valid_from, "head_seq": head.head_seq + 1, "content_hash": enc.hash,
                         "updated_at": now})
        table = cast(Table, ProcedureRow.__table__)
        columns = [key for key in rows[0] if key != "pid"]
        statement = update(table).where(table.c.id == bindparam("pid")).values(
            {key: bindparam(key) for key in columns}
        )
        self.session.connection().execute(statement, rows)
        self.session.execute(insert(RevisionRow), revisions)

    def apply(
        self,
        head: Head,
        incoming: Procedure,
        parts: Sequence[str],
        *,
        valid_from: dt.date,
        change: str,
        source_id: int | None = None,
        decision_id: int | None = None,
    ) -> list[int]:
        """Apply ``parts`` of ``incoming`` from ``valid_from`` on, carrying them into later revisions.

        Returns the seqs of the revisions added (none when nothing really changed).
        """
        dates = sorted({valid_from, *self._later_dates(head.id, valid_from)})
        seq = head.head_seq
        added = []
        now = utcnow()
        for date in dates:
            base = self.as_of_one(head.id, date) or incoming
            merged = merge(base, incoming, set(parts))
            encoded = encode(merged)
            if base is not incoming and encoded.hash == content_hash(base):
                continue
            seq += 1
            item = NewRevision(merged, date, change, parts, source_id, decision_id)
            self.session.add(RevisionRow(**self._revision_values(head.id, seq, item, now, encoded)))
            self.session.flush()
            added.append(seq)
        if added:
            self.session.execute(update(ProcedureRow).where(ProcedureRow.id == head.id).values(head_seq=seq))
            self._refresh(head.id)
        return added

    def _later_dates(self, pid: int, date: dt.date) -> list[dt.date]:
        query = select(RevisionRow.valid_from).where(
            RevisionRow.procedure_id == pid, RevisionRow.valid_from > date
        ).distinct()
        return list(self.session.scalars(query))

    def _refresh(self, pid: int) -> None:
        """Point the procedure row at the revision in force today."""
        row = self._in_force_row(pid, self.today)
        if row is None:
            return
        procedure = procedure_from_json(row.content)
        self.session.execute(
            update(ProcedureRow).where(ProcedureRow.id == pid).values(
                **row_values(procedure), rev_seq=row.seq, rev_from=row.valid_from,
                content_hash=row.content_hash, updated_at=utcnow(),
            )
        )

    def refresh_in_force(self) -> int:
        """Bring rows up to date with revisions whose date has come; returns how many moved."""
        query = (
            select(RevisionRow.procedure_id)
            .join(ProcedureRow, ProcedureRow.id == RevisionRow.procedure_id)
            .where(
                RevisionRow.valid_from <= self.today,
                or_(
                    RevisionRow.valid_from > ProcedureRow.rev_from,
                    and_(RevisionRow.valid_from == ProcedureRow.rev_from, RevisionRow.seq > ProcedureRow.rev_seq),
                ),
            )
            .distinct()
        )
        stale = list(self.session.scalars(query))
        for pid in stale:
            self._refresh(pid)
        return len(stale)

    # --- reads ------------------------------------------------------------------------------------

    def _in_force_row(self, pid: int, date: dt.date) -> RevisionRow | None:
        query = (
            select(RevisionRow)
            .where(RevisionRow.procedure_id == pid, RevisionRow.valid_from <= date)
            .order_by(RevisionRow.valid_from.desc(), RevisionRow.seq.desc())
            .limit(1)
        )
        return self.session.scalars(query).first()

    def as_of_one(self, pid: int, date: dt.date) -> Procedure | None:
        row = self._in_force_row(pid, date)
        return procedure_from_json(row.content) if row else None

    def as_of_rows(self, date: dt.date | None = None, codes: Sequence[str] | None = None) -> Iterator[InForce]:
        """The revision in force on ``date`` (today when ``None``) of every procedure, by code (byte order)."""
        date = date or self.today
        ranked = (
            select(
                RevisionRow.procedure_id, RevisionRow.content, RevisionRow.content_hash, RevisionRow.valid_from,
                RevisionRow.decision_id, RevisionRow.part_hashes,
                func.row_number()
                .over(partition_by=RevisionRow.procedure_id,
                      order_by=(RevisionRow.valid_from.desc(), RevisionRow.seq.desc()))
                .label("rank"),
            )
            .where(RevisionRow.valid_from <= date)
            .subquery()
        )
        order = ProcedureRow.code.collate("C") if self.session.bind and \
            self.session.bind.dialect.name == "postgresql" else ProcedureRow.code
        query = (
            select(ProcedureRow.code, ranked.c.content, ranked.c.content_hash, ranked.c.valid_from,
                   ranked.c.decision_id, ranked.c.part_hashes)
            .join(ranked, ProcedureRow.id == ranked.c.procedure_id)
            .where(ranked.c.rank == 1)
            .order_by(order)
        )
        wanted = set(codes) if codes is not None else None
        if wanted is not None and len(wanted) <= 900:
            query = query.where(ProcedureRow.code.in_(sorted(wanted)))
        for row in self.session.execute(query.execution_options(yield_per=1000)):
            if wanted is None or row.code in wanted:
                yield InForce(row.code, row.content, row.content_hash, row.valid_from, row.decision_id, row.part_hashes)

    def as_of(self, date: dt.date | None = None, codes: Sequence[str] | None = None) -> Iterator[Procedure]:
        """Every procedure as it stood on ``date`` (today when ``None``), ordered by code."""
        for row in self.as_of_rows(date, codes):
            yield row.procedure

    def in_force(self, code: str, date: dt.date | None = None) -> Procedure | None:
        head = self.head(code)
        if head is None:
            return None
        if date is None:
            return self.contents([head]).get(head.id)
        return self.as_of_one(head.id, date)

    def search_codes(self, tokens: Sequence[str]) -> list[str]:
        """Codes of the procedures whose folded search text holds every (folded) token."""
        conditions = [ProcedureRow.search_text.contains(token, autoescape=True) for token in tokens]
        return list(self.session.scalars(select(ProcedureRow.code).where(*conditions).order_by(ProcedureRow.code)))

    def history(self, code: str) -> list[HistoryEntry]:
        head = self.head(code)
        if head is None:
            return []
        query = (
            select(RevisionRow, SourceRow.name, SourceRow.kind, DecisionRow.number)
            .outerjoin(SourceRow, SourceRow.id == RevisionRow.source_id)
            .outerjoin(DecisionRow, DecisionRow.id == RevisionRow.decision_id)
            .where(RevisionRow.procedure_id == head.id)
            .order_by(RevisionRow.seq)
        )
        out = []
        for rev, source_name, source_kind, decision in self.session.execute(query):
            source = f"{source_name} ({source_kind})" if source_name else ""
            out.append(HistoryEntry(
                rev.seq, rev.valid_from, rev.recorded_at, rev.change, json.loads(rev.parts), rev.status,
                source, decision or "", procedure_from_json(rev.content),
            ))
        return out

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(ProcedureRow)).scalar_one())

