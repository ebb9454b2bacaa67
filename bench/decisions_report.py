"""Report: `decision import` over the 101 real decisions (issue 5, "done when" 1).

For every decision in ``realdata/tnt305__tai_lieu_noi_bo/decisions_clean`` it prints the rows found per
change kind, the số ký hiệu and date read against ``decisions_index.json``, and how many of the
procedure codes in the annex tables were extracted with their change kind; then the totals.

The denominator is built without the parser: every procedure code that ``codes.find_procedure_codes``
finds in the annex text (after the signature; without "PHẦN II. NỘI DUNG CỤ THỂ" and without the
"quy trình nội bộ" annexes, which are not change lists), each paired with the change kind that the
nearest preceding "(danh mục) thủ tục hành chính … được sửa đổi, bổ sung / bị bãi bỏ / mới ban hành
/ thay thế" phrase in the raw text names (or, failing that, the decision's title). A code counts as
extracted when the parser returns a row with that code (national form) and that kind. Codes whose
decision names no change kind at all (lists of procedures done "không phụ thuộc địa giới hành chính",
standardised lists, simplification plans) are counted separately: extracted = a row with the code.
The denominator leaves out, by its own rule, the process annex of a decision whose only list of
procedures is that annex (2932/QĐ-UBND); such codes show as "extra" (extracted, not counted).

    python bench/decisions_report.py [--realdata PATH] [--json] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout that is not installed
    sys.path.insert(0, str(REPO))

from tthc_tools.codes import find_procedure_codes, national_code, parse_document_number  # noqa: E402
from tthc_tools.decisions import Decision, parse_decision_text  # noqa: E402
from tthc_tools.text import clean, fold  # noqa: E402

SET = "tnt305__tai_lieu_noi_bo"
KINDS = ("new", "amended", "replaced", "abolished", "")

# Mismatches with decisions_index.json checked by hand against the decision text: the index is wrong.
INDEX_ERRATA: dict[str, dict[str, str]] = {
    # header "*Cao Bằng, ngày **24 **tháng 11 năm 2025*": bold marks inside the date defeated the index
    "1994/QĐ-UBND": {"ngay_ban_hanh": "2025-11-24"},
    # header "*Thành ph**ố Hồ Chí Minh, ngày 19 …": the index dropped "Thành phố"
    "2833/QĐ-UBND": {"dia_danh": "Thành phố Hồ Chí Minh"},
}

_KIND_WORDS = (
    "sua doi, bo sung|sua doi bo sung|sua doi|bai bo|moi ban hanh|ban hanh moi|thay the|bo sung|moi|tiep tuc thuc hien"
)
_KIND_PHRASE = re.compile(
    (
        r"\x01\s*(?:(?:phu\s+luc|phan)\s*[ivx\d]*\s*[.:-]?\s*|(?:[a-z]|[ivx]+|\d+)\s*[.):-]?\s+)?"
        r"(?:danh\s+muc\s+)?(?:cac\s+)?(?:thu\s+tuc\s+hanh\s+chinh|tthc|thu\s+tuc(?=\s+tiep))"
        r"(?:\s+(?:noi\s+bo|dac\s+thu|tren\s+dia\s+ban\s+tinh|cap\s+tinh|cap\s+xa|duoc|bi|da\s+duoc|cong\s+bo))*\s+"
        r"(" + _KIND_WORDS.replace(" ", r"\s+") + r")\b"
    ).replace(r"\s", r"[\s\x01]")
)
_PHRASE_KIND = {"sua doi, bo sung": "amended", "sua doi bo sung": "amended", "sua doi": "amended",
                "bai bo": "abolished", "moi ban hanh": "new", "ban hanh moi": "new", "moi": "new",
                "thay the": "replaced", "bo sung": "new", "tiep tuc thuc hien": ""}  # fmt: skip
_OTHER_KIND = re.compile(r"^[,;]?\s*(?:va |hoac )?(?:duoc |bi )?(?:sua doi|bai bo|moi ban hanh|ban hanh moi|thay the)")
_EXCLUDE = re.compile(
    r"^(?:phan (?:ii|2)\b\W*(?:noi dung|quy trinh)|.{0,40}noi dung cu the|(?:phu luc\s*[ivx\d]*\s*)?(?:danh muc )?quy trinh)"
)
_INCLUDE = re.compile(r"^(?:phu luc|phan (?:i|1)\b|(?:\d+\.|[a-z]\.)?\s*danh muc (?:thu tuc|tthc))")
_ANNEX = re.compile(r"^(?:phu luc|danh muc|phan i\b|thu tuc|tthc|quy trinh|nhom thu tuc|quy che|file duoc)")


@dataclass
class Result:
    """One decision's figures."""

    file: str
    number: str
    index_number: str
    number_ok: bool
    date: str
    index_date: str
    date_ok: bool
    place: str
    place_ok: bool
    counts: dict[str, int]
    expected: int = 0
    found: int = 0
    listed: int = 0
    listed_found: int = 0
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    seconds: float = 0.0


def plain(raw: str) -> str:
    """Markdown marks and pipe lines removed, one line per source line."""
    lines = []
    for line in raw.split("\n"):
        text = clean(re.sub(r"\*+|\\(?=\W)", "", line))
        lines.append("" if text == "|" else text)
    return "\n".join(lines)


def annex_lines(raw: str) -> list[str]:
    """The annex lines that hold change lists: after the articles, without PHẦN II and quy trình."""
    lines = plain(raw).split("\n")
    end = next((i for i, line in enumerate(lines) if "./." in line), 0)
    start = next((i for i in range(end + 1, len(lines)) if _ANNEX.match(fold(lines[i]))), len(lines))
    kept, active = [], True
    for i in range(start, len(lines)):
        heading = fold(" ".join(lines[i : i + 3]))
        if lines[i] and _EXCLUDE.match(heading) and lines[i].upper() == lines[i]:
            active = False
        elif lines[i] and (_INCLUDE.match(heading) or heading.startswith("phan ii")) and "quy trinh" not in heading[:60]:
            active = True
        kept.append(lines[i] if active else "")
    return kept


def expected_kinds(raw: str, title: str) -> dict[str, str]:
    """National code → change kind named by the nearest preceding kind phrase (or the title)."""
    lines = annex_lines(raw)
    if not lines:
        return {}
    text = _marked(lines)
    default = _single(fold(title))
    out: dict[str, str] = {}
    offset = 0
    for line, marked in zip(lines, text.split("\n"), strict=True):
        for code in find_procedure_codes(line):
            national = national_code(code) or code
            if national not in out:
                out[national] = _kind_before(text, offset) or default
        offset += len(marked) + 1
    return out


def _marked(lines: list[str]) -> str:
    """Folded lines; a line that can open a heading (after an empty line, in capitals, or
    enumerated) is marked with \\x01 so that kind phrases inside wrapped cell text are not taken."""
    out, previous = [], ""
    for line in lines:
        opens = not previous or line.upper() == line or re.match(r"^(?:[A-Z]|[IVX]+|\d+)[.)]\s", line)
        out.append(("\x01" if opens else "") + fold(line))
        previous = line
    return "\n".join(out)


def _kind_before(text: str, position: int) -> str:
    for phrase in reversed(list(_KIND_PHRASE.finditer(text, 0, position))):
        if not _OTHER_KIND.match(text[phrase.end() : phrase.end() + 40].replace("\x01", "")):
            return _PHRASE_KIND[re.sub(r"[\s\x01]+", " ", phrase.group(1))]
    return ""


def _single(title: str) -> str:
    """The one change kind a decision's title names ("" when none or several)."""
    phrase = re.compile(_KIND_PHRASE.pattern.replace("\\x01", "", 1))
    kinds = {_PHRASE_KIND[re.sub(r"[\s\x01]+", " ", m.group(1))] for m in phrase.finditer(title)}
    for word, kind in (("bai bo", "abolished"), ("sua doi", "amended"), ("thay the", "replaced"), ("cong bo bo sung", "new")):
        if word in title:
            kinds.add(kind)
    return kinds.pop() if len(kinds) == 1 else ""


def measure_one(path: Path, entry: dict[str, Any]) -> tuple[Result, Decision]:
    """Parse one decision and compare it with the index and the independent code list."""
    raw = path.read_text(encoding="utf-8")
    began = time.perf_counter()
    decision = parse_decision_text(raw, source=path.name)
    seconds = time.perf_counter() - began
    truth = {**entry, **INDEX_ERRATA.get(entry["so_ky_hieu"], {})}
    wanted = parse_document_number(truth["so_ky_hieu"])
    result = Result(
        file=path.name,
        number=decision.number,
        index_number=truth["so_ky_hieu"],
        number_ok=wanted is not None and decision.key == wanted.key and decision.number == truth["so_ky_hieu"],
        date=decision.issued.isoformat() if decision.issued else "",
        index_date=truth["ngay_ban_hanh"],
        date_ok=(decision.issued.isoformat() if decision.issued else "") == truth["ngay_ban_hanh"],
        place=decision.place,
        place_ok=decision.place == truth["dia_danh"],
        counts={kind: decision.counts().get(kind, 0) for kind in KINDS},
        seconds=seconds,
    )
    _score(result, decision, expected_kinds(raw, entry["trich_yeu"]))
    return result, decision


def _score(result: Result, decision: Decision, expected: dict[str, str]) -> None:
    got: dict[str, set[str]] = {}
    for row in decision.rows:
        for code in (row.code, row.replaced_code):
            if national_code(code):
                got.setdefault(national_code(code) or "", set()).add(row.kind)
    for code, kind in expected.items():
        if kind:
            result.expected += 1
            result.found += kind in got.get(code, set())
        else:
            result.listed += 1
            result.listed_found += code in got
        if (kind and kind not in got.get(code, set())) or (not kind and code not in got):
            result.missing.append(f"{code}:{kind or '-'}" + (f"(got {','.join(sorted(got[code])) or '-'})" if code in got else ""))
    result.extra = sorted(code for code in got if code not in expected)


def measure(realdata: Path) -> list[Result]:
    """Figures for every decision of the index, in file order."""
    base = realdata / SET
    index = json.loads((base / "decisions_index.json").read_text(encoding="utf-8"))
    return [measure_one(base / entry["file_clean"], entry)[0] for entry in sorted(index, key=lambda e: e["file_clean"])]


def totals(results: list[Result]) -> dict[str, Any]:
    """The figures over all decisions."""
    expected = sum(r.expected for r in results)
    listed = sum(r.listed for r in results)
    return {
        "decisions": len(results),
        "numbers_ok": sum(r.number_ok for r in results),
        "dates_ok": sum(r.date_ok for r in results),
        "places_ok": sum(r.place_ok for r in results),
        "rows": {kind or "no_kind": sum(r.counts[kind] for r in results) for kind in KINDS},
        "codes_expected": expected,
        "codes_found": sum(r.found for r in results),
        "code_rate": sum(r.found for r in results) / expected if expected else 1.0,
        "listed_codes": listed,
        "listed_found": sum(r.listed_found for r in results),
        "codes_not_in_denominator": sum(len(r.extra) for r in results),
        "seconds": sum(r.seconds for r in results),
    }


def _print(results: list[Result], total: dict[str, Any], quiet: bool) -> None:
    if not quiet:
        print(f"{'decision':30} {'number':18} {'date':10} ok  {'new':>4} {'amd':>4} {'rpl':>4} {'abo':>4} {'-':>4}  codes")
        for r in results:
            ok = ("N" if r.number_ok else "n") + ("D" if r.date_ok else "d") + ("P" if r.place_ok else "p")
            c = r.counts
            codes = f"{r.found}/{r.expected}" + (f" +{r.listed_found}/{r.listed} listed" if r.listed else "")
            print(f"{r.file[:30]:30} {r.number:18} {r.date:10} {ok} {c['new']:4} {c['amended']:4} {c['replaced']:4} "
                  f"{c['abolished']:4} {c['']:4}  {codes}")
            if r.missing or r.extra:
                print(f"{'':32}missing: {' '.join(r.missing)}  extra: {' '.join(r.extra)}")
    print(f"decisions: {total['decisions']}   numbers read correctly: {total['numbers_ok']}   dates: "
          f"{total['dates_ok']}   places: {total['places_ok']}   (index errata applied: {len(INDEX_ERRATA)})")
    print("rows per kind: " + ", ".join(f"{k} {v}" for k, v in total["rows"].items()))
    print(f"codes in change tables extracted with their kind: {total['codes_found']}/{total['codes_expected']} "
          f"= {100 * total['code_rate']:.1f} %")
    print(f"codes in lists without a change kind extracted: {total['listed_found']}/{total['listed_codes']}; "
          f"codes extracted outside the denominator: {total['codes_not_in_denominator']}")
    print(f"parse time: {total['seconds']:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realdata", type=Path, default=REPO.parent / "shared" / "realdata")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv)
    results = measure(args.realdata)
    total = totals(results)
    if args.json:
        print(json.dumps({"totals": total, "decisions": [r.__dict__ for r in results]}, ensure_ascii=False))
    else:
        _print(results, total, args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
