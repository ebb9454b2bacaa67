"""Catalogues for the draft and record tests, built from the real portal records (chatbot-tthc crawl)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from tthc_tools.catalog import importer
from tthc_tools.store.session import Database

PORTAL = "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"
DECISIONS = "tnt305__tai_lieu_noi_bo/decisions_clean"
BEFORE = dt.date(2025, 1, 1)


def portal_records(realdata: Path, codes: Iterable[str]) -> dict[str, dict[str, str]]:
    """The real portal records of ``codes`` (raw JSON objects), by code."""
    wanted = set(codes)
    found: dict[str, dict[str, str]] = {}
    with (realdata / PORTAL).open(encoding="utf-8") as handle:
        for line in handle:
            if line[16:24] in wanted or any(f'"{code}"' in line[:60] for code in wanted):
                record = json.loads(line)
                if record["ma_thu_tuc"] in wanted:
                    found[record["ma_thu_tuc"]] = record
    assert set(found) == wanted, wanted - set(found)
    return found


def write_jsonl(path: Path, records: Iterable[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def write_csv(path: Path, rows: Iterable[tuple[str, str, str, str]]) -> Path:
    """A spreadsheet an officer keeps: code, name, field, level."""
    lines = ["Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện"]
    lines += [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def import_catalogue(db: Database, *paths: Path, valid_from: dt.date = BEFORE) -> None:
    """Import files into the catalogue, in force from ``valid_from``."""
    report = importer.import_paths(db, list(paths), valid_from=valid_from)
    assert not report.failed, [f.error for f in report.failed]


def decision_path(realdata: Path, prefix: str) -> Path:
    matches = sorted((realdata / DECISIONS).glob(f"{prefix}*.md"))
    assert len(matches) == 1, matches
    return matches[0]


def an_giang_catalogue(db: Database, realdata: Path, tmp: Path) -> None:
    """The procedures An Giang 2015/QĐ-UBND amends and abolishes, as the province held them in 2025:
    the real portal record of 1.012507 and a spreadsheet with the three that were abolished."""
    portal = write_jsonl(tmp / "dau-thau.jsonl", portal_records(realdata, ["1.012507"]).values())
    sheet = write_csv(tmp / "dau-thau.csv", [
        ("1.012508", "Cấp lại chứng chỉ nghiệp vụ chuyên môn về đấu thầu", "Đấu thầu", "Cấp tỉnh"),
        ("1.012509", "Gia hạn chứng chỉ nghiệp vụ chuyên môn về đấu thầu", "Đấu thầu", "Cấp tỉnh"),
        ("1.012510", "Thu hồi chứng chỉ nghiệp vụ chuyên môn về đấu thầu", "Đấu thầu", "Cấp tỉnh"),
    ])
    import_catalogue(db, portal, sheet)
