"""Likely counterparts of one-sided procedures, by name (rapidfuzz): suggestions, never matches.

A procedure whose code changed shows up once as "only local" and once as "only national"; the name
usually survives, so the closest names on the other side are offered with a score (0-100). Names are
compared folded (no accents, case or spacing) with their words sorted (word order ignored), which is
symmetric: swapping the sides swaps the suggestions and keeps their scores. When both one-sided lists
are huge (two unrelated catalogues) the pairs would be too many to score and no suggestion is made.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process

from tthc_tools.diff.model import Suggestion
from tthc_tools.text import fold

MAX_PAIRS = 20_000_000


def _key(name: str) -> str:
    return " ".join(sorted(fold(name).split()))


def suggest(
    names: Mapping[str, str],
    others: Mapping[str, tuple[str, str]],
    *,
    limit: int = 3,
    min_score: float = 70.0,
) -> dict[str, tuple[Suggestion, ...]]:
    """For each ``key → name`` the best ``others`` (``key → (code, name)``) scoring at least ``min_score``."""
    if limit <= 0 or not others or len(names) * len(others) > MAX_PAIRS:
        return {}
    choices = {key: _key(name) for key, (_code, name) in others.items()}
    out: dict[str, tuple[Suggestion, ...]] = {}
    for key, name in names.items():
        found = process.extract(_key(name), choices, scorer=fuzz.ratio, processor=None, limit=None,
                                score_cutoff=min_score)
        ranked = sorted(((round(score, 1), other) for _choice, score, other in found),
                        key=lambda pair: (-pair[0], others[pair[1]][0]))[:limit]
        if ranked:
            out[key] = tuple(Suggestion(others[o][0], others[o][1], s) for s, o in ranked)
    return out
