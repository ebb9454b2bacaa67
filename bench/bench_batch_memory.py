"""Peak memory of ``tthc scan ingest`` against the size of the batch: it must stay flat.

Builds text-layer PDFs (the real Lai Châu draft, 4 pages; each copy made distinct by a trailing
comment, so that none is skipped as the same content as another) and digitises each batch size in a child process
that reports its own peak RSS (the parent process of the batch: the one that plans, finishes and keeps
the outcomes). With ``--cached`` the pages are page images whose readings are already in the page
cache (``--force`` re-runs at scale): the cache rows are copied from one real reading, so the batch
holds words, boxes and text layers of every page without OCR cost.

    python bench/bench_batch_memory.py [--pages 300 3000] [--cached] [--jobs 2]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HERE = Path(__file__).resolve().parent
REAL = HERE.parent.parent / "shared" / "realdata" / "nghiado905__mineru_vietocr" / "pdfs"
LAI_CHAU = REAL / "e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"
PER_FILE = 4


def text_files(folder: Path, pages: int) -> list[Path]:
    """``pages / 4`` distinct copies of the Lai Châu draft (its 4 pages carry a text layer): each ends
    with a comment of its own after ``%%EOF``, which readers ignore."""
    folder.mkdir(parents=True, exist_ok=True)
    data = LAI_CHAU.read_bytes()
    out = []
    for index in range(pages // PER_FILE):
        target = folder / f"doc-{index:05d}.pdf"
        target.write_bytes(data + f"\n%bench copy {index}\n".encode())
        out.append(target)
    return out


def image_files(folder: Path, pages: int, seed: int = 7) -> list[Path]:
    """PDFs of 4 page images each (150 dpi JPEG), every page image different (a mark in a corner)."""
    from PIL import ImageDraw

    from bench import scangen

    folder.mkdir(parents=True, exist_ok=True)
    base = scangen.make_document(seed).image.convert("L").reduce(2)
    out = []
    for index in range(pages // PER_FILE):
        frames = []
        for page in range(PER_FILE):
            frame = base.copy()
            ImageDraw.Draw(frame).text((20, 20), f"{index}.{page}", fill=0)
            frames.append(frame)
        target = folder / f"scan-{index:05d}.pdf"
        frames[0].save(target, "PDF", resolution=150, save_all=True, append_images=frames[1:], quality=60)
        out.append(target)
    return out


def warm_cache(db_url: str, paths: list[Path], reading_from: Path) -> None:
    """Fill the page cache for every page of ``paths`` with a copy of one real reading (store calls
    only, so that the bench also measures older versions of the pipeline)."""
    from tthc_tools.scan import files, tesseract
    from tthc_tools.scan.batch import ScanOptions, run_batch
    from tthc_tools.scan.outcomes import EngineSettings
    from tthc_tools.store.migrate import upgrade
    from tthc_tools.store.scan_store import ScanStore
    from tthc_tools.store.session import Database

    db = Database(db_url)
    upgrade(db)
    run_batch(db, [reading_from], ScanOptions(jobs=2, out_dir=reading_from.parent.parent / "warm-out"))
    settings = EngineSettings(tesseract=tesseract.require("vie"))
    first = next(p.job.key for p in files.plan(reading_from, settings).pages if p.job)
    columns = ("engine", "text", "words", "confidence", "rotation", "skew", "dpi", "layer", "seconds")
    with db.reading() as session:
        row = ScanStore(session).cached([first])[first]
        model = {name: getattr(row, name) for name in columns}
    for path in paths:
        with db.transaction() as session:
            store = ScanStore(session)
            for page in files.plan(path, settings).pages:
                if page.job:
                    store.keep({**model, "key": page.job.key, "run_id": None})
    db.close()


def peak_mb() -> float:
    """This process's peak resident memory since it started (``VmHWM``: unlike ``ru_maxrss``, it does
    not count what the parent held when it forked this process)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args: list[str]) -> None:
    """Run the CLI here and print this process's peak RSS (MB) as the last line of its output."""
    from tthc_tools.cli import run

    out = io.StringIO()
    stdout, sys.stdout = sys.stdout, out
    try:
        code = run(args)
    finally:
        sys.stdout = stdout
    report = json.loads(out.getvalue())
    peak = peak_mb()
    summary = {k: report[k] for k in ("files", "ok", "pages", "ocr_pages", "cached_pages", "seconds")}
    print(json.dumps({"code": code, "peak_mb": round(peak, 1), **summary}))


def measure(folder: Path, db_url: str, extra: list[str], jobs: int) -> dict[str, object]:
    args = ["--db", db_url, "scan", "ingest", str(folder), "--out", str(folder.parent / f"{folder.name}-out"),
            "--jobs", str(jobs), "--json", *extra]
    done = subprocess.run([sys.executable, __file__, "--child", json.dumps(args)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[300, 3000], help="batch sizes (multiples of 4)")
    parser.add_argument("--cached", action="store_true", help="page images read from the page cache (--force)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    kind = "cached page images" if args.cached else "text-layer pages"
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as name:
        root = Path(name)
        for pages in args.pages:
            folder = root / f"batch-{pages}"
            db_url = f"sqlite:///{root / f'batch-{pages}.db'}"
            started = time.perf_counter()
            if args.cached:
                paths = image_files(folder, pages)
                warm_cache(db_url, paths, paths[0])
            else:
                text_files(folder, pages)
            built = time.perf_counter() - started
            figures = measure(folder, db_url, ["--force"] if args.cached else [], args.jobs)
            print(f"{pages:6d} {kind:18s} {figures['files']:5d} files  peak RSS {figures['peak_mb']:7.1f} MB  "
                  f"{figures['seconds']:7.1f} s  ({figures['pages']} pages, {figures['ocr_pages']} OCR'd, "
                  f"{figures['cached_pages']} from the cache; inputs built in {built:.0f} s)")


if __name__ == "__main__":
    main()
