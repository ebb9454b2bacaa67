"""How sources say a procedure is abolished: "Đã bãi bỏ", "Hết hiệu lực", "Không còn hiệu lực"…

The national packet has ``TRANGTHAI`` (free text: no source documents a code list, so a bare code is
not taken as abolished); a spreadsheet may have a "Tình trạng" / "Trạng thái" / "Hiệu lực" column;
the national Excel export and the portal pages have no status at all (a procedure listed there is in
force). Only a non-default status is carried, so a list without one never revives an abolished
procedure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tthc_tools.catalog import readers
from tthc_tools.model import Record

SAID = {
    "Đã bãi bỏ": "abolished", "Bị bãi bỏ": "abolished", "HẾT HIỆU LỰC": "abolished", "Không còn hiệu lực": "abolished",
    "Ngừng áp dụng": "abolished", "Ngưng hiệu lực": "abolished", "abolished": "abolished",
    "Còn hiệu lực": "active", "Đang áp dụng": "active", "Có hiệu lực": "active", "": "active", "1": "active",
}


def _records(path: Path) -> list[Record]:
    return [i for i in readers.read(path).items if isinstance(i, Record)]


@pytest.mark.parametrize("header", ["Tình trạng", "Trạng thái", "Hiệu lực"])
def test_a_spreadsheet_status_column(tmp_path: Path, header: str) -> None:
    path = tmp_path / "sheet.csv"
    rows = [f"1.{n:06d},Thủ tục {n},{said}" for n, said in enumerate(SAID, 1)]
    path.write_text(f"Mã TTHC,Tên thủ tục hành chính,{header}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    records = _records(path)
    assert [r.procedure.status for r in records] == list(SAID.values())
    assert [("status" in r.carried) for r in records] == [v == "abolished" for v in SAID.values()]


def test_the_national_packet_trangthai(tmp_path: Path) -> None:
    packets = [{"MATTHC": f"1.{n:06d}", "TENTTHC": f"Thủ tục {n}", "TRANGTHAI": said}
               for n, said in enumerate(SAID, 1)]
    path = tmp_path / "packets.json"
    path.write_text(json.dumps({"message": json.dumps({"result": packets}, ensure_ascii=False)}, ensure_ascii=False),
                    encoding="utf-8")
    assert readers.detect(path) == "national-json"
    assert [r.procedure.status for r in _records(path)] == list(SAID.values())
