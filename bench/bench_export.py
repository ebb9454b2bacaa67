"""Benchmark: XML export of 10,000 and 100,000 synthetic procedures (DESIGN §6, issue 6).

Each size runs in a child process, so that its peak resident memory (``ru_maxrss`` of that child, read
with ``os.wait4``) is its own and not the parent's. The child generates the procedures with
:func:`synth.synth_procedures` while it streams them into :func:`write_catalog`, so the export time
includes generating them; the time to generate alone is printed beside it, and so is the child's CPU
time (user + system, which includes that generation run too): on a busy machine it is the steadier
figure. Targets: 100,000 in under 30 s, peak memory under 300 MB whatever the count.

    python bench/bench_export.py [--sizes 10000,100000] [--verify] [--json]
"""

from __future__ import annotations

import argparse
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

TARGET_SECONDS = {100_000: 30.0}
TARGET_MB = 300.0


def child(size: int, folder: Path, verify: bool) -> dict[str, float]:
    """Export ``size`` procedures into ``folder``; the figures as a dict (run in the child process)."""
    from bench.synth import synth_procedures
    from tthc_tools.export import ExportHeader, ExportItem
    from tthc_tools.export.xml_write import write_catalog

    started = time.perf_counter()
    for _procedure in synth_procedures(size):
        pass
    generate = time.perf_counter() - started
    started = time.perf_counter()
    items = (ExportItem(p) for p in synth_procedures(size))
    report = write_catalog(folder / f"catalog-{size}.xml", items, ExportHeader(), verify=verify)
    return {"seconds": time.perf_counter() - started, "generate_seconds": generate,
            "mb_file": report.size / 1e6, "count": report.count}


def run(size: int, verify: bool) -> dict[str, float]:
    """One size in a child process; its figures plus its own peak RSS."""
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        command = [sys.executable, __file__, "--child", str(size), "--folder", folder]
        if verify:
            command.append("--verify")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"child for {size} failed with exit {process.returncode}")
    figures: dict[str, float] = json.loads(output)
    figures["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: KiB
    figures["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--verify", action="store_true", help="also re-read and check the whole file")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.folder, args.verify)))
        return
    results = {int(size): run(int(size), args.verify) for size in args.sizes.split(",")}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'procedures':>10} {'export s':>9} {'generate s':>11} {'child CPU s':>12} {'peak RSS MB':>12} "
          f"{'file MB':>8}  target")
    for size, f in results.items():
        limit = TARGET_SECONDS.get(size)
        ok = f["peak_rss_mb"] < TARGET_MB and (limit is None or f["seconds"] < limit)
        target = f"< {limit:.0f} s, " if limit else ""
        print(f"{size:>10} {f['seconds']:>9.1f} {f['generate_seconds']:>11.1f} {f['cpu_seconds']:>12.1f} "
              f"{f['peak_rss_mb']:>12.0f} "
              f"{f['mb_file']:>8.0f}  {target}< {TARGET_MB:.0f} MB: {'ok' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
