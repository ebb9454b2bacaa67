"""Real records read once per test session and shared by the reader tests (the JSONL takes seconds)."""

from __future__ import annotations

import functools
from pathlib import Path

from tthc_tools.catalog import readers
from tthc_tools.model import Problem, Record

JSONL = "chatbot-tthc__chatbot_tthc/procedures_all_2642_no_raw_text.jsonl"
STRUCTURED = "nhdandz__ThuTucHanhChinh/extracted_fixed"


@functools.cache
def read_all(path: Path) -> tuple[readers.ReadResult, tuple[Record, ...], tuple[Problem, ...]]:
    """The result, records and problems of reading ``path`` (cached)."""
    result = readers.read(path)
    items = list(result.items)
    return (result, tuple(i for i in items if isinstance(i, Record)),
            tuple(i for i in items if isinstance(i, Problem)))
