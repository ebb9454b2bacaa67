"""Fixtures of the decision tests: the real decisions and the Lai Châu draft PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tthc_tools.decisions import Decision, parse_decision_text

DECISIONS = "tnt305__tai_lieu_noi_bo/decisions_clean"
LAI_CHAU = "nghiado905__mineru_vietocr/pdfs/e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"
SON_LA_SCAN = "nghiado905__mineru_vietocr/pdfs/1_SonLa_QD-2307-QD-UBND_2025-09-11_scan.pdf"


@pytest.fixture(scope="session")
def decision_file(realdata: Path) -> Callable[[str], Path]:
    """``decision_file("2015")``: the path of the real decision whose file name starts with it."""

    def find(prefix: str) -> Path:
        matches = sorted((realdata / DECISIONS).glob(f"{prefix}*.md"))
        assert len(matches) == 1, f"{prefix}: {matches}"
        return matches[0]

    return find


@pytest.fixture(scope="session")
def parsed(decision_file: Callable[[str], Path]) -> Callable[[str], Decision]:
    """``parsed("2015")``: the real decision parsed (cached per session)."""
    cache: dict[str, Decision] = {}

    def parse(prefix: str) -> Decision:
        if prefix not in cache:
            path = decision_file(prefix)
            cache[prefix] = parse_decision_text(path.read_text(encoding="utf-8"), source=path.name)
        return cache[prefix]

    return parse


@pytest.fixture(scope="session")
def lai_chau_pdf(realdata: Path) -> Path:
    """The Lai Châu draft decision (PDF with a text layer, blank number and date)."""
    return realdata / LAI_CHAU


@pytest.fixture(scope="session")
def son_la_scan(realdata: Path) -> Path:
    """The Sơn La decision 2307/QĐ-UBND, pages 1-4 scanned without a text layer."""
    return realdata / SON_LA_SCAN
