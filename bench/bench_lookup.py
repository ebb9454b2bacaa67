"""Benchmark: ``tthc catalog list`` and ``catalog search`` over 100,000 stored procedures.

Set-up (not timed): a fresh database (a SQLite file, or ``--db URL``) migrated to the newest schema,
filled with ``synth_procedures(n, seed=1)`` through :class:`CatalogStore` (one revision each, every
part filled, ~3 kB of content per procedure). ``--db URL --no-build`` measures a database filled by
an earlier run (``bench_diff.py --db`` fills one the same way).

Timed: each command end to end, as a user runs it — ``python -m tthc_tools --db URL catalog …`` in a
child process, stdout to /dev/null — so the figure includes starting Python and importing the
package (a search that finds nothing is timed too, as that floor). Peak memory is the child's
``ru_maxrss``. The library calls alone (``lookup.search``, a page of ``lookup.summaries``) are then
timed in one process after its imports. Each command runs ``--runs`` times; the best and all runs
are printed (on a busy machine the best is the steadier figure). Targets: the search itself under
1 s; a whole list in flat memory (under 200 MB) and in seconds, not minutes (before the summaries:
124 s and 1.4 GB for ``list --json``, 366 s and 1.8 GB for the table, 91 s for ``search "ho tich"``,
on this machine under load).

    python bench/bench_lookup.py [--size 100000] [--db URL [--no-build]] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout that is not installed
    sys.path.insert(0, str(REPO))

SEARCH_TARGET = 1.0
MEMORY_TARGET_MB = 200.0
CHUNK = 5000
COMMANDS: dict[str, list[str]] = {
    "search 'zzzz' (start-up floor: finds nothing)": ["catalog", "search", "zzzz"],
    "list --json": ["catalog", "list", "--json"],
    "list (table)": ["catalog", "list"],
    "list --limit 50 --offset 50000": ["catalog", "list", "--limit", "50", "--offset", "50000"],
    "list --level xa --field 'ho tich' --json": ["catalog", "list", "--level", "xa", "--field", "ho tich", "--json"],
    "list --field G15-HT01 --json (a code)": ["catalog", "list", "--field", "G15-HT01", "--json"],
    "list --agency 'so tu phap' --json": ["catalog", "list", "--agency", "so tu phap", "--json"],
    "search 'ho tich'": ["catalog", "search", "ho tich"],
    "search 'ho tich' --json": ["catalog", "search", "ho tich", "--json"],
    "search 'cap lai giay phep xay dung'": ["catalog", "search", "cap lai giay phep xay dung"],
}


def build(url: str, size: int) -> float:
    """Fill a fresh database with ``size`` synthetic procedures; the seconds it took."""
    from bench.synth import store_procedures, synth_procedures
    from tthc_tools.store.migrate import upgrade
    from tthc_tools.store.session import Database

    started = time.perf_counter()
    today = dt.date.today()
    with Database(url) as db:
        upgrade(db)
        store_procedures(db, synth_procedures(size, 1), today, CHUNK)
    return time.perf_counter() - started


def measure(url: str, args: list[str]) -> dict[str, float]:
    """One run of ``tthc --db URL ARGS`` in a child process: wall seconds and peak RSS."""
    command = [sys.executable, "-m", "tthc_tools", "--db", url, "-q", *args]
    env = {**os.environ, "COLUMNS": "120"}
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(command, stdout=sink, env=env, cwd=REPO)
        _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(args)} failed with exit {os.waitstatus_to_exitcode(status)}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024}


LIBRARY = {
    "search 'ho tich'": ("search", "ho tich"),
    "search 'cap lai giay phep xay dung'": ("search", "cap lai giay phep xay dung"),
    "list, page at offset 50000": ("page", ""),
}


def library_child(url: str) -> dict[str, float]:
    """The library calls alone, after the imports (run in a child process): seconds each, best of 3."""
    from tthc_tools.catalog import lookup
    from tthc_tools.store.session import Database

    out = {}
    with Database(url) as db:
        for name, (kind, text) in LIBRARY.items():
            times = []
            for _ in range(3):
                started = time.perf_counter()
                if kind == "search":
                    lookup.search(db, text)
                else:
                    list(lookup.summaries(db, offset=50_000, limit=50))
                times.append(time.perf_counter() - started)
            out[name] = round(min(times), 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--no-build", action="store_true", help="measure a --db already filled by an earlier run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--build-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(library_child(args.child)))
        return
    if args.build_child:
        print(json.dumps(build(args.build_child, args.size)))
        return
    figures: dict[str, object] = {"size": args.size}
    with tempfile.TemporaryDirectory(prefix="bench-lookup-") as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        if not args.no_build:  # in a child: a parent grown by the build would lend its peak RSS to the next ones
            done = subprocess.run([sys.executable, __file__, "--build-child", url, "--size", str(args.size)],
                                  capture_output=True, text=True, check=True)
            figures["setup_seconds"] = round(json.loads(done.stdout.strip().splitlines()[-1]), 1)
        steps: dict[str, dict[str, float]] = {}
        runs: dict[str, list[float]] = {}
        for name, command in COMMANDS.items():
            measured = [measure(url, command) for _ in range(args.runs)]
            runs[name] = [round(r["seconds"], 3) for r in measured]
            steps[name] = {"best_seconds": round(min(r["seconds"] for r in measured), 3),
                           "peak_rss_mb": round(max(r["peak_rss_mb"] for r in measured), 1)}
        done = subprocess.run([sys.executable, __file__, "--child", url], capture_output=True, text=True, check=True)
        library: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        figures.update(steps={name: {**step, "runs": runs[name]} for name, step in steps.items()}, library=library)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    print(f"catalog list and search over {args.size:,} stored procedures; database {url.split(':')[0]}")
    if "setup_seconds" in figures:
        print(f"  set-up (not timed): {figures['setup_seconds']} s")
    print(f"  {'command':<44}{'best s':>8}{'peak MB':>9}  runs")
    for name, step in steps.items():
        verdict = f"  over {MEMORY_TARGET_MB:.0f} MB" if step["peak_rss_mb"] > MEMORY_TARGET_MB else ""
        print(f"  {name:<44}{step['best_seconds']:>8.2f}{step['peak_rss_mb']:>9.0f}  {runs[name]}{verdict}")
    print("  the library calls alone (in one process, after its imports; best of 3):")
    for name, seconds in library.items():
        verdict = "" if not name.startswith("search") else "  ok" if seconds < SEARCH_TARGET else \
            f"  over {SEARCH_TARGET:g} s"
        print(f"  {name:<44}{seconds:>8.3f}{verdict}")
    print(f"targets: the search itself < {SEARCH_TARGET:g} s (a command adds the start-up floor: Python and the "
          f"package's imports); list in flat memory (< {MEMORY_TARGET_MB:.0f} MB) whatever the size")


if __name__ == "__main__":
    main()
