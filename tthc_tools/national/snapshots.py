"""``tthc national pull``: store a dated snapshot of the national catalogue, from the API or a file.

A pull from a file (any format the readers read) is one transaction: all of it or nothing. A pull
from the sync API lists the procedures, then fetches each one (a few at a time) and commits them in
small batches, so a pull that is killed half way leaves a ``pulling`` snapshot that the next pull
from the same address continues: the stored list is reused and nothing stored is fetched again.
Validators (ETag, Last-Modified) kept from the previous snapshot make the requests conditional;
a procedure the server reports "not modified" is copied from that snapshot. A snapshot that ends
identical to the previous one is recorded as ``unchanged`` and its items are not stored twice.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.catalog import readers
from tthc_tools.diff.model import match_key
from tthc_tools.errors import BadInput, ExitCode
from tthc_tools.i18n import _
from tthc_tools.model import Problem, Record
from tthc_tools.national.client import (
    Answer,
    ClientConfig,
    NationalClient,
    NationalError,
    NationalGarbage,
    NationalUnavailable,
)
from tthc_tools.national.packets import decision_number, listed_codes, record_from_packet
from tthc_tools.progress import SILENT, Progress
from tthc_tools.settings import Settings
from tthc_tools.store.base import BATCH
from tthc_tools.store.session import Database
from tthc_tools.store.snapshots import SnapshotInfo, SnapshotStore, item_values

COMMIT_ITEMS = 100
COMMIT_SECONDS = 2.0
SHOWN_FAILURES = 5


class PullIncomplete(NationalError):
    """Some procedures could not be fetched; the others are kept for the next pull to complete."""

    exit_code = ExitCode.PARTIAL_FAILURE


@dataclass
class PullReport:
    """What a pull did."""

    snapshot: SnapshotInfo
    resumed: bool = False
    listed: int = 0
    fetched: int = 0
    not_modified: int = 0
    kept: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot.as_dict(), "resumed": self.resumed, "listed": self.listed,
            "fetched": self.fetched, "not_modified": self.not_modified, "kept": self.kept, "notes": self.notes,
        }


def is_url(source: str) -> bool:
    return source.strip().lower().startswith(("http://", "https://"))


def pull(
    db: Database,
    settings: Settings,
    source: str | None = None,
    *,
    fmt: str | None = None,
    restart: bool = False,
    progress: Progress = SILENT,
    config: ClientConfig | None = None,
) -> PullReport:
    """Pull a snapshot from ``source`` (a file, or the API at a URL; default: ``national.url``)."""
    if config is not None:
        return HttpPull(db, NationalClient(config), progress).run(restart=restart)
    chosen = source or settings.national_url
    if not chosen:
        raise BadInput(_("nowhere to pull from"), hint=_("give --from FILE_OR_URL or set national.url"))
    if is_url(chosen):
        client = NationalClient(ClientConfig.from_settings(settings, chosen))
        return HttpPull(db, client, progress).run(restart=restart)
    return pull_file(db, Path(chosen), fmt=fmt, progress=progress)


# --- from a file ---------------------------------------------------------------------------------------


def pull_file(db: Database, path: Path, *, fmt: str | None = None, progress: Progress = SILENT) -> PullReport:
    """A snapshot of everything a file holds (all of it or nothing)."""
    result = readers.read(path, fmt)
    with db.transaction() as session:
        store = SnapshotStore(session)
        snapshot = store.create("file", str(path.resolve()), result.format)
        progress.start(_("Reading {}").format(path.name), None, _("procedures"))
        seen = _store_records(store, snapshot.id, result.items, str(path), progress)
        progress.finish()
        notes = list(result.notes)
        info = store.finish(snapshot.id, {"notes": notes})
    return PullReport(info, listed=len(seen), fetched=len(seen), notes=notes)


def _store_records(store: SnapshotStore, snapshot_id: int, items: Any, path: str, progress: Progress) -> dict[str, str]:
    seen: dict[str, str] = {}
    batch: list[dict[str, Any]] = []
    for item in items:
        progress.advance()
        if isinstance(item, Problem):
            if item.severity == "error":
                raise BadInput(_("{} (nothing stored)").format(item.message), path=path, location=item.location)
            continue
        key = match_key(item.procedure.code)
        if key in seen:
            raise BadInput(_("duplicate procedure code {} (first at {}; nothing stored)").format(key, seen[key]),
                           path=path, location=item.location)
        seen[key] = item.location or "?"
        batch.append(item_values(key, item))
        if len(batch) >= BATCH:
            store.add_items(snapshot_id, batch)
            batch = []
    store.add_items(snapshot_id, batch)
    if not seen:
        raise BadInput(_("no procedures in this file; nothing stored"), path=path)
    return seen


# --- from the sync API -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fetched:
    record: Record | None  # None: not modified since the previous snapshot
    answer: Answer


class HttpPull:
    """One pull from the sync API (new, or continuing an unfinished one from the same address)."""

    def __init__(self, db: Database, client: NationalClient, progress: Progress = SILENT) -> None:
        self.db = db
        self.client = client
        self.progress = progress
        self.validators: dict[str, tuple[str, str]] = {}
        self._decisions: dict[str, str] = {}
        self._decision_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def run(self, *, restart: bool = False) -> PullReport:
        snapshot, resumed, previous = self._open(restart)
        report = PullReport(snapshot, resumed=resumed)
        codes = self._listing(snapshot, previous)
        report.listed = len(codes)
        with self.db.transaction() as session:
            store = SnapshotStore(session)
            stored = store.stored_codes(snapshot.id)
            self.validators = store.validators(previous.holder) if previous else {}
        report.kept = len(stored)
        todo = [c for c in codes if match_key(c) not in stored]
        self._fetch(snapshot, previous, todo, report)
        with self.db.transaction() as session:
            report.snapshot = SnapshotStore(session).finish(snapshot.id, {
                "listed": report.listed, "fetched": report.fetched, "not_modified": report.not_modified,
                "kept": report.kept, "requests": self.client.requests})
        return report

    def _open(self, restart: bool) -> tuple[SnapshotInfo, bool, SnapshotInfo | None]:
        with self.db.transaction() as session:
            store = SnapshotStore(session)
            previous = store.latest()
            unfinished = store.resumable("http", self.client.base)
            if unfinished is not None and restart:
                store.abandon(unfinished.id)
                unfinished = None
            if unfinished is not None:
                return unfinished, True, previous
            return store.create("http", self.client.base, "national-json"), False, previous

    def _listing(self, snapshot: SnapshotInfo, previous: SnapshotInfo | None) -> list[str]:
        with self.db.transaction() as session:
            store = SnapshotStore(session)
            kept = store.listing(snapshot.id)
            if kept:
                return list(kept["codes"])
            before = (store.listing(previous.id) if previous else None) or {}
        answer = self.client.listing(before.get("etag", ""), before.get("last_modified", ""))
        codes = list(before.get("codes", [])) if answer.not_modified else listed_codes(answer.result, self.client.url("LayDanhSachTTHC"))
        if not codes:
            raise NationalGarbage(_("the national list is empty; no snapshot stored"),
                                  path=self.client.url("LayDanhSachTTHC"))
        with self.db.transaction() as session:
            SnapshotStore(session).set_listing(snapshot.id, {
                "codes": codes, "etag": answer.etag, "last_modified": answer.last_modified})
        return codes

    def _work(self, code: str) -> _Fetched:
        """In a worker thread: fetch, check and parse one procedure."""
        etag, modified = self.validators.get(match_key(code), ("", ""))
        answer = self.client.procedure(code, etag, modified)
        if answer.not_modified:
            return _Fetched(None, answer)
        where = self.client.url("LayThuTuc", maTTHC=code)
        packets = [p for p in answer.result if isinstance(p, dict)]
        if not packets:
            raise NationalGarbage(_("the answer holds no procedure"), path=where)
        packet = packets[0]
        if not packet.get("SOQUYETDINH") and packet.get("IDQUYETDINHCONGBO"):
            number = self._decision(str(packet["IDQUYETDINHCONGBO"]))
            packet = {**packet, "SOQUYETDINH": number} if number else packet
        return _Fetched(record_from_packet(packet, where), answer)

    def _decision(self, decision_id: str) -> str:
        """A decision's number, fetched once per pull however many procedures share it."""
        with self._lock:
            lock = self._decision_locks.setdefault(decision_id, threading.Lock())
        with lock:
            if decision_id not in self._decisions:
                self._decisions[decision_id] = decision_number(self.client.decision(decision_id).result)
            return self._decisions[decision_id]

    def _fetch(self, snapshot: SnapshotInfo, previous: SnapshotInfo | None, todo: list[str],
               report: PullReport) -> None:
        batch: list[dict[str, Any]] = []
        copies: list[str] = []
        failures: list[tuple[str, NationalError]] = []
        last = time.monotonic()
        self.progress.start(_("Pulling the national catalogue"), len(todo), _("procedures"))
        results = self.client.run_all(todo, self._work)
        try:
            for code, outcome in results:
                self.progress.advance()
                if isinstance(outcome, NationalUnavailable):
                    raise outcome
                if isinstance(outcome, NationalError):
                    failures.append((code, outcome))
                    continue
                self._take(code, outcome, batch, copies, report)
                if len(batch) + len(copies) >= COMMIT_ITEMS or time.monotonic() - last >= COMMIT_SECONDS:
                    self._commit(snapshot, previous, batch, copies)
                    last = time.monotonic()
        finally:
            results.close()
            self._commit(snapshot, previous, batch, copies)
            self.progress.finish()
        if failures:
            raise _incomplete(failures, len(todo))

    def _take(self, code: str, fetched: _Fetched, batch: list[dict[str, Any]], copies: list[str],
              report: PullReport) -> None:
        key = match_key(code)
        if fetched.record is None:
            copies.append(key)
            report.not_modified += 1
            return
        batch.append(item_values(key, fetched.record, fetched.answer.etag, fetched.answer.last_modified))
        report.fetched += 1

    def _commit(self, snapshot: SnapshotInfo, previous: SnapshotInfo | None, batch: list[dict[str, Any]],
                copies: list[str]) -> None:
        if not batch and not copies:
            return
        with self.db.transaction() as session:
            store = SnapshotStore(session)
            store.add_items(snapshot.id, batch)
            if copies and previous is not None:
                store.copy_items(previous.holder, snapshot.id, copies)
        batch.clear()
        copies.clear()


def _incomplete(failures: list[tuple[str, NationalError]], total: int) -> PullIncomplete:
    shown = "; ".join(f"{code}: {error.reason}" for code, error in failures[:SHOWN_FAILURES])
    more = _(" (and {} more)").format(len(failures) - SHOWN_FAILURES) if len(failures) > SHOWN_FAILURES else ""
    return PullIncomplete(
        _("{} of {} procedures could not be fetched: {}{}").format(len(failures), total, shown, more),
        hint=_("the others are kept; run the pull again to fetch the rest"),
    )


def snapshots(db: Database) -> list[SnapshotInfo]:
    """Every snapshot, oldest first (``tthc national list``)."""
    with db.reading() as session:
        return SnapshotStore(session).all()
