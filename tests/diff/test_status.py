"""A procedure's status in the diff: abolished on one side and in force on the other is a difference.

The status is the one part every catalogue knows for each procedure it lists, whether or not its
source states one: a national snapshot taken from a list without a status column still lists the
procedure as in force. So a procedure the province abolished by a recorded decision while the
national side still lists it, and a procedure the national packet marks abolished ("Hết hiệu lực")
while the province still applies it, are both reported, in text and in ``--json``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tthc_tools.catalog import importer, readers
from tthc_tools.catalog.readers.national_packet import envelope
from tthc_tools.cli import run
from tthc_tools.diff.engine import diff
from tthc_tools.diff.model import DiffOptions
from tthc_tools.model import Procedure, Record
from tthc_tools.store.session import Database

DECISIONS = "tnt305__tai_lieu_noi_bo/decisions_clean"
ABOLISHED = ["1.012508", "1.012509", "1.012510"]  # by An Giang 2015/QĐ-UBND, signed 18/11/2025
CATALOGS = Path(__file__).resolve().parents[2] / "catalogs"


def _sheet(path: Path) -> Path:
    """The province's spreadsheet of the procedures An Giang 2015/QĐ-UBND amends and abolishes (no status column)."""
    rows = ["Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện",
            "1.012507,Cấp chứng chỉ nghiệp vụ chuyên môn về đấu thầu,Đấu thầu,Cấp tỉnh",
            "1.012508,Cấp lại chứng chỉ nghiệp vụ chuyên môn về đấu thầu,Đấu thầu,Cấp tỉnh",
            "1.012509,Gia hạn chứng chỉ nghiệp vụ chuyên môn về đấu thầu,Đấu thầu,Cấp tỉnh",
            "1.012510,Thu hồi chứng chỉ nghiệp vụ chuyên môn về đấu thầu,Đấu thầu,Cấp tỉnh"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _diff_json(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = run(["--db", db.url, "diff", "--json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_abolished_locally_by_a_decision_while_the_snapshot_lists_it(
    db: Database, realdata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _sheet(tmp_path / "dau-thau.csv")
    report = importer.import_paths(db, [sheet], valid_from=dt.date(2025, 1, 1))
    assert not report.failed
    assert run(["--db", db.url, "-q", "national", "pull", "--from", str(sheet)]) == 0
    code, before = _diff_json(db, capsys)
    assert code == 0 and not before["summary"]["differences"]  # same data: no differences

    [decision] = sorted((realdata / DECISIONS).glob("2015*.md"))
    assert run(["--db", db.url, "-q", "decision", "record", str(decision)]) == 0
    code, after = _diff_json(db, capsys)
    assert code == 1
    assert after["summary"]["changed"] == 3 and after["summary"]["unchanged"] == 1  # 1.012507 stays in force
    assert not after["only_local"] and not after["only_national"]
    assert [c["code"] for c in after["changed"]] == ABOLISHED
    for changed in after["changed"]:
        assert changed["parts"] == ["status"]
        assert changed["changes"] == [{"part": "status", "change": "changed", "item": "", "field": "",
                                       "local": "abolished", "national": "active"}]

    capsys.readouterr()
    assert run(["--db", db.url, "diff"]) == 1
    text = capsys.readouterr().out
    assert "Status" in text and text.count("Đã bãi bỏ") == 3 and text.count("Đang áp dụng") == 3
    assert run(["--db", db.url, "diff", "--ignore", "status"]) == 0  # the officer may leave it out


def _packet_file(path: Path, status_of: dict[str, str]) -> Path:
    """The sample national packets, with ``TRANGTHAI`` set as the national database would."""
    document = json.loads((CATALOGS / "goi-tin-quoc-gia.json").read_text(encoding="utf-8"))
    packets = json.loads(document["message"])["result"]
    for packet in packets:
        if packet["MATTHC"] in status_of:
            packet["TRANGTHAI"] = status_of[packet["MATTHC"]]
    path.write_text(json.dumps(envelope(packets), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("said", ["Hết hiệu lực", "Đã bãi bỏ", "Không còn hiệu lực", "ngừng áp dụng"])
def test_abolished_nationally_while_in_force_locally(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], said: str
) -> None:
    assert run(["--db", db.url, "-q", "catalog", "import", str(CATALOGS / "goi-tin-quoc-gia.json")]) == 0
    national = _packet_file(tmp_path / "national.json", {"1.001193": said})
    [read] = [i.procedure for i in readers.read(national).items if isinstance(i, Record) and i.procedure.code ==
              "1.001193"]
    assert read.status == "abolished"

    code, document = _diff_json(db, capsys, "--against", str(national))
    assert code == 1 and [c["code"] for c in document["changed"]] == ["1.001193"]
    assert document["changed"][0]["changes"] == [{"part": "status", "change": "changed", "item": "", "field": "",
                                                  "local": "active", "national": "abolished"}]

    assert run(["--db", db.url, "-q", "national", "pull", "--from", str(national)]) == 0
    code, pulled = _diff_json(db, capsys)  # the same against the stored snapshot
    assert code == 1 and pulled["changed"] == document["changed"]
    capsys.readouterr()
    assert run(["--db", db.url, "diff"]) == 1
    text = capsys.readouterr().out
    assert "1.001193" in text and "Đang áp dụng" in text and "Đã bãi bỏ" in text


def test_a_national_status_in_force_is_no_difference(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", db.url, "-q", "catalog", "import", str(CATALOGS / "goi-tin-quoc-gia.json")]) == 0
    national = _packet_file(tmp_path / "national.json", {"1.001193": "Còn hiệu lực", "1.000894": "Đang áp dụng"})
    code, document = _diff_json(db, capsys, "--against", str(national))
    assert code == 0 and not document["summary"]["differences"]


def test_the_status_is_compared_even_when_a_source_does_not_state_it() -> None:
    listed = Procedure(code="1.000001", name="Thủ tục A", levels=("xa",))
    abolished = Procedure(code="1.000001", name="Thủ tục A", levels=("xa",), status="abolished",
                          decision="12/QĐ-UBND")
    excel = Record(listed, frozenset({"name", "levels"}))  # a list with no status (nor decision) column
    report = diff([abolished], [excel])
    [changed] = report.changed
    assert [(c.part, c.local, c.national) for c in changed.changes] == [("status", "abolished", "active")]
    mirrored = diff([excel], [abolished])
    assert [(c.part, c.local, c.national) for c in mirrored.changed[0].changes] == [("status", "active", "abolished")]
    assert not diff([abolished], [excel], DiffOptions(ignore=frozenset({"status"}))).has_differences
    assert not diff([listed], [excel]).has_differences
    assert not diff([abolished], [Record(abolished, frozenset({"name", "status"}))]).has_differences
