"""Telling input formats apart by content (the extension is only checked against it).

Only the first 64 KiB of a file are looked at (a 50 MB file of random bytes is refused at once).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from tthc_tools.catalog.readers import csdl_xlsx
from tthc_tools.catalog.readers._base import check_file, looks_binary, read_head
from tthc_tools.encodings import detect as detect_encoding
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

SPREADSHEET = (".xlsx", ".xlsm")
TEXT_TABLE = (".csv", ".tsv", ".txt")
JSON = (".json", ".jsonl", ".ndjson")
_JSON_KINDS = (
    ("national-json", re.compile(r'"(?:MATTHC|MaTTHC|MA_TTHC|TENTTHC)"\s*:|^\s*\{\s*"(?:message|result)"\s*:')),
    ("portal-jsonl", re.compile(r'"ma_thu_tuc"\s*:')),
    ("structured-json", re.compile(r'"(?:metadata|thu_tuc_id|mã_thủ_tục|tables)"\s*:')),
)
_MAGIC = (
    (b"\xd0\xcf\x11\xe0", _("an old Excel 97–2003 (.xls) or Word file; save it as .xlsx (Excel Workbook)")),
    (b"%PDF", _("a PDF document, not a catalogue file (decisions are read with \"tthc decision import\")")),
)


def detect(path: Path) -> str:
    """The format of ``path`` (a file or a folder), judged by content; refuses what no reader takes."""
    check_file(path, directory_ok=True)
    if path.is_dir():
        return _folder(path)
    head = read_head(path)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return _zip(path, suffix)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise BadInput(_("cannot read {what}").format(what=what), path=str(path))
    if looks_binary(head):
        raise BadInput(_("not a catalogue file: binary data, neither text (CSV, JSON, XML) nor an .xlsx workbook"),
                       path=str(path))
    return _text(path, head, suffix)


def _folder(path: Path) -> str:
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in JSON)
    if not files:
        raise BadInput(_("folder holds no .json or .jsonl file to read"), path=str(path))
    kinds = {_text(file, read_head(file), file.suffix.lower()) for file in files[:3]}
    kind = kinds.pop() if len(kinds) == 1 else ""
    if kind not in ("structured-json", "portal-jsonl"):
        raise BadInput(_("folder mixes formats or holds files that cannot be read as one; import the files "
                         "one by one"), path=str(path))
    return kind


def _zip(path: Path, suffix: str) -> str:
    if suffix in TEXT_TABLE + JSON:
        raise BadInput(_("named {suffix} but is a ZIP archive (an Excel workbook?); rename it to .xlsx").format(
            suffix=suffix), path=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise BadInput(_("not a valid Excel workbook (corrupt or truncated .xlsx)"), path=str(path)) from error
    if "xl/workbook.xml" not in names:
        what = _("a Word document") if "word/document.xml" in names else _("a ZIP archive")
        raise BadInput(_("is {what}, not an Excel workbook").format(what=what), path=str(path))
    return "csdl-xlsx" if csdl_xlsx.header_row(path) else "table"


def _text(path: Path, head: bytes, suffix: str) -> str:
    encoding = detect_encoding(head)
    text = encoding.convert(head.decode(encoding.codec, errors="ignore"))
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "<":
        kind = "xml"
    elif start in ("{", "["):
        kind = _json_kind(path, text)
    else:
        kind = "table"
    expected = {"xml": (".xml",), "table": TEXT_TABLE}.get(kind, JSON)
    if suffix in SPREADSHEET + TEXT_TABLE + JSON + (".xml",) and suffix not in expected and suffix != ".txt":
        raise BadInput(_("named {suffix} but holds {what}; rename the file or force the format with --format").format(
            suffix=suffix, what=_describe(kind)), path=str(path))
    return kind


def _json_kind(path: Path, text: str) -> str:
    for kind, pattern in _JSON_KINDS:
        if pattern.search(text):
            return kind
    raise BadInput(_("JSON of no known catalogue format (expected national packets, portal records or "
                     "structured records)"), path=str(path))


def _describe(kind: str) -> str:
    return {"xml": _("XML"), "table": _("CSV text")}.get(kind, _("JSON"))
