"""The HTTP client against a real server on 127.0.0.1: envelope, retries, timeouts, garbage, 304."""

from __future__ import annotations

import socket
import threading

import pytest
from national_server import serving

from tthc_tools.national.client import (
    ClientConfig,
    NationalClient,
    NationalFailing,
    NationalGarbage,
    NationalRefused,
    NationalUnavailable,
    base_of,
)

PACKETS = {f"1.{n:06d}": {"MATTHC": f"1.{n:06d}", "TENTTHC": f"Thủ tục {n}"} for n in range(1000, 1040)}


def _client(url: str, **options: object) -> tuple[NationalClient, list[float]]:
    waits: list[float] = []
    config = ClientConfig(url, **{"timeout": 2.0, "retries": 3, "backoff": 0.01, **options})  # type: ignore[arg-type]
    return NationalClient(config, sleep=waits.append, jitter=lambda: 0.5), waits


def test_envelope_list_detail_and_decision() -> None:
    with serving(PACKETS, {"42": {"SOQUYETDINH": "163/QĐ-BTP"}}) as server:
        client, _waits = _client(server.url)
        assert [p["MATTHC"] for p in client.listing().result] == list(PACKETS)
        assert client.procedure("1.001007").result == [PACKETS["1.001007"]]
        assert client.decision("42").result == [{"SOQUYETDINH": "163/QĐ-BTP"}]


def test_500_then_success_is_retried_with_growing_backoff() -> None:
    with serving(PACKETS) as server:
        server.faults["LayThuTuc:1.001001"] = ["500", "500"]
        client, waits = _client(server.url)
        answer = client.procedure("1.001001")
        assert answer.result == [PACKETS["1.001001"]] and answer.attempts == 3
        assert server.count("LayThuTuc", "1.001001") == 3
        assert waits == [0.01, 0.02]  # exponential, times the (fixed) jitter factor 1.0


def test_timeout_then_success_is_retried() -> None:
    with serving(PACKETS, slow=1.5) as server:
        server.faults["LayThuTuc:1.001002"] = ["slow"]
        client, _waits = _client(server.url, timeout=0.3)
        assert client.procedure("1.001002").attempts == 2


def test_4xx_is_never_retried() -> None:
    with serving(PACKETS) as server:
        client, waits = _client(server.url)
        with pytest.raises(NationalRefused) as refused:
            client.procedure("9.999999")
        assert server.count("LayThuTuc", "9.999999") == 1 and waits == []
        assert refused.value.exit_code == 4 and "404" in refused.value.message


def test_persistent_500_gives_up_after_the_retries() -> None:
    with serving(PACKETS) as server:
        server.faults["LayThuTuc:1.001003"] = ["500"] * 10
        client, waits = _client(server.url, retries=2)
        with pytest.raises(NationalFailing):
            client.procedure("1.001003")
        assert server.count("LayThuTuc", "1.001003") == 3 and len(waits) == 2


@pytest.mark.parametrize("fault", ["garbage", "html", "shape"])
def test_garbage_is_refused_with_a_clear_error(fault: str) -> None:
    with serving(PACKETS) as server:
        server.faults["LayDanhSachTTHC"] = [fault]
        client, _waits = _client(server.url)
        with pytest.raises(NationalGarbage) as garbage:
            client.listing()
        assert garbage.value.exit_code == 4
        assert "LayDanhSachTTHC" in garbage.value.message
        assert server.count("LayDanhSachTTHC") == 1


def test_a_server_that_is_down_is_reported_after_the_retries() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client, waits = _client(f"http://127.0.0.1:{port}/KetNoiMotCuaQuocGia/", retries=2)
    with pytest.raises(NationalUnavailable) as down:
        client.listing()
    assert len(waits) == 2 and down.value.exit_code == 4
    assert "refused" in down.value.message.lower()


def test_conditional_request_gets_not_modified() -> None:
    with serving(PACKETS) as server:
        client, _waits = _client(server.url)
        first = client.procedure("1.001004")
        again = client.procedure("1.001004", etag=first.etag)
        assert first.etag and again.not_modified and again.result == []
        assert server.statuses("LayThuTuc")[304] == 1


def test_concurrency_is_bounded() -> None:
    lock = threading.Lock()
    active = peak = 0

    def fetch(code: str) -> str:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        try:
            return str(client.procedure(code).result[0]["MATTHC"])
        finally:
            with lock:
                active -= 1

    with serving(PACKETS, delay=0.02) as server:
        client, _waits = _client(server.url, concurrency=3)
        done = dict(client.run_all(list(PACKETS), fetch))
        assert done == {code: code for code in PACKETS}
        # counted where the requests are made: the server's own count can overlap by one request
        # (a finished handler decrements after the client already sent its next request)
        assert 1 < peak <= 3
        assert server.max_in_flight <= 4


def test_base_url_from_an_endpoint_address() -> None:
    assert base_of("https://apidvc.example.vn/KetNoiMotCuaQuocGia/LayDanhSachTTHC") == \
        "https://apidvc.example.vn/KetNoiMotCuaQuocGia/"
    assert base_of("https://apidvc.example.vn/KetNoiMotCuaQuocGia") == "https://apidvc.example.vn/KetNoiMotCuaQuocGia/"
