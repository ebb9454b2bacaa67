"""``tthc export xml --format cpsv-ap``: the catalogue in the EU CPSV-AP vocabulary, as RDF/XML.

Each procedure becomes a ``cpsv:PublicService`` (research/domain.md §4, crosswalk): code →
``dct:identifier``, name → ``dct:title``, fields → ``cv:thematicArea``, the competent authority (or,
when it is not known, the performing agencies) → ``cv:hasCompetentAuthority`` ``cv:PublicOrganisation``,
one ``cv:Channel`` per channel with its own ``cv:processingTime`` (CPSV-AP has no per-channel deadline, so
the channel carries it, as the research suggests), fees → ``cv:Cost`` with ``cv:ifAccessedThrough``
the channel, dossier papers → ``cpsv:hasInput`` ``cv:Evidence``, results → ``cpsv:produces``
``cv:Output``, requirements → ``cv:holdsRequirement``, legal basis → ``cv:hasLegalResource``,
related procedures → ``dct:relation``, the publishing decision → ``dct:source``. What CPSV-AP cannot
carry (levels, subjects' codes, counts of originals and copies, the reuse link) is only in the
tool's own XML. Streamed and written atomically like :mod:`tthc_tools.export.xml_write`; there is no
XSD for RDF, so the check is that the file is well-formed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from tthc_tools.codes import parse_deadline
from tthc_tools.errors import OutputProblem
from tthc_tools.export import ExportHeader, ExportItem, ExportReport
from tthc_tools.export.atomic import write_file
from tthc_tools.i18n import _
from tthc_tools.model import CHANNELS, Channel, Procedure
from tthc_tools.progress import SILENT, Progress

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "adms": "http://www.w3.org/ns/adms#",
    "eli": "http://data.europa.eu/eli/ontology#",
}
BASE = "urn:tthc:procedure:"
"""Procedures are named ``urn:tthc:procedure:<code>``; their channels, costs, … get fragments of it."""
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CURRENCIES = {"đồng": "VND", "vnd": "VND", "usd": "USD"}
_CURRENCY = "http://publications.europa.eu/resource/authority/currency/"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _q(name: str) -> str:
    prefix, _colon, local = name.partition(":")
    return "{" + NAMESPACES[prefix] + "}" + local


def _add(parent: Any, name: str, text: str | None, *, lang: bool = True, datatype: str = "") -> None:
    """A literal property, unless the value is empty; Vietnamese text is tagged ``xml:lang="vi"``."""
    if text:
        attrib = {_q("rdf:datatype"): _XSD + datatype} if datatype else {_LANG: "vi"} if lang else {}
        etree.SubElement(parent, _q(name), attrib).text = text


def _link(parent: Any, name: str, iri: str) -> None:
    etree.SubElement(parent, _q(name), {_q("rdf:resource"): iri})


def _node(parent: Any, prop: str, cls: str, iri: str = "") -> Any:
    holder = etree.SubElement(parent, _q(prop))
    return etree.SubElement(holder, _q(cls), {_q("rdf:about"): iri} if iri else {})


def _duration(deadline: str) -> str:
    """``30 Ngày làm việc`` → ``P30D``, ``4 giờ`` → ``PT4H``; empty when the text is not a plain number."""
    parsed = parse_deadline(deadline)
    if parsed is None or parsed.value != int(parsed.value):
        return ""
    unit = parsed.unit.split(" ")[0] if parsed.unit else "ngày"
    designator = {"ngày": "D", "tuần": "W", "tháng": "M", "năm": "Y"}.get(unit)
    if designator:
        return f"P{int(parsed.value)}{designator}"
    return {"giờ": f"PT{int(parsed.value)}H", "phút": f"PT{int(parsed.value)}M"}.get(unit, "")


def _channel(service: Any, iri: str, number: int, channel: Channel) -> None:
    channel_iri = f"{iri}#channel-{number}"
    node = _node(service, "cv:hasChannel", "cv:Channel", channel_iri)
    _add(node, "dct:type", CHANNELS.get(channel.kind, channel.kind))
    _add(node, "cv:processingTime", _duration(channel.deadline), datatype="duration")
    _add(node, "dct:description", "; ".join(p for p in (channel.deadline, channel.description) if p))
    for index, fee in enumerate(channel.fees, 1):
        cost = _node(service, "cv:hasCost", "cv:Cost", f"{iri}#cost-{number}-{index}")
        _add(cost, "dct:identifier", fee.code, lang=False)
        _add(cost, "cv:value", None if fee.amount is None else str(fee.amount), datatype="decimal")
        currency = _CURRENCIES.get(fee.unit.casefold())
        if currency and fee.amount is not None:
            _link(cost, "cv:currency", _CURRENCY + currency)
        _add(cost, "dct:description", fee.description)
        _link(cost, "cv:ifAccessedThrough", channel_iri)


def _organisations(service: Any, p: Procedure) -> None:
    for ref in p.competent or p.agencies:
        org = _node(service, "cv:hasCompetentAuthority", "cv:PublicOrganisation")
        _add(org, "skos:prefLabel", ref.name)
        _add(org, "dct:identifier", ref.code, lang=False)


def service_element(item: ExportItem) -> Any:
    """The ``cpsv:PublicService`` of one procedure."""
    p = item.procedure
    iri = BASE + quote(p.code, safe=".")
    service = etree.Element(_q("cpsv:PublicService"), {_q("rdf:about"): iri}, nsmap=NAMESPACES)
    _add(service, "dct:identifier", p.code, lang=False)
    _add(service, "dct:title", p.name)
    _add(service, "dct:description", p.description)
    for keyword in (k.strip() for k in p.keywords.split(";")):
        _add(service, "dcat:keyword", keyword)
    for field in p.fields:
        concept = _node(service, "cv:thematicArea", "skos:Concept")
        _add(concept, "skos:prefLabel", field.name)
        _add(concept, "skos:notation", field.code, lang=False)
    _add(service, "adms:status", p.status, lang=False)
    _organisations(service, p)
    for number, channel in enumerate(p.channels, 1):
        _channel(service, iri, number, channel)
    for index, paper in enumerate(p.dossier, 1):
        evidence = _node(service, "cpsv:hasInput", "cv:Evidence", f"{iri}#evidence-{index}")
        _add(evidence, "dct:title", paper.name)
        _add(evidence, "dct:identifier", paper.code, lang=False)
    for index, result in enumerate(p.results, 1):
        output = _node(service, "cpsv:produces", "cv:Output", f"{iri}#output-{index}")
        _add(output, "dct:title", result.name)
        _add(output, "dct:identifier", result.code, lang=False)
    if p.requirements:
        _add(_node(service, "cv:holdsRequirement", "cv:Requirement"), "dct:description", p.requirements)
    for doc in p.legal_basis:
        legal = _node(service, "cv:hasLegalResource", "eli:LegalResource")
        _add(legal, "eli:id_local", doc.number, lang=False)
        _add(legal, "eli:title", doc.title)
        _add(legal, "eli:date_document", doc.issued.isoformat() if doc.issued else None, datatype="date")
        _add(legal, "eli:first_date_entry_in_force", doc.effective.isoformat() if doc.effective else None,
             datatype="date")
    for code in p.related:
        _link(service, "dct:relation", BASE + quote(code, safe="."))
    _add(service, "dct:source", p.decision)
    return service


def write_cpsv(
    path: Path | str, items: Iterable[ExportItem], header: ExportHeader, *, progress: Progress = SILENT
) -> ExportReport:
    """Write ``items`` as CPSV-AP RDF/XML to ``path`` (streamed, atomic; same errors as ``write_catalog``)."""
    started = time.perf_counter()
    target = Path(path)
    count = 0

    def write(handle: IO[bytes]) -> None:
        nonlocal count
        progress.start(_("Writing {name}").format(name=target.name), unit=_("procedures"))
        try:
            count = _stream(handle, items, header, progress)
        finally:
            progress.finish()

    try:
        changed = write_file(target, write)
    except ValueError as error:  # lxml refuses NUL and control characters
        raise OutputProblem(_("{path}: text XML cannot carry ({error})").format(path=target, error=error)) from error
    return ExportReport(target, count, "", target.stat().st_size, changed, time.perf_counter() - started)


def _declarations() -> bytes:
    """The namespace declarations lxml writes on a service element (the root already has them)."""
    empty: bytes = etree.tostring(etree.Element(_q("cpsv:PublicService"), nsmap=NAMESPACES))
    return empty[len(b"<cpsv:PublicService"):-len(b"/>")]


def _stream(handle: Any, items: Iterable[ExportItem], header: ExportHeader, progress: Progress) -> int:
    """Each service serialized alone, its repeated namespace declarations dropped (the root has them)."""
    declarations = _declarations()
    count = 0
    with etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q("rdf:RDF"), nsmap=NAMESPACES):
            xf.write("\n  ")
            xf.write(etree.Comment(f" {header.generator} {header.version}: CPSV-AP view of the catalogue "))
            xf.flush()
            for item in items:
                element = service_element(item)
                etree.indent(element, space="  ", level=1)
                handle.write(b"\n  " + etree.tostring(element, encoding="utf-8").replace(declarations, b"", 1))
                count += 1
                progress.advance()
            xf.write("\n")
    handle.write(b"\n")
    return count
