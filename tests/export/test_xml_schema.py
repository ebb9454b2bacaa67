"""The shipped XSD: compiles, mirrors the model's key tables, documents everything in Vietnamese and English."""

from __future__ import annotations

import dataclasses

import pytest
from lxml import etree

from tthc_tools.export import NAMESPACE, SCHEMA_PATH, SCOPE_KINDS
from tthc_tools.model import CHANGE_KINDS, CHANNELS, LEVELS, ONLINE_LEVELS, PARTS, STATUSES, Procedure

XS = "{http://www.w3.org/2001/XMLSchema}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def xsd() -> etree._ElementTree:
    return etree.parse(str(SCHEMA_PATH))


def test_the_schema_compiles_and_is_versioned_by_namespace(xsd: etree._ElementTree) -> None:
    etree.XMLSchema(xsd)
    assert xsd.getroot().get("targetNamespace") == NAMESPACE == "urn:tthc-tools:catalog:1"
    assert SCHEMA_PATH.name == "tthc-catalog-1.xsd"


@pytest.mark.parametrize(
    ("type_name", "table"),
    [("levelKey", LEVELS), ("channelKind", CHANNELS), ("onlineLevelKey", ONLINE_LEVELS),
     ("statusKey", STATUSES), ("changeKind", CHANGE_KINDS), ("scopeKind", SCOPE_KINDS)],
)
def test_enumerations_are_the_model_key_tables(xsd: etree._ElementTree, type_name: str, table: dict[str, str]) -> None:
    simple = xsd.find(f"{XS}simpleType[@name='{type_name}']")
    assert simple is not None
    values = [e.get("value") for e in simple.iter(f"{XS}enumeration")]
    assert values == list(table)


def test_every_declaration_is_documented_in_vietnamese_and_english(xsd: etree._ElementTree) -> None:
    missing = []
    for node in xsd.iter(f"{XS}element", f"{XS}attribute", f"{XS}simpleType", f"{XS}complexType",
                         f"{XS}enumeration"):
        if node.get("ref") or (node.tag in (f"{XS}simpleType", f"{XS}complexType") and not node.get("name")):
            continue
        docs = {d.get(LANG): (d.text or "").strip() for d in node.findall(f"{XS}annotation/{XS}documentation")}
        if set(docs) != {"vi", "en"} or not all(docs.values()):
            missing.append(f"line {node.sourceline}: {node.get('name') or node.get('value')}")
    assert missing == []


def test_the_golden_procedure_fills_every_part_of_the_model(full_procedure: Procedure) -> None:
    """If the model grows a part, this fails until the writer, reader, XSD and golden file carry it."""
    defaults = Procedure(code=full_procedure.code)
    empty = [p for p in PARTS if getattr(full_procedure, p) == getattr(defaults, p) and p != "status"]
    assert empty == []
    assert {f.name for f in dataclasses.fields(Procedure)} == {"code", *PARTS}
