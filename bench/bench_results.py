"""Benchmark: ``tthc results search`` and ``results list`` among 100,000 digitised results.

Fills a fresh database with N generated results (bench/resultgen.py, default 100,000) through the store's
bulk path — no OCR — then, in a child process of its own (so that its peak memory is the searches' alone),
times search by CCCD, by số ký hiệu, by exact name, by one word, by three words, by a folded no-accent
name, and the first page of ``results list`` (all and ``--pending``). Each query runs ``--repeat`` times;
the first (cold) run, the median and the median CPU time of this process are printed (on a busy
machine the CPU time is the steadier figure; the database's own time is in it for SQLite only). Target: every search under 100 ms at 100,000 results.

    python bench/bench_results.py [--count 100000] [--db postgresql://postgres@127.0.0.1:5432/test] [--json]

On PostgreSQL the results go into a scratch schema that is dropped at the end. ``--keep FILE`` keeps the
SQLite file (on PostgreSQL: ``--keep SCHEMA``, the schema) for a later run with the same ``--count``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout that is not installed
    sys.path.insert(0, str(REPO))

from bench import resultgen  # noqa: E402
from tthc_tools.results import library  # noqa: E402
from tthc_tools.store import migrate  # noqa: E402
from tthc_tools.store.scan_store import ScanStore  # noqa: E402
from tthc_tools.store.session import Database, normalise_url  # noqa: E402

TARGET_MS = 100.0
BATCH = 2000


def fill(url: str, count: int) -> dict[str, float]:
    """Migrate the database at ``url`` and add ``count`` generated results; the time it took."""
    db = Database(url)
    try:
        migrate.upgrade(db)
        started = time.perf_counter()
        for start in range(0, count, BATCH):
            items = list(resultgen.synth_results(min(BATCH, count - start), start=start))
            with db.transaction() as session:
                ScanStore(session).add_results(items)
            print(f"\r  {start + len(items):,} / {count:,} results stored", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        seconds = time.perf_counter() - started
        if db.dialect == "postgresql":  # what autovacuum does after a big load, done now rather than later
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        return {"insert_seconds": seconds, "results_per_second": count / seconds}
    finally:
        db.close()


def queries(count: int) -> dict[str, tuple[str, ...]]:
    """What an archive clerk types, picked from the generated results (the middle one and its neighbours)."""
    middle = count // 2
    number = next(resultgen.number(i) for i in range(middle, count) if resultgen.number(i))
    name = resultgen.holder_name(middle)
    words = resultgen.vocabulary()  # most frequent first
    from tthc_tools.text import strip_marks

    return {
        "cccd": (resultgen.holder_id(middle),),
        "so_ky_hieu": (number, number.replace("Đ", "D").lower()),
        "exact_name": (name,),
        "one_word": (words[300], "giấy"),
        "three_words": ("cấp giấy phép", "hộ gia đình", f"{words[40]} {words[150]} {words[600]}"),
        "folded_name": (strip_marks(name).lower(), "nguyen van an"),
        "unfinished": ("nguyen van a",),
    }


def measure(url: str, count: int, repeat: int) -> dict[str, Any]:
    """The timings (run in the child process)."""
    db = Database(url)
    figures: dict[str, Any] = {}
    try:
        for label, texts in queries(count).items():
            cold, runs, cpu, hits = 0.0, [], [], 0
            for round_no in range(repeat):
                for text in texts:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    found = library.search(db, text)
                    elapsed = (time.perf_counter() - started) * 1000
                    cpu.append((time.process_time() - started_cpu) * 1000)
                    hits = max(hits, len(found))
                    cold = max(cold, elapsed) if round_no == 0 else cold
                    runs.append(elapsed)
            figures[label] = {"queries": list(texts), "hits": hits, "cold_ms": cold, "median_ms": statistics.median(runs),
                              "max_ms": max(runs), "cpu_median_ms": statistics.median(cpu)}
        for label, pending in (("list_first_page", False), ("list_pending_first_page", True)):
            runs, cpu = [], []
            for _round in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                page = library.list_page(db, pending_only=pending, limit=50)
                runs.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            figures[label] = {"total": page.total, "shown": len(page.results), "cold_ms": runs[0],
                              "median_ms": statistics.median(runs), "max_ms": max(runs),
                              "cpu_median_ms": statistics.median(cpu)}
    finally:
        db.close()
    return figures


def run_child(url: str, count: int, repeat: int) -> dict[str, Any]:
    process = subprocess.Popen([sys.executable, __file__, "--child", "--db", url, "--count", str(count),
                                "--repeat", str(repeat)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the measuring child failed with exit {os.waitstatus_to_exitcode(status)}")
    figures: dict[str, Any] = json.loads(output)
    figures["child_peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: KiB
    return figures


@contextmanager
def scratch(db_url: str | None, keep: Path | None) -> Iterator[tuple[str, bool]]:
    """(URL of an empty or kept database, whether it still needs filling)."""
    if db_url and not db_url.startswith("sqlite"):
        from sqlalchemy import create_engine, text

        schema = str(keep) if keep else f"bench_{uuid.uuid4().hex[:10]}"
        admin = create_engine(normalise_url(db_url))
        with admin.begin() as connection:
            exists = connection.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :s"), {"s": schema}).first()
            if not exists:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield f"{db_url}{'&' if '?' in db_url else '?'}options=-csearch_path%3D{schema}", not exists
        finally:
            if not keep:
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
        return
    if keep is not None:
        yield f"sqlite:///{keep}", not keep.exists()
        return
    with tempfile.TemporaryDirectory(prefix="bench-results-") as folder:
        yield f"sqlite:///{Path(folder) / 'results.db'}", True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--db", help="a PostgreSQL URL (a scratch schema is used); default: a temporary SQLite file")
    parser.add_argument("--keep", type=Path, help="SQLite file (PostgreSQL: schema) to fill once and keep")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.db, args.count, args.repeat)))
        return
    with scratch(args.db, args.keep) as (url, empty):
        filled = fill(url, args.count) if empty else {}
        figures = {"count": args.count, "database": Database(url).dialect, **filled,
                   **run_child(url, args.count, args.repeat)}
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    print(f"{figures['count']:,} results on {figures['database']}")
    if filled:
        print(f"  stored in {filled['insert_seconds']:.1f} s ({filled['results_per_second']:,.0f} results/s)")
    slow = []
    for label, row in figures.items():
        if isinstance(row, dict):
            hits = row.get("hits", row.get("shown"))
            print(f"  {label:<24} cold {row['cold_ms']:6.1f} ms  median {row['median_ms']:6.1f} ms  "
                  f"max {row['max_ms']:6.1f} ms  cpu {row['cpu_median_ms']:6.1f} ms  "
                  f"({hits} shown{', of ' + format(row['total'], ',') if 'total' in row else ''})")
            slow += [label] if row["median_ms"] > TARGET_MS else []
    print(f"  peak memory of the searching process: {figures['child_peak_rss_mb']:.0f} MB")
    print(f"  target (median under {TARGET_MS:.0f} ms): " + ("met" if not slow else "missed by " + ", ".join(slow)))


if __name__ == "__main__":
    main()
