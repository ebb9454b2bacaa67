"""Part by part, item by item: what differs between two versions of one procedure.

Values are compared the way users read them: text in NFC with whitespace collapsed, codes without
regard to case. List parts are matched item by item — channels by kind, fees by description, dossier
papers and steps by their normalised text (within their case), results by code, legal documents by
number — so a report says which channel's deadline changed or which paper was added, not merely that
"the dossier differs". Inside a matched item, an attribute one side leaves empty is unknown there and
is not compared (an Excel list gives field names without their codes), as a part is compared only
when both sides carry it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

from tthc_tools.diff.model import CHANGED, ONLY_LOCAL, ONLY_NATIONAL, REPLACED, Change
from tthc_tools.model import (
    UNSTATED_CHANNEL,
    Channel,
    DossierItem,
    Fee,
    LegalBasis,
    Procedure,
    Ref,
    Result,
    Step,
    to_dict,
)
from tthc_tools.text import clean, fold

T = TypeVar("T")
CODE_FIELDS = frozenset({"code", "replacing_result", "related"})
CASELESS_FIELDS = CODE_FIELDS | {"deadline"}
"""Compared without regard to case: codes, and deadlines ("1 ngày làm việc" = "1 Ngày làm việc")."""


def norm(value: Any, *, code: bool = False) -> Any:
    """The comparison form of a value: cleaned text (case-folded for codes); others as they are."""
    if isinstance(value, str):
        text = clean(value)
        return text.casefold() if code else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _plain(value: Any) -> Any:
    return to_dict(value)


def _known(value: Any) -> bool:
    return value is not None and value != ""


def _fields_of(local: Any, national: Any, names: Sequence[str], part: str, item: str) -> list[Change]:
    """Attributes of a matched item that differ; one left empty on a side is unknown there, not compared."""
    out = []
    for name in names:
        a, b = getattr(local, name), getattr(national, name)
        if not (_known(a) and _known(b)):
            continue
        if norm(a, code=name in CASELESS_FIELDS) != norm(b, code=name in CASELESS_FIELDS):
            out.append(Change(part, CHANGED, item, name, _plain(a), _plain(b)))
    return out


def _keyed(items: Iterable[T], key: Callable[[T], Hashable]) -> dict[Hashable, T]:
    """Items by key; a repeated key gets an occurrence number so nothing is lost."""
    out: dict[Hashable, T] = {}
    for element in items:
        base = key(element)
        k, n = base, 1
        while k in out:
            n += 1
            k = (base, n)
        out[k] = element
    return out


def _label(label: Callable[[T], str], a: T, b: T) -> str:
    """The name of a matched item, the same whichever side is called local."""
    first, second = label(a), label(b)
    return first if first == second else min(first, second)


def _matched(
    part: str,
    local: Sequence[T],
    national: Sequence[T],
    key: Callable[[T], Hashable],
    label: Callable[[T], str],
    both: Callable[[T, T, str], list[Change]],
) -> list[Change]:
    """Match two lists by ``key``: one-sided items, then ``both(a, b, item)`` for items on both sides."""
    left, right = _keyed(local, key), _keyed(national, key)
    out = [Change(part, ONLY_LOCAL, label(v), "", _plain(v), None) for k, v in left.items() if k not in right]
    out += [Change(part, ONLY_NATIONAL, label(v), "", None, _plain(v)) for k, v in right.items() if k not in left]
    for k, v in left.items():
        if k in right:
            out.extend(both(v, right[k], _label(label, v, right[k])))
    return out


# --- one function per kind of part -----------------------------------------------------------------


def text_part(part: str, local: str, national: str) -> list[Change]:
    if norm(local, code=part in CODE_FIELDS) == norm(national, code=part in CODE_FIELDS):
        return []
    return [Change(part, CHANGED, "", "", local, national)]


def strings_part(part: str, local: Sequence[str], national: Sequence[str]) -> list[Change]:
    """Levels and related codes: sets of short strings."""
    code = part in CODE_FIELDS
    return _matched(part, local, national, lambda s: norm(s, code=code), str, lambda a, b, item: [])


def refs_part(part: str, local: Sequence[Ref], national: Sequence[Ref]) -> list[Change]:
    """Fields, agencies, subjects: matched by folded name; name spelling and code compared."""
    return _matched(part, local, national, lambda r: fold(r.name), lambda r: r.name,
                    lambda a, b, item: _fields_of(a, b, ("name", "code"), part, item))


def _fee_key(fee: Fee) -> Hashable:
    return fold(fee.description) or norm(fee.code, code=True)


def _fee_changes(kind: str, local: Sequence[Fee], national: Sequence[Fee]) -> list[Change]:
    """Fees of one channel matched by description; a fee that differs is shown whole on each side.
    A channel one side gives no fee for has its fees unknown there, like any empty attribute."""
    if not (local and national):
        return []
    left, right = _keyed(local, _fee_key), _keyed(national, _fee_key)
    out = [Change("channels", ONLY_LOCAL, kind, "fee", _plain(v), None) for k, v in left.items() if k not in right]
    out += [Change("channels", ONLY_NATIONAL, kind, "fee", None, _plain(v)) for k, v in right.items() if k not in left]
    for k, fee in left.items():
        if k in right and _fields_of(fee, right[k], ("description", "amount", "unit", "code"), "", ""):
            out.append(Change("channels", CHANGED, kind, "fee", _plain(fee), _plain(right[k])))
    return out


def _channel(a: Channel, b: Channel, kind: str) -> list[Change]:
    return _fields_of(a, b, ("deadline", "description"), "channels", kind) + _fee_changes(kind, a.fees, b.fees)


def _spread(mine: Sequence[Channel], theirs: Sequence[Channel]) -> Sequence[Channel]:
    """A channel of unstated kind (a spreadsheet's one deadline) stands for each channel of the other
    side that this side does not name, so its deadline and fees are compared with each of them. When
    both sides have one, they are compared with each other."""
    unstated = [c for c in mine if c.kind == UNSTATED_CHANNEL]
    if not unstated or any(c.kind == UNSTATED_CHANNEL for c in theirs):
        return mine
    named = [c for c in mine if c.kind != UNSTATED_CHANNEL]
    others = [k for k in dict.fromkeys(c.kind for c in theirs) if k not in {c.kind for c in named}]
    if not others:
        return mine
    return [*named, *(dataclasses.replace(c, kind=kind) for kind in others for c in unstated)]


def channels_part(local: Sequence[Channel], national: Sequence[Channel]) -> list[Change]:
    """Channels matched by kind; inside each, deadline, description and fees (matched by description).
    A channel whose kind a side did not state is compared with every channel of the other side."""
    local, national = _spread(local, national), _spread(national, local)
    return _matched("channels", local, national, lambda c: c.kind, lambda c: c.kind, _channel)


_DOSSIER_FIELDS = ("name", "originals", "copies", "quantity", "form", "form_url", "code", "replacing_result")


def dossier_part(local: Sequence[DossierItem], national: Sequence[DossierItem]) -> list[Change]:
    """Dossier papers matched by normalised name within their case."""
    return _matched("dossier", local, national, lambda d: (fold(d.case), fold(d.name)), lambda d: d.name,
                    lambda a, b, item: _fields_of(a, b, _DOSSIER_FIELDS, "dossier", item))


def results_part(local: Sequence[Result], national: Sequence[Result]) -> list[Change]:
    """Results matched by result code (by name when there is none)."""
    return _matched("results", local, national, lambda r: norm(r.code, code=True) or fold(r.name),
                    lambda r: r.code or r.name,
                    lambda a, b, item: _fields_of(a, b, ("name", "code", "form"), "results", item))


def _number_key(basis: LegalBasis) -> str:
    return fold(basis.number).replace(" ", "") or fold(basis.title)


_LEGAL_FIELDS = ("number", "title", "issued", "effective", "issuer", "url")


def legal_part(local: Sequence[LegalBasis], national: Sequence[LegalBasis]) -> list[Change]:
    """Legal documents matched by number; one removed where another was added is a replacement."""
    changes = _matched("legal_basis", local, national, _number_key, lambda b: b.number or b.title,
                       lambda a, b, item: _fields_of(a, b, _LEGAL_FIELDS, "legal_basis", item))
    gone = [c for c in changes if c.kind == ONLY_LOCAL]
    new = [c for c in changes if c.kind == ONLY_NATIONAL]
    rest = [c for c in changes if c.kind not in (ONLY_LOCAL, ONLY_NATIONAL)]
    pairs = [Change("legal_basis", REPLACED, "", "", a.local, b.national) for a, b in zip(gone, new, strict=False)]
    return pairs + gone[len(pairs):] + new[len(pairs):] + rest


def steps_part(local: Sequence[Step], national: Sequence[Step]) -> list[Change]:
    """Steps matched by normalised text within their case; the same steps in another order too."""
    changes = _matched("steps", local, national, lambda s: (fold(s.case), fold(s.text)), lambda s: s.case,
                       lambda a, b, item: _fields_of(a, b, ("text", "case"), "steps", item))
    if changes:
        return changes
    order_a = [(norm(s.case), norm(s.text)) for s in local]
    order_b = [(norm(s.case), norm(s.text)) for s in national]
    return [] if order_a == order_b else [Change("steps", CHANGED, "", "order", _plain(local), _plain(national))]


_LIST_PARTS: dict[str, Callable[[Any, Any], list[Change]]] = {
    "channels": channels_part,
    "dossier": dossier_part,
    "results": results_part,
    "legal_basis": legal_part,
    "steps": steps_part,
}
_REF_PARTS = frozenset({"fields", "agencies", "competent", "authorized", "coordinating", "subjects"})


def compare_part(part: str, local: Procedure, national: Procedure) -> list[Change]:
    """The differences of one part between the two sides' versions of a procedure."""
    a, b = getattr(local, part), getattr(national, part)
    if part in _LIST_PARTS:
        return _LIST_PARTS[part](a, b)
    if part in _REF_PARTS:
        return refs_part(part, a, b)
    if part in ("levels", "related"):
        return strings_part(part, a, b)
    if isinstance(a, str) and isinstance(b, str):
        return text_part(part, a, b)
    return [] if _plain(a) == _plain(b) else [Change(part, CHANGED, "", "", _plain(a), _plain(b))]


FIELDS_BY_PART: dict[str, tuple[str, ...]] = {
    "channels": ("deadline", "description", "fee"),
    "dossier": _DOSSIER_FIELDS,
    "results": ("name", "code", "form"),
    "legal_basis": _LEGAL_FIELDS,
    "steps": ("text", "case", "order"),
    **dict.fromkeys(_REF_PARTS, ("name", "code")),
}
"""The fields inside list parts that ``--ignore PART.FIELD`` can name."""
