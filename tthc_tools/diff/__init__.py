"""Comparing two catalogues: the local one and the national one (a snapshot or a file).

The engine (:func:`diff_catalogues`, :func:`diff`) is pure: catalogues in, a :class:`DiffReport` out.
:mod:`tthc_tools.diff.run` fetches the sides from the database or files, and the ``render_*``
modules turn a report into a terminal report, JSON, HTML or XLSX.
"""

from __future__ import annotations

from tthc_tools.diff.engine import check_ignore, compare_procedures, diff, diff_catalogues, ignorable
from tthc_tools.diff.model import (
    Catalogue,
    Change,
    DiffOptions,
    DiffReport,
    Entry,
    MemoryCatalogue,
    OneSided,
    ProcedureDiff,
    Side,
    Suggestion,
    match_key,
)

__all__ = [
    "Catalogue", "Change", "DiffOptions", "DiffReport", "Entry", "MemoryCatalogue", "OneSided", "ProcedureDiff",
    "Side", "Suggestion", "check_ignore", "compare_procedures", "diff", "diff_catalogues", "ignorable", "match_key",
]
