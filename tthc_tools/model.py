"""The procedure model (DESIGN §3): frozen dataclasses, no database and no I/O.

The national database's record is the model. Text is stored as it came (NFC, trimmed), parts that
are not known stay empty. :func:`to_dict`/:func:`procedure_from_dict` give the canonical JSON form
used for storage, hashing and comparison: defaults are left out, so adding a part later does not
change the hash of content that does not use it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

LEVELS: dict[str, str] = {
    "bo": "Cấp Bộ",
    "tinh": "Cấp Tỉnh",
    "huyen": "Cấp Huyện",
    "xa": "Cấp Xã",
    "khac": "Cơ quan khác",
}
CHANNELS: dict[str, str] = {
    "truc_tiep": "Trực tiếp",
    "truc_tuyen": "Trực tuyến",
    "buu_chinh": "Dịch vụ bưu chính",
}
ONLINE_LEVELS: dict[str, str] = {
    "toan_trinh": "Dịch vụ công trực tuyến toàn trình",
    "mot_phan": "Dịch vụ công trực tuyến một phần",
    "thong_tin": "Dịch vụ cung cấp thông tin trực tuyến",
}
UNSTATED_CHANNEL = ""
"""The kind of a channel whose source did not say which channel it is (see :class:`Channel`)."""
STATUSES: dict[str, str] = {"active": "Đang áp dụng", "abolished": "Đã bãi bỏ"}
CHANGE_KINDS: dict[str, str] = {
    "new": "Mới ban hành",
    "amended": "Sửa đổi, bổ sung",
    "replaced": "Thay thế",
    "abolished": "Bãi bỏ",
}


@dataclass(frozen=True, slots=True)
class Ref:
    """A named thing with an optional code: a field (lĩnh vực), an agency, a subject."""

    name: str
    code: str = ""


@dataclass(frozen=True, slots=True)
class Fee:
    """One fee or charge of a channel; ``amount`` in ``unit`` when the source gives a number."""

    description: str = ""
    amount: int | None = None
    unit: str = ""
    code: str = ""

    @property
    def amount_text(self) -> str:
        """The amount as it is written in Vietnamese ("50.000 đồng"); "" when there is none."""
        return f"{self.amount:,} {self.unit}".replace(",", ".").strip() if self.amount is not None else ""


@dataclass(frozen=True, slots=True)
class Channel:
    """A way to submit (trực tiếp / trực tuyến / bưu chính) with its own deadline and fees.

    ``kind`` is ``""`` (:data:`UNSTATED_CHANNEL`) when the source gives a deadline or fee without
    saying for which channel (a spreadsheet with "Thời hạn giải quyết" and "Phí, lệ phí" columns but
    no "Cách thức thực hiện"): they are kept as said, for every channel, rather than lost or guessed.
    """

    kind: str
    deadline: str = ""
    fees: tuple[Fee, ...] = ()
    description: str = ""

    @property
    def fee_text(self) -> str:
        return "; ".join(" ".join(p for p in (fee.description, fee.amount_text) if p) for fee in self.fees)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the procedure (trình tự), under a case heading when there are several cases."""

    text: str
    case: str = ""


@dataclass(frozen=True, slots=True)
class DossierItem:
    """A paper of the dossier (thành phần hồ sơ); ``replacing_result`` is MA_KQ_THAYTHE, the reuse link."""

    name: str
    case: str = ""
    originals: int | None = None
    copies: int | None = None
    quantity: str = ""
    form: str = ""
    form_url: str = ""
    code: str = ""
    replacing_result: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    """A result the procedure produces (``KQ.G15.000031`` Giấy khai sinh)."""

    name: str
    code: str = ""
    form: str = ""


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A legal document the procedure rests on (căn cứ pháp lý)."""

    number: str = ""
    title: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    issuer: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Procedure:
    """A thủ tục hành chính as the catalogue knows it."""

    code: str
    name: str = ""
    local_code: str = ""
    kind: str = ""
    levels: tuple[str, ...] = ()
    fields: tuple[Ref, ...] = ()
    publisher: str = ""
    agencies: tuple[Ref, ...] = ()
    competent: tuple[Ref, ...] = ()
    authorized: tuple[Ref, ...] = ()
    coordinating: tuple[Ref, ...] = ()
    subjects: tuple[Ref, ...] = ()
    address: str = ""
    steps: tuple[Step, ...] = ()
    channels: tuple[Channel, ...] = ()
    dossier: tuple[DossierItem, ...] = ()
    results: tuple[Result, ...] = ()
    legal_basis: tuple[LegalBasis, ...] = ()
    requirements: str = ""
    related: tuple[str, ...] = ()
    online_level: str = ""
    decision: str = ""
    description: str = ""
    keywords: str = ""
    national_id: str = ""
    status: str = "active"

    @property
    def category(self) -> int:
        """The leading digit of the code (1, 2, 3; 5 and 6 are internal procedures)."""
        return int(self.code[0]) if self.code[:1].isdigit() else 0


PARTS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Procedure) if f.name != "code")
"""Every part of a procedure but its code; a source says which of these it carries."""

ALWAYS_KNOWN: frozenset[str] = frozenset({"status"})
"""Parts a catalogue knows for every procedure it lists, whether or not a source stated them: a
procedure listed without a status is in force (active). Imports still carry the status only when a
source states a non-default one (an Excel list must not revive an abolished procedure), but the diff
always compares it, so "abolished here, still listed as active there" is reported both ways."""


@dataclass(frozen=True, slots=True)
class Record:
    """A procedure as one source gives it: which parts the source carries, and where it was read."""

    procedure: Procedure
    carried: frozenset[str]
    location: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem found in an input or in the catalogue: where, which field, what, how bad."""

    severity: str  # "error" | "warning"
    message: str
    path: str = ""
    location: str = ""
    field: str = ""
    code: str = ""

    def where(self) -> str:
        return ": ".join(p for p in (self.path, self.location, self.field) if p)


# --- canonical dict / JSON ------------------------------------------------------------------------


_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_SPECS: dict[type, tuple[tuple[str, Any], ...]] = {}
_NO_DEFAULT = object()


def _spec(cls: type) -> tuple[tuple[str, Any], ...]:
    spec = _SPECS.get(cls)
    if spec is None:
        items = []
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                default: Any = f.default
            elif f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            else:
                default = _NO_DEFAULT
            items.append((f.name, default))
        spec = _SPECS[cls] = tuple(items)
    return spec


def to_dict(obj: Any) -> Any:
    """The canonical plain form of a model value: dataclasses as dicts without their defaults."""
    encoder = _ENCODERS.get(type(obj))
    if encoder is None and dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        encoder = _compile_encoder(type(obj))
    if encoder is not None:
        return encoder(obj)
    if isinstance(obj, tuple | list):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


_ENCODERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _value_source(hint: Any, expr: str) -> str:
    """Python source converting ``expr`` (a value of type ``hint``) to its plain form."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if item is str:
            return f"list({expr})"
        return f"[to_dict(x) for x in {expr}]"
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)][0]
        return _value_source(inner, expr)
    if hint is dt.date:
        return f"{expr}.isoformat()"
    if hint in (str, int, float, bool):
        return expr
    return f"to_dict({expr})"


def _compile_encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    """A function turning instances of ``cls`` into dicts, written out field by field once.

    It is what the generic loop would do, minus its per-value type tests: encoding is on the hot
    path of every import (each procedure is encoded once to store and hash it).
    """
    hints = _hints(cls)
    lines = ["def encode(o):", "    d = {}"]
    defaults: dict[str, Any] = {}
    for index, (name, default) in enumerate(_spec(cls)):
        value = f"o.{name}"
        convert = _value_source(hints[name], "v")
        if default is _NO_DEFAULT:
            lines += [f"    v = {value}", f"    d[{name!r}] = {convert}"]
            continue
        defaults[f"_d{index}"] = default
        lines += [f"    v = {value}", f"    if v is not _d{index} and v != _d{index}:",
                  f"        d[{name!r}] = {convert}"]
    lines.append("    return d")
    namespace: dict[str, Any] = {"to_dict": to_dict, **defaults}
    exec("\n".join(lines), namespace)  # the source is built above from the class's own fields
    encoder: Callable[[Any], dict[str, Any]] = namespace["encode"]
    _ENCODERS[cls] = encoder
    return encoder


def canonical_json(obj: Any) -> str:
    """Stable JSON text (sorted keys, UTF-8 characters kept) of a model value."""
    return _JSON.encode(to_dict(obj))


def content_hash(obj: Any) -> str:
    """SHA-256 of the canonical JSON; equal content gives equal hashes."""
    return hashlib.sha256(canonical_json(obj).encode()).hexdigest()


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _build(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is tuple:
        (item_type, _ellipsis) = typing.get_args(tp)
        return tuple(_build(item_type, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        inner = [a for a in typing.get_args(tp) if a is not type(None)][0]
        return _build(inner, value)
    if tp is dt.date:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if dataclasses.is_dataclass(tp) and isinstance(value, Mapping):
        return from_dict(typing.cast(type, tp), value)
    return value


T = typing.TypeVar("T")


def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
    """Rebuild a model value from its :func:`to_dict` form (unknown keys are ignored)."""
    hints = _hints(cls)
    kwargs = {name: _build(hints[name], value) for name, value in data.items() if name in hints}
    return cls(**kwargs)


def procedure_from_dict(data: Mapping[str, Any]) -> Procedure:
    return from_dict(Procedure, data)


def procedure_from_json(text: str) -> Procedure:
    return from_dict(Procedure, json.loads(text))


def merge(current: Procedure, incoming: Procedure, parts: frozenset[str] | set[str]) -> Procedure:
    """``current`` with ``parts`` taken from ``incoming``.

    Channels whose kind the incoming source does not state never replace channels of known kinds:
    they are kept beside them (a spreadsheet's one deadline does not wipe the national record's
    per-channel deadlines and fees). Channels of known kinds replace every channel, as any part does.
    """
    if not parts:
        return current
    values = {p: getattr(incoming, p) for p in parts}
    if "channels" in values:
        values["channels"] = merge_channels(current.channels, incoming.channels)
    return dataclasses.replace(current, **values)


def merge_channels(current: tuple[Channel, ...], incoming: tuple[Channel, ...]) -> tuple[Channel, ...]:
    """The channels after a source carrying ``incoming`` spoke (see :func:`merge`)."""
    if not incoming or any(c.kind != UNSTATED_CHANNEL for c in incoming):
        return incoming
    return (*(c for c in current if c.kind != UNSTATED_CHANNEL), *incoming)


_DEFAULTS: dict[str, Any] = {name: default for name, default in _spec(Procedure) if name != "code"}


def field_default(part: str) -> Any:
    """The empty value of a part (``""``, ``()``, ``"active"``)."""
    return _DEFAULTS[part]


def filled_parts(procedure: Procedure) -> frozenset[str]:
    """The parts of ``procedure`` that hold something other than their empty value."""
    return frozenset(part for part, empty in _DEFAULTS.items() if getattr(procedure, part) != empty)


def _short_hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def part_hash(part: str, value: Any) -> str:
    """A short hash of one part's canonical value; ``""`` for the part's empty value."""
    if value == _DEFAULTS[part]:
        return ""
    return _short_hash(_JSON.encode(to_dict(value)))


def part_hashes(procedure: Procedure, parts: typing.Iterable[str] = PARTS) -> dict[str, str]:
    """:func:`part_hash` of each of ``parts``; two procedures agree on a part iff their hashes do."""
    return {part: part_hash(part, getattr(procedure, part)) for part in parts}


@dataclass(frozen=True, slots=True)
class Encoded:
    """A procedure's canonical JSON, its hash and its non-empty parts' hashes, computed in one pass."""

    json: str
    hash: str
    part_hashes: dict[str, str]


def encode(procedure: Procedure) -> Encoded:
    """:func:`canonical_json`, :func:`content_hash` and :func:`part_hashes` (non-empty parts) at once."""
    data = to_dict(procedure)
    texts = {key: _JSON.encode(value) for key, value in data.items()}
    whole = "{" + ",".join(f"{_JSON.encode(key)}:{texts[key]}" for key in sorted(texts)) + "}"
    hashes = {key: _short_hash(text) for key, text in texts.items() if key != "code"}
    return Encoded(whole, hashlib.sha256(whole.encode()).hexdigest(), hashes)
