"""A drafted decision as one self-contained HTML page: a preview to read or forward before Word.

Styles are inline in the page; there is no script and no outside resource, and every text is
escaped. The body is laid out like the printed decision and the annex follows on a landscape page
when printed.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

from tthc_tools.decisions.document import DraftDocument, Table

STYLE = """
body{font-family:"Times New Roman",Times,serif;font-size:14pt;max-width:60em;margin:2em auto;color:#111}
.head{width:100%;border-collapse:collapse}.head td{text-align:center;vertical-align:top;width:50%;border:0}
.c{text-align:center}.b{font-weight:bold}.i{font-style:italic}.j{text-align:justify;text-indent:1cm}
.sign{width:100%;margin-top:1em}.sign td{vertical-align:top;width:50%;border:0}.sign .to{font-size:12pt}
.annex{page-break-before:always;margin-top:3em}
table.grid{border-collapse:collapse;width:100%;font-size:12pt;margin-bottom:1em}
.grid th,.grid td{border:1px solid #444;padding:.2em .4em;vertical-align:top;white-space:pre-line}
.grid th{background:#eee}.grid td.n{text-align:center}.grid tr.g td{font-weight:bold;background:#f6f6f6}
@page annex{size:A4 landscape}.annex{page:annex}
"""


def write_html(draft: DraftDocument, path: Path) -> None:
    """Write ``draft`` to ``path`` as one HTML file (UTF-8)."""
    path.write_text("".join(_page(draft)), encoding="utf-8")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _p(text: str, classes: str) -> str:
    return f'<p class="{classes}">{_e(text)}</p>\n'


def _page(draft: DraftDocument) -> Iterator[str]:
    yield '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
    yield f"<title>{_e(draft.summary)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
    yield '<table class="head"><tr>'
    yield f'<td>{_e(draft.issuer[0])}<br><span class="b">{_e(draft.issuer[1])}</span></td>'
    yield f'<td class="b">{_e(draft.motto[0])}<br>{_e(draft.motto[1])}</td></tr>\n'
    yield f'<tr><td>{_e(draft.number_line)}</td><td class="i">{_e(draft.date_line)}</td></tr></table>\n'
    yield _p(draft.title, "c b")
    yield _p(draft.summary, "c b")
    yield _p(draft.authority, "c b")
    yield from (_p(text, "j i") for text in draft.bases)
    yield _p("QUYẾT ĐỊNH:", "c b")
    for label, text in draft.articles:
        yield f'<p class="j"><span class="b">{_e(label)}</span> {_e(text)}</p>\n'
    yield '<table class="sign"><tr><td class="to"><span class="b i">Nơi nhận:</span><br>'
    yield "<br>".join(_e(line) for line in draft.recipients)
    yield '</td><td class="c b">' + "<br>".join(_e(line) or "&nbsp;" for line in draft.signature)
    yield "</td></tr></table>\n"
    yield from _annex(draft)
    yield "</body>\n</html>\n"


def _annex(draft: DraftDocument) -> Iterator[str]:
    yield '<section class="annex">\n'
    for text in draft.annex_heading:
        yield _p(text, "c i" if text.startswith("(") else "c b")
    if draft.part:
        yield _p(draft.part, "b")
    for table in draft.tables:
        yield _p(table.title, "b")
        yield from _table(table)
    yield "</section>\n"


def _table(table: Table) -> Iterator[str]:
    total = sum(table.widths)
    yield '<table class="grid"><colgroup>'
    yield "".join(f'<col style="width:{round(100 * w / total)}%">' for w in table.widths)
    yield "</colgroup>\n<tr>" + "".join(f"<th>{_e(label)}</th>" for label in table.header) + "</tr>\n"
    for row in table.rows:
        if row.group:
            yield f'<tr class="g"><td colspan="{len(table.header)}">{_e(row.cells[0])}</td></tr>\n'
        else:
            cells = (f'<td class="n">{_e(v)}</td>' if i == 0 else f"<td>{_e(v)}</td>" for i, v in enumerate(row.cells))
            yield "<tr>" + "".join(cells) + "</tr>\n"
    yield "</table>\n"
