"""Channels whose kind a side did not state (a spreadsheet's one deadline and fee): compared with each
channel of the other side, so the report says which channel's deadline differs from the sheet's."""

from __future__ import annotations

from tthc_tools.diff import Change, diff
from tthc_tools.diff.words import item_label
from tthc_tools.model import Channel, Fee, Procedure, Record

NATIONAL = Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", channels=(
    Channel("truc_tiep", "1 Ngày làm việc", (Fee("Lệ phí", 8000, "Đồng"),)),
    Channel("truc_tuyen", "2 Ngày làm việc", (Fee("Lệ phí", 8000, "Đồng"),)),
))


def _sheet(deadline: str, *fees: Fee) -> Record:
    procedure = Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh",
                          channels=(Channel("", deadline, fees),))
    return Record(procedure, frozenset({"name", "channels"}))


def _changes(local: Record | Procedure, national: Record | Procedure) -> list[Change]:
    report = diff([local], [national])
    return [c for p in report.changed for c in p.changes]


def test_the_sheet_deadline_is_compared_with_each_channel() -> None:
    assert _changes(_sheet("1 ngày làm việc"), NATIONAL) == [
        Change("channels", "changed", "truc_tuyen", "deadline", "1 ngày làm việc", "2 Ngày làm việc")]
    assert _changes(NATIONAL, _sheet("1 ngày làm việc")) == [  # whichever side the sheet is on
        Change("channels", "changed", "truc_tuyen", "deadline", "2 Ngày làm việc", "1 ngày làm việc")]


def test_a_sheet_that_agrees_with_every_channel_is_no_difference() -> None:
    national = Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", channels=(
        Channel("truc_tiep", "1 Ngày làm việc", (Fee("Lệ phí", 8000, "Đồng"),)),
        Channel("buu_chinh", "1 ngày làm việc")))  # no fee given for the post: unknown there
    assert not diff([_sheet("1 ngày làm việc", Fee("Lệ phí", 8000, "Đồng"))], [national]).has_differences


def test_a_different_fee_is_shown_under_each_channel() -> None:
    changes = _changes(_sheet("", Fee("Lệ phí", 10000, "Đồng")), NATIONAL)
    assert [(c.item, c.field, c.local["amount"], c.national["amount"]) for c in changes] == [
        ("truc_tiep", "fee", 10000, 8000), ("truc_tuyen", "fee", 10000, 8000)]


def test_two_sheets_compare_their_unstated_channels_with_each_other() -> None:
    [change] = _changes(_sheet("5 ngày"), _sheet("7 ngày"))
    assert (change.item, change.field, change.local, change.national) == ("", "deadline", "5 ngày", "7 ngày")
    assert item_label(change) == "not stated"


def test_named_channels_beside_an_unstated_one() -> None:
    """After a sheet was imported over the national record, the local catalogue holds both."""
    local = Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh",
                      channels=(*NATIONAL.channels, Channel("", "5 ngày làm việc")))
    [change] = _changes(local, NATIONAL)
    assert (change.kind, change.item, change.local) == ("only_local", "", {"kind": "", "deadline": "5 ngày làm việc"})
