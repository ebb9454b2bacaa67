"""``tthc catalog import``: read files in any supported format and fold them into the catalogue.

Each file is one transaction: it goes in whole or not at all (with ``skip_invalid`` bad rows are
left out and reported one by one). A procedure gets a new revision only when its content really
changed. An import changes only the parts its source carries, and of those only the ones that
source changed since it last spoke: re-importing an Excel list after the richer portal records
loses nothing of them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tthc_tools.catalog.readers import read as read_input
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import PARTS, Problem, Procedure, Record, encode, merge, to_dict
from tthc_tools.progress import SILENT, Progress
from tthc_tools.store.base import BATCH
from tthc_tools.store.catalog import CATALOGUE_WRITER, CatalogStore, Head, NewRevision
from tthc_tools.store.session import Database

MAX_LISTED_PROBLEMS = 200


@dataclass
class FileReport:
    """What one file's import did (or, in a dry run, would do)."""

    path: str
    format: str = ""
    sha256: str = ""
    status: str = "imported"  # imported | rejected | dry-run
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path, "format": self.format, "sha256": self.sha256, "status": self.status,
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": self.rejected, "notes": self.notes, "error": self.error,
            "problems": [to_dict(p) for p in self.problems],
        }


@dataclass
class ImportReport:
    files: list[FileReport]
    dry_run: bool

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "rejected"]

    def totals(self) -> dict[str, int]:
        keys = ("created", "updated", "unchanged", "rejected")
        return {k: sum(int(getattr(f, k)) for f in self.files) for k in keys}

    def as_dict(self) -> dict[str, object]:
        return {"dry_run": self.dry_run, "totals": self.totals(), "files": [f.as_dict() for f in self.files]}


class _Rejected(Exception):
    """Internal: the file had errors (the first is given); roll its transaction back."""

    def __init__(self, first: Problem) -> None:
        super().__init__(first.message)
        self.first = first


class _DryRun(Exception):
    """Internal: a dry run ends by rolling back."""


def file_sha256(path: Path) -> tuple[str, int]:
    """Checksum and size of a file, or of every file of a folder (in name order)."""
    digest = hashlib.sha256()
    size = 0
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for item in files:
        try:
            with item.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
        except OSError as error:
            raise BadInput(_("cannot be read: {error}").format(error=error.strerror or error), path=str(item)) from error
    return digest.hexdigest(), size


def import_paths(
    db: Database,
    paths: Sequence[Path],
    *,
    fmt: str | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    valid_from: dt.date | None = None,
    progress: Progress = SILENT,
) -> ImportReport:
    """Import every path (file or folder), one transaction each, and report what happened."""
    report = ImportReport([], dry_run)
    for path in paths:
        report.files.append(
            _import_file(db, path, fmt=fmt, dry_run=dry_run, skip_invalid=skip_invalid,
                         valid_from=valid_from, progress=progress)
        )
    return report


def _import_file(
    db: Database, path: Path, *, fmt: str | None, dry_run: bool, skip_invalid: bool,
    valid_from: dt.date | None, progress: Progress,
) -> FileReport:
    file_report = FileReport(str(path))
    try:
        result = read_input(path, fmt)
        file_report.format = result.format
        file_report.sha256, size = file_sha256(path)
        with db.transaction(serialised=CATALOGUE_WRITER) as session:
            store = CatalogStore(session)
            today = valid_from or store.today
            source_id = store.add_source(result.format, str(path), path.name, file_report.sha256, size)
            run = _FileImport(store, result.format, source_id, today, file_report, skip_invalid)
            progress.start(_("Importing {}").format(path.name), None, _("records"))
            run.consume(result.items, progress)
            file_report.notes.extend(n for n in result.notes if n not in file_report.notes)
            if run.first_error is not None and not skip_invalid:
                raise _Rejected(run.first_error)
            store.set_source_summary(source_id, {k: v for k, v in file_report.as_dict().items()
                                                 if k in ("created", "updated", "unchanged", "rejected", "notes")})
            if dry_run:
                raise _DryRun
    except _Rejected as rejected:
        file_report.status = "rejected"
        first = rejected.first
        file_report.error = _("{}: {} (nothing imported from this file)").format(first.where(), first.message)
        file_report.created = file_report.updated = file_report.unchanged = 0
    except _DryRun:
        file_report.status = "dry-run"
    except BadInput as error:
        file_report.status = "rejected"
        file_report.error = error.message
    finally:
        progress.finish()
    return file_report


class _FileImport:
    """The work of importing one file, batch by batch, inside its transaction."""

    def __init__(
        self, store: CatalogStore, kind: str, source_id: int, today: dt.date, report: FileReport,
        skip_invalid: bool,
    ) -> None:
        self.store = store
        self.kind = kind
        self.source_id = source_id
        self.today = today
        self.report = report
        self.skip_invalid = skip_invalid
        self.first_error: Problem | None = None

    def consume(self, items: Iterable[Record | Problem], progress: Progress) -> None:
        """Write the records batch by batch (the readers report repeated codes as problems)."""
        batch: list[Record] = []
        for item in items:
            progress.advance()
            if isinstance(item, Problem):
                self._problem(item)
                continue
            if self._refusing:
                continue  # keep reading to report every problem, but write nothing more
            batch.append(item)
            if len(batch) >= BATCH:
                self._process(batch)
                batch = []
        if batch and not self._refusing:
            self._process(batch)

    @property
    def _refusing(self) -> bool:
        return self.first_error is not None and not self.skip_invalid

    def _problem(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.first_error = self.first_error or problem
            self.report.rejected += 1
        if len(self.report.problems) < MAX_LISTED_PROBLEMS:
            self.report.problems.append(problem)

    def _process(self, batch: list[Record]) -> None:
        heads = self.store.heads([r.procedure.code for r in batch])
        memory = self.store.source_hashes([h.id for h in heads.values()], self.kind)
        created: list[NewRevision] = []
        created_hashes: dict[str, dict[str, str]] = {}
        changed: list[tuple[Head, Record, list[str]]] = []
        remember: dict[int, dict[str, str]] = {}
        for record in batch:
            encoded = encode(record.procedure)
            hashes = {part: encoded.part_hashes.get(part, "") for part in record.carried}
            head = heads.get(record.procedure.code)
            if head is None:
                created.append(NewRevision(record.procedure, self.today, "created", sorted(record.carried),
                                           self.source_id, encoded=encoded))
                created_hashes[record.procedure.code] = hashes
                continue
            said = memory.get(head.id)
            parts = [p for p in sorted(record.carried) if said is None or said.get(p) != hashes[p]]
            remember[head.id] = {**(said or {}), **hashes}
            if parts:
                changed.append((head, record, parts))
            else:
                self.report.unchanged += 1
        ids = self.store.create_many(created)
        self.report.created += len(created)
        remember.update({ids[code]: h for code, h in created_hashes.items()})
        self._revise(changed)
        self.store.save_source_hashes(self.kind, remember, memory, self.source_id)

    def _revise(self, changed: list[tuple[Head, Record, list[str]]]) -> None:
        current = self.store.contents([h for h, _r, _p in changed if not h.has_scheduled])
        fast: list[tuple[Head, NewRevision]] = []
        for head, record, parts in changed:
            if head.has_scheduled:
                added = self.store.apply(head, record.procedure, parts, valid_from=self.today,
                                         change="updated", source_id=self.source_id)
                self._count(bool(added))
                continue
            merged = merge(current[head.id], record.procedure, set(parts))
            encoded = encode(merged)
            if encoded.hash == head.content_hash:
                self._count(False)
                continue
            really = changed_parts(current[head.id], merged)
            fast.append((head, NewRevision(merged, self.today, "updated", really, self.source_id, encoded=encoded)))
            self._count(True)
        self.store.revise_many(fast)

    def _count(self, updated: bool) -> None:
        if updated:
            self.report.updated += 1
        else:
            self.report.unchanged += 1


def changed_parts(before: Procedure, after: Procedure) -> list[str]:
    """The names of the parts that differ between two states of a procedure."""
    return [p for p in PARTS if getattr(before, p) != getattr(after, p)]
