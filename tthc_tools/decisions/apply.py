"""Applying the change rows of a signed decision to the catalogue (inside the recording's transaction).

Each row gives revisions valid from the effective date, marked with the decision's id. What a row
changes is deliberately little, because an annex row is a summary: the procedure's ``decision`` (the
số ký hiệu of this decision), its ``status``, its ``name`` when the row gives one, and its levels and
field only when the catalogue knows none. A row's deadline, place and fees are free text that does
not say which channel it belongs to, so it does not overwrite the structured channels.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tthc_tools.codes import national_code
from tthc_tools.decisions.model import ChangeRow
from tthc_tools.decisions.stored import RowOutcome
from tthc_tools.i18n import _
from tthc_tools.model import PARTS, Procedure, Ref, field_default
from tthc_tools.store.catalog import CatalogStore, Head, NewRevision

ACTIVE, ABOLISHED = "active", "abolished"


class Applier:
    """Applies change rows for one decision (id ``decision_id``, number ``number``) from ``effective``."""

    def __init__(self, catalog: CatalogStore, decision_id: int, number: str, effective: dt.date) -> None:
        self.catalog = catalog
        self.decision_id = decision_id
        self.number = number
        self.effective = effective

    def apply(self, row: ChangeRow) -> list[RowOutcome]:
        """The outcome of one row (two for a replaced procedure: the old one, then the new one)."""
        if row.kind in ("new", "amended"):
            return [self._establish(row, row.code, row.name)]
        if row.kind == "abolished":
            return [self._retire(row, row.code, row.name)]
        if row.kind == "replaced":
            old = self._retire(row, row.replaced_code, row.replaced_name)
            if not row.code:
                return [old, _skip(row, "", row.name, _("the procedure that replaces it has no code yet"))]
            return [old, self._establish(row, row.code, row.name)]
        return [_skip(row, row.code, row.name, _("the decision does not say whether it is new, amended, "
                                                 "replaced or abolished"))]

    def _establish(self, row: ChangeRow, code: str, name: str) -> RowOutcome:
        """Create the procedure of a new (or replacing, or amended) row, or update it when it exists."""
        national = national_code(code)
        if national is None:
            return _skip(row, code, name, _("no procedure code in the row"))
        head = self.catalog.head(national)
        if head is None:
            return self._create(row, code, national, name)
        base = self._base(head)
        changes: dict[str, Any] = {"decision": self.number, "status": ACTIVE}
        if name:
            changes["name"] = name
        if row.levels and not base.levels:
            changes["levels"] = row.levels
        if row.field and not base.fields:
            changes["fields"] = (Ref(row.field),)
        return self._change(row, head, base, changes, "updated", name)

    def _retire(self, row: ChangeRow, code: str, name: str) -> RowOutcome:
        """Abolish the procedure of an abolished row (or the old one of a replaced row): never deleted."""
        national = national_code(code)
        if national is None:
            return _skip(row, code, name, _("no procedure code in the row"))
        head = self.catalog.head(national)
        if head is None:
            return _skip(row, national, name, _("not in the catalogue, so there is nothing to abolish"))
        changes: dict[str, Any] = {"status": ABOLISHED, "decision": self.number}
        return self._change(row, head, self._base(head), changes, ABOLISHED, name)

    def _base(self, head: Head) -> Procedure:
        """The procedure as in force on the effective date (or, if it starts later, as it is known now)."""
        return (self.catalog.as_of_one(head.id, self.effective) or self.catalog.in_force(head.code)
                or Procedure(head.code))

    def _change(self, row: ChangeRow, head: Head, base: Procedure, changes: dict[str, Any], outcome: str,
                name: str) -> RowOutcome:
        incoming = dataclasses.replace(base, **changes)
        differ = tuple(part for part in PARTS if part in changes and getattr(base, part) != changes[part])
        added = self.catalog.apply(head, incoming, sorted(changes), valid_from=self.effective,
                                   change=_change_label(row, outcome), decision_id=self.decision_id)
        if not added:
            return RowOutcome(row.number, row.kind, head.code, name or base.name, "unchanged")
        return RowOutcome(row.number, row.kind, head.code, name or base.name, outcome, parts=differ)

    def _create(self, row: ChangeRow, code: str, national: str, name: str) -> RowOutcome:
        procedure = Procedure(
            code=national, name=name, local_code=code if code != national else "", levels=row.levels,
            fields=(Ref(row.field),) if row.field else (), agencies=(Ref(row.agency),) if row.agency else (),
            decision=self.number, status=ACTIVE,
        )
        parts = tuple(part for part in PARTS if getattr(procedure, part) != field_default(part))
        self.catalog.create_many([NewRevision(procedure, self.effective, "created", parts,
                                              decision_id=self.decision_id)])
        return RowOutcome(row.number, row.kind, national, name, "created", parts=parts)


def _change_label(row: ChangeRow, outcome: str) -> str:
    """The ``change`` of the revision: the row's kind ("amended", "abolished", "replaced"…)."""
    if row.kind == "replaced":
        return "replaced" if outcome == ABOLISHED else "new"
    return row.kind or outcome


def _skip(row: ChangeRow, code: str, name: str, reason: str) -> RowOutcome:
    return RowOutcome(row.number, row.kind, code, name, "skipped", reason)
