"""The decision body: the "Căn cứ" preamble and the articles (Điều 1 …) up to "Nơi nhận".

From the preamble come the decisions it rests on (above all the ministry decision it localises); from
the articles the effective date ("có hiệu lực kể từ ngày ký" → the issue date) and what it repeals,
replaces or amends in earlier decisions, with the row numbers when the text gives them ("bãi bỏ 03
thủ tục hành chính (số thứ tự 04, 06, 07) … Quyết định số 1388/QĐ-UBND").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tthc_tools.codes import parse_date, parse_document_number
from tthc_tools.decisions.model import DecisionRef, Supersession
from tthc_tools.text import clean, fold

_REF = re.compile(
    r"(?<![\w/])(?P<num>\d{1,5}[a-z]?)\s?/\s?(?:(?P<year>\d{4})\s?/\s?)?(?P<kind>Q[ĐD])\s?-\s?"
    r"(?P<issuer>[A-ZĐ][A-Za-zĐ0-9&]*(?:\s?-\s?[A-ZĐ][A-Za-zĐ0-9&]*)*)"
)
_REF_DATE = re.compile(
    r"^\W{0,3}ngày\s+(?P<d>\d{1,2})\s*(?:/|-|tháng)\s*(?P<m>\d{1,2})\s*(?:/|-|năm)\s*(?P<y>\d{4})", re.IGNORECASE
)
_REF_ISSUER = re.compile(
    r"^\s*,?\s*(?:của|do)\s+(?P<issuer>.+?)"
    r"(?=\s+(?:về|ban hành|công bố|quy định|hết|được|và|kể từ|tại|theo|có hiệu lực)\b|[;,.(]|$)"
)
_REF_TITLE = re.compile(r"^\s*,?\s*(?P<title>(?:về|ban hành|công bố|quy định)\b[^;]*?)(?=;|\.\s|\s*Căn cứ|$)")
_ACTIONS = (("repeal", r"\bbai bo\b|\bhet hieu luc\b|\bhuy bo\b"), ("replace", r"\bthay the\b"), ("amend", r"\bsua doi\b"))
_ROWS = re.compile(
    r"thứ\s+tự\s*:?\s*(?P<list>(?:[A-Z]{1,4}\.)?\d+(?:\s*(?:,|và|;)\s*(?:[A-Z]{1,4}\.)?\d+)*)", re.IGNORECASE
)
_ROW_TOKEN = re.compile(r"(?:[A-Z]{1,4}\.)?\d+")
_EFFECTIVE = re.compile(
    r"(?:Quyết định này )?có hiệu lực(?: thi hành)?\s*:?\s*(?:\d\.\s*)?(?P<rule>[^.;]{0,160})", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Body:
    """What the preamble and the articles say."""

    cites: tuple[DecisionRef, ...]
    effective: dt.date | None
    effective_rule: str
    repeals: tuple[Supersession, ...]


def read_body(preamble: str, articles: str, issued: dt.date | None) -> Body:
    """Read the cited decisions from ``preamble`` and the effect and repeals from ``articles``."""
    effective, rule = _effective(articles, issued)
    return Body(cites=tuple(_cites(preamble)), effective=effective, effective_rule=rule, repeals=_repeals(articles))


def decision_refs(text: str) -> list[tuple[re.Match[str], DecisionRef]]:
    """Every decision number in ``text`` with the date, issuer and title printed after it."""
    found = []
    for match in _REF.finditer(text):
        number = _ref_number(match)
        rest = text[match.end() : match.end() + 400]
        issued = None
        date = _REF_DATE.match(rest)
        if date:
            issued = parse_date(f"{date['d']}/{date['m']}/{date['y']}")
            rest = rest[date.end() :]
        issuer = _REF_ISSUER.match(rest)
        if issuer:
            rest = rest[issuer.end() :]
        title = _REF_TITLE.match(rest)
        found.append((match, DecisionRef(
            number=number,
            issued=issued,
            issuer=clean(issuer["issuer"]) if issuer else "",
            title=clean(title["title"]).rstrip(" .;,") if title else "",
        )))  # fmt: skip
    return found


def _ref_number(match: re.Match[str]) -> str:
    issuer = re.sub(r"\s", "", match["issuer"])
    year = f"{match['year']}/" if match["year"] else ""
    text = f"{match['num']}/{year}{match['kind']}-{issuer}"
    parsed = parse_document_number(text)
    return str(parsed) if parsed else text


def _cites(preamble: str) -> list[DecisionRef]:
    """Decisions the preamble rests on; one named inside another's title is not cited itself."""
    refs: list[DecisionRef] = []
    for part in re.split(r"(?=Căn\s+cứ)", preamble, flags=re.IGNORECASE):
        if not fold(part).startswith("can cu"):
            continue
        inside_until = -1
        for match, ref in decision_refs(part):
            if match.start() < inside_until:
                continue
            inside_until = part.find(ref.title, match.end()) + len(ref.title) if ref.title else -1
            if ref not in refs:
                refs.append(ref)
    return refs


def _effective(articles: str, issued: dt.date | None) -> tuple[dt.date | None, str]:
    """The effective date and rule of the first "có hiệu lực …" clause that states one."""
    rules = [clean(m["rule"]).lstrip(" :-1.") for m in _EFFECTIVE.finditer(articles)]
    rules = [r for r in rules if re.match(r"(?i)^(?:kể|từ|theo|đến|sau|trong)\b", r)] or rules[:1]
    if not rules:
        return None, ""
    rule = re.split(r"\s+(?:và|đồng thời)\s+(?:bãi bỏ|thay thế)|,\s+(?:thay thế|bãi bỏ)|\s+-\s+", rules[0])[0].strip(" ,")
    folded = fold(rule)
    if re.match(r"^(?:ke\s*)?(?:tu\s*)?ngay (?:ky|ban hanh)\b", folded):
        return issued, rule
    date = re.match(r"^(?:ke\s*)?(?:tu\s*)?ngay\s+(\d{1,2})\s*(?:/|thang)\s*(\d{1,2})\s*(?:/|nam)\s*(\d{4})", folded)
    if date and "doi voi" not in folded:
        return parse_date(f"{date[1]}/{date[2]}/{date[3]}"), rule
    return None, rule


def _repeals(articles: str) -> tuple[Supersession, ...]:
    out: list[Supersession] = []
    for sentence in re.split(r"(?<=[.:])\s+(?=[A-ZĐ\-–]|\*|\d+\.\s)", articles):
        action = ""
        for clause in re.split(r";\s*", sentence):
            action = _action(clause) or action
            refs = decision_refs(clause)
            if not action or not refs:
                continue
            rows = _rows_by_ref(clause, [m for m, _ in refs])
            out.extend(
                Supersession(action, ref, rows.get(i, ()), clean(clause)[:500])
                for i, (match, ref) in enumerate(refs)
                if not _source(clause[: match.start()])
                and not any(s.decision.key == ref.key and s.action == action for s in out)
            )
    return tuple(out)


def _source(before: str) -> bool:
    """True when the decision named after ``before`` is a source ("… theo Quyết định số …"), not a target."""
    tail = fold(before[-40:])
    return bool(re.search(r"(?<!kem )\b(?:theo|can cu|huong dan tai)\s+(?:cac\s+)?(?:quyet dinh\s*)?(?:so\s*)?$", tail))


def _action(clause: str) -> str:
    folded = fold(clause)
    for action, pattern in _ACTIONS:
        if re.search(pattern, folded):
            return action
    return ""


def _rows_by_ref(clause: str, refs: list[re.Match[str]]) -> dict[int, tuple[str, ...]]:
    """Row lists ("số thứ tự 04, 06, 07") of a clause, given to the decision number they belong to."""
    rows: dict[int, tuple[str, ...]] = {}
    for listed in _ROWS.finditer(clause):
        after = [i for i, ref in enumerate(refs) if ref.start() >= listed.end()]
        before = [i for i, ref in enumerate(refs) if ref.end() <= listed.start()]
        target = after[0] if after else before[-1] if before else None
        if target is not None:
            rows[target] = rows.get(target, ()) + tuple(_ROW_TOKEN.findall(listed["list"]))
    return rows
