"""Differences in words, shared by the terminal, HTML and XLSX reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tthc_tools.diff.model import CHANGED, ONLY_LOCAL, ONLY_NATIONAL, REPLACED, Change, Side
from tthc_tools.i18n import _
from tthc_tools.model import CHANNELS, LEVELS, ONLINE_LEVELS, STATUSES, Fee


def part_label(part: str) -> str:
    """A part's name for people."""
    labels = {
        "name": _("Name"), "kind": _("Type"), "levels": _("Levels"), "fields": _("Fields"),
        "publisher": _("Published by"), "agencies": _("Carried out by"), "competent": _("Competent agency"),
        "authorized": _("Authorised agency"), "coordinating": _("Coordinating agency"), "subjects": _("Subjects"),
        "address": _("Address"), "steps": _("Steps"), "channels": _("Channels"), "dossier": _("Dossier"),
        "results": _("Results"), "legal_basis": _("Legal basis"), "requirements": _("Requirements"),
        "related": _("Related procedures"), "online_level": _("Online service"), "decision": _("Decision"),
        "description": _("Description"), "keywords": _("Keywords"), "national_id": _("National id"),
        "status": _("Status"), "local_code": _("Local code"),
    }
    return labels.get(part, part)


def channel_label(kind: str) -> str:
    """A channel kind for people; a channel whose source did not say which one is "not stated"."""
    return CHANNELS.get(kind, kind) or _("not stated")


def kind_label(kind: str) -> str:
    """``changed``, ``only_local``… for people."""
    return {CHANGED: _("changed"), ONLY_LOCAL: _("only local"), ONLY_NATIONAL: _("only national"),
            REPLACED: _("replaced")}.get(kind, kind)


def item_label(change: Change) -> str:
    """The item of a list part for people: channel and level names instead of their keys."""
    if change.part == "channels":
        return channel_label(change.item)
    if change.part == "levels":
        return LEVELS.get(change.item, change.item)
    return change.item


def _amount(fee: Mapping[str, Any]) -> str:
    return Fee(amount=fee.get("amount"), unit=fee.get("unit", "")).amount_text


def value_text(change: Change, value: Any) -> str:
    """One side's value of a change as one readable line (empty when the side has nothing)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        if change.part == "online_level":
            return ONLINE_LEVELS.get(value, value)
        if change.part == "status":
            return STATUSES.get(value, value)
        return LEVELS.get(value, value) if change.part == "levels" else value
    if isinstance(value, Mapping):
        return _mapping_text(change.part, value)
    if isinstance(value, list):
        return "; ".join(_mapping_text(change.part, v) if isinstance(v, Mapping) else str(v) for v in value)
    return str(value)


def _mapping_text(part: str, value: Mapping[str, Any]) -> str:
    if part == "channels" and "kind" in value:
        return " · ".join(x for x in (channel_label(value["kind"]), value.get("deadline", "")) if x)
    if part == "channels":
        return " ".join(x for x in (value.get("description", ""), _amount(value)) if x) or value.get("code", "")
    if part == "dossier":
        counts = [f"{_('originals')}: {value['originals']}" if "originals" in value else "",
                  f"{_('copies')}: {value['copies']}" if "copies" in value else ""]
        return " · ".join(x for x in (value.get("name", ""), *counts) if x)
    if part == "legal_basis":
        return " ".join(x for x in (value.get("number", ""), value.get("title", "")) if x)
    if part == "results":
        return " ".join(x for x in (value.get("code", ""), value.get("name", "")) if x)
    if part == "steps":
        return " ".join(x for x in (f"[{value['case']}]" if value.get("case") else "", value.get("text", "")) if x)
    text = value.get("name") or value.get("text") or ""
    code = value.get("code")
    return f"{text} ({code})" if code and text else str(text or code or value)


def side_line(title: str, side: Side) -> str:
    """``Local: catalogue in force on … (2,642 procedures)``."""
    return _("{}: {} ({} procedures)").format(title, side.label, f"{side.count:,}")
