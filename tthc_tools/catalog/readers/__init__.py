"""The catalogue readers: one module per input format, a registry, and format detection.

``read(path)`` detects the format from the content (the extension is only checked against it) and
returns a :class:`ReadResult` whose ``items`` stream :class:`~tthc_tools.model.Record` s and
row-level :class:`~tthc_tools.model.Problem` s; file-level failures raise
:class:`~tthc_tools.errors.BadInput` with a one-line message naming the file.

Formats (names as ``--format`` takes them; ``_`` spellings are accepted too):

========================  =====================================================================
``csdl-xlsx``             the national database's Excel export "Danh sách TTHC"
``portal-jsonl``          the portal's detail pages as crawled JSONL (or single-record JSON files)
``structured-json``       records parsed from the "Chi tiết TTHC" Word export (file or folder)
``national-json``         the national sync JSON packet (single, list, ``result``, ``message``)
``table``                 CSV / XLSX spreadsheets with varied headers
``xml``                   the tool's own XML export (read by :mod:`tthc_tools.export.xml_read`)
========================  =====================================================================

Which parts a record carries is decided once for all readers: see :mod:`._base`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tthc_tools.catalog.readers import csdl_xlsx, national_json, portal_jsonl, structured_json, table
from tthc_tools.catalog.readers._base import ReadResult, carried_parts, check_file
from tthc_tools.catalog.readers._sniff import detect
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

__all__ = ["FORMATS", "READERS", "ReadResult", "carried_parts", "detect", "normalize_format", "read"]

Reader = Callable[[Path], ReadResult]


def _xml(path: Path) -> ReadResult:
    from tthc_tools.export.xml_read import read_catalog_xml  # the export package owns lxml

    check_file(path)
    return ReadResult(read_catalog_xml(path), "xml", [], str(path))


READERS: dict[str, Reader] = {
    csdl_xlsx.FORMAT: csdl_xlsx.read,
    portal_jsonl.FORMAT: portal_jsonl.read,
    structured_json.FORMAT: structured_json.read,
    national_json.FORMAT: national_json.read,
    table.FORMAT: table.read,
    "xml": _xml,
}
FORMATS = tuple(READERS)


def normalize_format(fmt: str) -> str:
    """``csdl_xlsx`` / ``CSDL-XLSX`` → ``csdl-xlsx``; an unknown name is a :class:`BadInput`."""
    name = fmt.strip().lower().replace("_", "-")
    if name not in READERS:
        raise BadInput(_("unknown format {fmt!r}; known formats: {known}").format(fmt=fmt, known=", ".join(FORMATS)))
    return name


def read(path: Path | str, fmt: str | None = None) -> ReadResult:
    """Read ``path`` (a file, or a folder of JSON records) in ``fmt``, detected when not given."""
    path = Path(path)
    name = normalize_format(fmt) if fmt else detect(path)
    return READERS[name](path)
