"""Done-when 2: CER and field accuracy of ``tthc scan ingest`` on generated degraded documents.

Generates N (default 50) degraded scans with ground truth (bench/scangen.py: five kinds, some turned
90°/180°/270°, skewed, blurred, noisy, sealed), ingests them into a fresh SQLite database, and prints
the character error rate and, per field, how many values are exactly right, and whether every wrong
value was flagged for review (state chờ duyệt).

    python bench/bench_fields.py [--count 50] [--seed 5] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import scangen
from tthc_tools.results import library
from tthc_tools.scan.batch import ScanOptions, run_batch
from tthc_tools.store import migrate
from tthc_tools.store.session import Database


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(truth: str, found: str) -> float:
    reference = normalise(truth)
    return distance(reference, normalise(found)) / max(1, len(reference))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fields-") as folder:
        root = Path(folder)
        truth = scangen.write_set(root / "in", args.count, args.seed)
        db = Database(f"sqlite:///{root / 'bench.db'}")
        migrate.upgrade(db)
        started = time.perf_counter()
        report = run_batch(db, [root / "in"], ScanOptions(jobs=args.jobs, out_dir=root / "out"))
        seconds = time.perf_counter() - started
        views = {Path(v.path).name: library.show(db, v.id, with_text=True) for v in library.list_results(db)}
    score(truth, views, report.as_dict(), seconds)


def score(truth: list[dict[str, object]], views: dict[str, library.ResultView], summary: dict[str, object],
          seconds: float) -> None:
    right = wrong = flagged_wrong = flagged = total = present = present_right = 0
    errors = characters = 0.0
    per_field: dict[str, list[int]] = {name: [0, 0] for name in scangen.FIELD_NAMES}
    for entry in truth:
        view = views[str(entry["file"])]
        reference = normalise(str(entry["text"]))
        errors += cer(str(entry["text"]), "\n".join(view.texts)) * len(reference)
        characters += len(reference)
        states = {f.name: f.state for f in view.fields}
        for name in scangen.FIELD_NAMES:
            expected, got = str(entry[name]), view.values.get(name, "")
            ok = expected == got
            total += 1
            right += ok
            present += bool(expected)
            present_right += bool(expected) and ok
            per_field[name][0] += ok
            per_field[name][1] += 1
            pending = states.get(name) == "cho_duyet"
            flagged += pending
            if not ok:
                wrong += 1
                flagged_wrong += pending
                print(f"  wrong {entry['file']} {name}: {got!r} (truth {expected!r}){' [flagged]' if pending else ' [NOT FLAGGED]'}")
    print(json.dumps({k: v for k, v in summary.items() if k != "outcomes"}, ensure_ascii=False))
    print(f"documents: {len(truth)}  pages/s: {len(truth) / seconds:.2f}")
    print(f"CER: {errors / max(1.0, characters):.2%}")
    print(f"field accuracy: {right}/{total} = {right / total:.1%} (fields present in the truth: "
          f"{present_right}/{present} = {present_right / max(1, present):.1%})")
    print(f"wrong fields flagged for review: {flagged_wrong}/{wrong}; fields sent to review: {flagged}/{total} "
          f"= {flagged / total:.1%}")
    for name, (ok, count) in per_field.items():
        print(f"  {name:13s} {ok}/{count}")


if __name__ == "__main__":
    main()
