"""Exports are all-or-nothing: a failure leaves the previous file as it was and no temporary file behind."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from tthc_tools.errors import ExitCode, OutputProblem
from tthc_tools.export import ExportHeader, ExportItem
from tthc_tools.export.xml_read import read_catalog_xml
from tthc_tools.export.xml_write import write_catalog
from tthc_tools.model import Procedure, Ref

GOOD = [Procedure("1.000001", "Thủ tục một"), Procedure("1.000002", "Thủ tục hai")]


def _previous(folder: Path) -> tuple[Path, bytes, float]:
    path = folder / "catalog.xml"
    write_catalog(path, [ExportItem(p) for p in GOOD], ExportHeader())
    os.utime(path, (1_500_000_000, 1_500_000_000))
    return path, path.read_bytes(), path.stat().st_mtime


def _fails(path: Path, procedures: list[Procedure]) -> OutputProblem:
    with pytest.raises(OutputProblem) as caught:
        write_catalog(path, [ExportItem(p) for p in procedures], ExportHeader())
    assert caught.value.exit_code == ExitCode.OUTPUT
    return caught.value


def _untouched(path: Path, data: bytes, mtime: float) -> None:
    assert path.read_bytes() == data
    assert path.stat().st_mtime == mtime
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_an_invalid_procedure_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    path, data, mtime = _previous(tmp_path)
    bad = [*GOOD, Procedure("1.000003", "Thủ tục ba", levels=("tinh", "quan"))]
    error = _fails(path, bad)
    assert str(error).startswith(f"{path}: line 21: Element 'level'")
    assert "'quan' is not an element of the set" in str(error) and "(procedure 1.000003)" in str(error)
    _untouched(path, data, mtime)


def test_the_line_in_the_message_is_the_line_of_the_offending_element(tmp_path: Path) -> None:
    bad = dataclasses.replace(GOOD[1], levels=("quan",))
    error = _fails(tmp_path / "new.xml", [GOOD[0], bad])
    good = tmp_path / "good.xml"
    write_catalog(good, [ExportItem(GOOD[0]), ExportItem(dataclasses.replace(bad, levels=("xa",)))], ExportHeader())
    line = good.read_text(encoding="utf-8").splitlines().index("      <level>xa</level>") + 1
    assert f"line {line}:" in str(error)
    assert not (tmp_path / "new.xml").exists()


def test_an_invalid_code_is_refused(tmp_path: Path) -> None:
    path, data, mtime = _previous(tmp_path)
    error = _fails(path, [Procedure("9.99", "Sai mã")])
    assert "9.99" in str(error)
    _untouched(path, data, mtime)


def test_unsorted_or_duplicate_codes_are_refused(tmp_path: Path) -> None:
    path, data, mtime = _previous(tmp_path)
    assert "1.000001 came after 1.000002" in str(_fails(path, list(reversed(GOOD))))
    assert "1.000001 came after 1.000001" in str(_fails(path, [GOOD[0], GOOD[0]]))
    _untouched(path, data, mtime)


def test_text_xml_cannot_carry_is_refused_with_the_code(tmp_path: Path) -> None:
    path, data, mtime = _previous(tmp_path)
    error = _fails(path, [Procedure("1.000001", "bad \x00 byte")])
    assert "1.000001" in str(error)
    _untouched(path, data, mtime)


def test_a_failing_item_source_leaves_nothing_behind(tmp_path: Path) -> None:
    path, data, mtime = _previous(tmp_path)

    def items() -> object:
        yield ExportItem(GOOD[0])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_catalog(path, items(), ExportHeader())  # type: ignore[arg-type]
    _untouched(path, data, mtime)


def test_a_missing_folder_is_an_output_problem(tmp_path: Path) -> None:
    with pytest.raises(OutputProblem, match="does not exist"):
        write_catalog(tmp_path / "nope" / "catalog.xml", [], ExportHeader())


def test_an_unwritable_folder_is_an_output_problem(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(OutputProblem, match="cannot write"):
            write_catalog(folder / "catalog.xml", [], ExportHeader())
    finally:
        folder.chmod(0o700)


def test_verify_rereads_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xml"
    report = write_catalog(path, [ExportItem(p) for p in GOOD], ExportHeader(), verify=True)
    assert report.count == 2 and report.changed
    assert [r.procedure for r in read_catalog_xml(path)] == GOOD


def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "catalog.xml"
    write_catalog(path, [ExportItem(Procedure("1.000001", "x", fields=(Ref("y"),)))], ExportHeader())
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_an_os_error_while_writing_is_an_output_problem(tmp_path: Path) -> None:
    path, data, mtime = _previous(tmp_path)
    with pytest.raises(OutputProblem, match="cannot write"):
        write_catalog(tmp_path / ("x" * 300 + ".xml"), [ExportItem(p) for p in GOOD], ExportHeader())
    _untouched(path, data, mtime)
