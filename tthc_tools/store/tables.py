"""Catalogue tables: procedures, their revisions, the sources they were imported from, decisions.

A procedure row holds what look-ups need (name, folded search text, levels…) for the revision in
force today (``rev_seq``, valid from ``rev_from``); ``head_seq`` is the newest revision recorded, which
may be scheduled for a later date by a decision. The content itself lives in revisions, which are
never deleted. ``procedure_sources``
remembers what each kind of source last said about each part of a procedure, so that re-importing
a poorer source (an Excel list) does not undo what a richer one (the portal detail) set.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, SmallInteger, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tthc_tools.store.base import Base, code_str, id_pk, sha256, text, timestamp


class ProcedureRow(Base):
    __tablename__ = "procedures"

    id: Mapped[id_pk]
    code: Mapped[str] = mapped_column(String(16), unique=True)
    local_code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[text]
    status: Mapped[str] = mapped_column(String(16), default="active")
    category: Mapped[int] = mapped_column(SmallInteger, default=0)
    levels: Mapped[str] = mapped_column(String(64), default="")
    fields_text: Mapped[text]
    agencies_text: Mapped[text]
    search_text: Mapped[text]
    rev_seq: Mapped[int] = mapped_column(Integer, default=0)
    rev_from: Mapped[dt.date] = mapped_column(Date)
    head_seq: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[sha256]
    created_at: Mapped[timestamp]
    updated_at: Mapped[timestamp]


class SourceRow(Base):
    """One imported file (or pull): what, where from, its checksum, what came of it."""

    __tablename__ = "sources"

    id: Mapped[id_pk]
    kind: Mapped[str] = mapped_column(String(32))
    path: Mapped[text]
    name: Mapped[str] = mapped_column(String(255), default="")
    sha256: Mapped[sha256]
    size: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[timestamp]
    summary: Mapped[text]


class DecisionRow(Base):
    """A publication decision (Quyết định công bố), imported, drafted or recorded."""

    __tablename__ = "decisions"

    id: Mapped[id_pk]
    number: Mapped[str] = mapped_column(String(64), default="")
    number_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    place: Mapped[str] = mapped_column(String(120), default="")
    issued: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    effective: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    signer: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[text]
    state: Mapped[str] = mapped_column(String(16), default="imported")
    source_path: Mapped[text]
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[text]
    created_at: Mapped[timestamp]
    recorded_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)


class RevisionRow(Base):
    """One state of a procedure, in force from ``valid_from``; ``seq`` orders them as recorded.

    ``part_hashes`` maps each non-empty part to :func:`tthc_tools.model.part_hash` of its value, so
    a diff can compare thousands of procedures part by part without parsing their content.
    """

    __tablename__ = "revisions"
    __table_args__ = (
        UniqueConstraint("procedure_id", "seq"),
        Index("ix_revisions_valid", "procedure_id", "valid_from", "seq"),
    )

    id: Mapped[id_pk]
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="RESTRICT"))
    seq: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[timestamp]
    change: Mapped[str] = mapped_column(String(16))
    parts: Mapped[text]
    status: Mapped[str] = mapped_column(String(16), default="active")
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[sha256]
    part_hashes: Mapped[str] = mapped_column(Text, default="{}")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), nullable=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), nullable=True)


class ProcedureSourceRow(Base):
    """What a kind of source last said about each part of a procedure (part → hash)."""

    __tablename__ = "procedure_sources"

    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id"), primary_key=True)
    kind: Mapped[code_str] = mapped_column(primary_key=True)
    part_hashes: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), nullable=True)


class LockRow(Base):
    """Who holds a named lock (the exclusion itself is an OS file lock or a PostgreSQL advisory lock)."""

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    token: Mapped[str] = mapped_column(String(64))
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    acquired_at: Mapped[timestamp]


class SyncRunRow(Base):
    """One run of ``tthc sync``: every step's outcome, for ``tthc sync history``."""

    __tablename__ = "sync_runs"

    id: Mapped[id_pk]
    started_at: Mapped[timestamp]
    finished_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="running")
    exit_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    host: Mapped[str] = mapped_column(String(255), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    steps: Mapped[str] = mapped_column(Text, default="[]")
    summary: Mapped[str] = mapped_column(Text, default="{}")
