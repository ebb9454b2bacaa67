"""``tthc catalog validate``: every problem of a file or of the stored catalogue, with its location.

Errors make the command exit 4; warnings are reported only. A file is checked only on the parts
its format carries (a five-column Excel list is not faulted for having no dossier).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tthc_tools.catalog.readers import read as read_input
from tthc_tools.codes import is_result_code, parse_deadline, parse_document_number, parse_procedure_code
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import PARTS, Problem, Procedure, to_dict
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.session import Database

TWO_TIER_SINCE = dt.date(2025, 7, 1)
# NĐ 63/2010 Điều 8 khoản 2: the parts a complete procedure must have (name is checked apart).
REQUIRED = {
    "steps": "trình tự thực hiện",
    "channels": "cách thức thực hiện",
    "dossier": "thành phần hồ sơ",
    "subjects": "đối tượng thực hiện",
    "agencies": "cơ quan thực hiện",
    "results": "kết quả thực hiện",
}
_FEE_WORDS = re.compile(r"\d|miễn|không|phí|lệ phí|đồng|vnđ|theo quy định", re.IGNORECASE)


@dataclass
class ValidationReport:
    checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def as_dict(self) -> dict[str, object]:
        return {"checked": self.checked, "errors": self.errors, "warnings": self.warnings,
                "problems": [to_dict(p) for p in self.problems]}


def validate_files(paths: list[Path], *, fmt: str | None = None, today: dt.date | None = None) -> ValidationReport:
    report = ValidationReport()
    for path in paths:
        try:
            result = read_input(path, fmt)
            for item in result.items:  # a repeated code comes as a problem from the reader
                if isinstance(item, Problem):
                    report.problems.append(item)
                    continue
                report.checked += 1
                report.problems.extend(check(item.procedure, item.carried, str(path), item.location, today))
        except BadInput as error:
            report.problems.append(Problem("error", error.reason, error.path or str(path), error.location or ""))
    return report


def validate_catalogue(db: Database, today: dt.date | None = None) -> ValidationReport:
    report = ValidationReport()
    with db.reading() as session:
        for procedure in CatalogStore(session).as_of(today):
            report.checked += 1
            report.problems.extend(check(procedure, frozenset(PARTS), "", procedure.code, today))
    return report


def check(p: Procedure, carried: Iterable[str], path: str = "", location: str = "",
          today: dt.date | None = None) -> Iterator[Problem]:
    """The problems of one procedure, looking only at the parts its source carries."""
    for severity, part, message in _findings(p, set(carried), today or dt.date.today()):
        yield Problem(severity, message, path=path, location=location, field=part, code=p.code)


def _findings(p: Procedure, parts: set[str], today: dt.date) -> Iterator[tuple[str, str, str]]:
    """(severity, part, message) for each problem."""
    if parse_procedure_code(p.local_code or p.code) is None:
        yield "error", "code", _("{!r} is not a procedure code").format(p.local_code or p.code)
    if "name" in parts and not p.name:
        yield "error", "name", _("the name is missing")
    for part, label in REQUIRED.items():
        if part in parts and not getattr(p, part):
            yield "warning", part, _("{} is missing (NĐ 63/2010, Điều 8)").format(label)
    if "levels" in parts and "huyen" in p.levels and today >= TWO_TIER_SINCE and p.status == "active":
        yield "error", "levels", _("Cấp huyện no longer exists since 1 July 2025 (two-tier local government)")
    if "channels" in parts:
        yield from _channel_findings(p)
    if "results" in parts:
        for result in p.results:
            if result.code and not is_result_code(result.code):
                yield "warning", "results", _("result code {!r} does not follow KQ.Xnn.nnnnnn").format(result.code)
    if "decision" in parts and p.decision and parse_document_number(p.decision) is None:
        yield "warning", "decision", _("decision number {!r} is not a số ký hiệu").format(p.decision)


def _channel_findings(p: Procedure) -> Iterator[tuple[str, str, str]]:
    for channel in p.channels:
        kind = channel.kind or _("not stated")
        if not channel.deadline:
            yield "warning", "channels", _("channel {}: no deadline").format(kind)
        elif parse_deadline(channel.deadline) is None:
            yield "warning", "channels", _("channel {}: deadline {!r} is not a duration").format(
                kind, channel.deadline)
        for fee in channel.fees:
            if fee.amount is None and fee.description and not _FEE_WORDS.search(fee.description):
                yield "warning", "channels", _("channel {}: fee {!r} states no amount").format(
                    kind, fee.description)
