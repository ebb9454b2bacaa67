"""Benchmark: catalogue import (DESIGN §6, issue 2).

1. The real data: the 7 national Excel exports, then the 2,642 portal records (JSONL), into a new
   SQLite database — target under 5 s for the 2,642 records.
2. 100,000 synthetic procedures (bench/synth.py, every part filled), written first as the tool's own
   XML file and as a CSV spreadsheet (not timed), then imported into a new SQLite database — target
   under 60 s with peak memory under 500 MB. A second import of the same file (nothing changes) is
   timed too.

Each import runs in a child process; its peak memory is the child's own high-water mark (VmHWM)
and its CPU time is printed beside the wall time, the steadier figure on a busy machine.

    python bench/bench_import.py [--size 100000] [--skip-real] [--skip-synthetic] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

REALDATA = REPO.parent / "shared" / "realdata" / "chatbot-tthc__chatbot_tthc"
TARGETS = {"real portal JSONL": 5.0, "synthetic XML": 60.0, "synthetic CSV": 60.0}
TARGET_MB = 500.0


def child(database: str, paths: list[str]) -> dict[str, object]:
    """Import ``paths`` in order; figures per step (run in the child process)."""
    import resource

    from tthc_tools.catalog.importer import import_paths
    from tthc_tools.store.migrate import upgrade
    from tthc_tools.store.session import Database

    db = Database(database)
    upgrade(db)
    started = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    report = import_paths(db, [Path(p) for p in paths])
    after = resource.getrusage(resource.RUSAGE_SELF)
    status = Path("/proc/self/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+)", status)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime),
        "peak_mb": int(match.group(1)) / 1024 if match else 0.0,
        "totals": report.totals(),
        "failed": [f.error for f in report.failed],
    }


def measure(database: str, paths: list[Path]) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", database, *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"child failed: {done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def write_synthetic(folder: Path, size: int) -> tuple[Path, Path]:
    from bench.synth import synth_procedures
    from tthc_tools.export import ExportHeader, ExportItem
    from tthc_tools.export.xml_write import write_catalog

    xml = folder / f"synthetic-{size}.xml"
    write_catalog(xml, (ExportItem(p) for p in synth_procedures(size)), ExportHeader())
    csv = folder / f"synthetic-{size}.csv"
    with csv.open("w", encoding="utf-8") as handle:
        handle.write("Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện,Quyết định công bố\n")
        for p in synth_procedures(size):
            row = [p.code, p.name, "; ".join(f.name for f in p.fields), ", ".join(p.levels),
                   "; ".join(a.name for a in p.agencies), p.decision]
            handle.write(",".join('"' + value.replace('"', '""') + '"' for value in row) + "\n")
    return xml, csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1:])))
        return
    rows: list[tuple[str, dict[str, object]]] = []
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        folder = Path(tmp)
        if not args.skip_real:
            excel = sorted((REALDATA / "xlsx_csdl_export").glob("*.xlsx"))
            database = f"sqlite:///{folder / 'real.db'}"
            rows.append(("real Excel (7 files)", measure(database, excel)))
            rows.append(("real portal JSONL", measure(database, [REALDATA / "procedures_all_2642_no_raw_text.jsonl"])))
            rows.append(("real Excel again", measure(database, excel)))
        if not args.skip_synthetic:
            xml, csv = write_synthetic(folder, args.size)
            rows.append(("synthetic XML", measure(f"sqlite:///{folder / 'xml.db'}", [xml])))
            rows.append(("synthetic XML again", measure(f"sqlite:///{folder / 'xml.db'}", [xml])))
            rows.append(("synthetic CSV", measure(f"sqlite:///{folder / 'csv.db'}", [csv])))
    if args.json:
        print(json.dumps(dict(rows), ensure_ascii=False, indent=2))
        return
    print(f"{'step':<24}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}  result")
    for name, f in rows:
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  ok" if float(f["seconds"]) < target else f"  over {target:.0f} s")  # type: ignore[arg-type]
        print(f"{name:<24}{f['seconds']:>9.2f}{f['cpu_seconds']:>9.2f}{f['peak_mb']:>9.0f}  {f['totals']}{verdict}")
        if f["failed"]:
            print(f"    failed: {f['failed']}")
    print(f"targets: real JSONL < 5 s; 100,000 synthetic < 60 s with peak memory < {TARGET_MB:.0f} MB")


if __name__ == "__main__":
    main()
