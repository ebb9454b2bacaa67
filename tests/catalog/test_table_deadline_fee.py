"""A spreadsheet with deadline and fee columns but no channel column keeps what the officer typed.

The model keeps deadlines and fees per channel; such a sheet does not say which channel they are
for, so they are stored in one channel of unstated kind (for every channel) rather than dropped or
put under a guessed channel. ``catalog show`` prints them, the XML export stays valid (the channel
has no ``kind``) and reads back the same, and a richer source imported later still replaces the
channels, while a sheet imported after a richer source never wipes its per-channel detail.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from tthc_tools.catalog import lookup, readers
from tthc_tools.catalog.importer import import_paths
from tthc_tools.cli import run
from tthc_tools.export import SCHEMA_PATH
from tthc_tools.model import Channel, Fee, Record
from tthc_tools.store.migrate import upgrade
from tthc_tools.store.session import Database

CATALOGS = Path(__file__).resolve().parents[2] / "catalogs"
HEADERS = [
    ("Thời hạn giải quyết", "Phí, lệ phí"),
    ("Thời gian giải quyết", "Lệ phí"),
    ("THỜI HẠN", "Mức phí, lệ phí"),
    ("Thoi han giai quyet (ngay)", "Phi, le phi (neu co)"),
]
ROWS = [
    ("1.001193", "Thủ tục đăng ký khai sinh", "5 ngày làm việc", "Lệ phí: 8.000 đồng"),
    ("1.000894", "Thủ tục đăng ký kết hôn", "", "Miễn lệ phí"),
    ("1.000656", "Thủ tục đăng ký khai tử", "03 ngày làm việc", ""),
    ("2.000908", "Thủ tục chứng thực bản sao từ bản chính", "", ""),
]
EXPECTED = {
    "1.001193": (Channel("", "5 ngày làm việc", (Fee("Lệ phí", 8000, "đồng"),)),),
    "1.000894": (Channel("", "", (Fee("Miễn lệ phí"),)),),
    "1.000656": (Channel("", "03 ngày làm việc"),),
    "2.000908": (),
}


def _write(path: Path, headers: tuple[str, str]) -> Path:
    table = [["STT", "Mã TTHC", "Tên thủ tục hành chính", *headers],
             *([str(n), *row] for n, row in enumerate(ROWS, 1))]
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ"])
        for row in table:
            sheet.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=";").writerows(table)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("headers", HEADERS, ids=lambda h: h[0])
def test_deadline_and_fee_without_a_channel_column_are_kept(tmp_path: Path, suffix: str,
                                                           headers: tuple[str, str]) -> None:
    result = readers.read(_write(tmp_path / f"sheet{suffix}", headers))
    records = [i for i in result.items if isinstance(i, Record)]
    assert {r.procedure.code: r.procedure.channels for r in records} == EXPECTED
    assert ["channels" in r.carried for r in records] == [True, True, True, False]
    assert any(note.startswith(f"{headers[0]}, {headers[1]}: kept for every channel") for note in result.notes)


def test_a_row_whose_channel_cell_is_empty_keeps_its_deadline(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("Mã TTHC,Cách thức thực hiện,Thời hạn giải quyết,Phí, lệ phí\n"
                    "1.001193,Trực tiếp,1 ngày làm việc,Miễn phí\n1.000894,,5 ngày,\n", encoding="utf-8")
    first, second = (i.procedure for i in readers.read(path).items if isinstance(i, Record))
    assert first.channels == (Channel("truc_tiep", "1 ngày làm việc", (Fee("Miễn phí"),)),)
    assert second.channels == (Channel("", "5 ngày"),)


def test_show_prints_them_and_the_xml_export_is_valid_and_reads_back(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _write(tmp_path / "sheet.xlsx", HEADERS[0])
    assert not import_paths(db, [sheet]).failed
    capsys.readouterr()
    assert run(["--db", db.url, "catalog", "show", "1.001193"]) == 0
    text = capsys.readouterr().out
    assert "Channels" in text and "not stated" in text and "5 ngày làm việc" in text and "8.000 đồng" in text
    assert run(["--db", db.url, "catalog", "show", "1.001193", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["channels"] == [
        {"kind": "", "deadline": "5 ngày làm việc", "fees": [{"description": "Lệ phí", "amount": 8000, "unit": "đồng"}]}]

    exported = tmp_path / "catalogue.xml"
    assert run(["--db", db.url, "-q", "export", "xml", "-o", str(exported)]) == 0
    etree.XMLSchema(etree.parse(str(SCHEMA_PATH))).assertValid(etree.parse(str(exported)))
    with Database(f"sqlite:///{tmp_path / 'again.db'}") as again:
        upgrade(again)
        assert not import_paths(again, [exported]).failed
        assert {p.code: p.channels for p in lookup.catalogue(again)} == EXPECTED


def _channels(db: Database, code: str) -> tuple[Channel, ...]:
    return lookup.show(db, code).channels


def test_a_richer_source_after_the_sheet_replaces_its_channels(db: Database, tmp_path: Path) -> None:
    sheet = _write(tmp_path / "sheet.csv", HEADERS[1])
    packets = CATALOGS / "goi-tin-quoc-gia.json"
    assert import_paths(db, [sheet]).totals()["created"] == 4
    assert _channels(db, "1.001193") == EXPECTED["1.001193"]
    assert import_paths(db, [packets]).totals()["updated"] == 2
    national = _channels(db, "1.001193")
    assert [c.kind for c in national] == ["truc_tiep", "truc_tuyen", "buu_chinh"]
    assert import_paths(db, [sheet]).totals() == {"created": 0, "updated": 0, "unchanged": 4, "rejected": 0}
    assert _channels(db, "1.001193") == national  # the sheet said nothing new: the richer channels stay


def test_a_sheet_after_a_richer_source_never_wipes_its_channels(db: Database, tmp_path: Path) -> None:
    packets = CATALOGS / "goi-tin-quoc-gia.json"
    assert import_paths(db, [packets]).totals()["created"] == 2
    national = _channels(db, "1.001193")
    sheet = _write(tmp_path / "sheet.csv", HEADERS[0])
    assert import_paths(db, [sheet]).totals()["updated"] == 2
    assert _channels(db, "1.001193") == (*national, *EXPECTED["1.001193"])  # kept beside, not instead
    edited = tmp_path / "edited.csv"
    edited.write_text(sheet.read_text(encoding="utf-8").replace("5 ngày làm việc", "7 ngày làm việc"),
                      encoding="utf-8")
    assert import_paths(db, [edited]).totals()["updated"] == 1
    assert _channels(db, "1.001193") == (*national, Channel("", "7 ngày làm việc", (Fee("Lệ phí", 8000, "đồng"),)))
    history = lookup.history(db, "1.001193")
    assert [e.parts for e in history[1:]] == [["channels"], ["channels"]]
