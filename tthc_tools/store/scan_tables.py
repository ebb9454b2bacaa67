"""Digitisation tables: batch runs, files, pages, the page cache, results and their fields.

``scan_cache`` holds one OCR reading per page key (a hash of the page pixels or embedded image bytes
plus the engine settings), so a page is read once ever, whichever file or run it comes from. A page
row points at the cache entry it used. ``scan_files`` is unique by content (sha256): re-running a batch
skips files already done, and a killed run resumes from its committed pages. Each result field keeps
its confidence and review state (``cho_duyet`` / ``da_duyet`` / ``khong_duyet``). ``scan_result_words``
is the results' word index (see :mod:`result_index`): search asks it instead of reading every result.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tthc_tools.store.base import Base, id_pk, sha256, timestamp
from tthc_tools.store.base import text as long_text


class ScanRunRow(Base):
    """One ``tthc scan ingest`` run: when, with which settings, how it ended."""

    __tablename__ = "scan_runs"

    id: Mapped[id_pk]
    started_at: Mapped[timestamp]
    finished_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="running")
    settings: Mapped[long_text]
    summary: Mapped[long_text]


class ScanFileRow(Base):
    """One input file (by content) and how its digitisation ended."""

    __tablename__ = "scan_files"

    id: Mapped[id_pk]
    sha256: Mapped[sha256] = mapped_column(unique=True)
    path: Mapped[long_text]
    name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    format: Mapped[str] = mapped_column(String(16), default="")
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[long_text]
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    min_dpi: Mapped[float | None] = mapped_column(Float, nullable=True)
    low_dpi: Mapped[bool] = mapped_column(Boolean, default=False)
    engine: Mapped[str] = mapped_column(String(200), default="")
    output_pdf: Mapped[long_text]
    output_text: Mapped[long_text]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("scan_runs.id"), nullable=True)
    updated_at: Mapped[timestamp]


class ScanPageRow(Base):
    """One page of a file: its text, where the text came from, its confidence and resolution."""

    __tablename__ = "scan_pages"
    __table_args__ = (UniqueConstraint("file_id", "page_no"),)

    id: Mapped[id_pk]
    file_id: Mapped[int] = mapped_column(ForeignKey("scan_files.id", ondelete="CASCADE"))
    page_no: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))  # text | ocr | mixed | blank
    text: Mapped[long_text]
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    dpi: Mapped[float | None] = mapped_column(Float, nullable=True)
    low_dpi: Mapped[bool] = mapped_column(Boolean, default=False)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    cache_key: Mapped[str] = mapped_column(String(64), default="")


class ScanCacheRow(Base):
    """One page's OCR, kept by its key: text, words with confidences, the text-only PDF layer."""

    __tablename__ = "scan_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    engine: Mapped[str] = mapped_column(String(200))
    text: Mapped[long_text]
    words: Mapped[long_text]
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    skew: Mapped[float] = mapped_column(Float, default=0.0)
    dpi: Mapped[float] = mapped_column(Float, default=0.0)
    layer: Mapped[bytes] = mapped_column(LargeBinary)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("scan_runs.id"), nullable=True)
    created_at: Mapped[timestamp]


class ScanResultRow(Base):
    """The digitised result of one file: its fields (values here, details in scan_fields) and search text."""

    __tablename__ = "scan_results"

    id: Mapped[id_pk]
    file_id: Mapped[int] = mapped_column(ForeignKey("scan_files.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(100), default="")
    number: Mapped[str] = mapped_column(String(64), default="")
    number_key: Mapped[str] = mapped_column(String(64), default="", index=True)
    issued: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issuer: Mapped[str] = mapped_column(String(200), default="")
    signer: Mapped[str] = mapped_column(String(100), default="")
    subject: Mapped[long_text]
    holder_name: Mapped[str] = mapped_column(String(100), default="")
    holder_key: Mapped[str] = mapped_column(String(100), default="", index=True)
    holder_id: Mapped[str] = mapped_column(String(12), default="", index=True)
    dossier_code: Mapped[str] = mapped_column(String(64), default="")
    result_code: Mapped[str] = mapped_column(String(40), default="")
    procedure_code: Mapped[str] = mapped_column(String(40), default="")
    state: Mapped[str] = mapped_column(String(16), default="cho_duyet", index=True)
    search_text: Mapped[long_text]
    created_at: Mapped[timestamp]
    updated_at: Mapped[timestamp]


class ScanFieldRow(Base):
    """One extracted field with its confidence, the page it came from and its review state."""

    __tablename__ = "scan_fields"
    __table_args__ = (UniqueConstraint("result_id", "name"),)

    id: Mapped[id_pk]
    result_id: Mapped[int] = mapped_column(ForeignKey("scan_results.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(32))
    value: Mapped[long_text]
    extracted: Mapped[long_text]
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    page_no: Mapped[int | None] = mapped_column(Integer, nullable=True)
    state: Mapped[str] = mapped_column(String(16), default="cho_duyet")
    note: Mapped[long_text]
    reviewed_by: Mapped[str] = mapped_column(String(64), default="")
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)


WORD_LENGTH = 64
WORD_TYPE = String(WORD_LENGTH).with_variant(String(WORD_LENGTH, collation="C"), "postgresql")
"""Words compare byte by byte on both databases, so that a prefix is one range of the index."""


class ScanResultWordRow(Base):
    """One folded word of a result's search text: (word, result) for "which results have this word",
    (result, word) for "does this result have a word starting so" and for replacing a result's words."""

    __tablename__ = "scan_result_words"
    __table_args__ = (Index("ix_scan_result_words_result_id_word", "result_id", "word"), {"sqlite_with_rowid": False})

    word: Mapped[str] = mapped_column(WORD_TYPE, primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("scan_results.id", ondelete="CASCADE"), primary_key=True)
