"""The ``--json`` form of a diff report (shape ``tthc-diff/1``, documented in the README).

Stable: keys always present, lists ordered by code, no clock — the same two catalogues give the same
bytes, so a nightly job can compare today's report with yesterday's.
"""

from __future__ import annotations

from typing import Any

from tthc_tools.diff.model import Change, DiffReport, OneSided, ProcedureDiff, Side

SCHEMA = "tthc-diff/1"


def _side(side: Side) -> dict[str, Any]:
    return {"label": side.label, "procedures": side.count, **dict(side.details)}


def _one_sided(item: OneSided) -> dict[str, Any]:
    return {
        "code": item.code,
        "name": item.name,
        "suggestions": [{"code": s.code, "name": s.name, "score": s.score} for s in item.suggestions],
    }


def change_dict(change: Change) -> dict[str, Any]:
    """One change as JSON: part, change, item, field, local, national."""
    return {
        "part": change.part, "change": change.kind, "item": change.item, "field": change.field,
        "local": change.local, "national": change.national,
    }


def _changed(item: ProcedureDiff) -> dict[str, Any]:
    return {
        "code": item.code, "local_name": item.local_name, "national_name": item.national_name,
        "parts": item.parts, "changes": [change_dict(c) for c in item.changes],
    }


def summary(report: DiffReport) -> dict[str, Any]:
    """The counts: compared, unchanged, changed, only_national, only_local, differences."""
    return {
        "compared": report.compared,
        "unchanged": report.unchanged,
        "changed": len(report.changed),
        "only_national": len(report.only_national),
        "only_local": len(report.only_local),
        "differences": report.has_differences,
    }


def report_dict(report: DiffReport) -> dict[str, Any]:
    """The whole report as one JSON-ready dict."""
    return {
        "schema": SCHEMA,
        "local": _side(report.local),
        "national": _side(report.national),
        "ignored": list(report.ignored),
        "filters": dict(report.filters),
        "summary": summary(report),
        "only_national": [_one_sided(i) for i in report.only_national],
        "only_local": [_one_sided(i) for i in report.only_local],
        "changed": [_changed(i) for i in report.changed],
    }
