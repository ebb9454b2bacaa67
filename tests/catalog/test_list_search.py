"""``catalog list`` and ``search`` read light summaries from the procedure rows, streamed and paged.

The reference is :func:`lookup.catalogue` (every procedure decoded whole, filtered by
:meth:`Filters.accepts`): the summaries must give exactly its procedures, in its order, for every
restriction — those the database applies (level, category, status, search words), those the
look-up columns decide (field and agency names) and those only the content can (a field code, an
authorised or coordinating agency, the publisher). Speed is measured by bench/bench_lookup.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tthc_tools.catalog import lookup
from tthc_tools.cli import run
from tthc_tools.model import Procedure, Ref
from tthc_tools.store.catalog import CatalogStore, NewRevision
from tthc_tools.store.session import Database
from tthc_tools.ui import dumps
from tthc_tools.ui_stream import write_json

DAY = dt.date(2025, 1, 1)
FIELDS = [Ref("Hộ tịch", "G15-HT01"), Ref("Đất đai", "G13-DD02"), Ref("Chứng thực", "G15-CT03")]
AGENCIES = ["Ủy ban nhân dân cấp xã", "Sở Tư pháp", "Sở Tài nguyên và Môi trường"]
SIZE = 620  # more than the table's first screenful (500 rows), so the long table is written as it comes


def _procedure(n: int) -> Procedure:
    field = FIELDS[n % 3]
    return Procedure(
        code=f"{1 + n % 3}.{n:06d}", name=f"Thủ tục {field.name.lower()} số {n}",
        local_code=f"{1 + n % 3}.{n:06d}.000.00.00.H48" if n % 5 == 0 else "",
        levels=(("xa",), ("tinh",), ("tinh", "xa"), ("bo",))[n % 4], fields=(field,),
        agencies=(Ref(AGENCIES[n % 3]),), competent=(Ref("Chủ tịch UBND tỉnh"),) if n % 7 == 0 else (),
        authorized=(Ref("Phòng Tư pháp"),) if n % 11 == 0 else (),
        coordinating=(Ref("Công an xã"),) if n % 13 == 0 else (),
        publisher="Bộ Tư pháp" if n % 2 else "Bộ Nông nghiệp và Môi trường",
        status="abolished" if n % 17 == 0 else "active",
    )


@pytest.fixture
def stored(db: Database) -> Database:
    with db.transaction() as session:
        CatalogStore(session, today=DAY).create_many([NewRevision(_procedure(n), DAY, "created", ["name"])
                                                     for n in range(SIZE)])
    return db


def _summary(p: Procedure) -> lookup.Summary:
    return lookup.Summary(p.code, p.name, p.local_code, p.levels, tuple(f.name for f in p.fields), p.status)


FILTERS = {
    "none": lookup.Filters(),
    "level": lookup.Filters(levels=("xa",)),
    "levels": lookup.Filters(levels=("bo", "tinh")),
    "field name, no accents": lookup.Filters(field="ho tich"),
    "field code": lookup.Filters(field="G13-DD02"),
    "agency": lookup.Filters(agency="so tu phap"),
    "competent": lookup.Filters(agency="chu tich ubnd"),
    "authorised agency": lookup.Filters(agency="phong tu phap"),
    "coordinating agency": lookup.Filters(agency="CÔNG AN"),
    "publisher": lookup.Filters(agency="bo nong nghiep"),
    "category": lookup.Filters(category=2),
    "status": lookup.Filters(status="abolished"),
    "everything": lookup.Filters(levels=("xa",), field="dat dai", agency="tu phap", category=2, status="active"),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_summaries_are_the_catalogue_filtered(stored: Database, name: str) -> None:
    filters = FILTERS[name]
    expected = [_summary(p) for p in lookup.catalogue(stored, filters=filters)]
    assert expected, name  # every restriction keeps some procedures
    assert list(lookup.summaries(stored, filters=filters)) == expected
    assert list(lookup.summaries(stored, filters=filters, offset=7, limit=5)) == expected[7:12]


def test_paging_walks_the_whole_list(stored: Database) -> None:
    whole = [s.code for s in lookup.summaries(stored)]
    assert len(whole) == SIZE and whole == sorted(whole)
    pages = [[s.code for s in lookup.summaries(stored, offset=start, limit=100)] for start in range(0, SIZE, 100)]
    assert [code for page in pages for code in page] == whole
    assert list(lookup.summaries(stored, offset=SIZE)) == []


def test_another_date_reads_the_revisions_in_force_then(stored: Database) -> None:
    renamed = dataclasses.replace(_procedure(4), name="Tên mới từ năm 2026")
    later = dt.date(2026, 1, 1)
    with stored.transaction() as session:
        store = CatalogStore(session, today=DAY)
        head = store.head(renamed.code)
        assert head is not None
        store.apply(head, renamed, ["name"], valid_from=later, change="updated")
    for day in (DAY, later, dt.date(2024, 12, 31)):
        for filters in (lookup.Filters(), FILTERS["authorised agency"], FILTERS["field code"]):
            expected = [_summary(p) for p in lookup.catalogue(stored, as_of=day, filters=filters)]
            assert list(lookup.summaries(stored, as_of=day, filters=filters)) == expected
    names = {s.code: s.name for s in lookup.summaries(stored, as_of=later)}
    assert names[renamed.code] == "Tên mới từ năm 2026"


def test_search_finds_summaries_best_first(stored: Database) -> None:
    hits = lookup.search(stored, "HO TICH", limit=1000)
    assert {h.procedure.code for h in hits} == {p.code for p in map(_procedure, range(SIZE))
                                                if p.fields[0].name == "Hộ tịch"}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert lookup.search(stored, "1.000003")[0].procedure.code == "1.000003"
    narrowed = lookup.search(stored, "ho tich", filters=lookup.Filters(agency="phong tu phap", status="active"))
    assert narrowed and all(_procedure(int(h.procedure.code[2:])).authorized for h in narrowed)
    # ranked from codes and names (today) or from whole summaries (another date, same content): the same hits
    for text in ("thu tuc ho tich so 12", "dat dai", "1.000003"):
        for filters in (lookup.Filters(), lookup.Filters(levels=("tinh",), status="active")):
            today = lookup.search(stored, text, filters=filters, limit=30)
            assert today == lookup.search(stored, text, filters=filters, limit=30, as_of=DAY)


def test_cli_list_json_and_table(stored: Database, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    capsys.readouterr()
    assert run(["--db", stored.url, "catalog", "list", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["count"] == SIZE == len(document["procedures"])
    assert (document["offset"], document["limit"]) == (0, None)
    first = _procedure(0)
    assert document["procedures"][0] == {"code": first.code, "local_code": first.local_code, "name": first.name,
                                         "levels": ["xa"], "fields": ["Hộ tịch"], "status": "abolished"}

    assert run(["--db", stored.url, "catalog", "list", "--json", "--offset", "600", "--limit", "50"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["count"] == 20 and [p["code"] for p in page["procedures"]] == \
        [p["code"] for p in document["procedures"][600:]]

    for width in ("80", "160"):
        monkeypatch.setenv("COLUMNS", width)
        assert run(["--db", stored.url, "catalog", "list"]) == 0
        captured = capsys.readouterr()
        lines = captured.out.splitlines()
        assert lines[0].startswith("┏") and lines[2].startswith("┡") and lines[-1].startswith("└")
        [line_width] = {len(line) for line in lines}  # the widths of the first rows, fitted, are kept
        assert line_width == 80 if width == "80" else line_width < 160
        assert "Đã bãi" in captured.out and f"{SIZE} procedures" in captured.err  # "bỏ" may wrap
    codes = {p.local_code or p.code for p in map(_procedure, range(SIZE))}
    assert codes <= {cell.strip() for line in lines for cell in line.split("│")}  # wide enough not to fold


def test_streamed_json_is_the_same_text_as_the_whole_document() -> None:
    items = [{"code": "1.000001", "name": 'Tên "có" ngoặc\nxuống dòng', "levels": ["tinh", "xa"], "fields": [],
              "score": 1.5, "none": None, "flag": True, "nested": {"a": [1, {"b": 2}]}}, {}, [1, 2], "chữ"]
    for listed in (items, []):
        out = io.StringIO()
        count = write_json(out, {"query": "hộ tịch", "filters": {}}, "results", iter(listed),
                           lambda n: {"count": n}, dumps)
        whole = dumps({"query": "hộ tịch", "filters": {}, "results": listed, "count": len(listed)})
        assert count == len(listed) and out.getvalue() == whole + "\n"


def test_a_short_list_is_the_usual_table(stored: Database, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["--db", stored.url, "catalog", "list", "--status", "abolished", "--limit", "3"]) == 0
    captured = capsys.readouterr()
    assert "Đã bãi bỏ" in captured.out and "3 procedures" in captured.err
