"""Looking things up: list with filters, show one procedure, search, history.

Search folds diacritics, case and whitespace ("ho tich", "HỘ TỊCH" and "hộ tịch" find the same
records) the same way on every database, because the folded text is computed here, not by SQL.
List and search stream light :class:`Summary` rows read from the procedure rows' look-up columns
(no content is decoded), so they stay fast and flat at 100,000 procedures; the restrictions the
database can apply (levels, category, status, search words) are applied there, the others (field,
agency: accents optional) here, reading a procedure's content only when its columns cannot decide.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tthc_tools.catalog.readers import _fields as readers_fields
from tthc_tools.codes import national_code, parse_procedure_code
from tthc_tools.errors import NotFound
from tthc_tools.i18n import _
from tthc_tools.model import LEVELS, Procedure
from tthc_tools.store import catalog_list
from tthc_tools.store.catalog import CatalogStore, HistoryEntry
from tthc_tools.store.catalog_list import ListRow, Restriction, Summary
from tthc_tools.store.session import Database
from tthc_tools.text import fold, words

__all__ = ["Filters", "Hit", "Summary", "catalogue", "history", "level_key", "search", "show", "summaries"]


@dataclass(frozen=True)
class Filters:
    """Restrictions shared by list, search, diff and export: all given ones must hold."""

    levels: tuple[str, ...] = ()
    field: str = ""
    agency: str = ""
    category: int | None = None
    status: str = ""

    def accepts(self, p: Procedure) -> bool:
        agencies = (*p.agencies, *p.competent, *p.authorized, *p.coordinating)
        return self._accepts(p.code, p.levels, [(f.name, f.code) for f in p.fields], [a.name for a in agencies],
                             p.publisher, p.status)

    def accepts_data(self, data: Mapping[str, Any]) -> bool:
        """:meth:`accepts` on a procedure's canonical JSON form (parsed), without building it."""
        if self == _ALL:
            return True
        agencies = [a.get("name", "") for role in ("agencies", "competent", "authorized", "coordinating")
                    for a in data.get(role, ())]
        fields = [(f.get("name", ""), f.get("code", "")) for f in data.get("fields", ())]
        return self._accepts(data["code"], data.get("levels", ()), fields, agencies, data.get("publisher", ""),
                             data.get("status", "active"))

    def _accepts(self, code: str, levels: Iterable[str], fields: Iterable[tuple[str, str]], agencies: list[str],
                 publisher: str, status: str) -> bool:
        if self.levels and not set(self.levels) & set(levels):
            return False
        if self.field and not any(_folded(self.field) in fold(name) or self.field == field_code
                                  for name, field_code in fields):
            return False
        if self.agency and not any(_folded(self.agency) in fold(name) for name in agencies) and \
                _folded(self.agency) not in fold(publisher):
            return False
        if self.category is not None and (int(code[0]) if code[:1].isdigit() else 0) != self.category:
            return False
        return not (self.status and status != self.status)

    def describe(self) -> dict[str, object]:
        return {k: v for k, v in (("levels", list(self.levels)), ("field", self.field), ("agency", self.agency),
                                  ("category", self.category), ("status", self.status)) if v not in ("", [], None)}


_ALL = Filters()


def level_key(text: str) -> str:
    """``tinh``, ``Cấp tỉnh``, ``tỉnh`` → ``tinh``; unknown text is refused."""
    key = readers_fields.level_key(text)
    if key:
        return key
    raise NotFound(_("unknown level {!r}; use one of: {}").format(text, ", ".join(LEVELS)))


def catalogue(db: Database, *, as_of: dt.date | None = None, filters: Filters | None = None) -> Iterator[Procedure]:
    """The catalogue in force on ``as_of`` (today by default), filtered, ordered by code."""
    chosen = filters or Filters()
    with db.transaction() as session:
        store = CatalogStore(session)
        store.refresh_in_force()
        for procedure in store.as_of(as_of):
            if chosen.accepts(procedure):
                yield procedure


def summaries(db: Database, *, as_of: dt.date | None = None, filters: Filters | None = None, offset: int = 0,
              limit: int | None = None) -> Iterator[Summary]:
    """The catalogue in force on ``as_of`` (today by default), filtered, ordered by code, as summaries
    streamed from the database; ``offset`` and ``limit`` page through it. The database is reached
    at once (its problems are raised here, before the caller prints anything)."""
    _refresh(db)
    return _summaries(db, as_of, filters or Filters(), offset, limit)


def _summaries(db: Database, as_of: dt.date | None, chosen: Filters, offset: int,
               limit: int | None) -> Iterator[Summary]:
    with db.reading() as session:
        if _today(as_of):
            restriction = _restriction(chosen)
            if not (chosen.field or chosen.agency):  # the database does all the work, paging too
                rows = catalog_list.current_rows(session, restriction, offset=offset, limit=limit)
                yield from (row.summary for row in rows)
                return
            found: Iterable[Summary] = (row.summary for row in catalog_list.current_rows(session, restriction)
                                        if _keep(chosen, row))
        else:
            assert as_of is not None
            found = (catalog_list.summary_of(data) for data in catalog_list.as_of_rows(session, as_of)
                     if chosen.accepts_data(data))
        yield from itertools.islice(found, offset, offset + limit if limit is not None else None)


def _refresh(db: Database) -> None:
    """Point the procedure rows at the revisions in force today (a decision may have taken effect)."""
    with db.transaction() as session:
        CatalogStore(session).refresh_in_force()


def _today(as_of: dt.date | None) -> bool:
    return as_of is None or as_of == dt.date.today()


def _restriction(filters: Filters) -> Restriction:
    """What the database applies itself, and which content the other restrictions may need."""
    if filters.agency:
        content = "all"  # an authorised or coordinating agency, or the publisher, is only in the content
    elif filters.field:
        content = json.dumps(filters.field, ensure_ascii=False)[1:-1]  # a field code, as the content writes it
    else:
        content = "none"
    return Restriction(filters.levels, filters.category, filters.status, content)


@functools.lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    return fold(text)


def _matches(wanted: str, names: Iterable[str]) -> bool:
    key = _folded(wanted)
    return any(key in _folded(name) for name in names)


def _keep(filters: Filters, row: ListRow) -> bool:
    """The field and agency restrictions: decided by the row's columns where they can, else by its content."""
    undecided = False
    if filters.field and not _matches(filters.field, row.summary.fields):
        if row.content is None:
            return False  # the content does not even hold the text: no field has that code
        undecided = True
    if filters.agency and not _matches(filters.agency, row.agencies):
        undecided = True
    return not undecided or (row.content is not None
                             and filters.accepts_data({"code": row.summary.code, **_filter_parts(row.content)}))


_FILTER_KEYS = ("levels", "fields", "agencies", "competent", "authorized", "coordinating", "publisher", "status")
_decode = json.JSONDecoder().raw_decode


def _filter_parts(content: str) -> dict[str, Any]:
    """The parts :meth:`Filters.accepts_data` reads, decoded alone from a procedure's canonical JSON.

    The canonical form is compact, and these are top-level keys that no nested value has (unlike
    ``code`` or ``name``; inside a string a quote is escaped), so each is found by its ``"key":``
    text; the long parts (steps, dossier, legal basis…) are never decoded."""
    out: dict[str, Any] = {}
    for key in _FILTER_KEYS:
        at = content.find(f'"{key}":')
        if at >= 0:
            out[key] = _decode(content, at + len(key) + 3)[0]
    return out


def show(db: Database, code: str, *, as_of: dt.date | None = None) -> Procedure:
    """One procedure by any form of its code, as in force on ``as_of``."""
    national = _national(code)
    with db.transaction() as session:
        store = CatalogStore(session)
        store.refresh_in_force()
        procedure = store.in_force(national, as_of)
    if procedure is None:
        when = _(" on {}").format(as_of.isoformat()) if as_of else ""
        raise NotFound(_("procedure {} is not in the catalogue{}").format(code, when))
    return procedure


def history(db: Database, code: str) -> list[HistoryEntry]:
    national = _national(code)
    with db.reading() as session:
        entries = CatalogStore(session).history(national)
    if not entries:
        raise NotFound(_("procedure {} is not in the catalogue").format(code))
    return entries


def _national(code: str) -> str:
    national = national_code(code)
    if national is None:
        raise NotFound(_("{!r} is not a procedure code (expected e.g. 1.004227 or 1.004227.000.00.00.H48)")
                       .format(code))
    return national


@dataclass(frozen=True)
class Hit:
    procedure: Summary
    score: float
    matched: list[str] = field(default_factory=list)


def search(db: Database, text: str, *, filters: Filters | None = None, limit: int = 50,
           as_of: dt.date | None = None) -> list[Hit]:
    """Procedures matching every word of ``text`` (accents and case ignored), best first."""
    tokens = words(text)
    if not tokens:
        return []
    code = parse_procedure_code(text)
    query = _Query(tokens, " ".join(tokens), fold(text), code.national if code else None)
    chosen = filters or Filters()
    if _today(as_of) and not (chosen.field or chosen.agency):
        return _ranked(db, query, chosen, limit)
    hits = (Hit(s, query.score(s.code, s.name)) for s in _candidates(db, tokens, chosen, as_of))
    return heapq.nsmallest(limit, hits, key=lambda h: (-h.score, h.procedure.code))


def _ranked(db: Database, query: _Query, filters: Filters, limit: int) -> list[Hit]:
    """The search today when the database applies every restriction: rank codes and names, then read
    the summaries of the best ``limit`` only."""
    _refresh(db)
    with db.reading() as session:
        named = catalog_list.current_names(session, _restriction(filters), query.tokens)
        best = heapq.nsmallest(limit, ((-query.score(code, name), code) for code, name in named))
        found = catalog_list.current_summaries(session, [code for _score, code in best])
    return [Hit(found[code], -score) for score, code in best]


def _candidates(db: Database, tokens: list[str], filters: Filters, as_of: dt.date | None) -> Iterator[Summary]:
    """The procedures whose folded search text holds every token, as in force on ``as_of``."""
    _refresh(db)
    with db.reading() as session:
        if _today(as_of):
            rows = catalog_list.current_rows(session, _restriction(filters), search=tokens)
            yield from (row.summary for row in rows if _keep(filters, row))
            return
        assert as_of is not None
        codes = CatalogStore(session).search_codes(tokens)
        if codes:
            yield from (catalog_list.summary_of(data) for data in catalog_list.as_of_rows(session, as_of, codes)
                        if filters.accepts_data(data))


@dataclass(frozen=True)
class _Query:
    """What scoring compares each candidate with, folded once."""

    tokens: list[str]
    phrase: str
    text: str
    code: str | None

    def score(self, code: str, name: str) -> float:
        """How well a procedure's code and name answer the query (higher is better)."""
        if self.code and code == self.code:
            return 1000.0
        name = fold(name)
        name_words = set(words(name))  # ``name`` is ASCII already: folding it again is cheap
        score = 0.0
        if self.phrase in name:
            score += 20 + 10 * (name.startswith(self.phrase))
        for token in self.tokens:
            if token in name_words:
                score += 5
            elif token in name:
                score += 2
            else:
                score += 1
        if self.text == name:
            score += 50
        return score - len(name) / 1000
