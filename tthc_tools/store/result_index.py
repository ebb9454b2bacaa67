"""The results' word index (``scan_result_words``) and the look-ups search is made of.

Every folded word of a result's search text is one row (word, result id); a compound word — a số ký
hiệu ``15/2024/qd-ubnd``, a dossier code ``000.00.12.h52-250301-0001`` — also gives its parts and each
trailing run of them, so that ``qd-ubnd`` or ``250301-0001`` find it. The last word typed also matches
the words it begins: a range of the index, since words compare byte by byte.

"All these words" starts from the rarest word's rows — they come in result order, so the scan stops
at the first page of hits — and checks each candidate's other words through the (result, word) index
with one subquery. How rare a word is, is counted up to :data:`COMMON` rows before the query is built,
so no database statistics are needed. The same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, delete, func, insert, literal, select
from sqlalchemy.orm import Session, aliased

from tthc_tools.store.scan_tables import WORD_LENGTH, ScanResultRow, ScanResultWordRow
from tthc_tools.text import words

Word = ScanResultWordRow
WORDS = cast(Table, ScanResultWordRow.__table__)  # inserted through Core: millions of rows, no ORM objects
ROWS_PER_INSERT = 5000
COMMON = 2000
"""Rows counted at most per word when choosing where to start; past this a word is simply "common"."""
_SEPARATOR = re.compile(r"[./-]")


def index_words(search_text: str) -> set[str]:
    """The words a result with this (folded) search text is found by."""
    found: set[str] = set()
    for word in words(search_text):
        found.add(word[:WORD_LENGTH])
        if _SEPARATOR.search(word):
            found.update(part[:WORD_LENGTH] for part in _SEPARATOR.split(word))
            found.update(word[match.end():][:WORD_LENGTH] for match in _SEPARATOR.finditer(word))
    return found


def query_terms(query: str) -> list[str]:
    """The words of what was typed, as the index holds them (the last one may be unfinished)."""
    return [word[:WORD_LENGTH] for word in words(query)]


class ResultIndex:
    """The word index and the key columns of ``scan_results``, seen through one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- keeping it up to date ----------------------------------------------------------------------

    def add(self, texts: Iterable[tuple[int, str]]) -> None:
        """Index the search texts of results that have no words yet: (result id, search text) pairs."""
        rows: list[dict[str, Any]] = []
        for result_id, text in texts:
            rows.extend({"word": word, "result_id": result_id} for word in sorted(index_words(text)))
            if len(rows) >= ROWS_PER_INSERT:
                self.session.execute(insert(WORDS), rows)
                rows = []
        if rows:
            self.session.execute(insert(WORDS), rows)

    def replace(self, result_id: int, text: str) -> None:
        """Index a result's new search text in place of its old one."""
        self.session.execute(delete(Word).where(Word.result_id == result_id))
        self.add([(result_id, text)])

    # --- look-ups (each returns result ids in id order, at most ``limit``) ----------------------------

    def equal(self, column: str, values: Sequence[str], limit: int) -> list[int]:
        """Results whose key column (``holder_id``, ``number_key``, ``holder_key``) is one of ``values``."""
        wanted = [v for v in values if v]
        if not wanted:
            return []
        key = getattr(ScanResultRow, column)
        query = select(ScanResultRow.id).where(key.in_(wanted)).order_by(ScanResultRow.id).limit(limit)
        return list(self.session.scalars(query))

    def having_words(self, terms: Sequence[str], limit: int) -> list[int]:
        """Results having every term as a word; the last term may also begin a word."""
        if not terms:
            return []
        *before, last = terms
        exact = sorted(set(before))
        prefix = "" if last in exact else last
        counts = {term: self._count(Word.word == term) for term in exact}
        prefix_count = self._count(_begins(Word.word, prefix)) if prefix else COMMON
        if 0 in counts.values() or prefix_count == 0:
            return []
        outer = aliased(Word)
        if exact and (not prefix or prefix_count >= min(counts.values())):
            start = min(exact, key=lambda term: counts[term])  # the rarest word: its rows, in result order
            query = select(outer.result_id).where(outer.word == start)
            others = [term for term in exact if term != start]
        elif prefix_count < COMMON:  # a rare beginning: its few rows, sorted
            query = select(outer.result_id).distinct().where(_begins(outer.word, prefix))
            others, prefix = exact, ""
        else:  # one common beginning alone: walk the results in order until enough have it
            found = select(ScanResultRow.id).where(_has(ScanResultRow.id, prefix))
            return list(self.session.scalars(found.order_by(ScanResultRow.id).limit(limit)))
        conditions = [_has_all(outer.result_id, others)] if others else []
        if prefix:
            conditions.append(_has(outer.result_id, prefix))
        query = query.where(*conditions).order_by(outer.result_id).limit(limit)
        return list(self.session.scalars(query))

    def _count(self, condition: ColumnElement[bool]) -> int:
        rows = select(literal(1)).select_from(Word).where(condition).limit(COMMON).subquery()
        return int(self.session.scalar(select(func.count()).select_from(rows)) or 0)


def _begins(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` starts with ``prefix``, as a range the index can walk (words compare byte by byte)."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first string past every word beginning so
    within: ColumnElement[bool] = (column >= prefix) & (column < after)
    return within


def _has(result_id: Any, prefix: str) -> ColumnElement[bool]:
    """The result has a word beginning with ``prefix`` (one range of the (result, word) index).

    A scalar subquery rather than EXISTS: PostgreSQL would turn EXISTS into a join and, misjudging how
    many words a beginning covers, might start from all of them instead of from the rarest word.
    """
    inner = aliased(Word)
    first = select(inner.word).where(inner.result_id == result_id, _begins(inner.word, prefix)).limit(1)
    return first.scalar_subquery().is_not(None)


def _has_all(result_id: Any, terms: Sequence[str]) -> ColumnElement[bool]:
    """The result has every one of ``terms``: one subquery however many terms there are (an EXISTS
    each would make PostgreSQL plan a join of them all, which takes it seconds past about ten)."""
    inner = aliased(Word)
    found = select(func.count()).where(inner.result_id == result_id, inner.word.in_(terms)).scalar_subquery()
    return found == len(terms)
