"""Writing the catalogue XML: streamed, canonical, validated, put in place atomically.

The procedures are streamed with :class:`lxml.etree.xmlfile` into a temporary document beside the
target, one element at a time, so memory stays flat whatever the count. Each element is checked
against the shipped XSD before it is written (an invalid one stops the export with the line it would
have had, the XSD's message and the procedure code), and the SHA-256 of the bytes written is taken on
the way. The header, which carries that hash and the count, is then spliced in front of the
procedures into a second temporary file, which (with ``verify=True`` after a full re-read against the
XSD) is renamed over the target. On any failure the temporary files are removed and a file already at
the target is left as it was.

Canonical form: procedures in the order given (strictly increasing codes, checked), elements in the
order of the XSD, a part that is empty left out, two-space indentation, UTF-8, text in NFC, no
timestamp unless the header asks for one. Two exports of the same catalogue are byte-identical, and
changing one fee changes the lines of that fee (and the header's hash) only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from tthc_tools.errors import OutputProblem
from tthc_tools.export import NAMESPACE, ExportHeader, ExportItem, ExportReport
from tthc_tools.export.atomic import check_folder, install, remove, temp_beside
from tthc_tools.export.xml_elements import header_element, procedure_element
from tthc_tools.export.xml_read import check_file, unqualified_schema
from tthc_tools.i18n import _
from tthc_tools.progress import SILENT, Progress

_ADVANCE_EVERY = 1000


# --- streaming -------------------------------------------------------------------------------------


class _HashingFile:
    """A write-only file wrapper that hashes and counts lines of what passes while ``hashing`` is on."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.hashing = False
        self.written = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        if self.hashing:
            self.digest.update(data)
            self.lines += data.count(b"\n")
        self.written += len(data)
        return self.target.write(data)


class _Body:
    """Streams procedures into a header-less document, validating each against the XSD first.

    The bytes after the root start tag are hashed as they are written: they are exactly what ends
    up between ``</header>`` and ``</catalog>`` in the final file.
    """

    def __init__(self, target: IO[bytes], name: Path, header_lines: int, progress: Progress) -> None:
        self.out = _HashingFile(target)
        self.name = name
        self.header_lines = header_lines
        self.progress = progress
        self.schema = unqualified_schema()
        self.count = 0
        self.previous = ""
        self.prefix = 0

    def write(self, items: Iterable[ExportItem]) -> None:
        with etree.xmlfile(self.out, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("catalog", nsmap={None: NAMESPACE}):
                xf.flush()
                self.prefix = self.out.written
                self.out.hashing = True
                for item in items:
                    element = self._element(item, xf)
                    xf.write("\n  ")
                    xf.write(element)
                    self._advance()
                xf.write("\n")
                xf.flush()
                self.out.hashing = False
        self.out.target.write(b"\n")
        self.progress.advance(self.count % _ADVANCE_EVERY)

    def _advance(self) -> None:
        self.count += 1
        if self.count % _ADVANCE_EVERY == 0:
            self.progress.advance(_ADVANCE_EVERY)

    def _element(self, item: ExportItem, xf: Any) -> Any:
        code = item.procedure.code
        if code <= self.previous:
            raise OutputProblem(_("{path}: procedures must come sorted by code, each once: {code} came after "
                                  "{previous}").format(path=self.name, code=code, previous=self.previous))
        self.previous = code
        try:
            element = procedure_element(item)
        except ValueError as error:  # lxml refuses NUL and control characters
            raise OutputProblem(_("{path}: procedure {code} holds text XML cannot carry ({error})").format(
                path=self.name, code=code, error=error)) from error
        etree.indent(element, space="  ", level=1)
        if not self.schema.validate(element):
            xf.flush()
            line = 2 + self.header_lines + self.out.lines + 1
            raise OutputProblem(f"{self.name}: {_explain(element, self.schema, line, code)}",
                                hint=_("nothing was written; the file already there, if any, is unchanged"))
        return element


def _explain(element: Any, schema: Any, first_line: int, code: str) -> str:
    """The XSD error of an invalid procedure, with the line it would have had in the file."""
    reparsed = etree.fromstring(etree.tostring(element))
    schema.validate(reparsed)
    entry = schema.error_log[0]
    return _("line {line}: {error} (procedure {code}): the export would not be valid against the schema").format(
        line=first_line + entry.line - 1, error=entry.message, code=code)


def _header_bytes(header: ExportHeader, count: int, digest: str) -> bytes:
    element = header_element(header, count, digest)
    etree.indent(element, space="  ", level=1)
    if not unqualified_schema().validate(element):
        entry = unqualified_schema().error_log[0]
        raise OutputProblem(_("the export header would not be valid: {error}").format(error=entry.message))
    serialized: bytes = etree.tostring(element, encoding="utf-8")
    return b"\n  " + serialized


def _splice(body: IO[bytes], target: IO[bytes], prefix: int, header: bytes) -> None:
    """Copy ``body`` into ``target`` with the header inserted after the root start tag."""
    body.seek(0)
    target.write(body.read(prefix))
    target.write(header)
    target.flush()
    start = target.tell()
    try:  # in-kernel copy where the OS has it; the body can be hundreds of megabytes
        size = os.fstat(body.fileno()).st_size
        _copy_range(body.fileno(), target.fileno(), prefix, start, size - prefix)
    except (AttributeError, OSError):
        target.seek(start)
        target.truncate()
        body.seek(prefix)
        shutil.copyfileobj(body, target, 1 << 20)


def _copy_range(source: int, destination: int, offset: int, position: int, length: int) -> None:
    while length > 0:
        copied = os.copy_file_range(source, destination, length, offset, position)
        if copied == 0:
            raise OSError("copy_file_range made no progress")
        offset, position, length = offset + copied, position + copied, length - copied


# --- the file --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Written:
    """The finished temporary file, and what was learnt while writing it."""

    path: Path
    count: int
    digest: str


def write_catalog(
    path: Path | str,
    items: Iterable[ExportItem],
    header: ExportHeader,
    *,
    progress: Progress = SILENT,
    total: int | None = None,
    verify: bool = False,
) -> ExportReport:
    """Write ``items`` (sorted by code) with ``header`` to ``path``, valid against the XSD, atomically.

    Each procedure is validated against the XSD before it is written; ``verify`` also re-reads the
    finished temporary file and checks it whole (:func:`~tthc_tools.export.xml_read.check_file`)
    before it is put in place. ``total``, when known, sizes the progress bar.

    Raises :class:`~tthc_tools.errors.OutputProblem` (exit 6) when the folder is not writable, the
    items are not sorted by code, or the result would not be valid (the message gives the line, the
    XSD error and the procedure); the file already at ``path`` is then left untouched and no temporary
    file stays behind. When the new file is byte-identical to the one at ``path``, that one is kept as
    it is (same modification time) and the report says ``changed=False``.
    """
    started = time.perf_counter()
    target = Path(path)
    temps: list[Path] = []
    try:
        check_folder(target)
        written = _write_temp(target, items, header, progress, total, temps)
        if verify:
            _verify(written.path, target, progress)
        changed = install(written.path, target)
    except OSError as error:
        raise OutputProblem(_("cannot write {path}: {error}").format(path=target, error=error)) from error
    finally:
        for temp in temps:
            remove(temp)
    size = target.stat().st_size
    return ExportReport(target, written.count, written.digest, size, changed, time.perf_counter() - started)


def _write_temp(target: Path, items: Iterable[ExportItem], header: ExportHeader, progress: Progress,
                total: int | None, temps: list[Path]) -> _Written:
    """The body first (streamed, validated, hashed), then header + body into the final temporary file."""
    header_lines = _header_bytes(header, 0, "0" * 64).count(b"\n")
    with temp_beside(target, ".body", temps) as body:
        progress.start(_("Writing {name}").format(name=target.name), total=total, unit=_("procedures"))
        writer = _Body(body, target, header_lines, progress)
        try:
            writer.write(items)
        finally:
            progress.finish()
        digest = writer.out.digest.hexdigest()
        with temp_beside(target, ".tmp", temps) as final:
            _splice(body, final, writer.prefix, _header_bytes(header, writer.count, digest))
            final.flush()
            os.fsync(final.fileno())
    remove(temps[0])
    return _Written(temps[1], writer.count, digest)


def _verify(temp: Path, target: Path, progress: Progress) -> None:
    """Re-read the finished file whole and refuse it on any problem (``verify=True``)."""
    errors = [p for p in check_file(temp, progress=progress) if p.severity == "error"]
    if errors:
        first = errors[0]
        raise OutputProblem(_("{path}: the export would not be valid against the schema: {location}: "
                              "{error} ({n} problems); nothing was written").format(
            path=target, location=first.location, error=first.message, n=len(errors)))
