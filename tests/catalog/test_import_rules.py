"""Import rules: all-or-nothing, dry run, skip-invalid, revisions only on real change, same text whatever the encoding."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from tthc_tools.catalog import lookup
from tthc_tools.catalog.importer import MAX_LISTED_PROBLEMS, import_paths
from tthc_tools.encodings import to_cp1258, to_tcvn3, to_vni
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.migrate import upgrade
from tthc_tools.store.session import Database

HEADER = "Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện\n"
ROWS = [
    "1.001193,Thủ tục đăng ký khai sinh,Hộ tịch,Cấp xã\n",
    "1.000894,Thủ tục đăng ký kết hôn,Hộ tịch,Cấp xã\n",
    "1.000656,  Thủ tục đăng ký   khai tử ,Hộ tịch,Cấp xã\n",
]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _count(db: Database) -> int:
    with db.reading() as session:
        return CatalogStore(session).count()


def test_bad_row_rejects_whole_file(db: Database, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.csv", HEADER + ROWS[0] + "1.00A123,Sai mã,Hộ tịch,Cấp xã\n" + ROWS[1])
    report = import_paths(db, [bad])
    assert report.failed and _count(db) == 0
    assert "1.00A123" in report.files[0].error and "bad.csv" in report.files[0].path
    skipped = import_paths(db, [bad], skip_invalid=True)
    assert skipped.totals() == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    assert _count(db) == 2


def test_error_after_many_warnings_rejects_the_file(db: Database, tmp_path: Path) -> None:
    """The first error is named even when more warnings than are listed come before it."""
    records = [{"MATTHC": f"1.{n:06d}", "TENTTHC": f"Thủ tục {n}", "CACHTHUCTHUCHIEN": [{"KENH": "9"}]}
               for n in range(1, MAX_LISTED_PROBLEMS + 6)]
    packets = _write(tmp_path / "packets.json", json.dumps([*records, {"MATTHC": "1.00A123"}], ensure_ascii=False))
    report = import_paths(db, [packets])
    assert report.failed and _count(db) == 0
    assert "1.00A123" in report.files[0].error and len(report.files[0].problems) == MAX_LISTED_PROBLEMS


def test_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    sheet = _write(tmp_path / "sheet.csv", HEADER + "".join(ROWS))
    report = import_paths(db, [sheet], dry_run=True)
    assert report.totals()["created"] == 3 and report.files[0].status == "dry-run"
    assert _count(db) == 0


def test_reimport_changes_nothing_and_whitespace_is_not_a_change(db: Database, tmp_path: Path) -> None:
    sheet = _write(tmp_path / "sheet.csv", HEADER + "".join(ROWS))
    assert import_paths(db, [sheet]).totals()["created"] == 3
    assert lookup.show(db, "1.000656").name == "Thủ tục đăng ký khai tử"
    tidy = _write(tmp_path / "tidy.csv", HEADER + "".join(r.replace("  ", " ").replace("   ", " ") for r in ROWS))
    assert import_paths(db, [tidy]).totals()["unchanged"] == 3
    renamed = _write(tmp_path / "renamed.csv", HEADER + ROWS[0].replace("Thủ tục đăng ký", "Đăng ký") + ROWS[1])
    assert import_paths(db, [renamed]).totals() == {"created": 0, "updated": 1, "unchanged": 1, "rejected": 0}
    history = lookup.history(db, "1.001193")
    assert [(e.seq, e.change, e.parts) for e in history] == [(1, "created", _carried(history[0].parts)),
                                                            (2, "updated", ["name"])]


def _carried(parts: list[str]) -> list[str]:
    assert "name" in parts
    return parts


def test_same_text_in_every_encoding(tmp_path: Path) -> None:
    """Done-when 4: UTF-8 NFC, UTF-8 NFD with BOM, Windows-1258, TCVN3 and VNI give the same stored text."""
    text = HEADER + "".join(ROWS)
    files = {
        "nfc.csv": unicodedata.normalize("NFC", text).encode(),
        "nfd-bom.csv": ("\ufeff" + unicodedata.normalize("NFD", text)).encode(),
        "cp1258.csv": to_cp1258(text),
        "tcvn3.csv": to_tcvn3(text),
        "vni.csv": to_vni(text),
    }
    stored = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        with Database(f"sqlite:///{tmp_path / (name + '.db')}") as db:
            upgrade(db)
            report = import_paths(db, [tmp_path / name])
            assert not report.failed, report.files[0].error
            if name in ("cp1258.csv", "tcvn3.csv", "vni.csv"):
                assert report.files[0].notes, f"{name}: the conversion is not reported"
            stored[name] = [(p.code, p.name, p.fields, p.levels) for p in lookup.catalogue(db)]
    first = stored["nfc.csv"]
    assert len(first) == 3 and all(v == first for v in stored.values())
    assert all(unicodedata.is_normalized("NFC", name) for _c, name, _f, _l in first)
