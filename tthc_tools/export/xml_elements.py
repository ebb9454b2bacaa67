"""The elements of the catalogue XML, built from model values in the XSD's order (empty parts left out).

Tags are unqualified: the root's default namespace applies to them once :mod:`tthc_tools.export.xml_write`
writes them inside it. Text is written in NFC.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from tthc_tools.export import ExportHeader, ExportItem
from tthc_tools.model import Channel, DossierItem, LegalBasis, Procedure, Ref, Result, Step

# The helpers below are the hot path of a 100,000-procedure export, hence the local aliases.

_sub = etree.SubElement
_is_nfc = unicodedata.is_normalized
_normalize = unicodedata.normalize


def _nfc(value: str) -> str:
    return value if _is_nfc("NFC", value) else _normalize("NFC", value)


def _text(parent: Any, tag: str, value: str) -> None:
    """A child ``tag`` holding ``value``, unless it is empty."""
    if value:
        _sub(parent, tag).text = value if _is_nfc("NFC", value) else _normalize("NFC", value)


def _number(parent: Any, tag: str, value: int | None) -> None:
    """A child ``tag`` holding ``value``, unless it is ``None`` (0 is written: it is not "unknown")."""
    if value is not None:
        _sub(parent, tag).text = str(value)


def _date(parent: Any, tag: str, value: dt.date | None) -> None:
    if value is not None:
        _sub(parent, tag).text = value.isoformat()


def _attrs(**attrib: str) -> dict[str, str]:
    """Attributes without the empty ones, in NFC."""
    return {name: _nfc(value) for name, value in attrib.items() if value}


def _code(code: str) -> dict[str, str] | None:
    """The ``code`` attribute, or none when the code is empty (the common fast path)."""
    return {"code": _nfc(code)} if code else None


def _refs(parent: Any, container: str, tag: str, refs: tuple[Ref, ...]) -> None:
    """``<container>`` with one ``<tag code=…>name</tag>`` per ref, unless there are none."""
    if refs:
        element = _sub(parent, container)
        for ref in refs:
            _sub(element, tag, _code(ref.code)).text = _nfc(ref.name)


def _agencies(parent: Any, p: Procedure) -> None:
    """``<agencies>``: each agency with its role, in the order performing, competent, authorised, coordinating."""
    roles = (("performing", p.agencies), ("competent", p.competent), ("authorized", p.authorized),
             ("coordinating", p.coordinating))
    if any(refs for _role, refs in roles):
        element = _sub(parent, "agencies")
        for role, refs in roles:
            for ref in refs:
                attrib = {"role": role, "code": _nfc(ref.code)} if ref.code else {"role": role}
                _sub(element, "agency", attrib).text = _nfc(ref.name)


def _levels(parent: Any, levels: tuple[str, ...]) -> None:
    if levels:
        element = _sub(parent, "levels")
        for level in levels:
            _sub(element, "level").text = level


def _steps(parent: Any, steps: tuple[Step, ...]) -> None:
    if steps:
        element = _sub(parent, "steps")
        for step in steps:
            _sub(element, "step", {"case": _nfc(step.case)} if step.case else None).text = _nfc(step.text)


def _channels(parent: Any, channels: tuple[Channel, ...]) -> None:
    if channels:
        element = _sub(parent, "channels")
        for channel in channels:
            child = _sub(element, "channel", {"kind": channel.kind} if channel.kind else None)
            _text(child, "deadline", channel.deadline)
            for fee in channel.fees:
                fee_element = _sub(child, "fee", _code(fee.code))
                _text(fee_element, "description", fee.description)
                _number(fee_element, "amount", fee.amount)
                _text(fee_element, "unit", fee.unit)
            _text(child, "description", channel.description)


def _dossier(parent: Any, items: tuple[DossierItem, ...]) -> None:
    if items:
        element = _sub(parent, "dossier")
        for item in items:
            child = _sub(element, "item", _attrs(code=item.code, case=item.case) if item.code or item.case else None)
            _sub(child, "name").text = _nfc(item.name)
            _number(child, "originals", item.originals)
            _number(child, "copies", item.copies)
            _text(child, "quantity", item.quantity)
            _text(child, "form", item.form)
            _text(child, "formUrl", item.form_url)
            _text(child, "replacingResult", item.replacing_result)


def _results(parent: Any, results: tuple[Result, ...]) -> None:
    if results:
        element = _sub(parent, "results")
        for result in results:
            child = _sub(element, "result", _code(result.code))
            _sub(child, "name").text = _nfc(result.name)
            _text(child, "form", result.form)


def _legal_basis(parent: Any, documents: tuple[LegalBasis, ...]) -> None:
    if documents:
        element = _sub(parent, "legalBasis")
        for doc in documents:
            child = _sub(element, "document")
            _text(child, "number", doc.number)
            _text(child, "title", doc.title)
            _date(child, "issued", doc.issued)
            _date(child, "effective", doc.effective)
            _text(child, "issuer", doc.issuer)
            _text(child, "url", doc.url)


def _related(parent: Any, codes: tuple[str, ...]) -> None:
    if codes:
        element = _sub(parent, "related")
        for code in codes:
            _sub(element, "code").text = _nfc(code)


def procedure_element(item: ExportItem) -> Any:
    """The ``<procedure>`` element of one item, in the XSD's element order, empty parts left out."""
    p = item.procedure
    effective = item.effective.isoformat() if item.effective else ""
    element = etree.Element("procedure", _attrs(code=p.code, change=item.change, effective=effective))
    _sub(element, "name").text = _nfc(p.name)
    _text(element, "localCode", p.local_code)
    _text(element, "kind", p.kind)
    _levels(element, p.levels)
    _refs(element, "fields", "field", p.fields)
    _text(element, "publisher", p.publisher)
    _agencies(element, p)
    _refs(element, "subjects", "subject", p.subjects)
    _text(element, "address", p.address)
    _steps(element, p.steps)
    _channels(element, p.channels)
    _dossier(element, p.dossier)
    _results(element, p.results)
    _legal_basis(element, p.legal_basis)
    _text(element, "requirements", p.requirements)
    _related(element, p.related)
    _text(element, "onlineLevel", p.online_level)
    _text(element, "decision", p.decision)
    _text(element, "description", p.description)
    _text(element, "keywords", p.keywords)
    _text(element, "nationalId", p.national_id)
    _sub(element, "status").text = p.status
    return element


def header_element(header: ExportHeader, count: int, digest: str) -> Any:
    """The ``<header>`` element: generator, source, scope, count, catalogue hash, created."""
    element = etree.Element("header")
    _sub(element, "generator", name=_nfc(header.generator), version=_nfc(header.version))
    _text(element, "source", header.source)
    scope = header.scope
    scope_element = _sub(element, "scope", kind=scope.kind)
    for name, value in sorted(scope.filters):
        _sub(scope_element, "filter", name=_nfc(name), value=_nfc(value))
    _date(scope_element, "asOf", scope.as_of)
    _text(scope_element, "since", scope.since)
    _number(element, "count", count)
    _sub(element, "catalogHash", algorithm="sha256").text = digest
    if header.created is not None:
        _sub(element, "created").text = header.created.isoformat(timespec="seconds")
    return element
