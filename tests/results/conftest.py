"""Every test here runs the real tesseract with Vietnamese data (installed by ``make setup``)."""

from __future__ import annotations

import os

import pytest

from tthc_tools.scan import tesseract

if not tesseract.available("vie"):
    if os.environ.get("CI"):  # CI installs it: its absence there is a failure, not a reason to skip
        raise pytest.UsageError("tesseract with Vietnamese data is missing; run: make setup")
    pytest.skip("tesseract with Vietnamese data is not installed", allow_module_level=True)
