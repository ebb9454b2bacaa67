"""The national sync JSON packet (research/domain.md §1.3): its envelope, and packets built from the model.

:func:`unwrap` takes the records out of every shape a packet comes in (the HTTP client and the file
reader both use it, so they accept and refuse the same things). :func:`packet_from_procedure` gives
the upper-case-keyed record the national one-stop connector serves (``LayThuTuc``); :func:`envelope`
wraps packets the way its endpoints answer, ``{"message": "<json string>"}`` whose inner JSON has
``result``. Those two build test fixtures and serve a fake national API.

Parts the packet has no key for travel in a few extra keys that the national schema does not name
(``TENCOQUANCONGBO`` publisher name, ``SOQUYETDINH`` decision number, ``SOLUONG`` quantity text,
``MUCDO`` online level as the provincial systems code it): the reader understands them and real
packets simply lack them. Empty parts are left out, so reading a packet back carries exactly the parts the
procedure had.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import STATUSES, Channel, DossierItem, Procedure

LEVEL_CODES = {"bo": "0", "tinh": "1", "huyen": "2", "xa": "3"}
CHANNEL_CODES = {"truc_tiep": "1", "truc_tuyen": "2", "buu_chinh": "3"}
ONLINE_CODES = {"thong_tin": "2", "mot_phan": "3", "toan_trinh": "4"}
LEVEL_NAMES = {"0": "Cấp Bộ", "1": "Cấp Tỉnh", "2": "Cấp Huyện", "3": "Cấp Xã"}
CODE_KEYS = ("MATTHC", "MaTTHC", "maTTHC", "MA_TTHC")
_DEADLINE = re.compile(r"^(?P<value>\d+(?:[.,]\d+)?)(?:\s+(?P<unit>[^\W\d_].*))?$")


def unwrap(data: object, where: str, garbage: type[BadInput] = BadInput) -> list[Any]:
    """The records inside a packet: one record, a list, ``{"result": ...}`` (``null`` is none), or the
    endpoints' ``{"message": "<json string>"}`` (or ``{"message": {...}}``) around any of those.

    Anything else is a ``garbage`` error (:class:`BadInput` or a subclass) naming ``where``, the file or URL.
    """
    while isinstance(data, dict) and not is_record(data):
        if "message" in data:
            data = data["message"]
            if isinstance(data, str):
                try:
                    data = json.loads(data)
                except json.JSONDecodeError as error:
                    raise garbage(_("the \"message\" envelope does not hold JSON: {error}").format(error=error.msg),
                                  path=where) from error
        elif "result" in data:
            data = data["result"]
            if data is None:
                return []
        else:
            break
    if isinstance(data, dict) and is_record(data):
        return [data]
    if isinstance(data, list):
        return data
    raise garbage(_("not a national packet: expected a record with MATTHC, a list, \"result\" or "
                    "\"message\""), path=where)


def is_record(data: Mapping[str, Any]) -> bool:
    """True for a procedure's packet (it has a code or a name), as against an envelope."""
    return any(key in data for key in (*CODE_KEYS, "TENTTHC"))


def packet_code(data: Mapping[str, Any]) -> object:
    """The raw procedure code of a packet, under whichever spelling of ``MATTHC`` it uses (None without)."""
    return next((data[key] for key in CODE_KEYS if data.get(key)), None)


def packet_from_procedure(p: Procedure) -> dict[str, Any]:
    """The national packet of a procedure (upper-case keys; empty parts left out)."""
    packet: dict[str, Any] = {"MATTHC": p.local_code or p.code}
    simple = {
        "ID": p.national_id, "TENTTHC": p.name, "LOAITTHC": p.kind, "TENCOQUANCONGBO": p.publisher,
        "SOQUYETDINH": p.decision, "DIACHITIEPNHAN": p.address, "YEUCAU": p.requirements,
        "TUKHOA": p.keywords, "MOTA": p.description, "MUCDO": ONLINE_CODES.get(p.online_level, ""),
        "TRANGTHAI": STATUSES[p.status] if p.status != "active" else "",
    }
    packet.update({key: value for key, value in simple.items() if value})
    lists = {
        "CAPTHUCHIEN": [_level(key) for key in p.levels],
        "LINHVUCTHUCHIEN": [{"MALINHVUC": r.code, "TENLINHVUC": r.name} for r in p.fields],
        "DOITUONGTHUCHIEN": [{"MADOITUONG": r.code, "TENDOITUONG": r.name} for r in p.subjects],
        "COQUANTHUCHIEN": _units(p.agencies), "COQUANCOTHAMQUYEN": _units(p.competent),
        "COQUANDUOCUYQUYEN": _units(p.authorized), "COQUANPHOIHOP": _units(p.coordinating),
        "TRINHTUTHUCHIEN": _steps(p), "CACHTHUCTHUCHIEN": _channels(p.channels), "THANHPHANHOSO": _dossier(p),
        "KETQUATHUCHIEN": [{"MAKETQUA": r.code, "TENKETQUA": r.name, "TENTEP": r.form, "URL": ""} for r in p.results],
        "CANCUPHAPLY": [
            {"SOVANBAN": b.number, "TENVANBAN": b.title, "NGAYBANHANH": _date(b.issued),
             "NGAYHIEULUC": _date(b.effective), "COQUANBANHANH": b.issuer, "DIACHITRUYCAP": b.url}
            for b in p.legal_basis
        ],
        "TTHCLIENQUAN": list(p.related),
    }
    packet.update({key: value for key, value in lists.items() if value})
    return packet


def envelope(packets: Iterable[dict[str, Any]]) -> dict[str, str]:
    """``{"message": "<json>"}`` with ``{"result": [...]}`` inside, as the sync endpoints answer."""
    return {"message": json.dumps({"result": list(packets)}, ensure_ascii=False)}


def _level(key: str) -> dict[str, str]:
    code = LEVEL_CODES.get(key)
    return {"CAPTHUCHIEN": code, "TENCAP": LEVEL_NAMES[code]} if code else {"CAPTHUCHIEN": "", "TENCAP": "Cơ quan khác"}


def _units(refs: Iterable[Any]) -> list[dict[str, str]]:
    return [{"MADONVI": r.code, "TENDONVI": r.name} for r in refs]


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _runs(pairs: Iterable[tuple[str, dict[str, str]]], key: str, inner: str) -> list[dict[str, Any]]:
    """Group consecutive items of the same case (order kept exactly)."""
    out: list[dict[str, Any]] = []
    for case, item in pairs:
        if not out or out[-1][key] != case:
            out.append({key: case, inner: []})
        out[-1][inner].append(item)
    return out


def _steps(p: Procedure) -> list[dict[str, Any]]:
    return _runs(((s.case, {"TENTRINHTU": s.text}) for s in p.steps), "TRUONGHOP", "TRINHTU")


def _channels(channels: Iterable[Channel]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for channel in channels:
        match = _DEADLINE.match(channel.deadline)
        value, unit = (match["value"], match["unit"] or "") if match else (channel.deadline, "")
        fees = [{"MAPHILEPHI": fee.code, "SOTIEN": "" if fee.amount is None else str(fee.amount), "DONVI": fee.unit,
                 "MOTA": fee.description, "TENTEP": "", "URL": ""} for fee in channel.fees]
        time = {"THOIGIANGIAIQUYET": value, "DONVITINH": unit, "MOTA": channel.description, "PHILEPHI": fees}
        out.append({"KENH": CHANNEL_CODES.get(channel.kind, channel.kind), "THOIGIAN": [time]})
    return out


def _dossier(p: Procedure) -> list[dict[str, Any]]:
    return _runs(((item.case, _paper(item)) for item in p.dossier), "TRUONGHOP", "GIAYTO")


def _paper(item: DossierItem) -> dict[str, str]:
    paper = {
        "MAGIAYTO": item.code, "TENGIAYTO": item.name, "SOBANCHINH": _count(item.originals),
        "SOBANSAO": _count(item.copies), "TENMAUDON": item.form, "URL": item.form_url,
        "MA_KQ_THAYTHE": item.replacing_result,
    }
    if item.quantity:
        paper["SOLUONG"] = item.quantity
    return paper


def _count(value: int | None) -> str:
    return "" if value is None else str(value)
