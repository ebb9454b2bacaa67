"""Tests marked ``tesseract`` run the real tesseract with Vietnamese data (installed by ``make setup``);
the search and listing tests store their results directly and run without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tthc_tools.scan import tesseract

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    needing = [item for item in items if item.path.is_relative_to(HERE) and "tesseract" in item.keywords]
    if not needing or tesseract.available("vie"):
        return
    if os.environ.get("CI"):  # CI installs it: its absence there is a failure, not a reason to skip
        raise pytest.UsageError("tesseract with Vietnamese data is missing; run: make setup")
    for item in needing:
        item.add_marker(pytest.mark.skip(reason="tesseract with Vietnamese data is not installed"))
