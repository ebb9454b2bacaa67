"""The national sync JSON packet (upper-case keys, research/domain.md §1.3).

Accepted shapes: those of :func:`~tthc_tools.catalog.readers.national_packet.unwrap` (one record, a
list of records, ``{"result": [...]}``, and the sync endpoints' envelope ``{"message": "<json
string>"}`` whose inner JSON has ``result``), the same the HTTP client takes. Codes map to the model:
``CAPTHUCHIEN`` "0" bộ, "1" tỉnh, "2" huyện, "3" xã; ``KENH`` "1" trực tiếp, "2" trực tuyến, "3" bưu
chính; each ``THOIGIAN`` of a channel becomes one :class:`Channel`. Dates are read leniently
(``24/03/2021``, ``2021-03-24T00:00:00``, ``/Date(1616544000000)/``, epoch numbers).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tthc_tools.catalog.readers import _fields as f
from tthc_tools.catalog.readers._base import CodeCheck, ReadResult, check_file, load_json, record
from tthc_tools.catalog.readers.national_packet import (
    CHANNEL_CODES,
    LEVEL_CODES,
    ONLINE_CODES,
    envelope,
    packet_code,
    packet_from_procedure,
    unwrap,
)
from tthc_tools.codes import parse_date
from tthc_tools.i18n import _
from tthc_tools.model import (
    Channel,
    DossierItem,
    Fee,
    LegalBasis,
    Problem,
    Procedure,
    Record,
    Ref,
    Result,
    Step,
)
from tthc_tools.text import clean, clean_known

__all__ = ["FORMAT", "envelope", "packet_code", "packet_from_procedure", "procedure_from_packet", "read", "unwrap"]

FORMAT = "national-json"
_LEVELS = {code: key for key, code in LEVEL_CODES.items()}
_KINDS = {code: key for key, code in CHANNEL_CODES.items()}
_ONLINE = {code: key for key, code in ONLINE_CODES.items()}
_VIETNAM = dt.timezone(dt.timedelta(hours=7))


def read(path: Path) -> ReadResult:
    """Read a packet file (single, list, ``result`` or ``message`` envelope)."""
    check_file(path)
    items = unwrap(load_json(path), str(path))
    return ReadResult(_items(items, str(path)), FORMAT, [], str(path))


def _items(items: list[object], path: str) -> Iterator[Record | Problem]:
    check = CodeCheck(path, "MATTHC")
    for number, item in enumerate(items, start=1):
        location = _("record {n}").format(n=number)
        if not isinstance(item, dict):
            yield Problem("error", _("not a JSON object"), path, location)
            continue
        code = check(packet_code(item), location)
        if isinstance(code, Problem):
            yield code
            continue
        unknown = [_text(c.get("KENH")) for c in _list(item, "CACHTHUCTHUCHIEN") if _text(c.get("KENH")) not in _KINDS]
        if unknown:
            message = _("channel code KENH {codes} is not 1, 2 or 3; that channel is left out").format(
                codes=", ".join(repr(c) for c in unknown))
            yield Problem("warning", message, path, location, "CACHTHUCTHUCHIEN", code[0])
        yield record(procedure_from_packet(item, code), location)


def procedure_from_packet(data: Mapping[str, Any], code: tuple[str, str]) -> Procedure:
    """The procedure a packet describes (``code`` is the checked national and local code)."""
    levels = tuple(dict.fromkeys(k for k in (_level(v) for v in _list(data, "CAPTHUCHIEN")) if k))
    return Procedure(
        code=code[0], local_code=code[1], national_id=_text(data.get("ID")), name=clean_known(data.get("TENTTHC")),
        kind=clean_known(data.get("LOAITTHC")), publisher=clean_known(data.get("TENCOQUANCONGBO")),
        decision=f.decision(data.get("SOQUYETDINH")), levels=levels,
        fields=_refs(data, "LINHVUCTHUCHIEN", "MALINHVUC", "TENLINHVUC"),
        subjects=_refs(data, "DOITUONGTHUCHIEN", "MADOITUONG", "TENDOITUONG") or f.refs(data.get("MOTADOITUONGTHUCHIEN")),
        agencies=_refs(data, "COQUANTHUCHIEN", "MADONVI", "TENDONVI") or f.refs(data.get("MOTACOQUANTHUCHIEN")),
        competent=_refs(data, "COQUANCOTHAMQUYEN", "MADONVI", "TENDONVI") or f.refs(data.get("MOTACOQUANTHAMQUYEN")),
        authorized=_refs(data, "COQUANDUOCUYQUYEN", "MADONVI", "TENDONVI"),
        coordinating=_refs(data, "COQUANPHOIHOP", "MADONVI", "TENDONVI"),
        address=f.block_known(data.get("DIACHITIEPNHAN")), requirements=f.block_known(data.get("YEUCAU")),
        keywords=clean_known(data.get("TUKHOA")), description=f.block_known(data.get("MOTA")),
        steps=tuple(_steps(data)), channels=tuple(_channels(data)), dossier=tuple(_dossier(data)),
        results=tuple(Result(clean_known(r.get("TENKETQUA")), _text(r.get("MAKETQUA")), clean_known(r.get("TENTEP")))
                      for r in _list(data, "KETQUATHUCHIEN")),
        legal_basis=tuple(_legal(data)), related=_related(data),
        online_level=_ONLINE.get(_text(data.get("MUCDO") or data.get("MucDo")), ""),
        status=f.status(data.get("TRANGTHAI")),
    )


def _list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: object) -> str:
    return "" if value is None else clean(str(value))


def _level(value: Mapping[str, Any]) -> str:
    key = _LEVELS.get(_text(value.get("CAPTHUCHIEN")))
    if key:
        return key
    found, _unknown = f.levels(value.get("TENCAP"))
    return found[0] if found else ""


def _refs(data: Mapping[str, Any], key: str, code: str, name: str) -> tuple[Ref, ...]:
    refs = (Ref(clean_known(v.get(name)), _text(v.get(code))) for v in _list(data, key))
    return tuple(r for r in refs if r.name or r.code)


def _steps(data: Mapping[str, Any]) -> Iterator[Step]:
    for case in _list(data, "TRINHTUTHUCHIEN"):
        name = clean_known(case.get("TRUONGHOP"))
        for step in _list(case, "TRINHTU"):
            text = f.block_known(step.get("TENTRINHTU"))
            if text:
                yield Step(text, name)


def _channels(data: Mapping[str, Any]) -> Iterator[Channel]:
    for channel in _list(data, "CACHTHUCTHUCHIEN"):
        kind = _KINDS.get(_text(channel.get("KENH")), "")
        if not kind:
            continue
        times = _list(channel, "THOIGIAN")
        if not times:
            yield Channel(kind)
        for time in times:
            deadline = clean(f"{_text(time.get('THOIGIANGIAIQUYET'))} {_text(time.get('DONVITINH'))}")
            fees = tuple(_fee(fee) for fee in _list(time, "PHILEPHI"))
            yield Channel(kind, clean_known(deadline), fees, f.block_known(time.get("MOTA")))


def _fee(data: Mapping[str, Any]) -> Fee:
    amount = data.get("SOTIEN")
    number = int(amount) if isinstance(amount, int | float) and float(amount).is_integer() else f.amount(_text(amount))
    return Fee(clean_known(data.get("MOTA")), number, _text(data.get("DONVI")), _text(data.get("MAPHILEPHI")))


def _dossier(data: Mapping[str, Any]) -> Iterator[DossierItem]:
    for case in _list(data, "THANHPHANHOSO"):
        name = clean_known(case.get("TRUONGHOP"))
        for paper in _list(case, "GIAYTO"):
            yield DossierItem(
                name=clean_known(paper.get("TENGIAYTO")), case=name, originals=_count(paper.get("SOBANCHINH")),
                copies=_count(paper.get("SOBANSAO")), quantity=clean_known(paper.get("SOLUONG")),
                form=clean_known(paper.get("TENMAUDON")), form_url=_text(paper.get("URL")),
                code=_text(paper.get("MAGIAYTO")), replacing_result=_text(paper.get("MA_KQ_THAYTHE")),
            )


def _count(value: object) -> int | None:
    text = _text(value)
    return int(text) if text.isdecimal() else None  # isdigit() would take "²", which int() refuses


def _legal(data: Mapping[str, Any]) -> Iterator[LegalBasis]:
    for item in _list(data, "CANCUPHAPLY"):
        yield LegalBasis(
            number=_text(item.get("SOVANBAN")), title=clean_known(item.get("TENVANBAN")),
            issued=lenient_date(item.get("NGAYBANHANH")), effective=lenient_date(item.get("NGAYHIEULUC")),
            issuer=clean_known(item.get("COQUANBANHANH")), url=_text(item.get("DIACHITRUYCAP")),
        )


def _related(data: Mapping[str, Any]) -> tuple[str, ...]:
    codes: list[str] = []
    for key in ("TTHCLIENQUAN", "TTHCLIENTHONG"):
        value = data.get(key)
        for item in value if isinstance(value, list) else []:
            text = _text(item.get("MATTHC") if isinstance(item, dict) else item)
            codes.extend(f.related(text) or ([text] if text else []))
    return tuple(dict.fromkeys(codes))


_NET_DATE = re.compile(r"/Date\((-?\d+)")


def lenient_date(value: object) -> dt.date | None:
    """A date in any form a sync system writes: d/m/Y, ISO with time, .NET ``/Date(ms)/``, epoch."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, _VIETNAM).date()
        except (ValueError, OverflowError, OSError):  # no date a calendar has: unknown, like "31/02/2021"
            return None
    text = _text(value)
    if not text:
        return None
    match = _NET_DATE.match(text)
    if match:
        return lenient_date(int(match.group(1)))
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return parse_date(text)
