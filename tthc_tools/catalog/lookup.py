"""Looking things up: list with filters, show one procedure, search, history.

Search folds diacritics, case and whitespace ("ho tich", "HỘ TỊCH" and "hộ tịch" find the same
records) the same way on every database, because the folded text is computed here, not by SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from tthc_tools.catalog.readers import _fields as readers_fields
from tthc_tools.codes import national_code, parse_procedure_code
from tthc_tools.errors import NotFound
from tthc_tools.i18n import _
from tthc_tools.model import LEVELS, Procedure
from tthc_tools.store.catalog import CatalogStore, HistoryEntry
from tthc_tools.store.session import Database
from tthc_tools.text import fold, words


@dataclass(frozen=True)
class Filters:
    """Restrictions shared by list, search, diff and export: all given ones must hold."""

    levels: tuple[str, ...] = ()
    field: str = ""
    agency: str = ""
    category: int | None = None
    status: str = ""

    def accepts(self, p: Procedure) -> bool:
        if self.levels and not set(self.levels) & set(p.levels):
            return False
        if self.field and not any(fold(self.field) in fold(f.name) or self.field == f.code for f in p.fields):
            return False
        agencies = (*p.agencies, *p.competent, *p.authorized, *p.coordinating)
        if self.agency and not any(fold(self.agency) in fold(a.name) for a in agencies) and \
                fold(self.agency) not in fold(p.publisher):
            return False
        if self.category is not None and p.category != self.category:
            return False
        return not (self.status and p.status != self.status)

    def describe(self) -> dict[str, object]:
        return {k: v for k, v in (("levels", list(self.levels)), ("field", self.field), ("agency", self.agency),
                                  ("category", self.category), ("status", self.status)) if v not in ("", [], None)}


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
    procedure: Procedure
    score: float
    matched: list[str] = field(default_factory=list)


def search(db: Database, text: str, *, filters: Filters | None = None, limit: int = 50,
           as_of: dt.date | None = None) -> list[Hit]:
    """Procedures matching every word of ``text`` (accents and case ignored), best first."""
    tokens = words(text)
    if not tokens:
        return []
    code = parse_procedure_code(text)
    hits = []
    for procedure in _candidates(db, tokens, as_of):
        if filters and not filters.accepts(procedure):
            continue
        hits.append(Hit(procedure, _score(procedure, tokens, text, code.national if code else None)))
    hits.sort(key=lambda h: (-h.score, h.procedure.code))
    return hits[:limit]


def _candidates(db: Database, tokens: list[str], as_of: dt.date | None) -> Iterator[Procedure]:
    with db.transaction() as session:
        store = CatalogStore(session)
        store.refresh_in_force()
        codes = store.search_codes(tokens)
        yield from store.as_of(as_of, codes) if codes else iter(())


def _score(p: Procedure, tokens: list[str], text: str, code: str | None) -> float:
    if code and p.code == code:
        return 1000.0
    name = fold(p.name)
    name_words = set(words(p.name))
    score = 0.0
    phrase = " ".join(tokens)
    if phrase in name:
        score += 20 + 10 * (name.startswith(phrase))
    for token in tokens:
        if token in name_words:
            score += 5
        elif token in name:
            score += 2
        else:
            score += 1
    if fold(text) == name:
        score += 50
    return score - len(name) / 1000
