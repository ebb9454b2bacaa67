"""Search through the database's indexes, and the listing a page at a time (SQLite and PostgreSQL).

Results are stored the way a batch stores them (``ScanStore.save_result`` with the columns of
``result_values``), without OCR, so these tests run where tesseract is not installed.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import insert

from tthc_tools.cli import run
from tthc_tools.results import library, review
from tthc_tools.scan.records import result_values
from tthc_tools.store import migrate
from tthc_tools.store.result_index import index_words, query_terms
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.scan_tables import ScanFileRow, ScanResultRow
from tthc_tools.store.session import Database

BOILERPLATE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc."


def store(db: Database, key: str, *, text: str = "", pending: tuple[str, ...] = (), **values: str) -> int:
    """One result as a batch saves it: file, page, result columns, fields (``pending`` ones wait for review)."""
    page = f"{BOILERPLATE}\n{text}".strip()
    with db.transaction() as session:
        scans = ScanStore(session)
        file_id = scans.begin_file(hashlib.sha256(key.encode()).hexdigest(), f"/scans/{key}.pdf",
                                   {"name": f"{key}.pdf", "format": "pdf", "page_count": 1})
        scans.save_pages(file_id, [{"page_no": 1, "source": "ocr", "text": page, "confidence": 90.0}])
        fields = [{"name": name, "value": value, "extracted": value, "confidence": 0.5 if name in pending else 0.99,
                   "page_no": 1, "state": "cho_duyet" if name in pending else "da_duyet", "note": "",
                   "reviewed_by": "" if name in pending else "auto"} for name, value in values.items()]
        result_id = scans.save_result(file_id, result_values(values, page, bool(pending)), fields)
        scans.end_file(file_id, status="ok")
    return result_id


def ids(db: Database, query: str, limit: int = 50) -> list[int]:
    return [view.id for view in library.search(db, query, limit=limit)]


@pytest.fixture
def archive(db: Database) -> dict[str, int]:
    """Five results: two holders named Nguyễn Văn An, a namesake in the text only, an Anh, a receipt."""
    found = {
        "mention": store(db, "mention", holder_name="Trần Thị Lan", holder_id="001190000111",
                         number="7/2025/QĐ-UBND", text="Người làm chứng: ông Nguyễn Văn An, CCCD 001085012345."),
        "an": store(db, "an", kind="giấy phép", holder_name="Nguyễn Văn An", holder_id="001085012345",
                    number="15/2024/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh Sơn La",
                    subject="Cấp giấy phép xây dựng nhà ở riêng lẻ", dossier_code="000.00.12.H52-250301-0001",
                    text="Hỗ trợ đầu tư vùng đồng bào dân tộc thiểu số"),
        "an2": store(db, "an2", holder_name="NGUYỄN VĂN AN", holder_id="002090000222", number="16/2024/QĐ-UBND"),
        "anh": store(db, "anh", holder_name="Nguyễn Văn Anh", holder_id="003095000333", number="3/GP-SXD",
                     text="Thu hồi giấy phép khai thác nước mặt", pending=("holder_name",)),
        "receipt": store(db, "receipt", kind="giấy tiếp nhận hồ sơ", holder_name="Lò Văn Sơn",
                         holder_id="004099000444", text="Hẹn trả kết quả ngày 20 tháng 3 năm 2025"),
    }
    return found


def test_the_index_holds_words_and_the_parts_of_codes() -> None:
    words = index_words("so: 15/2024/qd-ubnd ma ho so: 000.00.12.h52-250301-0001")
    assert {"so", "ma", "ho", "15/2024/qd-ubnd", "15", "2024", "qd", "ubnd", "qd-ubnd", "2024/qd-ubnd"} <= words
    assert {"000.00.12.h52-250301-0001", "h52-250301-0001", "250301-0001", "0001", "h52"} <= words
    assert "so:" not in words and "" not in words
    assert query_terms("Quyết định  SỐ 15/2024/QĐ-UBND") == ["quyet", "dinh", "so", "15/2024/qd-ubnd"]


def test_search_by_cccd_number_and_exact_name(db: Database, archive: dict[str, int]) -> None:
    assert ids(db, "001085012345")[0] == archive["an"]
    assert ids(db, "0010 8501 2345")[0] == archive["an"]  # typed in groups
    assert ids(db, "015/2024/qd-ubnd")[0] == archive["an"]  # zero-padded, no đ, lower case
    assert ids(db, "Số: 15/2024/QĐ-UBND")[0] == archive["an"]
    assert ids(db, "3/GP-SXD") == [archive["anh"]]
    assert ids(db, "lo van son") == [archive["receipt"]]
    assert ids(db, "999999999999") == []


def test_ranking_id_and_number_then_name_then_text(db: Database, archive: dict[str, int]) -> None:
    # the CCCD is An's own (3) and is also written in the text of an earlier result (1)
    assert ids(db, "001085012345") == [archive["an"], archive["mention"]]
    # two holders with the exact name (2, by id), then a text naming him and a prefix "An…" → Anh (1, by id)
    assert ids(db, "Nguyễn Văn An") == [archive["an"], archive["an2"], archive["mention"], archive["anh"]]
    assert ids(db, "nguyen van an", limit=3) == [archive["an"], archive["an2"], archive["mention"]]
    assert ids(db, "Nguyễn Văn An", limit=1) == [archive["an"]]


def test_full_text_all_words_accents_and_case_optional(db: Database, archive: dict[str, int]) -> None:
    assert ids(db, "ho tro dau tu") == [archive["an"]]
    assert ids(db, "HỖ TRỢ ĐẦU TƯ") == [archive["an"]]
    assert ids(db, unicodedata.normalize("NFD", "hỗ trợ đầu tư")) == [archive["an"]]
    assert ids(db, "dau tu ho tro") == [archive["an"]]  # words in any order
    assert ids(db, "giay phep") == [archive["an"], archive["anh"]]
    assert ids(db, "giay phep nuoc mat") == [archive["anh"]]  # every word must be there
    assert ids(db, "ho tro nuoc mat") == []
    assert ids(db, "tỉnh sơn la") == [archive["an"]]
    assert set(ids(db, "doc lap tu do")) == set(archive.values())  # words every result has


def test_the_last_word_may_be_unfinished(db: Database, archive: dict[str, int]) -> None:
    assert ids(db, "ho tro dau t") == [archive["an"]]
    assert ids(db, "nguyen van a") == [archive["mention"], archive["an"], archive["an2"], archive["anh"]]
    assert ids(db, "khai tha") == [archive["anh"]]
    assert ids(db, "tha khai") == []  # only the last word is a beginning
    assert ids(db, "nguyễn") == [archive["mention"], archive["an"], archive["an2"], archive["anh"]]


def test_parts_of_codes_are_found(db: Database, archive: dict[str, int]) -> None:
    assert ids(db, "250301-0001") == [archive["an"]]
    assert ids(db, "H52-250301") == [archive["an"]]  # the beginning of a trailing part of the code
    assert set(ids(db, "qd-ubnd")) == {archive["mention"], archive["an"], archive["an2"]}
    assert ids(db, "ubnd 2025") == [archive["mention"]]


def test_a_reviewed_correction_is_found_under_its_new_value_only(db: Database, archive: dict[str, int]) -> None:
    assert ids(db, "3/GP-SXD") == [archive["anh"]]
    assert archive["anh"] in ids(db, "nguyen van anh")
    done = review.apply(db, [(archive["anh"], "holder_name", "Quàng Thị Yến", "da_duyet")], "tester")
    assert done.approved == 1
    assert ids(db, "quang thi yen") == [archive["anh"]]  # exact name (2)
    assert ids(db, "Quàng Thị") == [archive["anh"]]  # words
    assert archive["anh"] not in ids(db, "nguyen van anh")
    assert archive["anh"] not in ids(db, "Nguyễn Văn An")
    # a field cleared by a rejection is gone from the index too
    review.apply(db, [(archive["an2"], "number", "", "khong_duyet")], "tester")
    assert archive["an2"] not in ids(db, "16/2024/QĐ-UBND")


def test_a_file_read_again_replaces_its_words(db: Database) -> None:
    store(db, "same-file", holder_name="Phạm Minh Hải", text="bản đọc lần đầu")
    again = store(db, "same-file", holder_name="Phạm Minh Hùng", text="bản đọc sau cùng")
    assert ids(db, "pham minh hai") == [] and ids(db, "lan dau") == []
    assert ids(db, "pham minh hung") == ids(db, "ban doc sau cung") == [again]


def test_listing_a_page_at_a_time(db: Database, archive: dict[str, int]) -> None:
    everything = sorted(archive.values())
    page = library.list_page(db, limit=2, offset=1)
    assert (page.total, [v.id for v in page.results]) == (5, everything[1:3])
    assert {f.name for f in page.results[0].fields} == {"kind", "holder_name", "holder_id", "number", "issuer",
                                                        "subject", "dossier_code"}  # the page's own fields
    assert library.list_page(db, limit=2, offset=10).results == []
    pending = library.list_page(db, pending_only=True, limit=10)
    assert (pending.total, [v.id for v in pending.results]) == (1, [archive["anh"]])
    assert [v.id for v in library.list_results(db)] == everything  # everything, for exports


def test_cli_list_pages_and_counts(db: Database, archive: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    url = str(db.url)
    assert run(["--db", url, "results", "list", "--limit", "2", "--offset", "3", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed["total"], listed["offset"], listed["count"]) == (5, 3, 2)
    assert [r["id"] for r in listed["results"]] == sorted(archive.values())[3:]
    assert run(["--db", url, "results", "list", "--all", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 5
    assert run(["--db", url, "results", "list", "--pending", "--json"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)["results"]] == [archive["anh"]]
    assert run(["--db", url, "results", "list", "--limit", "2"]) == 0
    assert "results 1–2 of 5" in capsys.readouterr().err
    assert run(["--db", url, "results", "search", "nguyen", "van", "a", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 4


def test_results_stored_before_the_index_are_found_after_upgrade(db: Database, tmp_path: Path) -> None:
    migrate.downgrade(db, "0004_merge")  # the schema before the index, holding results of its own
    values = result_values({"holder_name": "Đỗ Thu Trang", "holder_id": "012345678901",
                            "number": "120/2023/QĐ-UBND"}, "Giấy chứng nhận quyền sử dụng đất cho hộ gia đình", False)
    with db.transaction() as session:
        file_ids = session.scalars(insert(ScanFileRow).returning(ScanFileRow.id),
                                   [{"sha256": "a" * 64, "path": "/old/a.pdf", "reason": "", "output_pdf": "",
                                     "output_text": ""}]).all()
        session.execute(insert(ScanResultRow), [{"file_id": file_ids[0], **values}])
    migrate.upgrade(db)
    assert migrate.schema_state(db).up_to_date
    found = library.search(db, "do thu trang")
    assert [v.values["holder_id"] for v in found] == ["012345678901"]
    assert ids(db, "012345678901") == ids(db, "120/2023/QD-UBND") == ids(db, "quyen su dung dat") == [found[0].id]


def test_the_bulk_path_indexes_what_it_stores(db: Database) -> None:
    from bench import resultgen

    items = list(resultgen.synth_results(40))
    with db.transaction() as session:
        result_ids = ScanStore(session).add_results(items)
    assert len(result_ids) == 40
    for i in (0, 17, 39):  # each result keeps its own file, fields and words (ids in the order given)
        view = library.search(db, resultgen.holder_id(i))[0]
        assert (view.id, view.path, view.values["holder_name"]) == (result_ids[i], items[i][0]["path"],
                                                                    resultgen.holder_name(i))
        assert {f.name: f.value for f in view.fields}["holder_id"] == resultgen.holder_id(i)
    number = resultgen.number(1)
    assert result_ids[1] in ids(db, number.replace("Đ", "D"))
    pending = [rid for rid, (_f, result, _fs) in zip(result_ids, items, strict=True) if result["state"] == "cho_duyet"]
    assert library.list_page(db, pending_only=True).total == len(pending)
