"""Properties of the pure diff (hypothesis): a catalogue agrees with itself, sides swap cleanly,
and the text forms users do not care about (NFD, extra spaces, code case) never show up."""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc_tools.diff import DiffReport, diff
from tthc_tools.model import Channel, DossierItem, Fee, LegalBasis, Procedure, Ref, Result, Step

WORDS = ["hộ tịch", "khai sinh", "Giấy", "phép", "đăng ký", "cấp lại", "Sở Tư pháp", "lệ phí", "bản sao", "xã"]
text = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
maybe = st.one_of(st.just(""), text)
count = st.one_of(st.none(), st.integers(0, 3))
refs = st.lists(st.builds(Ref, text, st.sampled_from(["", "G15-HT01", "G03-GD10"])), max_size=2).map(tuple)
fees = st.lists(st.builds(Fee, text, st.one_of(st.none(), st.integers(0, 5) .map(lambda n: n * 10000)),
                          st.sampled_from(["", "Đồng"])), max_size=2).map(tuple)
channels = st.lists(st.builds(Channel, st.sampled_from(["truc_tiep", "truc_tuyen", "buu_chinh"]),
                              st.sampled_from(["", "1 Ngày", "5 Ngày làm việc"]), fees, maybe),
                    max_size=3, unique_by=lambda c: c.kind).map(tuple)
dossier = st.lists(st.builds(DossierItem, text, maybe, count, count), max_size=3).map(tuple)
legal = st.lists(st.builds(LegalBasis, st.sampled_from(["60/2014/QH13", "123/2015/NĐ-CP", "04/2025/TT-VPCP"]), maybe),
                 max_size=2).map(tuple)


@st.composite
def procedure(draw: Any, code: str) -> Procedure:
    return Procedure(
        code=code, name=draw(text), levels=tuple(draw(st.sets(st.sampled_from(["tinh", "xa", "bo"]), max_size=2))),
        fields=draw(refs), agencies=draw(refs), channels=draw(channels), dossier=draw(dossier),
        steps=tuple(Step(t) for t in draw(st.lists(text, max_size=2))),
        results=tuple(Result(t, c) for t, c in draw(st.lists(st.tuples(text, st.sampled_from(["", "KQ.G15.000031"])),
                                                            max_size=2))),
        legal_basis=draw(legal), requirements=draw(maybe), status=draw(st.sampled_from(["active", "abolished"])),
    )


@st.composite
def catalogue(draw: Any) -> list[Procedure]:
    codes = draw(st.lists(st.integers(1000, 1012), unique=True, max_size=6))
    return [draw(procedure(f"1.{n:06d}")) for n in sorted(codes)]


def _content(report: DiffReport) -> tuple[Any, ...]:
    return report.only_national, report.only_local, report.changed, report.compared


def _untidy(value: Any) -> Any:
    """The same content as users see it, written differently: NFD, doubled and trailing spaces."""
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value.replace(" ", "  ")) + " " if value else value
    if isinstance(value, tuple):
        return tuple(_untidy(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        keep = {"code", "kind", "levels", "status", "amount", "originals", "copies", "issued", "effective", "number"}
        return dataclasses.replace(value, **{f.name: _untidy(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.name not in keep})
    return value


@settings(max_examples=80, deadline=None)
@given(catalogue())
def test_a_catalogue_agrees_with_itself(a: list[Procedure]) -> None:
    report = diff(a, a)
    assert not report.has_differences
    assert report.compared == len(a)


@settings(max_examples=80, deadline=None)
@given(catalogue(), catalogue())
def test_swapping_sides_swaps_only_local_and_only_national(a: list[Procedure], b: list[Procedure]) -> None:
    forward, backward = diff(a, b), diff(b, a)
    assert _content(backward) == _content(forward.mirrored())
    assert {o.code for o in forward.only_local} == {p.code for p in a} - {p.code for p in b}
    assert {o.code for o in forward.only_national} == {p.code for p in b} - {p.code for p in a}


@settings(max_examples=60, deadline=None)
@given(catalogue())
def test_text_forms_users_do_not_care_about_are_ignored(a: list[Procedure]) -> None:
    untidy = [dataclasses.replace(_untidy(p), code=p.code.upper()) for p in a]
    assert not diff(a, untidy).has_differences


@settings(max_examples=60, deadline=None)
@given(catalogue(), st.data())
def test_a_changed_procedure_is_reported_once_with_its_parts(a: list[Procedure], data: Any) -> None:
    if not a:
        return
    target = data.draw(st.sampled_from(a))
    edited = dataclasses.replace(target, name=target.name + " mới")
    report = diff(a, [edited if p is target else p for p in a])
    assert [(p.code, p.parts) for p in report.changed] == [(target.code, ["name"])]
