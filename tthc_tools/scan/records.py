"""From extracted fields to stored results, and the link to a catalogue procedure.

A result links to a procedure when its result code (``KQ.G15.000031``) is one the catalogue lists in
a procedure's results — certain — or, failing that, when exactly one procedure has a result whose name
is the document's title — left for review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tthc_tools.codes import parse_document_number
from tthc_tools.scan.fields import Field
from tthc_tools.store.catalog import CatalogStore
from tthc_tools.store.scan_store import AUTO, as_date
from tthc_tools.text import fold


class ProcedureIndex:
    """Result code → procedure code, and result name → procedure codes, from the catalogue in force."""

    def __init__(self, store: CatalogStore) -> None:
        self.by_code: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}
        for procedure in store.as_of():
            for result in procedure.results:
                if result.code:
                    self.by_code.setdefault(result.code.upper(), procedure.code)
                if result.name:
                    self.by_name.setdefault(fold(result.name), set()).add(procedure.code)

    def link(self, fields: dict[str, Field], title: str) -> Field:
        """The procedure field for a result with these fields and this title line."""
        code = fields["result_code"].value.upper()
        if code and code in self.by_code:
            return Field("procedure", self.by_code[code], fields["result_code"].confidence, None,
                         fields["result_code"].certain, "by result code")
        candidates = self.by_name.get(fold(title), set()) if title else set()
        if len(candidates) == 1:
            return Field("procedure", next(iter(candidates)), 0.5, None, False, "by document title")
        return Field("procedure", "", 0.0, None, True, "")


def field_rows(fields: Iterable[Field], reviews: Mapping[str, Any] | None = None) -> list[dict[str, object]]:
    """Rows of scan_fields: certain fields are approved by the extractor, the others wait for review.

    ``reviews`` are the fields a person decided on in an earlier reading of the same file (by name):
    their value and decision are kept, whatever the new reading says — a re-read never undoes a review.
    """
    reviews = reviews or {}
    rows: list[dict[str, object]] = [
        {"name": f.name, "value": f.value, "extracted": f.value, "confidence": f.confidence, "page_no": f.page,
         "state": "da_duyet" if f.certain else "cho_duyet", "note": f.note,
         "reviewed_by": AUTO if f.certain else "", "reviewed_at": None}
        for f in fields
    ]
    rows.extend({"name": name, "value": "", "extracted": "", "confidence": 0.0, "page_no": None, "note": ""}
                for name in sorted(reviews.keys() - {row["name"] for row in rows}))
    for row in rows:
        review = reviews.get(str(row["name"]))
        if review is not None:
            row.update(value=review.value, state=review.state, reviewed_by=review.reviewed_by,
                       reviewed_at=review.reviewed_at)
    return rows


def result_values(values: dict[str, str], text: str, pending: bool) -> dict[str, object]:
    """The scan_results columns from the current field values (after extraction or review)."""
    number = parse_document_number(values.get("number", ""))
    search = " ".join([*(values.get(n, "") for n in ("kind", "number", "issuer", "signer", "subject",
                                                         "holder_name", "holder_id", "dossier_code",
                                                         "result_code", "procedure")), text])
    return {
        "kind": values.get("kind", ""), "number": values.get("number", ""),
        "number_key": number.key if number else fold(values.get("number", "")).upper(),
        "issued": as_date(values.get("issued", "")), "issuer": values.get("issuer", ""),
        "signer": values.get("signer", ""), "subject": values.get("subject", ""),
        "holder_name": values.get("holder_name", ""), "holder_key": fold(values.get("holder_name", "")),
        "holder_id": values.get("holder_id", ""), "dossier_code": values.get("dossier_code", ""),
        "result_code": values.get("result_code", ""), "procedure_code": values.get("procedure", ""),
        "state": "cho_duyet" if pending else "da_duyet", "search_text": fold(search),
    }
