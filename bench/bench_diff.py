"""Benchmark: ``tthc diff`` of 100,000 stored procedures against a 100,000-procedure snapshot.

Set-up (not timed as the diff; its time is printed apart): a fresh database (a SQLite file, or
``--db URL``) migrated to the newest schema; the local catalogue is ``synth_procedures(n, seed=1)``
stored through :class:`CatalogStore` (one revision each, with part hashes); the national snapshot
is the same procedures with 1 % edited by ``synth.mutate`` (fee, deadline, name, dossier paper,
legal basis, online level, agency), 0.05 % left out and 0.05 % new ones, stored through
:class:`SnapshotStore` as a ``pull`` would.

Timed: :func:`tthc_tools.diff.run.run_diff` in a child process that has only imported the package —
opening the database, reading every procedure's key and digest on both sides, part hashes of the
procedures whose digests differ, content of those whose compared parts differ, the item-by-item
comparison and the name suggestions for one-sided procedures; rendering is not included. Peak memory
is the child's own ``ru_maxrss`` (``os.wait4``). Targets (DESIGN §6): under 3 s, under 1 GB.

    python bench/bench_diff.py [--size 100000] [--edits 0.01] [--db URL [--no-build]] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout that is not installed
    sys.path.insert(0, str(REPO))

TARGET_SECONDS = 3.0
TARGET_MB = 1024.0
CHUNK = 5000


def national_side(size: int, edits: float, seed: int = 1) -> Iterator[tuple[object, bool]]:
    """The snapshot's procedures: ``(procedure, edited)``; some left out, some added at the end."""
    from synth import mutate, synth_procedures

    rng = random.Random(seed + 1)
    for procedure in synth_procedures(size, seed):
        roll = rng.random()
        if roll < 0.0005:
            continue
        yield (mutate(procedure, rng), True) if roll < 0.0005 + edits else (procedure, False)
    for index, extra in enumerate(synth_procedures(max(1, size // 2000), seed + 7)):
        yield dataclasses.replace(extra, code=f"4.{900_000 + index:06d}"), True


def build(url: str, size: int, edits: float) -> dict[str, float]:
    """Fill a fresh database with the two sides; the set-up figures."""
    from synth import store_procedures, synth_procedures

    from tthc_tools.catalog.readers._base import record
    from tthc_tools.diff.model import match_key
    from tthc_tools.store.migrate import upgrade
    from tthc_tools.store.session import Database
    from tthc_tools.store.snapshots import SnapshotStore, item_values

    started = time.perf_counter()
    today = dt.date.today()
    with Database(url) as db:
        upgrade(db)
        store_procedures(db, synth_procedures(size, 1), today, CHUNK)
        local = time.perf_counter() - started
        edited = 0
        with db.transaction() as session:
            store = SnapshotStore(session)
            snapshot = store.create("file", "bench", "synthetic")
            rows = []
            for procedure, changed in national_side(size, edits):
                edited += changed
                rows.append(item_values(match_key(procedure.code), record(procedure, "bench")))  # type: ignore[attr-defined]
                if len(rows) >= CHUNK:
                    store.add_items(snapshot.id, rows)
                    rows = []
            store.add_items(snapshot.id, rows)
            store.finish(snapshot.id, {})
    return {"setup_local_seconds": local, "setup_total_seconds": time.perf_counter() - started,
            "national_edited_or_added": edited}


def child(url: str) -> dict[str, float]:
    """Run the diff once (in the child process); its figures."""
    from tthc_tools.diff.run import run_diff
    from tthc_tools.store.session import Database

    started = time.perf_counter()
    with Database(url) as db:
        report = run_diff(db)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "compared": report.compared, "changed": len(report.changed),
            "only_local": len(report.only_local), "only_national": len(report.only_national),
            "changes": sum(len(p.changes) for p in report.changed)}


def measure(url: str) -> dict[str, float]:
    process = subprocess.Popen([sys.executable, __file__, "--child", url], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the diff child failed with exit {os.waitstatus_to_exitcode(status)}")
    figures: dict[str, float] = json.loads(output)
    figures["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: KiB
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--edits", type=float, default=0.01)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--runs", type=int, default=3, help="timed diff runs (the best and all are printed)")
    parser.add_argument("--no-build", action="store_true", help="measure a --db already filled by an earlier run")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-diff-") as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        figures: dict[str, object] = {"size": args.size, "edits": args.edits, "setup_total_seconds": 0.0}
        if not args.no_build:
            figures.update(build(url, args.size, args.edits))
        runs = [measure(url) for _ in range(args.runs)]
    best = min(runs, key=lambda r: r["seconds"])
    figures.update(best=best, runs=[round(r["seconds"], 3) for r in runs],
                   peak_rss_mb_max=max(r["peak_rss_mb"] for r in runs))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"diff of {args.size:,} stored procedures against a {args.size:,}-procedure snapshot "
          f"({args.edits:.1%} edited, 0.05 % removed, 0.05 % added); database {url.split(':')[0]}")
    print(f"  set-up (not timed as the diff): {figures['setup_total_seconds']:.1f} s")
    print(f"  found: {best['changed']:,} changed ({best['changes']:,} changes), {best['only_local']:,} only local, "
          f"{best['only_national']:,} only national, {best['compared']:,} compared")
    print(f"  time: best {best['seconds']:.2f} s of {figures['runs']} (target < {TARGET_SECONDS:.0f} s)")
    print(f"  peak RSS of the diff process: {figures['peak_rss_mb_max']:.0f} MB (target < {TARGET_MB:.0f} MB)")


if __name__ == "__main__":
    main()
