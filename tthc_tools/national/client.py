"""The national sync API over HTTP, with the standard library only (urllib, concurrent.futures).

Three endpoints under one base URL (research/domain.md §1.3): ``LayDanhSachTTHC`` (the list),
``LayThuTuc?maTTHC=`` (one procedure) and ``LayQDCB?idQDCB=`` (one publication decision). Each
answers ``{"message": "<json string>"}`` whose inner JSON holds ``result: [...]``, unwrapped by
:func:`tthc_tools.catalog.readers.national_packet.unwrap` as packet files are.

Behaviour: a timeout per request; HTTP Basic credentials when a user is set; a bounded number of
requests in flight; retries with exponential backoff and jitter on 5xx answers, timeouts and
connection errors, never on 4xx; conditional requests (``If-None-Match`` / ``If-Modified-Since``)
when the caller has validators from an earlier pull. An answer that is not JSON or not of the
expected shape is refused with :class:`NationalGarbage`; a server that cannot be reached after the
retries gives :class:`NationalUnavailable` (both exit code 4, bad input).
"""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from email.message import Message
from typing import Any, TypeVar

from tthc_tools.catalog.readers.national_packet import unwrap
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.settings import Settings

LIST, DETAIL, DECISION = "LayDanhSachTTHC", "LayThuTuc", "LayQDCB"
MAX_BODY = 256 * 1024 * 1024
J = TypeVar("J")
R = TypeVar("R")


class NationalError(BadInput):
    """The national source could not give what was asked."""


class NationalUnavailable(NationalError):
    """No answer: connection refused or reset, or timeouts, even after the retries."""


class NationalFailing(NationalError):
    """The server kept answering with a 5xx error."""


class NationalRefused(NationalError):
    """The server refused the request (4xx): never retried."""


class NationalGarbage(NationalError):
    """The server answered, but not with the JSON envelope of the sync API."""


class _Transient(Exception):
    def __init__(self, reason: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class ClientConfig:
    """Where the API is and how patient to be with it."""

    base_url: str
    user: str = ""
    password: str = ""
    timeout: float = 30.0
    concurrency: int = 4
    retries: int = 4
    backoff: float = 0.5
    backoff_max: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings, base_url: str | None = None, **overrides: Any) -> ClientConfig:
        """The settings' ``national_*`` values (``base_url`` replaces ``national_url`` when given)."""
        return cls(base_url or settings.national_url, settings.national_user, settings.national_password,
                   settings.national_timeout, max(1, settings.national_concurrency),
                   max(0, settings.national_retries), **overrides)


@dataclass(frozen=True)
class Answer:
    """One answer: ``status`` 200 with ``result``, or 304 (not modified) with no result."""

    status: int
    result: list[Any]
    etag: str = ""
    last_modified: str = ""
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def base_of(url: str) -> str:
    """The API's base URL from what the user gave (an endpoint URL is cut back to its folder)."""
    text = url.strip()
    parts = urllib.parse.urlsplit(text)
    path = parts.path
    for endpoint in (LIST, DETAIL, DECISION):
        if path.rstrip("/").endswith("/" + endpoint) or path.rstrip("/") == endpoint:
            path = path.rstrip("/")[: -len(endpoint)]
    if not path.endswith("/"):
        path += "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def parse_envelope(body: bytes, where: str) -> list[Any]:
    """The records of an answer from ``where``; :class:`NationalGarbage` when it is not the sync API's JSON."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        preview = body[:60].decode("utf-8", "replace").strip()
        raise NationalGarbage(_("the server answered something that is not JSON ({}): {!r}").format(
            error.__class__.__name__, preview), path=where) from error
    return unwrap(data, where, NationalGarbage)


class NationalClient:
    """A client of the national sync API (thread-safe: one instance serves every worker)."""

    def __init__(self, config: ClientConfig, *, sleep: Callable[[float], None] = time.sleep,
                 jitter: Callable[[], float] = random.random) -> None:
        if not config.base_url.strip():
            raise NationalError(_("no address for the national sync API"),
                                hint=_("give --from URL or set national.url (TTHC_NATIONAL_URL)"))
        self.config = config
        self.base = base_of(config.base_url)
        self.sleep = sleep
        self.jitter = jitter
        self.requests = 0  # requests sent, counted under the lock: workers send them in parallel
        self._count_lock = threading.Lock()

    def url(self, endpoint: str, **params: str) -> str:
        query = urllib.parse.urlencode(params)
        return self.base + endpoint + (f"?{query}" if query else "")

    def _headers(self, etag: str, last_modified: str) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "tthc-tools"}
        if self.config.user:
            token = base64.b64encode(f"{self.config.user}:{self.config.password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, bytes, Message]:
        request = urllib.request.Request(url, headers=headers)
        with self._count_lock:
            self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:
                body = response.read(MAX_BODY + 1)
                return response.status, body, response.headers
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return 304, b"", error.headers
            if error.code >= 500:
                raise _Transient(f"HTTP {error.code} {error.reason}", error.code,
                                 _retry_after(error.headers.get("Retry-After"))) from error
            hint = _("check national.user and national.password") if error.code in (401, 403) else None
            raise NationalRefused(_("the server refused the request: HTTP {} {}").format(error.code, error.reason),
                                  path=url, hint=hint) from error
        except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", None) or error
            raise _Transient(_("timed out") if isinstance(reason, TimeoutError) else str(reason)) from error

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return float(min(retry_after, self.config.backoff_max))
        return float(min(self.config.backoff * 2 ** (attempt - 1), self.config.backoff_max) * (0.5 + self.jitter()))

    def get(self, endpoint: str, params: dict[str, str] | None = None, *, etag: str = "",
            last_modified: str = "") -> Answer:
        """One call with retries; the parsed ``result`` (or a 304)."""
        url = self.url(endpoint, **(params or {}))
        headers = self._headers(etag, last_modified)
        last: _Transient | None = None
        for attempt in range(1, self.config.retries + 2):
            try:
                status, body, answer_headers = self._once(url, headers)
            except _Transient as transient:
                last = transient
                if attempt <= self.config.retries:
                    self.sleep(self._delay(attempt, transient.retry_after))
                continue
            if len(body) > MAX_BODY:
                raise NationalGarbage(_("the answer is larger than {} MB").format(MAX_BODY >> 20), path=url)
            result = [] if status == 304 else parse_envelope(body, url)
            return Answer(status, result, answer_headers.get("ETag", "") or "",
                          answer_headers.get("Last-Modified", "") or "", attempt)
        assert last is not None
        error = NationalFailing if last.status else NationalUnavailable
        raise error(_("no usable answer after {} attempts: {}").format(self.config.retries + 1, last.reason),
                    path=url, hint=_("the work done so far is kept; run the pull again later to continue"))

    def listing(self, etag: str = "", last_modified: str = "") -> Answer:
        """``LayDanhSachTTHC``: the list of procedures (``[{"MATTHC": …}, …]``)."""
        return self.get(LIST, etag=etag, last_modified=last_modified)

    def procedure(self, code: str, etag: str = "", last_modified: str = "") -> Answer:
        """``LayThuTuc?maTTHC=``: the packet of one procedure."""
        return self.get(DETAIL, {"maTTHC": code}, etag=etag, last_modified=last_modified)

    def decision(self, decision_id: str) -> Answer:
        """``LayQDCB?idQDCB=``: one publication decision."""
        return self.get(DECISION, {"idQDCB": decision_id})

    def run_all(self, jobs: Iterable[J], work: Callable[[J], R]) -> Generator[tuple[J, R | NationalError], None, None]:
        """Run ``work`` on every job with at most ``concurrency`` in flight, yielding as they finish.

        A job's :class:`NationalError` is yielded in place of its result; anything else propagates.
        Closing the iterator (or an interrupt) cancels the jobs not started yet.
        """
        pool = ThreadPoolExecutor(self.config.concurrency, thread_name_prefix="tthc-national")
        pending: dict[Future[R], J] = {}
        queue = iter(jobs)
        try:
            for job in queue:
                pending[pool.submit(work, job)] = job
                if len(pending) >= self.config.concurrency * 2:
                    break
            while pending:
                done, _waiting = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    job = pending.pop(future)
                    try:
                        yield job, future.result()
                    except NationalError as error:
                        yield job, error
                    for following in itertools.islice(queue, 1):
                        pending[pool.submit(work, following)] = following
        finally:
            pool.shutdown(wait=False, cancel_futures=True)


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
