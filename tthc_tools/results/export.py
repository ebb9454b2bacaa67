"""Exporting the results' metadata as CSV, XLSX or JSON with archival field names.

Names follow NĐ 30/2020 Phụ lục VI and the BKHCN minimum (research/domain.md §3.3): ``TypeName``,
``CodeNumber``, ``CodeNotation``, ``IssuedDate``, ``OrganName``, ``Subject``, ``SignerInfo`` (the
signer's full name), ``PageAmount``, ``Language``, ``Format``…, plus the TTHC-result names of the
de-facto ``GiayToSoHoa`` schema (``MaDinhDanh``, ``ChuGiayTo``, ``MaHoSo``, ``MaKetQua``, ``MaTTHC``,
``TrangThaiSoHoa``). Files are written to a temporary name and renamed; a missing folder is made.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO, Any

from tthc_tools import xlsx
from tthc_tools.errors import UsageProblem
from tthc_tools.export.atomic import write_file
from tthc_tools.i18n import _
from tthc_tools.results.library import ResultView, list_results
from tthc_tools.store.session import Database

COLUMNS = ["DocId", "FileName", "Sha256", "TypeName", "CodeNumber", "CodeNotation", "IssuedDate", "OrganName",
           "Subject", "SignerInfo", "PageAmount", "Language", "Format", "ConfidenceLevel", "MaDinhDanh",
           "ChuGiayTo", "MaHoSo", "MaKetQua", "MaTTHC", "TrangThaiSoHoa", "ChoDuyet", "SearchablePdf"]
STATE_CODES = {"cho_duyet": "1", "da_duyet": "2", "khong_duyet": "3"}
FORMATS = ("csv", "xlsx", "json")


def record(view: ResultView) -> dict[str, Any]:
    """One result under the archival names."""
    number, _sep, notation = view.values["number"].partition("/")
    pending = [f.name for f in view.fields if f.state == "cho_duyet"]
    confidence = min((f.confidence for f in view.fields if f.value), default=0.0)
    return {
        "DocId": view.id, "FileName": Path(view.path).name, "Sha256": view.sha256,
        "TypeName": view.values["kind"], "CodeNumber": number, "CodeNotation": notation,
        "IssuedDate": view.values["issued"], "OrganName": view.values["issuer"], "Subject": view.values["subject"],
        "SignerInfo": view.values["signer"], "PageAmount": view.pages, "Language": "vi",
        "Format": f"PDF; {view.min_dpi:.0f} dpi" if view.min_dpi else "PDF",
        "ConfidenceLevel": round(confidence, 2), "MaDinhDanh": view.values["holder_id"],
        "ChuGiayTo": view.values["holder_name"], "MaHoSo": view.values["dossier_code"],
        "MaKetQua": view.values["result_code"], "MaTTHC": view.values["procedure"],
        "TrangThaiSoHoa": STATE_CODES.get(view.state, ""), "ChoDuyet": ", ".join(pending),
        "SearchablePdf": view.output_pdf,
    }


def export(db: Database, target: Path, fmt: str | None = None) -> int:
    """Write every result's metadata to ``target`` (format from ``fmt`` or the extension); returns the count."""
    kind = (fmt or target.suffix.lstrip(".")).lower()
    if kind not in FORMATS:
        raise UsageProblem(_("unknown export format {!r}: use csv, xlsx or json").format(kind))
    rows = [record(v) for v in list_results(db)]
    writer = {"csv": _csv, "xlsx": _xlsx, "json": _json}[kind]
    write_file(target, lambda handle: writer(handle, rows), make_folder=True)
    return len(rows)


def _csv(handle: IO[bytes], rows: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    out = csv.DictWriter(buffer, fieldnames=COLUMNS)
    out.writeheader()
    out.writerows(rows)
    handle.write(("\ufeff" + buffer.getvalue()).encode("utf-8"))


def _json(handle: IO[bytes], rows: list[dict[str, Any]]) -> None:
    handle.write((json.dumps({"results": rows}, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _xlsx(handle: IO[bytes], rows: list[dict[str, Any]]) -> None:
    xlsx.save([xlsx.Sheet("KetQuaSoHoa", ([row[c] for c in COLUMNS] for row in rows), COLUMNS)], handle)
