"""The benchmarks' generator: deterministic, sorted, realistic, and its edits really edit."""

from __future__ import annotations

import random
import unicodedata
from types import ModuleType

from tthc_tools.codes import is_result_code, parse_procedure_code
from tthc_tools.model import CHANNELS, LEVELS, ONLINE_LEVELS, PARTS, Procedure


def test_same_seed_same_procedures_other_seed_others(synth: ModuleType) -> None:
    first = list(synth.synth_procedures(300, seed=1))
    assert first == list(synth.synth_procedures(300, seed=1))
    assert first != list(synth.synth_procedures(300, seed=2))


def test_codes_are_valid_unique_and_sorted(synth: ModuleType) -> None:
    codes = [p.code for p in synth.synth_procedures(5000)]
    assert codes == sorted(set(codes))
    assert all(parse_procedure_code(code) for code in codes)
    assert {code[0] for code in codes} == {"1", "2", "3"}


def test_procedures_look_real(synth: ModuleType) -> None:
    procedures: list[Procedure] = list(synth.synth_procedures(2000, seed=5))
    for p in procedures:
        assert 1 <= len(p.channels) <= 3 and all(c.deadline for c in p.channels)
        assert set(p.levels) <= set(LEVELS) and {c.kind for c in p.channels} <= set(CHANNELS)
        assert p.online_level in ("", *ONLINE_LEVELS)
        assert all(is_result_code(r.code) for r in p.results)
        assert unicodedata.is_normalized("NFC", p.name) and p.name != p.name.encode("ascii", "ignore").decode()
    for part in PARTS:
        if part != "description":
            assert any(getattr(p, part) != getattr(Procedure(p.code), part) for p in procedures), part
    amounts = [f.amount for p in procedures for c in p.channels for f in c.fees]
    assert None in amounts and 0 in amounts and any(a for a in amounts if a)
    counts = [d.originals for p in procedures for d in p.dossier]
    assert None in counts and 0 in counts
    assert any(d.replacing_result for p in procedures for d in p.dossier)
    assert any(lb.issued and lb.effective for p in procedures for lb in p.legal_basis)


def test_mutate_always_changes_the_procedure_and_keeps_its_code(synth: ModuleType) -> None:
    rng = random.Random(11)
    for p in synth.synth_procedures(500, seed=3):
        edited = synth.mutate(p, rng)
        assert edited != p and edited.code == p.code
