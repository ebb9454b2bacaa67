"""Publication decisions (quyết định công bố TTHC): read them into their change set.

``parse_decision_text(text)`` reads scraped markdown or plain text; ``read_decision(path)`` reads a
.md/.txt, a PDF with a text layer, or a DOCX. Both give a :class:`Decision`: header (số ký hiệu,
place, date, issuer, signer), body (cited decisions, effective date, repeals) and the change set
(:class:`ChangeRow` per procedure: new / amended / replaced / abolished).

The rest of the life of a decision lives in submodules, imported where they are used:
:mod:`~tthc_tools.decisions.registry` (store imported decisions, list, find),
:mod:`~tthc_tools.decisions.draft` (draft one from a change list or a diff, as DOCX/XLSX/HTML) and
:mod:`~tthc_tools.decisions.record` (record a signed one: its changes enter the catalogue from its
effective date).
"""

from __future__ import annotations

from tthc_tools.decisions.model import ChangeRow, Decision, DecisionRef, Extra, Supersession
from tthc_tools.decisions.parse import parse_decision_text, parse_document
from tthc_tools.decisions.sources import NeedsOcr, pdf_text, read_decision

__all__ = [
    "ChangeRow",
    "Decision",
    "DecisionRef",
    "Extra",
    "NeedsOcr",
    "Supersession",
    "parse_decision_text",
    "parse_document",
    "pdf_text",
    "read_decision",
]
