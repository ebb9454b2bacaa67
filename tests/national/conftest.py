"""Fixtures of the national tests: the real records, and the packets a test server serves from them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tthc_tools.catalog import readers
from tthc_tools.catalog.readers.national_packet import envelope, packet_from_procedure
from tthc_tools.model import Record

JSONL = "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"


@pytest.fixture(scope="session")
def real_records(realdata: Path) -> list[Record]:
    """The 2,642 real procedure records of the portal crawl, as the readers read them."""
    items = readers.read(realdata / JSONL).items
    return [item for item in items if isinstance(item, Record)]


@dataclass(frozen=True)
class Served:
    """What the test server serves: packets (without decision numbers) and the decisions they point to.

    ``complete`` are the same packets with their decision numbers in, written to ``path`` as one
    envelope: reading that file gives what a pull must end with.
    """

    packets: dict[str, dict[str, Any]]
    decisions: dict[str, dict[str, Any]]
    path: Path


def serve_records(records: list[Record], folder: Path) -> Served:
    """Packets built from ``records``; decision numbers move behind ``LayQDCB`` as on the real API."""
    complete = [packet_from_procedure(r.procedure) for r in records]
    ids: dict[str, str] = {}
    packets: dict[str, dict[str, Any]] = {}
    for packet in complete:
        served = dict(packet)
        number = served.pop("SOQUYETDINH", "")
        if number:
            served["IDQUYETDINHCONGBO"] = ids.setdefault(number, str(1000 + len(ids)))
        packets[packet["MATTHC"]] = served
    path = folder / "served.json"
    path.write_text(json.dumps(envelope(complete), ensure_ascii=False), encoding="utf-8")
    decisions = {i: {"ID": i, "SOQUYETDINH": number, "NGAYBANHANH": "01/01/2025"} for number, i in ids.items()}
    return Served(packets, decisions, path)


@pytest.fixture(scope="session")
def served(real_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> Served:
    """Every third real record (881 of them, from every ministry), served with their decisions."""
    return serve_records(real_records[::3], tmp_path_factory.mktemp("served"))
