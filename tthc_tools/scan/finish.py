"""Finishing one file once all its pages are read: page rows, outputs, fields, result, outcome.

Once finished, nothing of the file stays in memory but its outcome: its readings are in the cache and
its texts in the database and the outputs. A file digitised again (``--force``) whose pages are the
same cache entries as last time keeps its searchable PDF, which would come out the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.errors import TthcError
from tthc_tools.i18n import _
from tthc_tools.scan import again, searchable
from tthc_tools.scan import fields as extraction
from tthc_tools.scan.again import Previous
from tthc_tools.scan.files import FilePlan, PagePlan
from tthc_tools.scan.outcomes import FAILED, OK, FileOutcome, PageReading
from tthc_tools.scan.records import ProcedureIndex, field_rows, result_values
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.scan_store import ScanStore
from tthc_tools.store.session import Database


@dataclass
class OpenFile:
    """A file planned and registered, waiting for the readings of its pages."""

    plan: FilePlan
    file_id: int
    outcome: FileOutcome
    readings: dict[str, PageReading]  # by page key: those from the cache, then those read in this run
    waiting: set[str]  # page keys not read yet
    missing: frozenset[str] = field(default_factory=frozenset)  # page keys the cache did not have
    before: Previous | None = None  # its last digitisation with the same settings


class Finisher:
    """Finishes files for one run (and builds the catalogue's result-code index once, when needed)."""

    def __init__(self, db: Database, out_dir: Path, run_id: int) -> None:
        self.db = db
        self.out_dir = out_dir
        self.run_id = run_id
        self._index: ProcedureIndex | None = None

    def index(self) -> ProcedureIndex:
        if self._index is None:
            with self.db.reading() as session:
                self._index = ProcedureIndex(CatalogStore(session))
        return self._index

    def finish(self, entry: OpenFile) -> None:
        plan, file_id, outcome, readings, missing = (entry.plan, entry.file_id, entry.outcome, entry.readings,
                                                     entry.missing)
        rows, texts, ocr = [], [], {}
        words: list[Any] = []
        errors = []
        for page in plan.pages:
            reading = readings.get(page.job.key) if page.job else None
            if page.job and (reading is None or reading.error):
                errors.append(_("page {}: {}").format(page.no, reading.error if reading else _("not read")))
                continue
            row, text = _page_row(page, reading)
            rows.append(row)
            texts.append(text)
            words.append((text, [(w[0], w[1]) for w in reading.words]) if reading else text)
            if reading is not None:
                ocr[page.no - 1] = reading
                outcome.ocr_pages += page.job is not None and page.job.key in missing
                outcome.cached_pages += page.job is not None and page.job.key not in missing
            else:
                outcome.text_pages += page.source == "text"
        _dpi_notes(plan, outcome)
        if errors:
            self._failed(file_id, outcome, rows, "; ".join(errors))
            return
        try:
            self._complete(entry, rows, texts, words, ocr)
        except TthcError as error:
            self._failed(file_id, outcome, rows, error.message)

    def _failed(self, file_id: int, outcome: FileOutcome, rows: list[dict[str, object]], reason: str) -> None:
        outcome.status, outcome.reason = FAILED, reason
        with self.db.transaction() as session:
            store = ScanStore(session)
            store.save_pages(file_id, rows)
            store.end_file(file_id, status=FAILED, reason=reason, run_id=self.run_id)

    def _complete(self, entry: OpenFile, rows: list[dict[str, object]], texts: list[str], words: list[Any],
                  ocr: dict[int, PageReading]) -> None:
        plan, file_id, outcome = entry.plan, entry.file_id, entry.outcome
        pdf_path, text_path = searchable.output_names(self.out_dir, plan.path, plan.sha256)
        if not again.kept(entry.before, pdf_path, rows):
            searchable.write_pdf(pdf_path, plan.path, plan.format, ocr, signed=plan.signed)
        searchable.write_text(text_path, texts)
        outcome.outputs = [str(pdf_path), str(text_path)]
        found = extraction.extract(extraction.Doc(words))
        title = found["kind"].value
        procedure = self.index().link(found, title) if (found["result_code"].value or title) else None
        items = [*found.values(), *([procedure] if procedure and procedure.value else [])]
        if plan.signed:
            outcome.notes.append(_("digitally signed: the original is left untouched; the searchable copy adds "
                                   "its text layer as an incremental update, so the signature still validates"))
        with self.db.transaction() as session:
            store = ScanStore(session)
            store.save_pages(file_id, rows)
            fields = field_rows(items, store.reviews(file_id))
            values = {str(f["name"]): str(f["value"]) for f in fields}
            pending = any(f["state"] == "cho_duyet" for f in fields)
            outcome.result_id = store.save_result(file_id, result_values(values, "\n".join(texts), pending), fields)
            store.end_file(file_id, status=OK, reason="; ".join(outcome.notes), run_id=self.run_id,
                           output_pdf=str(pdf_path), output_text=str(text_path), min_dpi=outcome.min_dpi,
                           low_dpi=bool(outcome.low_dpi_pages))
        outcome.status = OK


def _page_row(page: PagePlan, reading: PageReading | None) -> tuple[dict[str, object], str]:
    text = page.text.strip()
    if reading is not None:
        text = f"{reading.text.strip()}\n{text}".strip() if page.source == "mixed" else reading.text.strip()
    dpi = page.dpi if page.dpi is not None else (reading.dpi if reading else None)
    row = {"page_no": page.no, "source": page.source, "text": text,
           "confidence": reading.mean_conf if reading else (100.0 if page.source == "text" else None),
           "dpi": dpi, "low_dpi": page.low_dpi, "rotation": reading.rotation if reading else 0,
           "cache_key": page.job.key if page.job else ""}
    return row, text


def _dpi_notes(plan: FilePlan, outcome: FileOutcome) -> None:
    dpis = [p.dpi for p in plan.pages if p.dpi is not None]
    outcome.min_dpi = min(dpis) if dpis else None
    outcome.low_dpi_pages = [p.no for p in plan.pages if p.low_dpi]
    if outcome.low_dpi_pages:
        outcome.notes.append(_("{} of {} pages below 200 dpi (lowest {:.0f} dpi): under the minimum for "
                               "electronic copies").format(len(outcome.low_dpi_pages), len(plan.pages),
                                                           outcome.min_dpi or 0))
