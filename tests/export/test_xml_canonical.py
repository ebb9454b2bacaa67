"""Canonical output: unchanged catalogue → identical bytes; one fee changed → that line (and the hash) only."""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import io
import os
from pathlib import Path

from tthc_tools.export import ExportHeader, ExportItem
from tthc_tools.export.xml_read import body_hash, read_catalog_info
from tthc_tools.export.xml_write import _splice, write_catalog
from tthc_tools.model import Procedure


def _items(procedures: list[Procedure]) -> list[ExportItem]:
    return [ExportItem(p) for p in procedures]


def test_two_exports_of_the_same_catalogue_are_byte_identical(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    first = write_catalog(tmp_path / "a.xml", _items(nhdandz), ExportHeader())
    second = write_catalog(tmp_path / "b.xml", _items(nhdandz), ExportHeader())
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()
    assert first.catalogue_hash == second.catalogue_hash
    assert first.changed and second.changed


def test_rewriting_an_unchanged_catalogue_leaves_the_file_alone(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = tmp_path / "catalog.xml"
    write_catalog(path, _items(nhdandz), ExportHeader())
    os.utime(path, (1_000_000_000, 1_000_000_000))
    report = write_catalog(path, _items(nhdandz), ExportHeader())
    assert not report.changed
    assert path.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog.xml"]


def _with_fee(procedure: Procedure, amount: int) -> Procedure:
    channel = procedure.channels[0]
    fee = dataclasses.replace(channel.fees[0], amount=amount)
    changed = dataclasses.replace(channel, fees=(fee, *channel.fees[1:]))
    return dataclasses.replace(procedure, channels=(changed, *procedure.channels[1:]))


def test_changing_one_fee_changes_that_element_and_the_hash_only(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    index = next(i for i, p in enumerate(nhdandz) if p.channels and p.channels[0].fees
                 and p.channels[0].fees[0].amount == 0)
    edited = [*nhdandz[:index], _with_fee(nhdandz[index], 150_000), *nhdandz[index + 1:]]
    before = write_catalog(tmp_path / "before.xml", _items(nhdandz), ExportHeader())
    after = write_catalog(tmp_path / "after.xml", _items(edited), ExportHeader())
    old = (tmp_path / "before.xml").read_text(encoding="utf-8").splitlines()
    new = (tmp_path / "after.xml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(old, new, n=0, lineterm="")
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        f'-    <catalogHash algorithm="sha256">{before.catalogue_hash}</catalogHash>',
        f'+    <catalogHash algorithm="sha256">{after.catalogue_hash}</catalogHash>',
        '-          <amount>0</amount>',
        '+          <amount>150000</amount>',
    ]
    assert len(old) == len(new)


def test_the_catalogue_hash_covers_exactly_the_procedures(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = tmp_path / "catalog.xml"
    report = write_catalog(path, _items(nhdandz), ExportHeader(source="UBND tỉnh Sơn La"))
    data = path.read_bytes()
    body = data[data.index(b"</header>") + len(b"</header>"):data.rindex(b"</catalog>")]
    assert hashlib.sha256(body).hexdigest() == report.catalogue_hash == body_hash(path)
    assert read_catalog_info(path).catalogue_hash == report.catalogue_hash
    other_header = write_catalog(tmp_path / "other.xml", _items(nhdandz), ExportHeader(source="khác"))
    assert other_header.catalogue_hash == report.catalogue_hash


def test_layout_is_stable(tmp_path: Path, nhdandz: list[Procedure]) -> None:
    path = tmp_path / "catalog.xml"
    write_catalog(path, _items(nhdandz[:2]), ExportHeader(version="9.9"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:4] == [
        "<?xml version='1.0' encoding='utf-8'?>",
        '<catalog xmlns="urn:tthc-tools:catalog:1">',
        "  <header>",
        '    <generator name="tthc-tools" version="9.9"/>',
    ]
    assert lines[-2:] == ["  </procedure>", "</catalog>"]
    assert path.read_bytes().endswith(b"</catalog>\n")
    assert not any(line.endswith(" ") for line in lines)


def test_splicing_without_an_in_kernel_copy_gives_the_same_bytes() -> None:
    body = io.BytesIO(b"<?xml?>\n<catalog>" + b"\n  <procedure/>" * 1000 + b"\n</catalog>\n")
    target = io.BytesIO()
    _splice(body, target, len(b"<?xml?>\n<catalog>"), b"\n  <header/>")
    assert target.getvalue() == b"<?xml?>\n<catalog>\n  <header/>" + b"\n  <procedure/>" * 1000 + b"\n</catalog>\n"
