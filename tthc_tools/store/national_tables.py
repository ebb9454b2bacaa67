"""National catalogue snapshots: one row per pull, one item row per procedure it holds.

A snapshot is ``pulling`` while a pull fills it (items are committed in batches, so a pull killed half
way resumes from what it stored), ``complete`` when every listed procedure is in, and ``unchanged``
when its content turned out identical to the previous complete snapshot: its items are then dropped
and ``same_as`` points at the snapshot that holds them. Each item keeps the procedure's canonical
content, the parts its source carried and the hash of each of them, so a diff compares hashes and
reads content only for procedures that differ.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tthc_tools.store.base import Base, id_pk, sha256, text, timestamp


class SnapshotRow(Base):
    """One pull of the national catalogue (from the sync API or a file)."""

    __tablename__ = "national_snapshots"

    id: Mapped[id_pk]
    taken_at: Mapped[timestamp]
    finished_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    kind: Mapped[str] = mapped_column(String(16))  # http | file
    source: Mapped[text]
    format: Mapped[str] = mapped_column(String(32), default="")
    state: Mapped[str] = mapped_column(String(16), default="pulling", index=True)
    digest: Mapped[str] = mapped_column(String(64), default="")
    items: Mapped[int] = mapped_column(Integer, default=0)
    same_as: Mapped[int | None] = mapped_column(ForeignKey("national_snapshots.id"), nullable=True)
    listing: Mapped[text]
    summary: Mapped[text]


class SnapshotItemRow(Base):
    """One procedure of a snapshot: canonical content, carried parts, part hashes, HTTP validators."""

    __tablename__ = "national_snapshot_items"
    # covers the diff's first question (every code and digest) without reading the content
    __table_args__ = (Index("ix_national_snapshot_items_digest", "snapshot_id", "code", "content_hash"),)

    snapshot_id: Mapped[int] = mapped_column(ForeignKey("national_snapshots.id", ondelete="CASCADE"),
                                             primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_code: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[text]
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[sha256]
    carried: Mapped[str] = mapped_column(Text)
    part_hashes: Mapped[str] = mapped_column(Text)
    etag: Mapped[str] = mapped_column(String(255), default="")
    last_modified: Mapped[str] = mapped_column(String(64), default="")
