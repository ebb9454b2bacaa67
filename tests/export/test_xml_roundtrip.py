"""Export → read back gives the same catalogue, field by field; the file is valid against the XSD."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from types import ModuleType

from lxml import etree

from tthc_tools.export import SCHEMA_PATH, ExportHeader, ExportItem, ExportScope
from tthc_tools.export.xml_read import (
    is_catalog_xml,
    read_catalog_info,
    read_catalog_xml,
    read_export_items,
    validate_file,
)
from tthc_tools.export.xml_write import write_catalog
from tthc_tools.model import PARTS, Channel, DossierItem, Fee, LegalBasis, Procedure, Ref, Result, Step


def _export(path: Path, procedures: list[Procedure], header: ExportHeader | None = None) -> Path:
    write_catalog(path, (ExportItem(p) for p in procedures), header or ExportHeader())
    return path


def _assert_same(back: list[Procedure], procedures: list[Procedure]) -> None:
    assert len(back) == len(procedures)
    for read, original in zip(back, procedures, strict=True):
        assert read == original, original.code


def test_real_structured_procedures_round_trip(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = _export(tmp_path / "catalog.xml", nhdandz)
    records = list(read_catalog_xml(path))
    _assert_same([r.procedure for r in records], nhdandz)
    assert all(r.carried == frozenset(PARTS) for r in records)
    assert records[0].location == "line 9"


def test_the_2642_portal_procedures_round_trip(tmp_path: Path, chatbot: list[Procedure]) -> None:
    path = _export(tmp_path / "catalog.xml", chatbot)
    _assert_same([r.procedure for r in read_catalog_xml(path)], chatbot)


def test_export_is_valid_against_the_shipped_xsd(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = _export(tmp_path / "catalog.xml", nhdandz)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    schema.assertValid(etree.parse(str(path)))
    assert validate_file(path) == []


def test_synthetic_procedures_with_every_part_round_trip(tmp_path: Path, synth: ModuleType) -> None:
    procedures = list(synth.synth_procedures(1500, seed=7))
    path = _export(tmp_path / "catalog.xml", procedures)
    _assert_same([r.procedure for r in read_catalog_xml(path)], procedures)
    etree.XMLSchema(etree.parse(str(SCHEMA_PATH))).assertValid(etree.parse(str(path)))


def test_empty_none_zero_and_awkward_text_survive(tmp_path: Path) -> None:
    awkward = Procedure(
        code="2.000123.000.00.00.H48",
        name="  leading and trailing spaces  ",
        levels=("huyen",),
        fields=(Ref(""), Ref("Hộ tịch", "G15-HT01")),
        steps=(Step("line one\nline two\r\nwith CR\tand tab", case='case "quoted" & <angled>'),),
        channels=(Channel("truc_tuyen"), Channel("buu_chinh", fees=(Fee(), Fee(amount=0), Fee("Lệ phí", 0, "Đồng")))),
        dossier=(DossierItem("Đơn", originals=0, copies=None), DossierItem("", case="\n", originals=None, copies=0)),
        results=(Result("Giấy phép", "KQ.G15.000031"),),
        legal_basis=(LegalBasis(), LegalBasis(issued=dt.date(1999, 12, 31))),
        requirements="   ",
        related=("1.000001", "not a code, but kept"),
        status="abolished",
    )
    bare = Procedure(code="1.000001")
    path = _export(tmp_path / "catalog.xml", [bare, awkward])
    _assert_same([r.procedure for r in read_catalog_xml(path)], [bare, awkward])


def test_change_marks_effective_dates_and_header_round_trip(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    scope = ExportScope(filters=(("level", "tinh"), ("field", "Hộ tịch")), as_of=dt.date(2025, 7, 1),
                        since="2025-06-01")
    header = ExportHeader(scope=scope, source="UBND tỉnh Lai Châu", created=dt.datetime(2025, 7, 1, 8, 30))
    marks = ["new", "amended", "replaced", "abolished"]
    items = [ExportItem(p, marks[i % 4], dt.date(2025, 7, 1) if i % 2 else None)
             for i, p in enumerate(nhdandz[:8])]
    path = tmp_path / "since.xml"
    report = write_catalog(path, items, header)
    assert list(read_export_items(path)) == items
    info = read_catalog_info(path)
    assert info.count == 8 and info.catalogue_hash == report.catalogue_hash
    assert info.header == dataclasses.replace(header, scope=ExportScope(
        filters=tuple(sorted(scope.filters)), as_of=scope.as_of, since=scope.since))
    assert info.header.scope.kind == "incremental"


def test_nfd_text_is_written_as_nfc(tmp_path: Path) -> None:
    nfd = "Ho\u0302\u0323 ti\u0323ch"  # "Hộ tịch" decomposed
    path = _export(tmp_path / "catalog.xml", [Procedure("1.000001", name=nfd, fields=(Ref(nfd),))])
    assert "Hộ tịch".encode() in path.read_bytes()
    assert next(read_catalog_xml(path)).procedure.name == "Hộ tịch"


def test_format_detection_recognises_an_export(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = _export(tmp_path / "catalog.xml", nhdandz[:2])
    assert is_catalog_xml(path.read_bytes()[:4096])
    assert not is_catalog_xml(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"/>')
