"""Fixtures for the scan tests: the real PDFs, generated degraded scans, the tesseract marker."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tthc_tools.scan import tesseract

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench import scangen  # noqa: E402

if not tesseract.available("vie"):
    pytest.skip("tesseract with Vietnamese data is not installed", allow_module_level=True)


@pytest.fixture(scope="session")
def pdfs(realdata: Path) -> Path:
    return realdata / "nghiado905__mineru_vietocr" / "pdfs"


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six degraded generated scans (JPEG, some turned) with truth.json."""
    folder = tmp_path_factory.mktemp("generated")
    scangen.write_set(folder, 6, seed=3)
    return folder
