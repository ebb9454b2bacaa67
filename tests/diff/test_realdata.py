"""The 2,642 real records with known edits: ``tthc diff`` reports exactly those edits, nothing else.

The national side is a snapshot pulled from the real portal crawl (JSONL). The local catalogue is
imported from national packets built from the same records after editing them: one renamed, one
removed, one added (the removed one under a new code), a deadline changed on one channel, a fee
changed, a dossier paper added, and one record written entirely in NFD with doubled spaces.
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from tthc_tools.catalog import readers
from tthc_tools.catalog.readers.national_packet import envelope, packet_from_procedure
from tthc_tools.cli import run
from tthc_tools.model import DossierItem, Procedure, Record, to_dict

JSONL = "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"


@pytest.fixture(scope="module")
def real(realdata: Path) -> list[Procedure]:
    return [i.procedure for i in readers.read(realdata / JSONL).items if isinstance(i, Record)]


def _untidy(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value).replace(" ", "  ")
    if isinstance(value, tuple):
        return tuple(_untidy(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        keep = {"code", "kind", "levels", "status", "online_level", "local_code", "national_id"}
        return dataclasses.replace(value, **{f.name: _untidy(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.name not in keep})
    return value


def _first(procedures: list[Procedure], taken: set[str], test: Any) -> Procedure:
    found = next(p for p in procedures if p.code not in taken and test(p))
    taken.add(found.code)
    return found


class Edits:
    """The known edits, and what the diff must say about them."""

    def __init__(self, real: list[Procedure]) -> None:
        taken: set[str] = set()
        self.renamed = _first(real, taken, lambda p: len(p.name) > 20)
        self.removed = _first(real, taken, lambda p: True)
        self.deadline = _first(real, taken, lambda p: len(p.channels) >= 2 and p.channels[1].deadline)
        self.fee = _first(real, taken, lambda p: any(f.amount for f in p.channels[0].fees) if p.channels else False)
        self.paper = _first(real, taken, lambda p: len(p.dossier) >= 2)
        self.nfd = _first(real, taken, lambda p: len(p.dossier) >= 2 and len(p.channels) >= 2)
        self.added = dataclasses.replace(self.removed, code="1.999901")

    def local(self, real: list[Procedure]) -> list[Procedure]:
        channel = self.deadline.channels[1]
        fee_channel = self.fee.channels[0]
        fees = tuple(dataclasses.replace(f, amount=f.amount + 5000) if f.amount else f for f in fee_channel.fees)
        edited = {
            self.renamed.code: dataclasses.replace(self.renamed, name=self.renamed.name + " trên môi trường điện tử"),
            self.deadline.code: dataclasses.replace(self.deadline, channels=(
                self.deadline.channels[0], dataclasses.replace(channel, deadline="99 Ngày làm việc"),
                *self.deadline.channels[2:])),
            self.fee.code: dataclasses.replace(self.fee, channels=(
                dataclasses.replace(fee_channel, fees=fees), *self.fee.channels[1:])),
            self.paper.code: dataclasses.replace(self.paper, dossier=(
                *self.paper.dossier, DossierItem("Bản sao giấy tờ tùy thân", originals=0, copies=1))),
            self.nfd.code: _untidy(self.nfd),
        }
        kept = [edited.get(p.code, p) for p in real if p.code != self.removed.code]
        return [*kept, self.added]

    def expected(self) -> dict[str, list[dict[str, Any]]]:
        """Code → the changes ``--json`` must list (local = edited, national = the real record)."""
        old_fee = self.fee.channels[0].fees
        new_fee = [dataclasses.replace(f, amount=f.amount + 5000) for f in old_fee if f.amount]
        fee_changes = [
            {"part": "channels", "change": "changed", "item": self.fee.channels[0].kind, "field": "fee",
             "local": to_dict(new), "national": to_dict(old)}
            for old, new in zip([f for f in old_fee if f.amount], new_fee, strict=True)
        ]
        return {
            self.renamed.code: [{"part": "name", "change": "changed", "item": "", "field": "",
                                 "local": self.renamed.name + " trên môi trường điện tử",
                                 "national": self.renamed.name}],
            self.deadline.code: [{"part": "channels", "change": "changed", "item": self.deadline.channels[1].kind,
                                  "field": "deadline", "local": "99 Ngày làm việc",
                                  "national": self.deadline.channels[1].deadline}],
            self.fee.code: fee_changes,
            self.paper.code: [{"part": "dossier", "change": "only_local", "item": "Bản sao giấy tờ tùy thân",
                               "field": "", "local": to_dict(DossierItem("Bản sao giấy tờ tùy thân", originals=0,
                                                                        copies=1)), "national": None}],
        }


def _fee_sorted(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(changes, key=lambda c: json.dumps(c, ensure_ascii=False, sort_keys=True))


def test_diff_of_the_real_catalogue_reports_exactly_the_edits(
    db_url: str, real: list[Procedure], realdata: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits = Edits(real)
    edited = tmp_path / "local-packets.json"
    edited.write_text(json.dumps(envelope(packet_from_procedure(p) for p in edits.local(real)), ensure_ascii=False),
                      encoding="utf-8")
    assert run(["--db", db_url, "-q", "national", "pull", "--from", str(realdata / JSONL)]) == 0
    assert run(["--db", db_url, "-q", "catalog", "import", str(edited)]) == 0
    capsys.readouterr()

    assert run(["--db", db_url, "diff", "--json", "--against", str(edited)]) == 0  # the same data: no differences
    same = json.loads(capsys.readouterr().out)
    assert same["summary"]["differences"] is False and same["summary"]["compared"] == len(real)

    assert run(["--db", db_url, "diff", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"] == {"compared": len(real) - 1, "unchanged": len(real) - 5, "changed": 4,
                                 "only_national": 1, "only_local": 1, "differences": True}
    assert [(o["code"], o["name"]) for o in report["only_national"]] == [(edits.removed.code, edits.removed.name)]
    assert [o["code"] for o in report["only_local"]] == [edits.added.code]
    assert report["only_local"][0]["suggestions"][0] == {
        "code": edits.removed.code, "name": edits.removed.name, "score": 100.0}
    got = {c["code"]: _fee_sorted(c["changes"]) for c in report["changed"]}
    assert got == {code: _fee_sorted(changes) for code, changes in edits.expected().items()}
    assert edits.nfd.code not in got
