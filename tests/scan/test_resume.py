"""Done-when 4: a batch killed with SIGKILL resumes with every page read exactly once; Ctrl-C exits 130."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tthc_tools.store.session import normalise_url

pytestmark = [pytest.mark.tesseract, pytest.mark.slow]


def _cache_count(url: str) -> int:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("select count(*) from scan_cache")).scalar_one())
    except Exception:
        return 0
    finally:
        engine.dispose()


def _ingest(url: str, folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "tthc_tools", "--db", url, "scan", "ingest", str(folder), "--jobs", "2",
            "--out", str(out), "--json"]


def test_killed_batch_resumes_with_each_page_read_once(db_url: str, generated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    pages = 6
    first = subprocess.Popen(_ingest(db_url, generated, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 120
    while _cache_count(db_url) < 2 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.2)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    kept = _cache_count(db_url)
    assert 2 <= kept < pages

    second = subprocess.run(_ingest(db_url, generated, out), capture_output=True, text=True, timeout=300)
    report = json.loads(second.stdout)
    assert second.returncode == 0, second.stderr
    assert report["ocr_pages"] == pages - kept  # nothing read twice
    done_before = sum(o["pages"] for o in report["outcomes"] if o["status"] == "skipped")
    assert all(o["status"] == "ok" or "already digitised" in o["reason"] for o in report["outcomes"])
    assert report["ocr_pages"] + report["cached_pages"] + done_before == pages  # nothing lost
    assert _cache_count(db_url) == pages
    assert not [p for p in out.iterdir() if ".tthc-tmp-" in p.name]
    assert len(list(out.glob("*.pdf"))) == pages and len(list(out.glob("*.txt"))) == pages

    third = subprocess.run(_ingest(db_url, generated, out), capture_output=True, text=True, timeout=300)
    again = json.loads(third.stdout)
    assert (again["skipped"], again["ocr_pages"]) == (pages, 0)


def test_ctrl_c_exits_130_and_keeps_work(db_url: str, generated: Path, tmp_path: Path) -> None:
    process = subprocess.Popen(_ingest(db_url, generated, tmp_path / "out"), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _cache_count(db_url) < 1 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert _cache_count(db_url) >= 1
