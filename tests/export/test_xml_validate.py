"""``validate_file`` lists every problem of a catalogue file with its line; the reader stops at the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc_tools.errors import BadInput
from tthc_tools.export import ExportHeader, ExportItem
from tthc_tools.export.xml_read import read_catalog_xml, validate_file
from tthc_tools.export.xml_write import write_catalog
from tthc_tools.model import Channel, Fee, Problem, Procedure

PROCEDURES = [
    Procedure("1.000001", "Thủ tục một", levels=("tinh",)),
    Procedure("1.000002", "Thủ tục hai", levels=("xa",), channels=(Channel("truc_tiep", "5 Ngày", (Fee("Lệ phí", 0),)),)),
    Procedure("1.000003", "Thủ tục ba", levels=("tinh",)),
]


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.xml"
    write_catalog(path, [ExportItem(p) for p in PROCEDURES], ExportHeader())
    return path


def _edit(path: Path, old: str, new: str, count: int = 1) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path.read_text(encoding="utf-8").splitlines()


def _line_of(lines: list[str], fragment: str, start: int = 0) -> int:
    return next(i for i, line in enumerate(lines) if i >= start and fragment in line) + 1


def _where(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.location, p.code) for p in problems]


def test_a_fresh_export_has_no_problems(exported: Path) -> None:
    assert validate_file(exported) == []


def test_every_schema_error_is_listed_with_its_line(exported: Path) -> None:
    lines = _edit(exported, "<level>tinh</level>", "<level>quan</level>", count=2)
    problems = validate_file(exported)
    first = _line_of(lines, "quan")
    second = _line_of(lines, "quan", first)
    assert _where(problems)[:2] == [(f"line {first}", "1.000001"), (f"line {second}", "1.000003")]
    assert all(p.severity == "error" and p.path == str(exported) for p in problems)
    assert "quan" in problems[0].message


def test_a_bad_amount_is_reported_at_its_line(exported: Path) -> None:
    lines = _edit(exported, "<amount>0</amount>", "<amount>không</amount>")
    problems = validate_file(exported)
    assert _where(problems)[0] == (f"line {_line_of(lines, 'không')}", "1.000002")


def test_order_count_and_hash_are_checked(exported: Path) -> None:
    lines = _edit(exported, 'code="1.000003"', 'code="1.000002"')
    _edit(exported, "<count>3</count>", "<count>4</count>")
    messages = [p.message for p in validate_file(exported)]
    assert any("codes must increase" in m for m in messages)
    assert any("says 4 procedures, the file holds 3" in m for m in messages)
    assert any("catalogHash does not match" in m for m in messages)
    assert lines


def test_an_edited_text_breaks_only_the_hash(exported: Path) -> None:
    _edit(exported, "Thủ tục hai", "Thủ tục hai (sửa tay)")
    problems = validate_file(exported)
    assert [p.message for p in problems] == [
        "catalogHash does not match the procedures: the file was changed after export"
    ]


def test_stray_and_missing_elements_are_reported(exported: Path) -> None:
    lines = _edit(exported, "  <procedure code=\"1.000002\">", "  <note>x</note>\n  <procedure code=\"1.000002\">")
    problems = validate_file(exported)
    assert (f"line {_line_of(lines, '<note>')}", "") in _where(problems)
    assert any("unexpected element <note>" in p.message for p in problems)


def test_a_file_without_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xml"
    path.write_text(
        '<catalog xmlns="urn:tthc-tools:catalog:1">\n'
        '  <procedure code="1.000001"><name>x</name><status>active</status></procedure>\n</catalog>\n',
        encoding="utf-8",
    )
    assert [p.message for p in validate_file(path)] == ["the file must start with a <header>"]


def test_the_reader_stops_at_the_first_problem_with_exit_4(exported: Path) -> None:
    lines = _edit(exported, "<level>xa</level>", "<level>quan</level>")
    with pytest.raises(BadInput) as caught:
        list(read_catalog_xml(exported))
    assert f"{exported}: line {_line_of(lines, 'quan')}: " in str(caught.value)
    assert caught.value.exit_code == 4
