"""A real HTTP server on 127.0.0.1 standing in for the province's connector to the national system.

It answers the three sync endpoints with the ``{"message": "<json string>"}`` envelope, sends ETags
and honours ``If-None-Match``, counts every request, and misbehaves on demand: a queue of faults per
request key (``"500"``, ``"404"``, ``"slow"``, ``"garbage"``, ``"html"``, ``"shape"``) is consumed one
fault per request, so "fails twice with 500, then answers" is ``["500", "500"]``.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class NationalServer:
    """Serves ``packets`` (code → packet) and ``decisions`` (id → decision) until stopped."""

    def __init__(self, packets: dict[str, dict[str, Any]], decisions: dict[str, dict[str, Any]] | None = None,
                 *, delay: float = 0.0, slow: float = 2.0) -> None:
        self.packets = packets
        self.decisions = decisions or {}
        self.delay = delay
        self.slow = slow
        self.faults: dict[str, list[str]] = {}
        self.requests: list[tuple[str, str, int]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/KetNoiMotCuaQuocGia/"

    def count(self, endpoint: str, key: str = "") -> int:
        with self.lock:
            return sum(1 for e, k, _s in self.requests if e == endpoint and (not key or k == key))

    def statuses(self, endpoint: str) -> Counter[int]:
        with self.lock:
            return Counter(s for e, _k, s in self.requests if e == endpoint)

    def served_codes(self) -> set[str]:
        with self.lock:
            return {k for e, k, s in self.requests if e == "LayThuTuc" and s == 200}

    def _fault(self, key: str) -> str:
        with self.lock:
            queue = self.faults.get(key)
            return queue.pop(0) if queue else ""

    def _body(self, endpoint: str, key: str) -> bytes | None:
        if endpoint == "LayDanhSachTTHC":
            result: Any = [{"MATTHC": code, "TENTTHC": p.get("TENTTHC", "")} for code, p in self.packets.items()]
        elif endpoint == "LayThuTuc" and key in self.packets:
            result = [self.packets[key]]
        elif endpoint == "LayQDCB" and key in self.decisions:
            result = [self.decisions[key]]
        else:
            return None
        inner = json.dumps({"result": result}, ensure_ascii=False)
        return json.dumps({"message": inner}, ensure_ascii=False).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer()
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                endpoint = parts.path.rstrip("/").rsplit("/", 1)[-1]
                query = urllib.parse.parse_qs(parts.query)
                key = (query.get("maTTHC") or query.get("idQDCB") or [""])[0]
                self.key = (endpoint, key)
                self._serve(endpoint, key, server._fault(f"{endpoint}:{key}" if key else endpoint))

            def _send(self, status: int, body: bytes, content_type: str = "application/json",
                      etag: str = "") -> int:
                with server.lock:  # counted before answering, so the client never sees an uncounted answer
                    server.requests.append((*self.key, status))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return status

            def _serve(self, endpoint: str, key: str, fault: str) -> int:
                if server.delay:
                    time.sleep(server.delay)
                if fault == "slow":
                    time.sleep(server.slow)
                if fault == "500":
                    return self._send(500, b"Internal Server Error", "text/plain")
                if fault == "404":
                    return self._send(404, b"Not Found", "text/plain")
                if fault == "garbage":
                    return self._send(200, b'{"message": "{\\"result\\": [{\\"MATTHC\\": ')
                if fault == "html":
                    return self._send(200, "<html><body>Bảo trì hệ thống</body></html>".encode(), "text/html")
                if fault == "shape":
                    return self._send(200, json.dumps({"error_code": 1, "data": []}).encode())
                body = server._body(endpoint, key)
                if body is None:
                    return self._send(404, b"Not Found", "text/plain")
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", etag=etag)
                return self._send(200, body, etag=etag)

        return Handler

    def start(self) -> NationalServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serving(packets: dict[str, dict[str, Any]], decisions: dict[str, dict[str, Any]] | None = None,
            **options: Any) -> Iterator[NationalServer]:
    server = NationalServer(packets, decisions, **options).start()
    try:
        yield server
    finally:
        server.stop()
