"""The pure diff on hand-made catalogues: what it reports, item by item, and what it leaves out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest

from tthc_tools.diff import Change, DiffOptions, check_ignore, diff
from tthc_tools.errors import UsageProblem
from tthc_tools.model import Channel, DossierItem, Fee, LegalBasis, Procedure, Record, Ref, Result, Step


def _birth() -> Procedure:
    return Procedure(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        levels=("xa",),
        fields=(Ref("Hộ tịch", "G15-HT01"),),
        agencies=(Ref("Ủy ban nhân dân cấp xã"),),
        steps=(Step("Bước 1: Nộp hồ sơ."), Step("Bước 2: Trả kết quả.")),
        channels=(
            Channel("truc_tiep", "1 Ngày làm việc", (Fee("Lệ phí", 8000, "Đồng"),)),
            Channel("truc_tuyen", "1 Ngày làm việc", (Fee("Miễn phí"),)),
        ),
        dossier=(DossierItem("Tờ khai đăng ký khai sinh", originals=1, copies=0),
                 DossierItem("Giấy chứng sinh", originals=1, copies=0)),
        results=(Result("Giấy khai sinh", "KQ.G15.000031"),),
        legal_basis=(LegalBasis("60/2014/QH13", "Luật Hộ tịch", dt.date(2014, 11, 20)),),
        decision="163/QĐ-BTP",
    )


def _marriage() -> Procedure:
    return Procedure(code="1.000894", name="Thủ tục đăng ký kết hôn", levels=("xa",),
                     channels=(Channel("truc_tiep", "3 Ngày làm việc"),))


def _changes(local: Procedure, national: Procedure, **options: object) -> list[Change]:
    report = diff([local], [national], DiffOptions(**options))  # type: ignore[arg-type]
    assert not report.only_local and not report.only_national
    return [c for p in report.changed for c in p.changes]


def test_same_catalogue_has_no_differences() -> None:
    report = diff([_birth(), _marriage()], [_birth(), _marriage()])
    assert not report.has_differences
    assert report.compared == 2 and report.unchanged == 2


def test_deadline_changed_on_one_channel() -> None:
    national = dataclasses.replace(_birth(), channels=(
        _birth().channels[0], dataclasses.replace(_birth().channels[1], deadline="2 Ngày làm việc")))
    assert _changes(_birth(), national) == [
        Change("channels", "changed", "truc_tuyen", "deadline", "1 Ngày làm việc", "2 Ngày làm việc")]


def test_fee_changed_shows_the_whole_fee_on_each_side() -> None:
    national = dataclasses.replace(_birth(), channels=(
        dataclasses.replace(_birth().channels[0], fees=(Fee("Lệ phí", 10000, "Đồng"),)), _birth().channels[1]))
    assert _changes(_birth(), national) == [Change(
        "channels", "changed", "truc_tiep", "fee",
        {"description": "Lệ phí", "amount": 8000, "unit": "Đồng"},
        {"description": "Lệ phí", "amount": 10000, "unit": "Đồng"})]


def test_channel_only_on_one_side() -> None:
    national = dataclasses.replace(_birth(), channels=(*_birth().channels, Channel("buu_chinh", "2 Ngày")))
    [change] = _changes(_birth(), national)
    assert (change.part, change.kind, change.item) == ("channels", "only_national", "buu_chinh")


def test_dossier_paper_added_and_counts_changed() -> None:
    papers = (dataclasses.replace(_birth().dossier[0], copies=1), _birth().dossier[1],
              DossierItem("Văn bản ủy quyền", originals=1))
    changes = _changes(_birth(), dataclasses.replace(_birth(), dossier=papers))
    assert [(c.kind, c.item, c.field) for c in changes] == [
        ("changed", "Tờ khai đăng ký khai sinh", "copies"),
        ("only_national", "Văn bản ủy quyền", ""),
    ]


def test_legal_basis_replaced_is_paired() -> None:
    new = LegalBasis("123/2015/NĐ-CP", "Nghị định hướng dẫn Luật Hộ tịch", dt.date(2015, 11, 15))
    [change] = _changes(_birth(), dataclasses.replace(_birth(), legal_basis=(new,)))
    assert change.kind == "replaced"
    assert change.local["number"] == "60/2014/QH13" and change.national["number"] == "123/2015/NĐ-CP"


def test_text_form_differences_are_ignored() -> None:
    spaced = dataclasses.replace(
        _birth(), name=unicodedata.normalize("NFD", "Thủ  tục đăng ký khai sinh "),
        dossier=tuple(dataclasses.replace(d, name=unicodedata.normalize("NFD", d.name) + "  ") for d in _birth().dossier),
        results=(Result("Giấy khai sinh", "kq.g15.000031"),),
    )
    assert _changes(_birth(), spaced) == []


def test_local_code_forms_and_case_match_the_national_code() -> None:
    local = dataclasses.replace(_birth(), code="1.001193.000.00.00.h48")
    report = diff([local], [_birth()])
    assert not report.has_differences and report.compared == 1


def test_only_parts_both_sides_carry_are_compared() -> None:
    listed = Procedure(code="1.001193", name="Thủ tục đăng ký khai sinh", fields=(Ref("Hộ tịch"),))
    national = Record(listed, frozenset({"name", "fields"}))
    assert not diff([_birth()], [national]).has_differences
    renamed = Record(dataclasses.replace(listed, name="Đăng ký khai sinh"), frozenset({"name", "fields"}))
    [changed] = diff([_birth()], [renamed]).changed
    assert changed.parts == ["name"]


def test_ignore_a_part_or_a_field() -> None:
    national = dataclasses.replace(_birth(), name="Đăng ký khai sinh", channels=(
        dataclasses.replace(_birth().channels[0], deadline="2 Ngày"), _birth().channels[1]))
    assert {c.part for c in _changes(_birth(), national, ignore=frozenset({"name"}))} == {"channels"}
    assert {c.part for c in _changes(_birth(), national, ignore=frozenset({"channels.deadline"}))} == {"name"}
    with pytest.raises(UsageProblem):
        check_ignore(["channel"])


def test_one_sided_procedures_get_suggestions_by_name() -> None:
    moved = dataclasses.replace(_birth(), code="1.999999", name="Thủ tục đăng ký khai sinh ")
    report = diff([_birth(), _marriage()], [moved, _marriage()])
    [only_local] = report.only_local
    [only_national] = report.only_national
    assert only_local.code == "1.001193" and only_national.code == "1.999999"
    assert [(s.code, s.score) for s in only_local.suggestions] == [("1.999999", 100.0)]
    assert [s.code for s in only_national.suggestions] == ["1.001193"]


def test_filters_restrict_the_comparison() -> None:
    from tthc_tools.catalog.lookup import Filters

    national = dataclasses.replace(_marriage(), name="Đăng ký kết hôn", fields=(Ref("Hôn nhân"),))
    report = diff([_birth(), _marriage()], [_birth(), national], DiffOptions(filters=Filters(field="ho tich")))
    assert report.compared == 1 and not report.has_differences
    report = diff([_birth(), _marriage()], [_birth(), national], DiffOptions(filters=Filters(field="hôn nhân")))
    assert [p.code for p in report.changed] == ["1.000894"]
