"""Tables flattened to ``|`` lines (scraped markdown) back into header and data rows.

In the scraped text every cell sits on its own lines and every cell boundary is a line holding only
``|``: a row ``|a|b|c|`` followed by the next row gives ``a | b | c | | a …``. Two pipes in a row mean
either "row ends here" or "an empty cell"; cells merged with the row above are simply missing. The
segmenter resolves this with the column count of the last header row and with what the text looks
like (a row number or a group enumerator starts a row, a second code starts a row, text that would
overflow the row starts a new one), and :func:`tthc_tools.decisions.cells.align` puts the cells of
short rows back into their columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tthc_tools.decisions.cells import align, is_group_mark, is_only_code, is_stt, starts_group
from tthc_tools.decisions.events import Document, Event, Header, Line, Row
from tthc_tools.decisions.headers import column_key, is_header_row
from tthc_tools.decisions.markup import cell_text, folded, unmark

_HEADING_START = re.compile(
    r"^(?:\d+\.\s|[A-ZĐ]\.\s|[IVX]+\.\s|PHẦN\s|PHỤ\s+LỤC|DANH\s+MỤC|\(\s*(?:Kèm|Ban hành))", re.IGNORECASE
)
_BREAK = re.compile(
    r"^(?:phan [ivx]+\b|phu luc\b|tong so\b|ghi chu\s*:|\[\d+\]|_{3,}|file duoc dinh kem"
    r"|(?:\d+|[a-z]|[ivx]+)\.\s*(?:danh muc|quy trinh|noi dung)\b)"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A block of text between pipe lines: how many pipes came before it, and a blank line or not."""

    text: str
    gap: int
    blank: bool
    line: int
    parts: tuple[str, ...] = ()

    def lines(self) -> list[Line]:
        """The token as text lines, split where a heading starts ("1. Danh mục …", "PHẦN II …")."""
        return [Line(part, self.line) for part in self.parts or (self.text,)]


def tokens(lines: list[str]) -> list[Token]:
    """The text blocks of ``lines``; a block ends at a pipe line or a blank line."""
    out: list[Token] = []
    block: list[str] = []
    gap, blank, start = 0, False, 0
    for number, raw in enumerate([*lines, ""]):
        stripped = raw.strip()
        if stripped == "|" or not stripped:
            if block:
                out.append(Token(cell_text(" ".join(block)), gap, blank, start, _parts(block)))
                block, gap, blank = [], 0, False
            if stripped == "|":
                gap += 1
            else:
                blank = True
            continue
        if not block:
            start = number
        block.append(stripped)
    return [token for token in out if token.text]


def _parts(block: list[str]) -> tuple[str, ...]:
    """The lines of a block regrouped so that each heading starts a part."""
    parts: list[list[str]] = []
    for line in block:
        if not parts or _HEADING_START.match(line.replace("*", "").lstrip("_\\ ")):
            parts.append([])
        parts[-1].append(line)
    if len(parts) == 1:
        return ()
    return tuple(text for text in (cell_text(" ".join(part)) for part in parts) if text)


def _header_run(toks: list[Token], i: int) -> list[Token]:
    """The tokens of a header row starting at ``toks[i]``, or ``[]`` when it is not a header."""
    run = [toks[i]]
    for token in toks[i + 1 : i + 25]:
        if token.gap != 1 or token.blank:
            break
        run.append(token)
    return run if is_header_row([t.text for t in run]) else []


@dataclass
class _Segmenter:
    """State of the segmentation: current columns and the row being filled."""

    keys: tuple[str, ...] = ()
    cells: list[str | None] = field(default_factory=list)
    pos: int = -1
    line: int = 0
    events: list[Event] = field(default_factory=list)

    def flush(self, trailing: int = 0) -> None:
        """End the row being filled (``trailing`` empty cells close it) and emit it."""
        if self.pos < 0:
            return
        n = len(self.keys)
        for col in range(self.pos + 1, min(n, self.pos + 1 + trailing)):
            self.cells[col] = ""
        placed = [c for c in self.cells if c]
        cells = tuple(self.cells)
        if None in cells and len(placed) > 1:
            cells = align(placed, self.keys)
        # scraped tables print a vertically merged cell as an empty one: both take the value above
        self.events.append(Row(tuple(cell or None for cell in cells), self.line))
        self.cells, self.pos = [], -1

    def start(self, token: Token, col: int) -> None:
        """Open a row with ``token`` in column ``col`` (the columns before it empty)."""
        n = len(self.keys)
        self.cells = [None] * n
        for empty in range(min(col, n - 1)):
            self.cells[empty] = ""
        self.pos = min(col, n - 1)
        self.cells[self.pos] = token.text
        self.line = token.line

    def place(self, token: Token, col: int) -> None:
        """Put ``token`` into column ``col`` of the open row (the columns skipped empty)."""
        for empty in range(self.pos + 1, col):
            self.cells[empty] = ""
        self.cells[col] = token.text
        self.pos = col

    def starts_row(self, text: str) -> bool:
        """True for text that opens a row: a row number, a group heading, a second code."""
        if is_stt(text) or is_group_mark(text) or starts_group(text) or folded(text).startswith("buoc "):
            return True
        return is_only_code(text) and any(c and is_only_code(c) for c in self.cells)

    def feed(self, token: Token) -> None:
        """Take the next token: a cell of the open row, the start of a new row, or a text line."""
        n = len(self.keys)
        if self.pos >= 0 and token.gap == 0:
            self.cells[self.pos] = f"{self.cells[self.pos]} {token.text}"
        elif token.blank or not n or _BREAK.search(folded(token.text)):
            self.flush()
            self.events.extend(token.lines())
        elif self.pos < 0:
            if token.gap >= 2 or self.starts_row(token.text):
                self.start(token, max(0, token.gap - 2))
            else:
                self.events.extend(token.lines())
        elif token.gap == 1:
            if self.pos + 1 < n:
                self.place(token, self.pos + 1)
            else:
                self.flush()
                self.feed(Token(token.text, 0, False, token.line, token.parts))
        elif self.starts_row(token.text) or self.pos + token.gap > n - 1:
            trailing = min(token.gap - 2, n - 1 - self.pos)
            self.flush(trailing)
            self.start(token, token.gap - 2 - trailing)
        else:
            self.place(token, self.pos + token.gap)


def _subheader(toks: list[Token], i: int, width: int) -> list[str]:
    """The labels of a second header row at ``toks[i]`` ("Theo quy định | Theo NQ 66"), or ``[]``."""
    if i >= len(toks) or toks[i].gap < 2:
        return []
    run = [toks[i].text]
    for token in toks[i + 1 : i + width]:
        if token.gap != 1:
            break
        run.append(token.text)
    data = any(is_stt(t) or is_group_mark(t) or is_only_code(t) or len(t) > 120 for t in run)
    return run if 2 <= len(run) < width and not data and not starts_group(run[0]) else []


def _widen(labels: tuple[str, ...], subs: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Labels and keys of a two-row header: the deadline (or fee) column split into ``subs``.

    The first sub-column keeps the column's key; the others keep their values as extra cells under
    their full label ("Thời hạn giải quyết – NQ số 66/NQ-CP …", "Dịch vụ công trực tuyến – Một phần").
    """
    keys = tuple(column_key(label) for label in labels)
    col = _split_column(labels, keys, subs)
    if col < 0:
        return labels, keys
    split = tuple(f"{labels[col]} – {sub}" for sub in subs)
    extra = ("other",) * (len(subs) - 1)
    return labels[:col] + split + labels[col + 1 :], keys[: col + 1] + extra + keys[col + 1 :]


def _split_column(labels: tuple[str, ...], keys: tuple[str, ...], subs: list[str]) -> int:
    """The header column a second header row splits: the online-service column for "Toàn trình /
    Một phần", else the deadline or fee column (split by the rule they follow); -1 if none fits."""
    if not subs:
        return -1
    if any(re.search(r"toan trinh|mot phan|muc do", folded(sub)) for sub in subs):
        return next((i for i, label in enumerate(labels) if re.search(r"truc tuyen|dvc|muc do", folded(label))), -1)
    return next((keys.index(key) for key in ("deadline", "fee") if key in keys), -1)


def segment(toks: list[Token]) -> list[Event]:
    """Header rows, data rows and text lines of a token stream, in order."""
    state = _Segmenter()
    i = 0
    while i < len(toks):
        token = toks[i]
        run = _header_run(toks, i) if token.gap >= 1 or state.pos < 0 else []
        if run:
            state.flush()
            labels = tuple(t.text for t in run)
            subs = _subheader(toks, i + len(run), len(labels))
            widened, state.keys = _widen(labels, subs)
            state.events.append(Header(widened, state.keys, token.line))
            i += len(run) + (len(subs) if widened != labels else 0)
            continue
        state.feed(token)
        i += 1
    state.flush()
    return state.events


def read_flat(text: str) -> Document:
    """A scraped-markdown (or plain text) decision as a :class:`Document`."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = tuple("" if line.strip() == "|" else unmark(line) for line in raw)
    return Document(lines, tuple(segment(tokens(raw))))
