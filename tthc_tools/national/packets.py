"""What the sync API's answers hold: the list's codes, one packet as a record, a decision's number.

The packet itself is read by the readers' ``national_json`` reader, the same code that reads packet
files, so a snapshot pulled over HTTP and one pulled from a file of the same packets are identical.
"""

from __future__ import annotations

from typing import Any

from tthc_tools.catalog.readers.national_packet import CODE_KEYS, packet_code
from tthc_tools.codes import parse_procedure_code
from tthc_tools.i18n import _
from tthc_tools.model import Record
from tthc_tools.national.client import NationalGarbage
from tthc_tools.text import clean

DECISION_KEYS = ("SOQUYETDINH", "SoQuyetDinh", "SOKYHIEU", "SOVANBAN", "QUYETDINH", "SOQD")


def listed_codes(result: list[Any], where: str) -> list[str]:
    """The procedure codes of a ``LayDanhSachTTHC`` answer, in order, without repeats."""
    codes: dict[str, None] = {}
    for entry in result:
        value = next((entry[k] for k in CODE_KEYS if k in entry), None) if isinstance(entry, dict) else entry
        code = clean(value) if isinstance(value, str | int | float) else ""
        if not code:
            raise NationalGarbage(_("an entry of the list has no procedure code (MATTHC): {!r}").format(entry)[:200],
                                  path=where)
        codes.setdefault(code, None)
    return list(codes)


def decision_number(result: list[Any]) -> str:
    """The number (số ký hiệu) of the decision in a ``LayQDCB`` answer ("" when it gives none)."""
    for entry in result:
        if isinstance(entry, dict):
            for key in DECISION_KEYS:
                if clean(entry.get(key)):
                    return clean(entry[key])
    return ""


def record_from_packet(packet: dict[str, Any], where: str) -> Record:
    """One packet as a record (read by the ``national-json`` reader); :class:`NationalGarbage` if unusable."""
    from tthc_tools.catalog.readers import carried_parts, national_json  # loaded with the first packet

    raw = packet_code(packet) or ""
    code = parse_procedure_code(raw)
    if code is None:
        raise NationalGarbage(_("the packet's procedure code {!r} is not valid").format(raw), path=where)
    procedure = national_json.procedure_from_packet(packet, (code.national, str(code) if code.is_local else ""))
    return Record(procedure, carried_parts(procedure), where)
