"""Turning checked catalogue elements back into model values (no parsing here: see ``xml_read``).

The elements come from :mod:`tthc_tools.export.xml_read` already validated against the XSD, so their
structure can be trusted; a value the XSD allows but the model cannot hold (a date with a time zone)
raises ``ValueError``, which the reader reports with the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tthc_tools.export import NAMESPACE, CatalogInfo, ExportHeader, ExportItem, ExportScope
from tthc_tools.model import Channel, DossierItem, Fee, LegalBasis, Procedure, Ref, Result, Step

_NS = "{" + NAMESPACE + "}"


def _text(element: Any) -> str:
    return element.text or ""


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _ref(element: Any) -> Ref:
    return Ref(element.text or "", element.get("code", ""))


def _fields(element: Any) -> dict[str, Any]:
    """The text of an element's children, by local name."""
    return {child.tag[len(_NS):]: child.text or "" for child in element}


def _channel(element: Any) -> Channel:
    deadline = description = ""
    fees = []
    for child in element:
        name = child.tag[len(_NS):]
        if name == "fee":
            parts = _fields(child)
            amount = parts.get("amount")
            fees.append(Fee(parts.get("description", ""), int(amount) if amount is not None else None,
                            parts.get("unit", ""), child.get("code", "")))
        elif name == "deadline":
            deadline = _text(child)
        else:
            description = _text(child)
    return Channel(element.get("kind", ""), deadline, tuple(fees), description)


def _count(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _dossier_item(element: Any) -> DossierItem:
    parts = _fields(element)
    return DossierItem(
        name=parts["name"], case=element.get("case", ""), originals=_count(parts.get("originals")),
        copies=_count(parts.get("copies")), quantity=parts.get("quantity", ""), form=parts.get("form", ""),
        form_url=parts.get("formUrl", ""), code=element.get("code", ""),
        replacing_result=parts.get("replacingResult", ""),
    )


def _result(element: Any) -> Result:
    parts = _fields(element)
    return Result(parts["name"], element.get("code", ""), parts.get("form", ""))


def _document(element: Any) -> LegalBasis:
    parts = _fields(element)
    return LegalBasis(parts.get("number", ""), parts.get("title", ""), _date(parts.get("issued")),
                      _date(parts.get("effective")), parts.get("issuer", ""), parts.get("url", ""))


_ROLES = {"performing": "agencies", "competent": "competent", "authorized": "authorized",
          "coordinating": "coordinating"}
_TEXTS = {"name": "name", "localCode": "local_code", "kind": "kind", "publisher": "publisher",
          "address": "address", "requirements": "requirements", "onlineLevel": "online_level",
          "decision": "decision", "description": "description", "keywords": "keywords",
          "nationalId": "national_id", "status": "status"}
_LISTS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "levels": ("levels", _text), "fields": ("fields", _ref), "subjects": ("subjects", _ref),
    "steps": ("steps", lambda e: Step(e.text or "", e.get("case", ""))),
    "channels": ("channels", _channel), "dossier": ("dossier", _dossier_item),
    "results": ("results", _result), "legalBasis": ("legal_basis", _document), "related": ("related", _text),
}


def _procedure(element: Any) -> Procedure:
    values: dict[str, Any] = {"code": element.get("code")}
    for child in element:
        name = child.tag[len(_NS):]
        if name in _TEXTS:
            values[_TEXTS[name]] = child.text or ""
        elif name == "agencies":
            for agency in child:
                part = _ROLES[agency.get("role")]
                values[part] = (*values.get(part, ()), _ref(agency))
        else:
            part, build = _LISTS[name]
            values[part] = tuple(build(grandchild) for grandchild in child)
    return Procedure(**values)


def export_item(element: Any) -> ExportItem:
    return ExportItem(_procedure(element), element.get("change", ""), _date(element.get("effective")))


def catalog_info(element: Any) -> CatalogInfo:
    generator = element.find(_NS + "generator")
    scope = element.find(_NS + "scope")
    filters = tuple((f.get("name"), f.get("value")) for f in scope.iterfind(_NS + "filter"))
    created = element.findtext(_NS + "created")
    header = ExportHeader(
        scope=ExportScope(filters, _date(scope.findtext(_NS + "asOf")), scope.findtext(_NS + "since") or ""),
        source=element.findtext(_NS + "source") or "",
        generator=generator.get("name"),
        version=generator.get("version"),
        created=dt.datetime.fromisoformat(created) if created else None,
    )
    return CatalogInfo(header, int(element.findtext(_NS + "count")), element.findtext(_NS + "catalogHash"))
