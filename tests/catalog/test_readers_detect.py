"""Format detection, the registry, and every bad input refused with a one-line message naming the file."""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

import pytest

from tthc_tools.catalog import readers
from tthc_tools.errors import BadInput, ExitCode

REAL = {
    "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl": "portal-jsonl",
    "chatbot-tthc__chatbot_tthc/raw_bo-tu-phap": "portal-jsonl",
    "chatbot-tthc__chatbot_tthc/raw_bo-tu-phap/1.001193.json": "portal-jsonl",
    "chatbot-tthc__chatbot_tthc/xlsx_csdl_export/toa-an-nhan-dan.xlsx": "csdl-xlsx",
    "nhdandz__ThuTucHanhChinh/extracted_fixed": "structured-json",
    "nhdandz__ThuTucHanhChinh/extracted_fixed/1.013124.json": "structured-json",
}


@pytest.mark.parametrize("relative,expected", sorted(REAL.items()))
def test_real_inputs_are_recognised(realdata: Path, relative: str, expected: str) -> None:
    assert readers.detect(realdata / relative) == expected


def test_registry_names_match_the_command_line() -> None:
    assert readers.FORMATS == ("csdl-xlsx", "portal-jsonl", "structured-json", "national-json", "table", "xml")
    assert readers.normalize_format("CSDL_XLSX") == "csdl-xlsx"
    with pytest.raises(BadInput, match="unknown format 'pdf'"):
        readers.read(Path("x.pdf"), "pdf")


def _refused(path: Path, pattern: str, fmt: str | None = None) -> BadInput:
    with pytest.raises(BadInput) as caught:
        result = readers.read(path, fmt)
        list(result.items)
    error = caught.value
    assert error.exit_code == ExitCode.BAD_INPUT
    assert path.name in str(error) and "\n" not in str(error)
    assert re.search(pattern, error.reason), error.reason
    return error


def test_missing_empty_and_folder_inputs(tmp_path: Path) -> None:
    _refused(tmp_path / "nowhere.csv", "file not found")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    _refused(empty, "empty file")
    _refused(empty, "empty file", "csdl-xlsx")
    folder = tmp_path / "folder"
    folder.mkdir()
    _refused(folder, "no .json or .jsonl file")
    _refused(folder, "is a folder", "table")


def test_damaged_and_disguised_files(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(5000))
    _refused(corrupt, "corrupt or truncated")
    _refused(corrupt, "corrupt or truncated|cannot read", "table")
    word = tmp_path / "report.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    _refused(word, "Word document")
    zipped_csv = tmp_path / "list.csv"
    zipped_csv.write_bytes(word.read_bytes())
    _refused(zipped_csv, "named .csv but is a ZIP")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    _refused(old, "97–2003")
    pdf = tmp_path / "decision.json"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    _refused(pdf, "PDF")
    csv_named_json = tmp_path / "list.json"
    csv_named_json.write_text("Mã TTHC,Tên\n1.001193,Khai sinh\n", encoding="utf-8")
    _refused(csv_named_json, "named .json but holds CSV text")


def test_the_tools_own_xml_is_routed_to_its_reader(tmp_path: Path) -> None:
    export = tmp_path / "catalogue.xml"
    export.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<catalog/>\n', encoding="utf-8")
    assert readers.detect(export) == "xml"
    disguised = tmp_path / "catalogue.csv"
    disguised.write_bytes(export.read_bytes())
    _refused(disguised, "named .csv but holds XML")


def test_json_that_is_not_json(tmp_path: Path) -> None:
    broken = tmp_path / "packet.json"
    broken.write_text('{"MATTHC": "1.001193",\n "TENTTHC": "Khai sinh",\n "CAPTHUCHIEN": [}\n', encoding="utf-8")
    error = _refused(broken, "not valid JSON")
    assert error.location == "line 3, column 18"
    unknown = tmp_path / "other.json"
    unknown.write_text('{"name": "x"}', encoding="utf-8")
    _refused(unknown, "no known catalogue format")


def test_random_bytes_fail_fast(tmp_path: Path) -> None:
    noise = tmp_path / "noise.csv"
    with noise.open("wb") as handle:
        for _ in range(50):
            handle.write(os.urandom(1 << 20))
    for fmt in (None, "table", "portal-jsonl", "national-json", "structured-json", "csdl-xlsx"):
        started = time.monotonic()
        _refused(noise, "binary|not a valid Excel|not UTF-8|cannot read", fmt)
        assert time.monotonic() - started < 3, fmt
