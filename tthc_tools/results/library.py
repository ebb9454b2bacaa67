"""Digitised results: list a page at a time, search (CCCD, số ký hiệu, name, full text; accents and case
optional), show.

Each result comes back as a :class:`ResultView`: the file it was read from, its fields with their
confidence and review state, and the text of its pages on demand. Search asks the database's indexes
(:mod:`tthc_tools.store.result_index`), so it answers as fast among 100,000 results as among 100; only
the results shown are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tthc_tools.codes import parse_document_number
from tthc_tools.errors import NotFound
from tthc_tools.i18n import _
from tthc_tools.store.result_index import ResultIndex, query_terms
from tthc_tools.store.scan_store import STATES, ScanStore
from tthc_tools.store.session import Database
from tthc_tools.text import fold

FIELD_LABELS = {
    "kind": "loại giấy tờ", "number": "số ký hiệu", "issued": "ngày ban hành", "issuer": "cơ quan ban hành",
    "signer": "người ký", "subject": "trích yếu", "holder_name": "chủ thể", "holder_id": "số định danh",
    "dossier_code": "mã hồ sơ", "result_code": "mã kết quả", "procedure": "thủ tục",
}


@dataclass
class FieldView:
    name: str
    value: str
    confidence: float
    state: str
    note: str = ""
    page: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": FIELD_LABELS.get(self.name, self.name), "value": self.value,
                "confidence": self.confidence, "state": self.state, "state_label": STATES.get(self.state, ""),
                "note": self.note, "page": self.page}


@dataclass
class ResultView:
    id: int
    path: str
    sha256: str
    pages: int
    min_dpi: float | None
    low_dpi: bool
    signed: bool
    state: str
    output_pdf: str
    values: dict[str, str]
    fields: list[FieldView] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    search_text: str = ""

    @property
    def state_label(self) -> str:
        """The review state in words ("chờ duyệt")."""
        return STATES.get(self.state, "")

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.path, "sha256": self.sha256, "pages": self.pages,
                "min_dpi": self.min_dpi, "low_dpi": self.low_dpi, "signed": self.signed, "state": self.state,
                "state_label": self.state_label, "searchable_pdf": self.output_pdf, **self.values,
                "fields": [f.as_dict() for f in self.fields], **({"pages_text": self.texts} if self.texts else {})}


def _view(result: Any, file: Any, fields: list[Any]) -> ResultView:
    values = {"kind": result.kind, "number": result.number,
              "issued": result.issued.isoformat() if result.issued else "", "issuer": result.issuer,
              "signer": result.signer, "subject": result.subject, "holder_name": result.holder_name,
              "holder_id": result.holder_id, "dossier_code": result.dossier_code, "result_code": result.result_code,
              "procedure": result.procedure_code}
    return ResultView(result.id, file.path, file.sha256, file.page_count, file.min_dpi, file.low_dpi, file.signed,
                      result.state, file.output_pdf, values,
                      [FieldView(f.name, f.value, f.confidence, f.state, f.note, f.page_no) for f in fields],
                      search_text=result.search_text)


@dataclass
class ResultPage:
    """One page of the listing and how many results there are in all."""

    total: int
    offset: int
    results: list[ResultView]


def list_page(db: Database, *, pending_only: bool = False, limit: int | None = 50, offset: int = 0) -> ResultPage:
    """Results in id order from ``offset``, at most ``limit`` (``None``: all), with the total count."""
    with db.reading() as session:
        store = ScanStore(session)
        rows = store.results(pending_only=pending_only, limit=limit, offset=offset)
        fields = store.fields([r.id for r, _f in rows])
        views = [_view(r, f, fields[r.id]) for r, f in rows]
        total = store.count_results(pending_only=pending_only) if limit is not None or offset else len(views)
    return ResultPage(total, offset, views)


def list_results(db: Database, *, pending_only: bool = False) -> list[ResultView]:
    """Every digitised result (only those with fields waiting for review when ``pending_only``)."""
    return list_page(db, pending_only=pending_only, limit=None).results


def show(db: Database, result_id: int, *, with_text: bool = False) -> ResultView:
    """One result with its fields (and its pages' text)."""
    with db.reading() as session:
        store = ScanStore(session)
        found = store.result(result_id)
        if found is None:
            raise NotFound(_("no digitised result {}").format(result_id))
        view = _view(found[0], found[1], store.fields([result_id])[result_id])
        if with_text:
            view.texts = [p.text for p in store.pages(found[1].id)]
    return view


def search(db: Database, query: str, *, limit: int = 50) -> list[ResultView]:
    """Results matching ``query``: a 12-digit CCCD, a số ký hiệu, a name, or words of the full text.

    Best first: the CCCD or số ký hiệu itself, then the holder's exact name, then results having every
    word (the last one may be unfinished: "nguyen van a" finds "Nguyễn Văn An"); by id within each.
    """
    with db.reading() as session:
        index = ResultIndex(session)
        ranked: dict[int, int] = {}  # result id -> score, best first
        for score, find in _tiers(index, query):
            for result_id in find(limit + len(ranked)):
                ranked.setdefault(result_id, score)
            if len(ranked) >= limit:
                break
        ids = list(ranked)[:limit]
        store = ScanStore(session)
        rows = store.results_by_id(ids)
        fields = store.fields(ids)
        return [_view(*rows[rid], fields[rid]) for rid in ids if rid in rows]


def _tiers(index: ResultIndex, query: str) -> list[tuple[int, Callable[[int], list[int]]]]:
    """(score, look-up) from the best kind of match to the loosest."""
    digits = re.sub(r"\D", "", query)
    number = parse_document_number(query)
    folded = fold(query)
    terms = query_terms(query)
    return [
        (3, lambda n: sorted(set(index.equal("holder_id", [digits] if len(digits) == 12 else [], n)
                                 + index.equal("number_key", [number.key] if number else [], n)))[:n]),
        (2, lambda n: index.equal("holder_key", [folded], n)),
        (1, lambda n: index.having_words(terms, n)),
    ]
