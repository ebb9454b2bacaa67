"""Importing the real national data into SQLite and PostgreSQL (issue 2, done-when 2 and 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc_tools.catalog import lookup
from tthc_tools.catalog.importer import import_paths
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.session import Database

pytestmark = pytest.mark.slow


def _count(db: Database) -> int:
    with db.reading() as session:
        return CatalogStore(session).count()


def _revisions(db: Database) -> int:
    from tthc_tools.store import status

    return int(status.status(db.url)["counts"]["revisions"])


def test_excel_then_portal_then_excel_again(db: Database, realdata: Path) -> None:
    crawl = realdata / "chatbot-tthc__chatbot_tthc"
    excel = sorted((crawl / "xlsx_csdl_export").glob("*.xlsx"))
    assert len(excel) == 7

    first = import_paths(db, excel)
    assert not first.failed
    assert first.totals()["created"] == 2642
    portal = import_paths(db, [crawl / "procedures_all_2642_no_raw_text.jsonl"])
    assert not portal.failed and portal.totals()["created"] == 0
    assert _count(db) == 2642

    birth = lookup.show(db, "1.001193")
    assert [c.kind for c in birth.channels] == ["truc_tuyen", "buu_chinh", "truc_tiep"]
    assert all(c.deadline == "1" and c.fee_text == "Miễn phí" for c in birth.channels)
    assert len(birth.dossier) >= 5 and any(d.originals == 1 for d in birth.dossier)
    assert [r.code for r in birth.results] == ["KQ.G15.000031"]
    assert birth.publisher == "Bộ Tư pháp"  # from the Excel list, kept by the portal import

    revisions = _revisions(db)
    again = import_paths(db, excel)
    assert again.totals() == {"created": 0, "updated": 0, "unchanged": 2642, "rejected": 0}
    assert _revisions(db) == revisions
    assert lookup.show(db, "1.001193") == birth


def test_structured_records_keep_their_tables(db: Database, realdata: Path) -> None:
    folder = realdata / "nhdandz__ThuTucHanhChinh" / "extracted_fixed"
    report = import_paths(db, [folder])
    assert not report.failed and report.totals()["created"] == 207
    spill = lookup.show(db, "1.013124")
    assert spill.channels and spill.channels[0].deadline == "30 Ngày làm việc"
    assert spill.dossier and spill.dossier[0].originals == 1 and spill.dossier[0].copies == 0
    assert any(b.issuer == "Thủ tướng Chính phủ" for b in spill.legal_basis)


def test_search_folds_accents_and_case(db: Database, realdata: Path) -> None:
    import_paths(db, [realdata / "chatbot-tthc__chatbot_tthc" / "procedures_all_2642_no_raw_text.jsonl"])
    plain = [h.procedure.code for h in lookup.search(db, "ho tich", limit=500)]
    upper = [h.procedure.code for h in lookup.search(db, "HỘ TỊCH", limit=500)]
    nfd = [h.procedure.code for h in lookup.search(db, "hộ tịch".encode().decode() , limit=500)]
    assert plain and plain == upper == nfd
    best = lookup.search(db, "dang ky khai sinh")[0].procedure
    assert best.name == "Thủ tục đăng ký khai sinh"
    assert lookup.search(db, "1.001193")[0].procedure.code == "1.001193"


def test_national_packet_envelope_imports(db: Database) -> None:
    data = Path(__file__).resolve().parents[1] / "data" / "national"
    report = import_paths(db, [data / "envelope.json", data / "list.json", data / "single.json"])
    assert not report.failed and [f.format for f in report.files] == ["national-json"] * 3
    assert report.totals()["created"] >= 1
    for procedure in lookup.catalogue(db):
        assert procedure.name and procedure.channels  # the packets carry channels with deadlines
