"""A decision as the database keeps it: the parsed or drafted :class:`Decision`, how recording it
went, and its links to earlier and later decisions ("decision X supersedes rows n of decision Y").

The ``decisions`` table holds header columns for look-ups and one JSON document (``content``):
``{"decision": …, "outcome": […], "supersedes": […], "superseded_by": […]}``. This module turns
one into the other; it does no I/O.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from tthc_tools.decisions.model import Decision
from tthc_tools.model import from_dict, to_dict
from tthc_tools.store.decisions import DRAFT, IMPORTED, DecisionValues, StoredDecision
from tthc_tools.text import fold

OUTCOMES = ("created", "updated", "abolished", "unchanged", "skipped")
"""What recording did to the procedure of one change row."""


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What recording a decision did with one change row (a replaced row gives two: old and new)."""

    number: str
    kind: str
    code: str
    name: str
    outcome: str
    reason: str = ""
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """One decision superseding (rows of) another stored decision."""

    action: str
    decision_id: int
    number: str
    rows: tuple[str, ...] = ()
    effective: dt.date | None = None


@dataclass(frozen=True)
class Entry:
    """A stored decision: its id and state, the decision itself, and what recording it did."""

    id: int
    state: str
    decision: Decision
    effective: dt.date | None = None
    source_path: str = ""
    source_sha256: str = ""
    created_at: dt.datetime | None = None
    recorded_at: dt.datetime | None = None
    outcome: tuple[RowOutcome, ...] = ()
    supersedes: tuple[Link, ...] = ()
    superseded_by: tuple[Link, ...] = ()

    def summary_dict(self) -> dict[str, Any]:
        """The plain form of the entry without its rows (for lists)."""
        d = self.decision
        return {
            "id": self.id, "state": self.state, "number": d.number, "is_draft": d.is_draft, "place": d.place,
            "issued": d.issued, "effective": self.effective or d.effective, "issuer": d.issuer, "signer": d.signer,
            "signer_title": d.signer_title, "summary": d.summary, "rows": d.counts(), "source": self.source_path,
            "created_at": self.created_at, "recorded_at": self.recorded_at,
        }

    def as_dict(self) -> dict[str, Any]:
        """The plain form of the entry: header, the decision's parts, outcome and links."""
        return {
            **self.summary_dict(), "decision": to_dict(self.decision), "outcome": to_dict(self.outcome),
            "supersedes": to_dict(self.supersedes), "superseded_by": to_dict(self.superseded_by),
        }


def entry_of(stored: StoredDecision) -> Entry:
    """The :class:`Entry` of a stored row (its JSON content parsed)."""
    content = json.loads(stored.values.content or "{}")
    return Entry(
        id=stored.id,
        state=stored.state,
        decision=from_dict(Decision, content.get("decision", {})),
        effective=stored.values.effective,
        source_path=stored.values.source_path,
        source_sha256=stored.values.source_sha256,
        created_at=stored.created_at,
        recorded_at=stored.recorded_at,
        outcome=tuple(from_dict(RowOutcome, item) for item in content.get("outcome", [])),
        supersedes=tuple(from_dict(Link, item) for item in content.get("supersedes", [])),
        superseded_by=tuple(from_dict(Link, item) for item in content.get("superseded_by", [])),
    )


def content_of(
    decision: Decision,
    outcome: tuple[RowOutcome, ...] = (),
    supersedes: tuple[Link, ...] = (),
    superseded_by: tuple[Link, ...] = (),
) -> str:
    """The JSON content of a decision row."""
    data: dict[str, Any] = {"decision": to_dict(decision)}
    for name, value in (("outcome", outcome), ("supersedes", supersedes), ("superseded_by", superseded_by)):
        if value:
            data[name] = to_dict(value)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def values_of(decision: Decision, *, state: str = IMPORTED, effective: dt.date | None = None, sha256: str = "",
              content: str | None = None) -> DecisionValues:
    """The columns of a decision row."""
    return DecisionValues(
        number=decision.number,
        number_key=decision.key,
        place=decision.place[:120],
        issued=decision.issued,
        effective=effective or decision.effective,
        signer=decision.signer[:200],
        signer_title=decision.signer_title[:200],
        summary=decision.summary,
        state=DRAFT if state == IMPORTED and decision.is_draft else state,
        source_path=decision.source,
        source_sha256=sha256,
        content=content if content is not None else content_of(decision),
    )


def same_decision(a: Decision, b: Decision) -> bool:
    """True when two decisions with the same number key are the same one: numbers restart every
    year and every province has its own ``…/QĐ-UBND`` series, so the year and place must agree too
    (where both are known)."""
    if not a.key or a.key != b.key:
        return False
    if a.issued and b.issued and a.issued.year != b.issued.year:
        return False
    return not (a.place and b.place and fold(a.place) != fold(b.place))

