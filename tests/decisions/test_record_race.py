"""Two officers record the same decision at the same moment: one records it, the other is told it
already was (exit 4), and the catalogue carries the decision once. Likewise two imports at once both
land, one after the other, with consistent revisions. On SQLite and PostgreSQL.

The test holds the catalogue writer itself while both contenders start, so they are certain to be
waiting at the same point when it lets go; each contender has its own connection, as two processes do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from decision_catalogues import an_giang_catalogue, decision_path, write_csv

from tthc_tools.catalog import importer, lookup
from tthc_tools.decisions.record import record_decision
from tthc_tools.decisions.registry import list_decisions
from tthc_tools.errors import TthcError
from tthc_tools.store.catalog import CATALOGUE_WRITER
from tthc_tools.store.session import Database


def _contend(db: Database, url: str, work: Callable[[Database], object], count: int = 2) -> list[object]:
    """Run ``work`` in ``count`` threads, each on its own connection, released together."""
    outcomes: list[object] = []
    started = threading.Barrier(count + 1)

    def contender() -> None:
        own = Database(url)
        try:
            started.wait()
            outcomes.append(work(own))
        except TthcError as error:
            outcomes.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=contender) for _ in range(count)]
    with db.transaction(serialised=CATALOGUE_WRITER):
        for thread in threads:
            thread.start()
        started.wait()
        time.sleep(0.5)  # both are now waiting for the writer this block holds
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_the_same_decision_recorded_twice_at_once_is_recorded_once(db: Database, db_url: str,
                                                                     realdata: Path, tmp_path: Path) -> None:
    an_giang_catalogue(db, realdata, tmp_path)
    path = str(decision_path(realdata, "2015"))
    outcomes = _contend(db, db_url, lambda own: record_decision(own, path))

    errors = [o for o in outcomes if isinstance(o, TthcError)]
    assert len(outcomes) == 2 and len(errors) == 1, outcomes
    assert "already recorded" in str(errors[0]) and errors[0].exit_code == 4
    assert [d.state for d in list_decisions(db)].count("recorded") == 1
    history = lookup.history(db, "1.012508")
    assert [h.decision for h in history].count("2015/QĐ-UBND") == 1


def test_two_imports_at_once_both_land(db: Database, db_url: str, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", [("1.000001", "Thủ tục một", "Hộ tịch", "Cấp tỉnh")])
    second = write_csv(tmp_path / "b.csv", [("1.000001", "Thủ tục một (sửa)", "Hộ tịch", "Cấp tỉnh"),
                                            ("1.000002", "Thủ tục hai", "Hộ tịch", "Cấp xã")])
    paths = iter([first, second])
    lock = threading.Lock()

    def one(own: Database) -> object:
        with lock:
            path = next(paths)
        return importer.import_paths(own, [path])

    outcomes = _contend(db, db_url, one)
    assert all(not isinstance(o, TthcError) and not o.failed for o in outcomes), outcomes  # type: ignore[attr-defined]
    history = lookup.history(db, "1.000001")
    assert len({h.seq for h in history}) == len(history)  # no revision written twice under one number
    assert {p.code for p in lookup.catalogue(db)} == {"1.000001", "1.000002"}
