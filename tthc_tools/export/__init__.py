"""Exporting the catalogue for other systems (DESIGN §2 ``tthc export xml``, issue 6).

This module holds the plain values an export is made of; the work is done by
:mod:`tthc_tools.export.xml_write` (the streamed, validated, atomically written XML file, whose elements
:mod:`tthc_tools.export.xml_elements` builds),
:mod:`tthc_tools.export.xml_read` (reading such a file back, hardened against outside XML) and
:mod:`tthc_tools.export.cpsv` (the EU CPSV-AP vocabulary). Nothing here touches the database: the caller
passes the procedures, sorted by code, and says what the file covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tthc_tools import __version__
from tthc_tools.model import CHANGE_KINDS, Procedure

NAMESPACE = "urn:tthc-tools:catalog:1"
"""The namespace of the catalogue XML; its last part is the format version."""

SCHEMA_PATH = Path(__file__).parent / "schema" / "tthc-catalog-1.xsd"
"""The XSD shipped with the package; every export is valid against it."""

GENERATOR = "tthc-tools"

SCOPE_KINDS: dict[str, str] = {
    "full": "Toàn bộ danh mục",
    "filtered": "Một phần danh mục (có điều kiện lọc)",
    "incremental": "Những thay đổi kể từ một mốc",
}


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What part of the catalogue a file covers.

    ``filters`` are (name, value) pairs such as ``("level", "tinh")`` or ``("field", "G03-GD10")``;
    ``as_of`` is the date the catalogue is shown as of (``None``: as it stands now); ``since`` is the
    date (ISO) or snapshot name an incremental file starts from (empty: not incremental).
    """

    filters: tuple[tuple[str, str], ...] = ()
    as_of: dt.date | None = None
    since: str = ""

    @property
    def kind(self) -> str:
        """``incremental`` when ``since`` is set, else ``filtered`` when there are filters, else ``full``."""
        if self.since:
            return "incremental"
        return "filtered" if self.filters else "full"


@dataclass(frozen=True, slots=True)
class ExportHeader:
    """What the caller says about a file: its scope, who made it, and (only when asked) when."""

    scope: ExportScope = field(default_factory=ExportScope)
    source: str = ""
    generator: str = GENERATOR
    version: str = __version__
    created: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One procedure of an export, with its change mark in an incremental file.

    ``change`` is empty in a full file and one of :data:`tthc_tools.model.CHANGE_KINDS` (``new``,
    ``amended``, ``replaced``, ``abolished``) in an incremental one; ``effective`` is the date from
    which this content (or the abolition) applies, when known.
    """

    procedure: Procedure
    change: str = ""
    effective: dt.date | None = None

    def __post_init__(self) -> None:
        if self.change and self.change not in CHANGE_KINDS:
            raise ValueError(f"unknown change kind {self.change!r} for {self.procedure.code}")


@dataclass(frozen=True, slots=True)
class CatalogInfo:
    """The header of a catalogue file as read back: what the writer was told plus count and hash."""

    header: ExportHeader
    count: int
    catalogue_hash: str


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What :func:`~tthc_tools.export.xml_write.write_catalog` did.

    ``changed`` is ``False`` when the file already at ``path`` was byte-identical: it is then left
    untouched (same modification time), so a cron job can skip the upload.
    """

    path: Path
    count: int
    catalogue_hash: str
    size: int
    changed: bool
    seconds: float
