"""One unwrapping of the national envelope: the HTTP client and the file reader take and refuse the same shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tthc_tools.catalog import readers
from tthc_tools.catalog.readers.national_packet import envelope, unwrap
from tthc_tools.errors import BadInput
from tthc_tools.model import Record
from tthc_tools.national.client import NationalGarbage, parse_envelope

PACKET = {"MATTHC": "1.004227", "TENTTHC": "Thủ tục Y"}
URL = "http://127.0.0.1:9/KetNoiMotCuaQuocGia/LayThuTuc?maTTHC=1.004227"
SHAPES = {
    "record": PACKET,
    "list": [PACKET],
    "result": {"result": [PACKET]},
    "result-record": {"result": PACKET},
    "message-string": envelope([PACKET]),
    "message-object": {"message": {"result": [PACKET]}},
    "message-list": {"message": json.dumps([PACKET])},
}
GARBAGE = {
    "other-object": {"error_code": 1, "data": []},
    "message-not-json": {"message": "{\"result\": [{\"MATTHC\": "},
    "result-text": {"result": "không có dữ liệu"},
    "number": 42,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_shape_gives_the_same_records(shape: str, tmp_path: Path) -> None:
    body = json.dumps(SHAPES[shape], ensure_ascii=False).encode()
    assert parse_envelope(body, URL) == unwrap(SHAPES[shape], "x") == [PACKET]
    path = tmp_path / f"{shape}.json"
    path.write_bytes(body)
    items = list(readers.read(path, "national-json").items)
    assert [i.procedure.code for i in items if isinstance(i, Record)] == ["1.004227"]


@pytest.mark.parametrize("shape", sorted(GARBAGE))
def test_garbage_is_refused_alike_naming_the_url_or_the_file(shape: str, tmp_path: Path) -> None:
    body = json.dumps(GARBAGE[shape], ensure_ascii=False).encode()
    with pytest.raises(NationalGarbage) as from_server:
        parse_envelope(body, URL)
    path = tmp_path / f"{shape}.json"
    path.write_bytes(body)
    with pytest.raises(BadInput) as from_file:
        readers.read(path, "national-json")
    assert from_server.value.reason == from_file.value.reason
    assert from_server.value.message.startswith(URL) and from_file.value.message.startswith(str(path))
    assert from_server.value.exit_code == from_file.value.exit_code == 4


def test_an_empty_result_is_no_records() -> None:
    assert parse_envelope(json.dumps({"message": json.dumps({"result": None})}).encode(), URL) == []
    assert parse_envelope(b'{"result": []}', URL) == []
