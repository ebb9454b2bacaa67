"""Reading a publication decision: header, body, signature and annex, from a :class:`Document`."""

from __future__ import annotations

import re
from collections.abc import Callable

from tthc_tools.decisions.annex import change_rows
from tthc_tools.decisions.body import read_body
from tthc_tools.decisions.events import Document, Line
from tthc_tools.decisions.flat import read_flat
from tthc_tools.decisions.head import Head, read_head, title_index
from tthc_tools.decisions.markup import folded
from tthc_tools.decisions.model import ChangeRow, Decision
from tthc_tools.decisions.signature import find_signature
from tthc_tools.decisions.vocab import field_of_title, kinds_in, single_kind, topics_in
from tthc_tools.i18n import _
from tthc_tools.text import clean


def parse_decision_text(text: str, *, source: str = "") -> Decision:
    """Parse a decision given as text (scraped markdown with ``|`` tables, or plain text)."""
    return parse_document(read_flat(text), source=source)


def parse_document(doc: Document, *, source: str = "") -> Decision:
    """Parse a decision from its lines and annex events (any source format)."""
    lines = doc.lines
    head = read_head(lines)
    title = max(title_index(lines), 0)
    decide = _find(lines, title + 1, lambda text: re.sub(r"\W", "", text) == "quyetdinh")
    if decide < 0:  # normative decisions go straight to "Điều 1."; a fragment may have neither
        decide = max(_find(lines, title + 1, lambda text: text.startswith("dieu 1")) - 1, title)
    ends = _find(lines, decide + 1, lambda text: text.startswith("noi nhan") or text == "noi")
    signature = find_signature(lines, ends if ends >= 0 else decide + 1)
    body_end = ends if ends >= 0 else signature.start
    preamble, articles = _join(lines[title + 1 : decide]), _join(lines[decide + 1 : body_end])
    body = read_body(preamble, articles, head.issued)
    annex_start = signature.end if signature.title else body_end + 1
    defaults = (single_kind(head.summary) or "", field_of_title(head.summary))
    rows = change_rows(doc.events, annex_start, *defaults)
    if not rows and "cong bo" in folded(head.summary) and kinds_in(head.summary):
        # "công bố danh mục … và phê duyệt quy trình nội bộ" with the list only in the process annex
        rows = change_rows(doc.events, annex_start, *defaults, processes=True)
    number = head.number
    return Decision(
        number="" if number is None or number.is_draft else str(number),
        is_draft=bool(number and number.is_draft),
        place=head.place,
        issued=head.issued,
        issuer=head.issuer,
        parent=head.parent,
        authority=head.authority,
        signer=signature.name,
        signer_title=signature.title,
        summary=head.summary,
        effective=body.effective,
        effective_rule=body.effective_rule,
        cites=body.cites,
        repeals=body.repeals,
        rows=tuple(rows),
        topics=topics_in(head.summary),
        warnings=tuple(_warnings(head, rows, doc)),
        source=source,
    )


def _find(lines: tuple[str, ...], start: int, test: Callable[[str], bool]) -> int:
    """The first line at or after ``start`` whose folded text passes ``test``; -1 if none."""
    for index in range(max(start, 0), len(lines)):
        if test(folded(lines[index]).strip()):
            return index
    return -1


def _join(lines: tuple[str, ...]) -> str:
    return clean(" ".join(line for line in lines if line.strip()))


def _warnings(head: Head, rows: list[ChangeRow], doc: Document) -> list[str]:
    out = []
    attached = (e for e in doc.events if isinstance(e, Line) and folded(e.text).startswith("file duoc dinh kem"))
    if not rows and any(attached):
        out.append(_("the annex is a file attached to the decision, not part of this text: no rows were read"))
    if head.number is None:
        out.append(_("no số ký hiệu (\"Số: …/QĐ-…\") found in the header"))
    if not head.date_found:
        out.append(_("no place and date line (\"…, ngày … tháng … năm …\") found in the header"))
    elif head.issued is None and not (head.number and head.number.is_draft):
        out.append(_("the date line has no day or month although the decision has a number"))
    unknown = sum(1 for row in rows if not row.kind)
    if unknown:
        out.append(_("{n} rows do not say whether they are new, amended, replaced or abolished").format(n=unknown))
    return out
