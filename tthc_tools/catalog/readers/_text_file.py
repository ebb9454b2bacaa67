"""Streaming a text input (CSV) line by line in whatever encoding it is in, with constant memory.

The encoding is judged on the first non-ASCII stretch of the file (a file may hold thousands of
ASCII-only rows before its first accented letter), then the file is decoded as it is read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from tthc_tools.encodings import Encoding, bom_codec, detect
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

CHUNK = 1 << 16
SAMPLE = 1 << 18


def sniff_encoding(path: Path) -> Encoding:
    """The encoding of a text file, judged on its start or on its first non-ASCII chunk."""
    with path.open("rb") as handle:
        head = handle.read(SAMPLE)
        if bom_codec(head) or not head.isascii():
            return detect(head, final=len(head) < SAMPLE)
        while chunk := handle.read(CHUNK):
            if not chunk.isascii():
                start = max(0, chunk.find(b"\n", 0, len(chunk) // 2) + 1)
                return detect(chunk[start:] + handle.read(CHUNK), final=False)
    return Encoding("utf-8")


def lines(path: Path, encoding: Encoding) -> Iterator[str]:
    """The file's lines (line ends kept, as :mod:`csv` wants them), NFC, legacy text converted."""
    with path.open("rb") as raw:
        stream = io.TextIOWrapper(raw, encoding=encoding.codec, errors="strict", newline="")
        number = 0
        try:
            for number, line in enumerate(stream, start=1):  # noqa: B007 - number is used after the loop
                yield encoding.convert(line)
        except UnicodeDecodeError as error:
            where = _("line {n}").format(n=number + 1)
            raise BadInput(_("not valid {encoding} text (mixed encodings?)").format(encoding=encoding.label),
                           path=str(path), location=where) from error


def sample_lines(path: Path, encoding: Encoding, limit: int = 60) -> list[str]:
    """The first lines of the file, for sniffing the delimiter and finding the header."""
    out = []
    for line in lines(path, encoding):
        out.append(line)
        if len(out) >= limit:
            break
    return out


def delimiter(sample: list[str]) -> str:
    """The delimiter (comma, semicolon or tab) that splits the sample into the steadiest columns."""
    best, best_score = ",", (0, 0)
    for candidate in (",", ";", "\t"):
        widths = [len(row) for row in csv.reader(sample, delimiter=candidate) if len(row) > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = (widths.count(mode), mode)
        if score > best_score:
            best, best_score = candidate, score
    return best
