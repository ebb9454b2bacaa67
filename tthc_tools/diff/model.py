"""The values of a diff: what it compares (catalogues and their entries) and what it reports.

A :class:`Catalogue` is one side of the comparison. The engine first asks it for cheap
:class:`Entry` rows (key and whole-content digest), then for part hashes of the few procedures whose
digests differ, and only then for the content of those whose compared parts differ. Sides that live
in the database answer these questions with queries; :class:`MemoryCatalogue` answers them from
records already in memory.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from tthc_tools.codes import national_code
from tthc_tools.model import ALWAYS_KNOWN, PARTS, Procedure, Record, content_hash, part_hashes
from tthc_tools.text import clean

CHANGED = "changed"
ONLY_LOCAL = "only_local"
ONLY_NATIONAL = "only_national"
REPLACED = "replaced"
_MIRROR = {ONLY_LOCAL: ONLY_NATIONAL, ONLY_NATIONAL: ONLY_LOCAL}


def match_key(code: str) -> str:
    """The key procedures are matched by: the national code of any code form, case ignored."""
    return national_code(code) or clean(code).upper()


@dataclass(frozen=True, slots=True)
class Entry:
    """One procedure of a side, before its content is read: match key, code, digest of its content."""

    key: str
    code: str
    digest: str


class Catalogue(Protocol):
    """One side of a diff. Keys are :func:`match_key` values; batch methods take lists of keys."""

    def entries(self) -> Mapping[str, Entry]:
        """Every procedure of the side, by key."""

    def part_hashes(self, keys: Sequence[str]) -> dict[str, dict[str, str]]:
        """For each key, the hash of every part the side carries (``""`` for a carried empty part).

        A part of :data:`~tthc_tools.model.ALWAYS_KNOWN` the side leaves out has its default value."""

    def procedures(self, keys: Sequence[str], parts: Collection[str] | None = None) -> dict[str, Procedure]:
        """The content of each key's procedure; with ``parts``, only those parts need be filled in."""


class MemoryCatalogue:
    """A :class:`Catalogue` over records held in memory (files read by the readers, tests).

    A bare :class:`Procedure` carries every part; a :class:`Record` carries what its source carried.
    When two records reduce to the same key the first wins and the others are listed in ``duplicates``.
    """

    def __init__(self, items: Iterable[Record | Procedure]) -> None:
        self._records: dict[str, Record] = {}
        self._entries: dict[str, Entry] = {}
        self.duplicates: list[str] = []
        for item in items:
            record = item if isinstance(item, Record) else Record(item, frozenset(PARTS))
            key = match_key(record.procedure.code)
            if key in self._records:
                self.duplicates.append(record.procedure.code)
                continue
            self._records[key] = record
            self._entries[key] = Entry(key, record.procedure.code, content_hash(record.procedure))

    def entries(self) -> Mapping[str, Entry]:
        return self._entries

    def part_hashes(self, keys: Sequence[str]) -> dict[str, dict[str, str]]:
        return {k: part_hashes(self._records[k].procedure, sorted(self._records[k].carried | ALWAYS_KNOWN))
                for k in keys}

    def procedures(self, keys: Sequence[str], parts: Collection[str] | None = None) -> dict[str, Procedure]:
        return {k: self._records[k].procedure for k in keys}


@dataclass(frozen=True, slots=True)
class Change:
    """One difference inside a procedure.

    ``part`` is a :data:`~tthc_tools.model.PARTS` name; ``item`` names the element of a list part
    (a channel kind, a paper's name, a legal document's number…); ``field`` the attribute that
    differs. ``kind`` is ``changed`` (both sides have it, values differ), ``only_local``,
    ``only_national``, or ``replaced`` (a legal basis on one side stands where another is on the
    other). ``local`` and ``national`` are plain JSON values.
    """

    part: str
    kind: str
    item: str = ""
    field: str = ""
    local: Any = None
    national: Any = None

    def mirrored(self) -> Change:
        return replace(self, kind=_MIRROR.get(self.kind, self.kind), local=self.national, national=self.local)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A procedure on the other side whose name resembles a one-sided one (a hint, not a match)."""

    code: str
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class OneSided:
    """A procedure present on one side only, with likely counterparts on the other side."""

    code: str
    name: str
    suggestions: tuple[Suggestion, ...] = ()


@dataclass(frozen=True, slots=True)
class ProcedureDiff:
    """A procedure on both sides whose compared parts differ."""

    code: str
    local_name: str
    national_name: str
    changes: tuple[Change, ...]

    @property
    def parts(self) -> list[str]:
        """The parts that differ, in model order."""
        found = {c.part for c in self.changes}
        return [p for p in PARTS if p in found]

    def mirrored(self) -> ProcedureDiff:
        return ProcedureDiff(self.code, self.national_name, self.local_name,
                             tuple(c.mirrored() for c in self.changes))


@dataclass(frozen=True)
class Side:
    """What a side was: a label for people and details for machines (snapshot id, date…)."""

    label: str
    count: int = 0
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DiffOptions:
    """What to leave out: parts or ``part.field`` names, and restrictions on the procedures compared.

    ``filters`` is any object with ``accepts(procedure) -> bool`` and ``describe() -> dict``
    (:class:`tthc_tools.catalog.lookup.Filters`); a procedure is compared when either side accepts it.
    """

    ignore: frozenset[str] = frozenset()
    filters: Any = None
    suggestions: int = 3
    min_score: float = 70.0


@dataclass(frozen=True)
class DiffReport:
    """The result of comparing two catalogues; every list is ordered by code."""

    local: Side
    national: Side
    compared: int
    only_national: tuple[OneSided, ...]
    only_local: tuple[OneSided, ...]
    changed: tuple[ProcedureDiff, ...]
    ignored: tuple[str, ...] = ()
    filters: Mapping[str, Any] = field(default_factory=dict)

    @property
    def unchanged(self) -> int:
        """Procedures on both sides with no reported difference."""
        return self.compared - len(self.changed)

    @property
    def has_differences(self) -> bool:
        return bool(self.only_national or self.only_local or self.changed)

    def mirrored(self) -> DiffReport:
        """The same report seen from the other side (local and national swapped)."""
        return replace(
            self, local=self.national, national=self.local, only_national=self.only_local,
            only_local=self.only_national, changed=tuple(c.mirrored() for c in self.changed),
        )
