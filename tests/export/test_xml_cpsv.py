"""``--format cpsv-ap``: one PublicService per procedure, costs tied to their channel, written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tthc_tools.errors import OutputProblem
from tthc_tools.export import ExportHeader, ExportItem
from tthc_tools.export.cpsv import NAMESPACES, write_cpsv
from tthc_tools.model import Procedure

RDF = "{" + NAMESPACES["rdf"] + "}"
CV = "{" + NAMESPACES["cv"] + "}"
CPSV = "{" + NAMESPACES["cpsv"] + "}"
DCT = "{" + NAMESPACES["dct"] + "}"


def test_each_procedure_is_a_public_service(tmp_path: Path, full_procedure: Procedure,
                                            nhdandz: list[Procedure]) -> None:
    procedures = [full_procedure, *[p for p in nhdandz if p.code > full_procedure.code][:20]]
    path = tmp_path / "catalog.rdf"
    report = write_cpsv(path, [ExportItem(p) for p in procedures], ExportHeader())
    root = etree.parse(str(path)).getroot()
    services = root.findall(f"{CPSV}PublicService")
    assert report.count == len(services) == len(procedures)
    assert [s.findtext(f"{DCT}identifier") for s in services] == [p.code for p in procedures]
    assert path.read_text(encoding="utf-8").count("xmlns:cpsv=") == 1

    first = services[0]
    assert first.get(f"{RDF}about") == "urn:tthc:procedure:1.001193"
    channels = {c.get(f"{RDF}about"): c for c in first.iter(f"{CV}Channel")}
    assert [c.findtext(f"{CV}processingTime") for c in channels.values()] == [None, "P1D"]
    costs = list(first.iter(f"{CV}Cost"))
    assert {c.find(f"{CV}ifAccessedThrough").get(f"{RDF}resource") for c in costs} <= set(channels)
    assert costs[0].findtext(f"{CV}value") == "0"
    assert costs[0].find(f"{CV}currency").get(f"{RDF}resource").endswith("/VND")
    outputs = [o.findtext(f"{DCT}identifier") for o in first.iter(f"{CV}Output")]
    assert outputs == ["KQ.G15.000031"]
    assert len(list(first.iter(f"{CV}Evidence"))) == len(full_procedure.dossier)


def test_same_catalogue_same_bytes_and_failures_leave_nothing(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = tmp_path / "catalog.rdf"
    write_cpsv(path, [ExportItem(p) for p in nhdandz[:10]], ExportHeader())
    data = path.read_bytes()
    assert not write_cpsv(path, [ExportItem(p) for p in nhdandz[:10]], ExportHeader()).changed
    with pytest.raises(OutputProblem):
        write_cpsv(path, [ExportItem(Procedure("1.000001", "bad \x01"))], ExportHeader())
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.rdf"]
