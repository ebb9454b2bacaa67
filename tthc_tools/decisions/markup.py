"""Text of scraped decisions: markdown emphasis, footnote marks, and the forms codes are printed in."""

from __future__ import annotations

import functools
import re

from tthc_tools.codes import parse_procedure_code
from tthc_tools.text import clean, fold

_EMPHASIS = re.compile(r"\*+|(?<![\w/])__|__(?![\w/])|\\(?=[^\w\s])")
_FOOTNOTE_MARK = re.compile(r"\[\d{1,2}\]")
_SPACED_CODE = re.compile(
    r"(?<![\d.])([1-6])\s?\.\s?(\d{3})\.?(\d{3})"
    r"(?:\s?\.\s?((?:\d{3}\.\d{2}\.\d{2}\.)?[A-Za-z]\d{2}))?(?!\d|\.\d)"
)
CODE_IN_CELL = re.compile(
    r"(?<![\d.])[1-6]\s?\.\s?\d{3}\.?\d{3}(?:\s?\.\s?(?:\d{3}\.\d{2}\.\d{2}\.)?[A-Za-z]\d{2})?(?!\d|\.\d)"
)


@functools.lru_cache(maxsize=16384)
def folded(value: str) -> str:
    """:func:`tthc_tools.text.fold`, remembered: headings are folded by several matchers in turn."""
    return fold(value)


def unmark(value: str) -> str:
    """One line of scraped markdown without emphasis marks and backslash escapes, cleaned."""
    if "*" in value or "_" in value or "\\" in value:
        value = _EMPHASIS.sub("", value)
    return clean(value)


def cell_text(value: str) -> str:
    """A table cell as text: :func:`unmark` and footnote marks ("Mã TTHC[1]") removed."""
    text = unmark(value)
    return clean(_FOOTNOTE_MARK.sub("", text)) if "[" in text else text


def normalise_code(raw: str) -> str:
    """A procedure code as printed, repaired: ``1.014464. H12`` → ``1.014464.H12``, ``1.014.111`` →
    ``1.014111``; ``""`` when ``raw`` holds no code."""
    match = _SPACED_CODE.search(raw)
    if not match:
        return ""
    head = f"{match[1]}.{match[2]}{match[3]}"
    text = f"{head}.{match[4]}" if match[4] else head
    parsed = parse_procedure_code(text)
    return str(parsed) if parsed else ""


def codes_in(value: str, *, loose: bool = False) -> list[str]:
    """Every procedure code printed in ``value``, repaired by :func:`normalise_code`.

    Only a code cell is read ``loose``-ly: there "1.014.111" is a misprinted code, elsewhere
    "1.000.000" is an amount of money.
    """
    found = []
    for raw in CODE_IN_CELL.findall(value):
        if not loose and re.match(r"^[1-6]\s?\.\s?\d{3}\.\d{3}(?!\d)", raw):
            continue
        code = normalise_code(raw)
        if code:
            found.append(code)
    return found


def code_cell(value: str) -> list[str]:
    """The codes of a code-column cell; line-wrap spaces inside a code are dropped first."""
    return codes_in(re.sub(r"\s+", "", value) if len(value) <= 80 else value, loose=True)
