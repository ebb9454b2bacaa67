"""Reads and writes of the digitisation tables inside one session (see :mod:`scan_tables`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from tthc_tools.store.base import chunks, utcnow
from tthc_tools.store.result_index import ResultIndex
from tthc_tools.store.scan_tables import (
    ScanCacheRow,
    ScanFieldRow,
    ScanFileRow,
    ScanPageRow,
    ScanResultRow,
    ScanRunRow,
)

STATES = {"cho_duyet": "chờ duyệt", "da_duyet": "đã duyệt", "khong_duyet": "không duyệt"}
AUTO = "auto"
"""``reviewed_by`` of a field the extractor was sure of (no person looked at it)."""


class ScanStore:
    """The scan tables seen through one session (one transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- runs ---------------------------------------------------------------------------------------

    def start_run(self, settings: dict[str, Any]) -> int:
        row = ScanRunRow(settings=json.dumps(settings, ensure_ascii=False), summary="")
        self.session.add(row)
        self.session.flush()
        return row.id

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        self.session.execute(update(ScanRunRow).where(ScanRunRow.id == run_id).values(
            status=status, finished_at=utcnow(), summary=json.dumps(summary, ensure_ascii=False)))

    # --- files and pages ----------------------------------------------------------------------------

    def file(self, sha256: str) -> ScanFileRow | None:
        return self.session.scalars(select(ScanFileRow).where(ScanFileRow.sha256 == sha256)).first()

    def begin_file(self, sha256: str, path: str, values: dict[str, Any]) -> int:
        """The file's row (created or reset to pending); pages of an earlier attempt are dropped."""
        row = self.file(sha256)
        if row is None:
            row = ScanFileRow(sha256=sha256, path=path, reason="", output_pdf="", output_text="", **values)
            self.session.add(row)
        else:
            for key, value in {"path": path, "status": "pending", "reason": "", **values}.items():
                setattr(row, key, value)
        self.session.flush()
        self.session.execute(delete(ScanPageRow).where(ScanPageRow.file_id == row.id))
        return row.id

    def end_file(self, file_id: int, **values: Any) -> None:
        self.session.execute(update(ScanFileRow).where(ScanFileRow.id == file_id).values(updated_at=utcnow(), **values))

    def save_pages(self, file_id: int, pages: Iterable[dict[str, Any]]) -> None:
        rows = [{"file_id": file_id, **page} for page in pages]
        if rows:
            self.session.execute(insert(ScanPageRow), rows)

    def pages(self, file_id: int) -> list[ScanPageRow]:
        query = select(ScanPageRow).where(ScanPageRow.file_id == file_id).order_by(ScanPageRow.page_no)
        return list(self.session.scalars(query))

    # --- the page cache -----------------------------------------------------------------------------

    def cached(self, keys: Sequence[str]) -> dict[str, ScanCacheRow]:
        out: dict[str, ScanCacheRow] = {}
        unique = sorted(set(keys))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            for row in self.session.scalars(select(ScanCacheRow).where(ScanCacheRow.key.in_(chunk))):
                out[row.key] = row
        return out

    def keep(self, values: dict[str, Any]) -> bool:
        """Store one page reading unless its key is there already; True when stored."""
        if self.session.get(ScanCacheRow, values["key"]) is not None:
            return False
        self.session.add(ScanCacheRow(**values))
        self.session.flush()
        return True

    # --- results ------------------------------------------------------------------------------------

    def save_result(self, file_id: int, values: dict[str, Any], fields: Sequence[dict[str, Any]]) -> int:
        """Store the file's result and its fields (and its words in the index); returns the result id.

        A file read again keeps its result id: the columns, fields and words of the earlier reading
        are replaced in place.
        """
        result_id = self.session.scalar(select(ScanResultRow.id).where(ScanResultRow.file_id == file_id))
        if result_id is None:
            row = ScanResultRow(file_id=file_id, **values)
            self.session.add(row)
            self.session.flush()
            result_id = row.id
            ResultIndex(self.session).add([(row.id, row.search_text)])
        else:
            self.session.execute(delete(ScanFieldRow).where(ScanFieldRow.result_id == result_id))
            self.refresh_result(result_id, values)
        self.session.execute(insert(ScanFieldRow), [{"result_id": result_id, **f} for f in fields])
        return result_id

    def reviews(self, file_id: int) -> dict[str, ScanFieldRow]:
        """The fields of the file's result that a person decided on (not the extractor), by name."""
        query = (select(ScanFieldRow).join(ScanResultRow, ScanResultRow.id == ScanFieldRow.result_id)
                 .where(ScanResultRow.file_id == file_id, ScanFieldRow.reviewed_by.not_in(("", AUTO))))
        return {row.name: row for row in self.session.scalars(query)}

    def add_results(self, items: Sequence[tuple[dict[str, Any], dict[str, Any], Sequence[dict[str, Any]]]]) -> list[int]:
        """Bulk path for new files read elsewhere (imports, benchmarks): (file, result, fields) values.

        Returns the new results' ids. Goes through Core: thousands of rows, no ORM objects.
        """
        if not items:
            return []
        files, results, fields = (cast(Table, row.__table__) for row in (ScanFileRow, ScanResultRow, ScanFieldRow))
        file_ids = self.session.scalars(insert(files).returning(files.c.id, sort_by_parameter_order=True),
                                        [{"reason": "", "output_pdf": "", "output_text": "", **f} for f, _r, _fs in items]).all()
        values = [{"file_id": file_id, **r} for file_id, (_f, r, _fs) in zip(file_ids, items, strict=True)]
        result_ids = self.session.scalars(insert(results).returning(results.c.id, sort_by_parameter_order=True),
                                          values).all()
        rows = [{"result_id": rid, **f} for rid, (_f, _r, fs) in zip(result_ids, items, strict=True) for f in fs]
        if rows:
            self.session.execute(insert(fields), rows)
        ResultIndex(self.session).add(zip(result_ids, (str(v.get("search_text", "")) for v in values), strict=True))
        return list(result_ids)

    def results(self, *, pending_only: bool = False, limit: int | None = None,
                offset: int = 0) -> list[tuple[ScanResultRow, ScanFileRow]]:
        """Results with their files in id order (a page of them with ``limit`` and ``offset``)."""
        query = select(ScanResultRow, ScanFileRow).join(ScanFileRow, ScanFileRow.id == ScanResultRow.file_id)
        if pending_only:
            query = query.where(ScanResultRow.state == "cho_duyet")
        query = query.order_by(ScanResultRow.id).offset(offset or None).limit(limit)
        return [(r, f) for r, f in self.session.execute(query)]

    def count_results(self, *, pending_only: bool = False) -> int:
        query = select(func.count()).select_from(ScanResultRow)
        if pending_only:
            query = query.where(ScanResultRow.state == "cho_duyet")
        return int(self.session.scalar(query) or 0)

    def results_by_id(self, result_ids: Sequence[int]) -> dict[int, tuple[ScanResultRow, ScanFileRow]]:
        """These results with their files, by id (ids not found are left out)."""
        query = select(ScanResultRow, ScanFileRow).join(ScanFileRow, ScanFileRow.id == ScanResultRow.file_id)
        out: dict[int, tuple[ScanResultRow, ScanFileRow]] = {}
        for chunk in chunks(sorted(set(result_ids))):
            out.update((r.id, (r, f)) for r, f in self.session.execute(query.where(ScanResultRow.id.in_(chunk))))
        return out

    def result(self, result_id: int) -> tuple[ScanResultRow, ScanFileRow] | None:
        query = select(ScanResultRow, ScanFileRow).join(ScanFileRow, ScanFileRow.id == ScanResultRow.file_id)
        found = self.session.execute(query.where(ScanResultRow.id == result_id)).first()
        return (found[0], found[1]) if found else None

    def fields(self, result_ids: Sequence[int]) -> dict[int, list[ScanFieldRow]]:
        """The fields of these results, by result id (one query per 500 ids)."""
        out: dict[int, list[ScanFieldRow]] = {rid: [] for rid in result_ids}
        for chunk in chunks(sorted(out)):
            query = select(ScanFieldRow).where(ScanFieldRow.result_id.in_(chunk)).order_by(ScanFieldRow.id)
            for row in self.session.scalars(query):
                out[row.result_id].append(row)
        return out

    def pending_fields(self) -> list[ScanFieldRow]:
        query = select(ScanFieldRow).where(ScanFieldRow.state == "cho_duyet").order_by(ScanFieldRow.result_id,
                                                                                       ScanFieldRow.id)
        return list(self.session.scalars(query))

    def field(self, result_id: int, name: str) -> ScanFieldRow | None:
        query = select(ScanFieldRow).where(ScanFieldRow.result_id == result_id, ScanFieldRow.name == name)
        return self.session.scalars(query).first()

    def review(self, row: ScanFieldRow, state: str, value: str, reviewer: str) -> None:
        row.state, row.value, row.reviewed_by, row.reviewed_at = state, value, reviewer, utcnow()
        self.session.flush()

    def refresh_result(self, result_id: int, values: dict[str, Any]) -> None:
        """New column values for a result (after review); a new search text is indexed in place of the old."""
        self.session.execute(update(ScanResultRow).where(ScanResultRow.id == result_id).values(
            updated_at=utcnow(), **values))
        if "search_text" in values:
            ResultIndex(self.session).replace(result_id, str(values["search_text"]))


def as_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
