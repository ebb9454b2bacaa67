"""Long outputs written as they come, in flat memory: a table and a JSON document of any length.

:class:`tthc_tools.ui.Ui` lays out short tables with rich; a 100,000-row list would take rich minutes
and the whole list in memory. Here a table keeps the column widths its first rows need (capped, and
fitted to the terminal) and writes every row at once, wrapped within them, in rich's box style; a
JSON document writes its long list item by item, giving exactly the text ``json.dumps(indent=2)``
would. No rich here (the architecture test keeps it in ``ui.py``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol, TextIO

MIN_WIDTH = 4
_SPECIAL = re.compile(r"[\u0300-\u036f\u1100-\u115f\u200b-\u200f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                      r"\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


class ColumnLike(Protocol):
    header: str
    key: str
    justify: str
    max_width: int | None


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: Vietnamese (NFC) one per letter, wide scripts two, marks none."""
    if text.isascii() or not _SPECIAL.search(text):
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap(line: str, width: int, measure: Callable[[str], int]) -> list[tuple[str, int]]:
    """Words of ``line`` filled into lines of at most ``width`` cells (with their widths); a longer
    word is cut (folded)."""
    out: list[tuple[str, int]] = []
    current, used = "", 0
    for word in line.split():
        size = measure(word)
        while size > width:
            if current:
                out.append((current, used))
                current, used = "", 0
            out.append((word[:width], measure(word[:width])))
            word = word[width:]
            size = measure(word)
        if not current:
            current, used = word, size
        elif used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
        else:
            out.append((current, used))
            current, used = word, size
    out.append((current, used))
    return out


def _lines(text: str, width: int) -> list[tuple[str, int]]:
    """The lines of a cell ``width`` cells wide (its own line breaks kept), with their widths."""
    measure = cell_width if not text.isascii() and _SPECIAL.search(text) else len
    out: list[tuple[str, int]] = []
    for line in text.split("\n") if "\n" in text else (text,):
        size = measure(line)
        out.extend([(line, size)] if size <= width else _wrap(line, width, measure))
    return out


def _fit(natural: list[int], least: list[int], total: int) -> list[int]:
    """Widths that fit ``total`` cells with the borders: each column shrunk in proportion to its
    natural width, never below its ``least`` (the longest word of its header)."""
    room = total - 3 * len(natural) - 1
    if sum(natural) <= room:
        return list(natural)
    scale = room / sum(natural)
    widths = [max(low, int(w * scale)) for w, low in zip(natural, least, strict=True)]
    for _ in range(sum(natural)):  # hand out what rounding left, or take back what the floors added
        spare = room - sum(widths)
        if spare == 0:
            break
        if spare > 0:
            index = max(range(len(widths)), key=lambda i: natural[i] - widths[i])
            widths[index] += 1
        else:
            shrinkable = [i for i in range(len(widths)) if widths[i] > least[i]]
            if not shrinkable:
                break
            widths[max(shrinkable, key=lambda i: widths[i])] -= 1
    return widths


class TableWriter:
    """Writes a table row by row; :meth:`close` draws its bottom border."""

    def __init__(self, out: TextIO, columns: Sequence[ColumnLike], sample: Sequence[Sequence[str]], total: int) -> None:
        self.out = out
        self.columns = columns
        natural = []
        for index, column in enumerate(columns):
            longest = max((cell_width(line) for row in sample for line in row[index].split("\n")), default=0)
            wanted = max(longest, cell_width(column.header), MIN_WIDTH)
            natural.append(min(wanted, column.max_width) if column.max_width else wanted)
        least = [min(n, max([MIN_WIDTH, *(cell_width(w) for w in c.header.split())]))
                 for n, c in zip(natural, columns, strict=True)]
        self.widths = _fit(natural, least, total)
        self._right = [c.justify == "right" for c in columns]
        self.rows = 0
        self._rule("┏", "━", "┳", "┓")
        self._line([c.header for c in columns], "┃", left=True)
        self._rule("┡", "━", "╇", "┩")

    def _rule(self, left: str, fill: str, middle: str, right: str) -> None:
        self.out.write(left + middle.join(fill * (w + 2) for w in self.widths) + right + "\n")

    def _line(self, cells: Sequence[str], bar: str, *, left: bool = False) -> None:
        wrapped = [_lines(text, width) for text, width in zip(cells, self.widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        out = []
        for number in range(height):
            parts = []
            for lines, width, right in zip(wrapped, self.widths, self._right, strict=True):
                text, size = lines[number] if number < len(lines) else ("", 0)
                pad = " " * (width - size)
                parts.append(pad + text if right and not left else text + pad)
            out.append(f"{bar} " + f" {bar} ".join(parts) + f" {bar}\n")
        self.out.write("".join(out))

    def row(self, cells: Sequence[str]) -> None:
        self._line(cells, "│")
        self.rows += 1

    def close(self) -> None:
        self._rule("└", "─", "┴", "┘")
        self.out.flush()


_SCALARS = (str, int, float, bool, type(None))
_encode_any = json.JSONEncoder(ensure_ascii=False).encode
_encode_text = json.encoder.encode_basestring  # the C function dumps itself uses for a string


def _encode(value: Any) -> str:
    return _encode_text(value) if isinstance(value, str) else _encode_any(value)


def _pretty(value: Any, dumps: Callable[[Any], str]) -> str:
    """``dumps(value)`` (``indent=2``), faster for what long lists hold: flat mappings of scalars and
    lists of scalars (the indenting encoder is pure Python and ten times slower)."""
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        return dumps(value)
    if not value:
        return "{}"
    members = []
    for name, item in value.items():
        if isinstance(item, _SCALARS):
            text = _encode(item)
        elif isinstance(item, list | tuple) and all(isinstance(v, _SCALARS) for v in item):
            text = "[\n    " + ",\n    ".join(_encode(v) for v in item) + "\n  ]" if item else "[]"
        else:
            text = dumps(item).replace("\n", "\n  ")
        members.append(f"  {_encode(name)}: {text}")
    return "{\n" + ",\n".join(members) + "\n}"


def write_json(out: TextIO, head: Mapping[str, Any], key: str, items: Iterable[Any],
               tail: Callable[[int], Mapping[str, Any]], dumps: Callable[[Any], str]) -> int:
    """One JSON document: ``head``'s keys, then ``key`` holding ``items`` written one by one, then
    ``tail(count)``'s keys; the same text as ``dumps`` of the whole. Returns how many items."""

    def member(name: str, value: Any) -> str:
        return "  " + json.dumps(name, ensure_ascii=False) + ": " + dumps(value).replace("\n", "\n  ")

    out.write("{\n" + "".join(member(k, v) + ",\n" for k, v in head.items()))
    out.write("  " + json.dumps(key, ensure_ascii=False) + ": [")
    count = 0
    for item in items:
        out.write(("\n" if count == 0 else ",\n") + "    " + _pretty(item, dumps).replace("\n", "\n    "))
        count += 1
    out.write("\n  ]" if count else "]")
    out.write("".join(",\n" + member(k, v) for k, v in tail(count).items()) + "\n}\n")
    out.flush()
    return count


def first_rows(rows: Iterable[Mapping[str, Any]], size: int) -> tuple[list[Mapping[str, Any]], Iterator[Mapping[str, Any]]]:
    """The first ``size`` rows, and an iterator over the rest."""
    iterator = iter(rows)
    head = []
    for row in iterator:
        head.append(row)
        if len(head) >= size:
            break
    return head, iterator
