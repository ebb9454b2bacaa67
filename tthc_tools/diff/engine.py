"""The diff: two catalogues in, a :class:`~tthc_tools.diff.model.DiffReport` out. No I/O here.

Procedures are matched by national code (local long and short forms reduce to it, case ignored).
The work is proportional to the differences: whole-content digests settle most procedures; for the
rest, part hashes say which parts differ; only those procedures' content is read and compared item
by item. A part is compared only when both sides carry it (an Excel list carries no channels, so a
snapshot taken from one says nothing about them), except the status, which every catalogue knows (a
procedure listed without one is active: abolished on one side and listed as in force on the other is
a difference); the local code is never compared: it is local by nature.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from tthc_tools.diff.model import (
    Catalogue,
    Change,
    DiffOptions,
    DiffReport,
    Entry,
    MemoryCatalogue,
    OneSided,
    ProcedureDiff,
    Side,
)
from tthc_tools.diff.parts import FIELDS_BY_PART, compare_part, norm
from tthc_tools.diff.suggest import suggest
from tthc_tools.errors import UsageProblem
from tthc_tools.i18n import _
from tthc_tools.model import ALWAYS_KNOWN, PARTS, Procedure, Record

CHUNK = 1000
ALWAYS_IGNORED = frozenset({"local_code"})
FILTER_PARTS = ("levels", "fields", "agencies", "competent", "authorized", "coordinating", "publisher", "status")


def ignorable() -> list[str]:
    """Every name ``--ignore`` accepts: parts, and ``part.field`` for fields inside list parts."""
    return [*PARTS, *(f"{part}.{name}" for part, names in FIELDS_BY_PART.items() for name in names)]


def check_ignore(names: Iterable[str]) -> frozenset[str]:
    """The ``--ignore`` names, checked; an unknown one is a usage error listing the known ones."""
    known = set(ignorable())
    chosen = frozenset(n.strip() for n in names if n.strip())
    unknown = sorted(chosen - known)
    if unknown:
        raise UsageProblem(_("cannot ignore {}: not a part of a procedure").format(", ".join(unknown)),
                           hint=_("known: {}").format(", ".join(sorted(known))))
    return chosen


def _chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def _scope(catalogue: Catalogue, keys: Sequence[str], filters: Any) -> set[str]:
    accepted: set[str] = set()
    for chunk in _chunks(keys):
        accepted.update(k for k, p in catalogue.procedures(chunk, FILTER_PARTS).items() if filters.accepts(p))
    return accepted


def _differing(left: Mapping[str, str], right: Mapping[str, str], ignored: frozenset[str]) -> list[str]:
    """Parts both sides carry (or every side knows: the status), not ignored, whose hashes differ.

    A side that does not state a part of :data:`ALWAYS_KNOWN` has its default value there (the hash
    ``""``): a procedure listed without a status is active.
    """
    return [
        p for p in PARTS
        if p not in ignored and ((p in left and p in right) or p in ALWAYS_KNOWN)
        and left.get(p, "") != right.get(p, "")
    ]


def _order(change: Change) -> tuple[Any, ...]:
    """A sort key that does not depend on which side is called local."""
    values = sorted((repr(change.local), repr(change.national)))
    one_sided = change.local is None or change.national is None
    return (PARTS.index(change.part), norm(change.item), change.field, one_sided, *values)


def compare_procedures(
    code: str, local: Procedure, national: Procedure, parts: Iterable[str], ignored: frozenset[str] = frozenset()
) -> ProcedureDiff | None:
    """The item-level differences of ``parts`` between two versions of one procedure (None if none)."""
    changes = [
        c for part in parts for c in compare_part(part, local, national)
        if f"{c.part}.{c.field}" not in ignored
    ]
    if not changes:
        return None
    return ProcedureDiff(code, local.name, national.name, tuple(sorted(changes, key=_order)))


def _changed(local: Catalogue, national: Catalogue, suspects: list[str], ignored: frozenset[str]) -> list[ProcedureDiff]:
    out = []
    for chunk in _chunks(suspects):
        left, right = local.part_hashes(chunk), national.part_hashes(chunk)
        differing = {k: parts for k in chunk if (parts := _differing(left[k], right[k], ignored))}
        if not differing:
            continue
        keys = list(differing)
        wanted = {"name", *(p for found in differing.values() for p in found)}
        content_l, content_r = local.procedures(keys, wanted), national.procedures(keys, wanted)
        for key in keys:
            found = compare_procedures(key, content_l[key], content_r[key], differing[key], ignored)
            if found is not None:
                out.append(found)
    return out


def _one_sided(
    mine: Catalogue, entries: Mapping[str, Entry], keys: list[str], theirs: Catalogue,
    their_entries: Mapping[str, Entry], their_keys: list[str], options: DiffOptions,
) -> tuple[OneSided, ...]:
    names = {k: p.name for k, p in mine.procedures(keys, ("name",)).items()}
    others = {k: (their_entries[k].code, p.name) for k, p in theirs.procedures(their_keys, ("name",)).items()}
    hints = suggest(names, others, limit=options.suggestions, min_score=options.min_score)
    return tuple(OneSided(entries[k].code, names[k], hints.get(k, ())) for k in keys)


def diff_catalogues(
    local: Catalogue,
    national: Catalogue,
    options: DiffOptions | None = None,
    *,
    local_side: Side | None = None,
    national_side: Side | None = None,
) -> DiffReport:
    """Compare ``local`` with ``national``: one-sided procedures (with suggestions) and changes."""
    options = options or DiffOptions()
    ignored = ALWAYS_IGNORED | options.ignore
    left, right = local.entries(), national.entries()
    keys_l, keys_r = set(left), set(right)
    if options.filters is not None:
        scope = _scope(local, sorted(keys_l), options.filters) | _scope(national, sorted(keys_r), options.filters)
        keys_l, keys_r = keys_l & scope, keys_r & scope
    both = sorted(keys_l & keys_r)
    only_l, only_r = sorted(keys_l - keys_r), sorted(keys_r - keys_l)
    suspects = [k for k in both if left[k].digest != right[k].digest]
    return DiffReport(
        local=local_side or Side(_("local"), len(keys_l)),
        national=national_side or Side(_("national"), len(keys_r)),
        compared=len(both),
        only_national=_one_sided(national, right, only_r, local, left, only_l, options),
        only_local=_one_sided(local, left, only_l, national, right, only_r, options),
        changed=tuple(_changed(local, national, suspects, ignored)),
        ignored=tuple(sorted(ignored)),
        filters=options.filters.describe() if options.filters is not None else {},
    )


def diff(
    local: Iterable[Record | Procedure],
    national: Iterable[Record | Procedure],
    options: DiffOptions | None = None,
) -> DiffReport:
    """The diff of two catalogues held in memory (records or procedures), as a pure function."""
    return diff_catalogues(MemoryCatalogue(local), MemoryCatalogue(national), options)
