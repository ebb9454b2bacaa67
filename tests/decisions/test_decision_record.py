"""``decision record`` (issue 5, done-when 4): a signed decision changes the catalogue from its
effective date and not before; history names it; recording twice is refused; nothing is deleted.

Real decisions over catalogues built from real records, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from decision_catalogues import an_giang_catalogue, decision_path, import_catalogue, write_csv

from tthc_tools.catalog import lookup
from tthc_tools.decisions.changes import Wanted
from tthc_tools.decisions.document import Publisher
from tthc_tools.decisions.draft import DraftRequest, draft_decision
from tthc_tools.decisions.record import Signed, record_decision
from tthc_tools.decisions.registry import import_files, list_decisions, show_decision
from tthc_tools.errors import BadInput, ExitCode
from tthc_tools.model import Procedure
from tthc_tools.store.session import Database

SIGNED = dt.date(2025, 11, 18)  # An Giang 2015/QĐ-UBND, in force "từ ngày ký"
ABOLISHED = ["1.012508", "1.012509", "1.012510"]


def _as_of(db: Database, day: dt.date) -> dict[str, Procedure]:
    return {p.code: p for p in lookup.catalogue(db, as_of=day)}


@pytest.fixture
def an_giang(db: Database, realdata: Path, tmp_path: Path) -> Path:
    an_giang_catalogue(db, realdata, tmp_path)
    return decision_path(realdata, "2015")


def test_recording_changes_the_catalogue_from_the_effective_date_and_not_before(db: Database, an_giang: Path) -> None:
    before = _as_of(db, SIGNED - dt.timedelta(days=1))
    report = record_decision(db, str(an_giang))
    assert (report.number, report.issued, report.effective) == ("2015/QĐ-UBND", SIGNED, SIGNED)
    assert report.counts() == {"created": 0, "updated": 1, "abolished": 3, "unchanged": 0, "skipped": 0}

    day_before, on_the_day = _as_of(db, SIGNED - dt.timedelta(days=1)), _as_of(db, SIGNED)
    assert day_before == before  # the day before: exactly what it was
    assert {code: p.status for code, p in day_before.items()} == dict.fromkeys([*ABOLISHED, "1.012507"], "active")
    assert {code: (p.status, p.decision) for code, p in on_the_day.items()} == {
        "1.012507": ("active", "2015/QĐ-UBND"), **dict.fromkeys(ABOLISHED, ("abolished", "2015/QĐ-UBND")),
    }
    # the amended procedure keeps what the catalogue knew (channels, dossier…) and takes the row's name
    assert on_the_day["1.012507"].channels == day_before["1.012507"].channels
    assert on_the_day["1.012507"].name == "Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu"


def test_history_shows_the_decision_and_abolished_procedures_keep_every_revision(
    db: Database, an_giang: Path
) -> None:
    record_decision(db, str(an_giang))
    for code in ABOLISHED:
        entries = lookup.history(db, code)
        assert [(e.valid_from, e.status, e.decision) for e in entries] == [
            (dt.date(2025, 1, 1), "active", ""), (SIGNED, "abolished", "2015/QĐ-UBND"),
        ]
        assert entries[-1].change == "abolished" and entries[0].procedure.name == entries[-1].procedure.name
    abolished = lookup.catalogue(db, filters=lookup.Filters(status="abolished"))
    assert sorted(p.code for p in abolished) == ABOLISHED  # still listed, never deleted
    stored = show_decision(db, "2015/QĐ-UBND")
    assert stored.state == "recorded" and stored.recorded_at is not None and stored.effective == SIGNED
    assert [(o.code, o.outcome) for o in stored.outcome] == [("1.012507", "updated"),
                                                             *((code, "abolished") for code in ABOLISHED)]


def test_recording_twice_is_refused(db: Database, an_giang: Path) -> None:
    record_decision(db, str(an_giang))
    history = [len(lookup.history(db, code)) for code in ABOLISHED]
    for ref in (str(an_giang), "2015/QĐ-UBND", "2015/QD-UBND"):
        with pytest.raises(BadInput) as caught:
            record_decision(db, ref)
        assert "already recorded" in caught.value.message and caught.value.exit_code == ExitCode.BAD_INPUT
    assert [len(lookup.history(db, code)) for code in ABOLISHED] == history
    assert [e.state for e in list_decisions(db)] == ["recorded"]


def test_a_dry_run_changes_nothing(db: Database, an_giang: Path) -> None:
    report = record_decision(db, str(an_giang), dry_run=True)
    assert report.dry_run and report.counts()["abolished"] == 3
    assert {p.status for p in _as_of(db, SIGNED).values()} == {"active"}
    assert list_decisions(db) == []
    assert record_decision(db, str(an_giang)).counts()["abolished"] == 3  # and it can still be recorded


def test_a_later_effective_date_leaves_the_catalogue_until_then(db: Database, an_giang: Path) -> None:
    later = dt.date.today() + dt.timedelta(days=30)
    report = record_decision(db, str(an_giang), Signed(effective=later))
    assert report.effective == later
    assert {p.status for p in _as_of(db, dt.date.today()).values()} == {"active"}
    assert {p.status for p in lookup.catalogue(db)} == {"active"}  # today's catalogue
    assert {_as_of(db, later)[code].status for code in ABOLISHED} == {"abolished"}


def test_new_rows_create_procedures_with_their_local_code(db: Database, realdata: Path) -> None:
    report = record_decision(db, str(decision_path(realdata, "01763")))  # Cà Mau: two new procedures
    assert [(r.code, r.outcome) for r in report.rows] == [("1.014464", "created"), ("1.014465", "created")]
    procedure = lookup.show(db, "1.014464", as_of=dt.date(2025, 11, 18))
    assert (procedure.local_code, procedure.decision, procedure.fields[0].name) == (
        "1.014464.H12", "01763/QĐ-UBND", "Báo chí")
    with pytest.raises(BadInput):
        lookup.show(db, "1.014464", as_of=dt.date(2025, 11, 17))


def test_a_draft_needs_a_number_and_date_and_rows_without_code_are_skipped(db: Database, realdata: Path) -> None:
    lai_chau = realdata / "nghiado905__mineru_vietocr/pdfs/e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"
    [imported] = import_files(db, [lai_chau]).files
    assert imported.status == "stored" and imported.decision is not None and imported.decision.is_draft
    with pytest.raises(BadInput) as caught:
        record_decision(db, str(imported.id))
    assert "draft" in caught.value.message and "--number" in (caught.value.hint or "")
    report = record_decision(db, str(imported.id), Signed(number="0152/QĐ-UBND", issued=dt.date(2025, 9, 30)))
    assert report.number == "0152/QĐ-UBND"  # printed as signed; found by its key "152/QD-UBND"
    assert [(r.outcome, r.reason) for r in report.rows] == [("skipped", "no procedure code in the row")]
    assert show_decision(db, "152/QĐ-UBND").state == "recorded"


def test_a_drafted_decision_is_recorded_with_its_number_and_date(db: Database, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "ho-tich.csv", [("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "Cấp xã"),
                                                  ("1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", "Cấp xã")])
    import_catalogue(db, sheet)
    request = DraftRequest(Publisher("Lai Châu"), (Wanted("1.001193", "amended"), Wanted("1.000656", "abolished")))
    draft = draft_decision(db, request, [tmp_path / "draft.docx"])
    assert draft.id is not None
    report = record_decision(db, str(draft.id), Signed("25/QĐ-UBND", dt.date(2025, 12, 1), "Lê Văn B"))
    assert (report.signer, report.counts()["updated"], report.counts()["abolished"]) == ("Lê Văn B", 1, 1)
    assert lookup.show(db, "1.000656", as_of=dt.date(2025, 12, 1)).status == "abolished"
    assert lookup.show(db, "1.000656", as_of=dt.date(2025, 11, 30)).status == "active"
    assert [e.decision for e in lookup.history(db, "1.001193")] == ["", "25/QĐ-UBND"]


def test_supersession_is_linked_when_the_earlier_decision_is_stored(db: Database, an_giang: Path,
                                                                     tmp_path: Path) -> None:
    request = DraftRequest(Publisher("An Giang"), tuple(Wanted(c, "new") for c in ["1.012507", *ABOLISHED]))
    earlier = draft_decision(db, request, [tmp_path / "1029.docx"])
    assert earlier.id is not None
    record_decision(db, str(earlier.id), Signed("1029/QĐ-UBND", dt.date(2024, 6, 25)))
    report = record_decision(db, str(an_giang))
    assert [(link.action, link.number, link.decision_id) for link in report.supersedes] == [
        ("repeal", "1029/QĐ-UBND", earlier.id)]
    back = show_decision(db, str(earlier.id)).superseded_by
    assert [(link.number, link.effective) for link in back] == [("2015/QĐ-UBND", SIGNED)]
    # 1029 took effect before the spreadsheet's revision (2025-01-01), so it was carried into it too
    assert [(e.valid_from, e.decision, e.status) for e in lookup.history(db, "1.012508")] == [
        (dt.date(2025, 1, 1), "", "active"), (dt.date(2024, 6, 25), "1029/QĐ-UBND", "active"),
        (dt.date(2025, 1, 1), "1029/QĐ-UBND", "active"), (SIGNED, "2015/QĐ-UBND", "abolished"),
    ]
    assert lookup.show(db, "1.012508", as_of=dt.date(2024, 12, 31)).decision == "1029/QĐ-UBND"


def test_an_effective_date_the_text_does_not_fix_is_flagged(db: Database, realdata: Path) -> None:
    report = record_decision(db, str(decision_path(realdata, "1512")))  # "theo Quyết định số 4347/QĐ-BVHTTDL"
    assert report.effective == report.issued == dt.date(2025, 11, 22)
    assert len(report.warnings) == 1 and "4347/QĐ" in report.warnings[0] and "--effective" in report.warnings[0]
