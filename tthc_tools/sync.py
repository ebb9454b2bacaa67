"""``tthc sync``: the nightly job — pull the national catalogue, diff it against the local one, write
the exports and the report, and say what happened — under a lock, all or nothing.

Files in the exports folder only ever appear complete (written beside, then renamed). A file that
would be byte-identical to the one in place is not rewritten, and a dated copy is made only when
the content changed, so a night with no change upstream or locally leaves the folder byte-identical
and the run says "unchanged" (exit 0); anything new gives "changed" (exit 1) and the new files.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tthc_tools.diff.render_json import report_dict
from tthc_tools.diff.run import run_diff
from tthc_tools.errors import ExitCode, OutputProblem, TthcError
from tthc_tools.export.atomic import remove, replace_file
from tthc_tools.export.catalog import export_catalog
from tthc_tools.i18n import _
from tthc_tools.national.snapshots import pull
from tthc_tools.progress import SILENT, Progress
from tthc_tools.settings import Settings
from tthc_tools.store import locks, sync_runs
from tthc_tools.store.session import Database

LOCK = "sync"
FULL = "tthc-catalog"
CHANGES = "tthc-catalog-changes"
REPORT = "tthc-diff"


@dataclass
class SyncReport:
    run_id: int
    status: str = "running"  # unchanged | changed | failed | interrupted
    exit_code: int = ExitCode.OK
    steps: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str = ""
    since: str = ""
    date: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"run": self.run_id, "date": self.date, "status": self.status, "exit_code": self.exit_code,
                "since": self.since,
                "steps": self.steps, "files": self.files, "notes": self.notes, "error": self.error}


def run_sync(
    db: Database,
    settings: Settings,
    *,
    source: str | None = None,
    exports: Path | None = None,
    today: dt.date | None = None,
    progress: Progress = SILENT,
) -> SyncReport:
    """One sync run under the lock; raises LockHeld (exit 7) at once if another run holds it.

    Errors of a step end the run (recorded as failed, previous exports untouched) and are raised
    again for the caller to report with their exit code.
    """
    folder = exports or settings.exports_dir
    with locks.hold(db, LOCK) as held:
        report = SyncReport(sync_runs.start(db))
        if held.stale is not None:
            note = _("took over the lock left by {}, which did not finish").format(held.stale.describe())
            report.notes.append(note)
            progress.message(note)
        sync_runs.abandon_running(db, keep=report.run_id)
        try:
            _steps(db, settings, report, source, folder, today or dt.date.today(), progress)
        except KeyboardInterrupt:
            _end(db, report, "interrupted", ExitCode.INTERRUPTED, _("interrupted"))
            raise
        except TthcError as error:
            _end(db, report, "failed", error.exit_code, error.message)
            raise
        return report


def _end(db: Database, report: SyncReport, status: str, code: int, error: str = "") -> None:
    report.status, report.exit_code, report.error = status, int(code), error
    sync_runs.save(db, report.run_id, steps=report.steps, summary=report.as_dict(), status=status, exit_code=code)


def _step(db: Database, report: SyncReport, name: str, work: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    started = time.monotonic()
    entry: dict[str, Any] = {"step": name, "status": "running"}
    report.steps.append(entry)
    try:
        entry.update(work())
        entry["status"] = "ok"
    except BaseException as error:
        entry["status"] = "failed"
        entry["error"] = str(error) or type(error).__name__
        raise
    finally:
        entry["seconds"] = round(time.monotonic() - started, 3)
        sync_runs.save(db, report.run_id, steps=report.steps)
    return entry


def _steps(db: Database, settings: Settings, report: SyncReport, source: str | None, folder: Path,
           today: dt.date, progress: Progress) -> None:
    if not folder.is_dir():
        raise OutputProblem(_("the exports folder {} does not exist").format(folder),
                            hint=_("create it, or set exports.dir / --exports"))
    _clean_partials(folder)
    report.date = today.isoformat()
    previous = sync_runs.last_finished(db)
    pulled = _step(db, report, "pull", lambda: _pull(db, settings, source, progress))
    compared = _step(db, report, "diff", lambda: _diff(db, pulled["snapshot"], folder, today))
    exported = _step(db, report, "export", lambda: _exports(db, folder, today, previous, progress))
    report.since = exported["since"]
    changed = pulled["state"] != "unchanged" or compared["changed"] or exported["changed"]
    report.files = {**exported["files"], **compared["files"]}
    status = "changed" if changed else "unchanged"
    code = ExitCode.DIFFERENCES if changed else ExitCode.OK
    report.steps.append({"step": "report", "status": "ok", "result": status,
                         "differences": compared["summary"]["differences"]})
    _end(db, report, status, code)


def _pull(db: Database, settings: Settings, source: str | None, progress: Progress) -> dict[str, Any]:
    result = pull(db, settings, source, progress=progress)
    snapshot = result.snapshot
    return {"snapshot": snapshot.id, "state": snapshot.state, "procedures": snapshot.items,
            "source": snapshot.source, "fetched": result.fetched, "resumed": result.resumed}


def _diff(db: Database, snapshot: int, folder: Path, today: dt.date) -> dict[str, Any]:
    report = run_diff(db, against=str(snapshot))
    document = report_dict(report)
    # what the report says, without what changes every night (snapshot ids, dates), so that an
    # unchanged situation gives a byte-identical file
    document["local"] = {"procedures": report.local.count}
    document["national"] = {"procedures": report.national.count}
    data = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()
    changed, files = _publish(folder, REPORT, ".json", data, today)
    return {"summary": document["summary"], "changed": changed, "files": files}


def _exports(db: Database, folder: Path, today: dt.date, previous: sync_runs.SyncRun | None,
             progress: Progress) -> dict[str, Any]:
    full = export_catalog(db, folder / f"{FULL}-latest.xml", progress=progress)
    since = _baseline(previous, full.changed, today)
    changes = export_catalog(db, folder / f"{CHANGES}-latest.xml", since=since, progress=progress)
    files = {**_dated(folder, FULL, ".xml", full.changed, today),
             **_dated(folder, CHANGES, ".xml", changes.changed, today)}
    return {"changed": full.changed or changes.changed, "files": files, "since": since.isoformat(),
            "procedures": full.count, "changes": changes.count, "catalogue_hash": full.catalogue_hash}


def _baseline(previous: sync_runs.SyncRun | None, catalogue_changed: bool, today: dt.date) -> dt.date:
    """The date the incremental export starts from.

    It is the day of the previous run when the catalogue changed since that run; otherwise it stays
    where it was, so that nights without change write the same file.
    """
    if previous is None:
        return today
    ran = dt.date.fromisoformat(str(previous.summary.get("date") or previous.started_at.date().isoformat()))
    if catalogue_changed:
        return ran
    return dt.date.fromisoformat(str(previous.summary.get("since") or ran.isoformat()))


def _publish(folder: Path, name: str, suffix: str, data: bytes, today: dt.date) -> tuple[bool, dict[str, str]]:
    """Put ``data`` in place as the latest file and, when it changed, as today's dated file."""
    latest = folder / f"{name}-latest{suffix}"
    try:
        changed = replace_file(latest, lambda handle: handle.write(data))
    except OSError as error:
        raise OutputProblem(_("cannot write {}: {}").format(latest, error.strerror)) from error
    return changed, _dated(folder, name, suffix, changed, today)


def _dated(folder: Path, name: str, suffix: str, changed: bool, today: dt.date) -> dict[str, str]:
    """The latest file, copied under today's date when it changed (or no dated copy exists yet)."""
    latest = folder / f"{name}-latest{suffix}"
    files = {name: str(latest)}
    if changed or not any(folder.glob(f"{name}-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]{suffix}")):
        dated = folder / f"{name}-{today.isoformat()}{suffix}"
        _copy_atomic(latest, dated)
        files[f"{name} (dated)"] = str(dated)
    return files


def _copy_atomic(source: Path, target: Path) -> None:
    def copy(handle: IO[bytes]) -> None:
        with source.open("rb") as original:
            shutil.copyfileobj(original, handle)

    try:
        replace_file(target, copy)
    except OSError as error:
        raise OutputProblem(_("cannot write {}: {}").format(target, error.strerror)) from error


def _clean_partials(folder: Path) -> None:
    """Remove temporary files a killed run left behind (the lock says no other run is writing)."""
    for name in (FULL, CHANGES, REPORT):
        for partial in folder.glob(f".{name}-*"):  # the writers' hidden ".<target>.<random>.<suffix>" files
            if partial.is_file():
                remove(partial)
