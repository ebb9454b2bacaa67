"""The catalogue store on SQLite and PostgreSQL: revisions, dates in force, history."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tthc_tools.model import Channel, Fee, Procedure, Ref
from tthc_tools.store.catalog import CatalogStore, NewRevision
from tthc_tools.store.migrate import schema_state
from tthc_tools.store.session import Database

DAY1 = dt.date(2025, 1, 10)
DAY2 = dt.date(2025, 3, 1)
DAY3 = dt.date(2025, 6, 1)


def _birth() -> Procedure:
    return Procedure(
        code="1.001193", name="Thủ tục đăng ký khai sinh", levels=("xa",), fields=(Ref("Hộ tịch"),),
        channels=(Channel("truc_tiep", "1", (Fee("Miễn phí"),)),),
    )


def test_migrated_schema_is_current(db: Database) -> None:
    assert schema_state(db).up_to_date


def test_create_then_revise_keeps_every_state(db: Database) -> None:
    first = _birth()
    with db.transaction() as session:
        CatalogStore(session, today=DAY1).create_many([NewRevision(first, DAY1, "created", ["name"])])
    renamed = dataclasses.replace(first, name="Đăng ký khai sinh")
    with db.transaction() as session:
        store = CatalogStore(session, today=DAY2)
        head = store.head("1.001193")
        assert head is not None
        added = store.apply(head, renamed, ["name"], valid_from=DAY2, change="updated")
        assert added == [2]
    with db.reading() as session:
        store = CatalogStore(session, today=DAY2)
        assert store.in_force("1.001193", DAY1) == first
        assert store.in_force("1.001193", DAY2) == renamed
        assert store.in_force("1.001193", dt.date(2024, 12, 31)) is None
        assert [p.name for p in store.as_of(DAY1)] == ["Thủ tục đăng ký khai sinh"]
        history = store.history("1.001193")
        assert [(e.seq, e.change, e.valid_from) for e in history] == [(1, "created", DAY1), (2, "updated", DAY2)]


def test_same_content_adds_no_revision(db: Database) -> None:
    with db.transaction() as session:
        CatalogStore(session, today=DAY1).create_many([NewRevision(_birth(), DAY1, "created", ["name"])])
    with db.transaction() as session:
        store = CatalogStore(session, today=DAY2)
        head = store.head("1.001193")
        assert head is not None
        assert store.apply(head, _birth(), ["name", "channels"], valid_from=DAY2, change="updated") == []


def test_scheduled_change_takes_effect_on_its_date_and_survives_later_imports(db: Database) -> None:
    with db.transaction() as session:
        CatalogStore(session, today=DAY1).create_many([NewRevision(_birth(), DAY1, "created", ["name"])])
    abolished = dataclasses.replace(_birth(), status="abolished")
    with db.transaction() as session:  # a decision recorded on DAY1, in force from DAY3
        store = CatalogStore(session, today=DAY1)
        head = store.head("1.001193")
        assert head is not None
        store.apply(head, abolished, ["status"], valid_from=DAY3, change="abolished")
    fee = dataclasses.replace(_birth(), channels=(Channel("truc_tiep", "1", (Fee("Lệ phí", 8000, "Đồng"),)),))
    with db.transaction() as session:  # an import on DAY2 changes the fee
        store = CatalogStore(session, today=DAY2)
        head = store.head("1.001193")
        assert head is not None and head.has_scheduled
        store.apply(head, fee, ["channels"], valid_from=DAY2, change="updated")
    with db.transaction() as session:
        store = CatalogStore(session, today=DAY3)
        store.refresh_in_force()
        on_day2 = store.in_force("1.001193", DAY2)
        on_day3 = store.in_force("1.001193", DAY3)
        assert on_day2 is not None and on_day2.status == "active" and on_day2.channels == fee.channels
        assert on_day3 is not None and on_day3.status == "abolished" and on_day3.channels == fee.channels
        head = store.head("1.001193")
        assert head is not None and head.status == "abolished"
