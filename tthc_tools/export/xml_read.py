"""Reading catalogue XML: the tool's own export back into procedures, and checking any file against the XSD.

Every file is treated as coming from outside. Before lxml sees it, the prolog is scanned and a file
with a document type declaration is refused (that is where entities, and so XXE and billion-laughs
attacks, live); the parser itself runs without entity expansion, DTD loading or network access,
with libxml2's limits on (``huge_tree=False``: nesting depth 256, text nodes 10 MB) and a resolver that refuses every
outside resource. Files are streamed: each ``<procedure>`` is checked against the XSD on its own
(so that every problem comes with its line), turned into a value and dropped.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from tthc_tools.errors import BadInput
from tthc_tools.export import NAMESPACE, SCHEMA_PATH, CatalogInfo, ExportItem
from tthc_tools.export.from_xml import catalog_info, export_item
from tthc_tools.i18n import _
from tthc_tools.model import PARTS, Problem, Record
from tthc_tools.progress import SILENT, Progress

MAX_BYTES = 4 << 30
"""Files larger than this (4 GiB, some 800,000 procedures) are refused."""
_PROLOG_LIMIT = 1 << 20
_NS = "{" + NAMESPACE + "}"
_HEADER = _NS + "header"
_PROCEDURE = _NS + "procedure"
_ROOT = _NS + "catalog"
_ADVANCE_EVERY = 1000

PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
"""The options every parser of outside XML in this package uses."""


class _RefuseAll(etree.Resolver):  # type: ignore[misc, unused-ignore]
    """A resolver that lets no external resource (DTD, entity, XInclude) be read."""

    def resolve(self, url: str, pubid: str, context: Any) -> Any:
        raise etree.XMLSyntaxError(f"external resource refused: {url}", 0, 0, 0)


@functools.cache
def schema() -> Any:
    """The shipped XSD, compiled once (read with the same hardened options)."""
    parser = etree.XMLParser(**PARSER_OPTIONS)
    parser.resolvers.add(_RefuseAll())
    with SCHEMA_PATH.open("rb") as handle:
        return etree.XMLSchema(etree.parse(handle, parser))


@functools.cache
def unqualified_schema() -> Any:
    """The same XSD without its target namespace, for checking elements built with plain tags.

    The writer builds ``<procedure>`` elements without a namespace (the root's default namespace
    applies once they are written inside it) and checks each against this before writing it.
    """
    text = SCHEMA_PATH.read_bytes()
    for declaration in (b' targetNamespace="' + NAMESPACE.encode() + b'"', b' xmlns="' + NAMESPACE.encode() + b'"'):
        if text.count(declaration) != 1:
            raise RuntimeError(f"{SCHEMA_PATH}: expected one {declaration.decode().strip()}")
        text = text.replace(declaration, b"")
    parser = etree.XMLParser(**PARSER_OPTIONS)
    parser.resolvers.add(_RefuseAll())
    return etree.XMLSchema(etree.fromstring(text, parser))


# --- guarding the door -----------------------------------------------------------------------------


def _refuse(path: Path, reason: str, location: str | None = None) -> BadInput:
    return BadInput(reason, path=str(path), location=location)


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise _refuse(path, _("file not found"))
    if not path.is_file():
        raise _refuse(path, _("not a file"))
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, _("the file is empty"))
    if size > MAX_BYTES:
        raise _refuse(path, _("the file is larger than {limit} GiB").format(limit=MAX_BYTES >> 30))


def _check_prolog(path: Path) -> None:
    """Refuse a document type declaration (entities, XXE, billion laughs) and non-UTF-8 encodings."""
    with path.open("rb") as handle:
        head = handle.read(_PROLOG_LIMIT)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        raise _refuse(path, _("the file is UTF-16; catalogue XML is UTF-8"))
    position = _skip_prolog(head)
    if position is None:
        raise _refuse(path, _("no XML element found at the start of the file"))
    if head.startswith(b"<!", position) and not head.startswith(b"<!--", position):
        raise _refuse(
            path,
            _("the file declares a document type (<!DOCTYPE …>); entities and DTDs are refused "
              "(this is how XXE and billion-laughs attacks work)"),
        )


def _skip_prolog(head: bytes) -> int | None:
    """The offset of the first markup after the XML declaration, comments and processing instructions."""
    position = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while position < len(head) and head[position] in b" \t\r\n":
            position += 1
        if head.startswith(b"<?", position):
            close = b"?>"
        elif head.startswith(b"<!--", position):
            close = b"-->"
        else:
            return position if head.startswith(b"<", position) else None
        end = head.find(close, position)
        if end < 0:
            return None
        position = end + len(close)


def _events(path: Path, tags: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """Hardened ``iterparse`` end events for ``tags``; malformed XML becomes :class:`BadInput`."""
    _check_readable(path)
    _check_prolog(path)
    with path.open("rb") as handle:
        parser = etree.iterparse(handle, events=("end",), tag=tags, **PARSER_OPTIONS)
        parser.resolvers.add(_RefuseAll())
        first = True
        try:
            for event, element in parser:
                if first and element.getroottree().docinfo.doctype:
                    raise _refuse(path, _("the file declares a document type; DTDs are refused"))
                first = False
                yield event, element
        except etree.XMLSyntaxError as error:
            line = getattr(error, "lineno", 0) or 0
            message = error.msg if hasattr(error, "msg") and error.msg else str(error)
            raise _refuse(path, _("not well-formed XML: {error}").format(error=message),
                          _("line {line}").format(line=line) if line else None) from error
    if parser.root is not None and parser.root.tag != _ROOT:
        raise _not_catalogue(path, parser.root.tag)


# --- walking the catalogue -------------------------------------------------------------------------


class _Walk:
    """Streams a catalogue file: checks its skeleton, validates each child, reports problems."""

    def __init__(self, path: Path, progress: Progress = SILENT) -> None:
        self.path = path
        self.progress = progress
        self.problems: list[Problem] = []
        self.header: Any = None
        self.count = 0
        self.previous = ""
        self.root: Any = None

    def problem(self, message: str, line: int | None = None, code: str = "") -> None:
        location = _("line {line}").format(line=line) if line else ""
        self.problems.append(Problem("error", message, str(self.path), location, code=code))

    def elements(self) -> Iterator[Any]:
        """Each valid ``<procedure>`` element, in file order (cleared once the caller moves on)."""
        for _event, element in _events(self.path, (_HEADER, _PROCEDURE)):
            if not self._placed(element):
                continue
            if element.tag == _HEADER:
                self._header(element)
                continue
            self.count += 1
            if self.count % _ADVANCE_EVERY == 0:
                self.progress.advance(_ADVANCE_EVERY)
            if self._valid(element):
                yield element
            _drop(element)
        self._finish()

    def _placed(self, element: Any) -> bool:
        parent = element.getparent()
        if self.root is None:
            self.root = parent if parent is not None else element
            if self.root.tag != _ROOT:
                raise _not_catalogue(self.path, self.root.tag)
        if parent is not self.root or parent.getparent() is not None:
            self.problem(_("<{tag}> is not a child of <catalog>").format(tag=_local(element.tag)),
                         element.sourceline)
            return False
        self._strays(element)
        if self.header is None and element.tag == _PROCEDURE:
            self.problem(_("the file must start with a <header>"), element.sourceline)
            self.header = False
        elif self.header is not None and element.tag == _HEADER:
            self.problem(_("a second <header>"), element.sourceline)
            return False
        return True

    def _strays(self, element: Any) -> None:
        """Report and drop anything between the previous child and this one."""
        while (stray := element.getprevious()) is not None:
            if stray.tag not in (_HEADER, _PROCEDURE):
                self.problem(_("unexpected element <{tag}>").format(tag=_local(str(stray.tag))),
                             stray.sourceline)
            del self.root[0]

    def _header(self, element: Any) -> None:
        if self._valid(element):
            self.header = element
        else:
            self.header = False

    def _valid(self, element: Any) -> bool:
        code = element.get("code", "") if element.tag == _PROCEDURE else ""
        checker = schema()
        if not checker.validate(element):
            for entry in checker.error_log:
                self.problem(entry.message, entry.line, code)
            return False
        if code:
            if code <= self.previous:
                self.problem(_("procedure {code} comes after {previous}: codes must increase and not repeat")
                             .format(code=code, previous=self.previous), element.sourceline, code)
            self.previous = max(code, self.previous)
        return True

    def _finish(self) -> None:
        if self.root is None:
            raise _refuse(self.path, _("not a tthc-tools catalogue (no <header> or <procedure> found)"))
        for stray in self.root.iterchildren():
            if stray.tag not in (_HEADER, _PROCEDURE):
                self.problem(_("unexpected element <{tag}>").format(tag=_local(str(stray.tag))),
                             stray.sourceline)
        if self.header is None:
            self.problem(_("the file has no <header>"))
        elif self.header is not False:
            declared = int(self.header.findtext(_NS + "count"))
            if declared != self.count:
                self.problem(_("the header says {declared} procedures, the file holds {count}")
                             .format(declared=declared, count=self.count), self.header.sourceline)
        self.progress.advance(self.count % _ADVANCE_EVERY)


def _drop(element: Any) -> None:
    element.clear(keep_tail=False)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _not_catalogue(path: Path, tag: str) -> BadInput:
    if tag.startswith("{urn:tthc-tools:catalog:"):
        return _refuse(path, _("this catalogue uses format {ns}, which this version does not read; "
                               "upgrade tthc-tools").format(ns=tag[1:].partition("}")[0]))
    return _refuse(path, _("not a tthc-tools catalogue: the root element is <{tag}>").format(tag=tag))


def body_hash(path: Path) -> str:
    """SHA-256 of the bytes between ``</header>`` and ``</catalog>`` (what ``catalogHash`` covers)."""
    with path.open("rb") as handle:
        head = handle.read(_PROLOG_LIMIT)
        start = head.find(b"</header>")
        size = handle.seek(0, 2)
        handle.seek(max(0, size - 4096))
        tail = handle.read()
        end = size - len(tail) + tail.rfind(b"</catalog>")
        if start < 0 or end < start:
            return ""
        handle.seek(start + len(b"</header>"))
        digest = hashlib.sha256()
        remaining = end - handle.tell()
        while remaining > 0:
            chunk = handle.read(min(remaining, 1 << 20))
            if not chunk:
                break
            digest.update(chunk)
            remaining -= len(chunk)
    return digest.hexdigest()


def check_file(path: Path | str, *, progress: Progress = SILENT, verify_hash: bool = True) -> list[Problem]:
    """Every problem of a catalogue file against the XSD and the format's rules, with line numbers.

    The rules beyond the XSD: one header first, procedures with increasing codes, the header's count
    and (``verify_hash``) catalogue hash matching the content. Raises :class:`BadInput` (exit 4) for a
    file that cannot be read as XML at all: missing, empty, malformed, or declaring a DTD (XXE,
    billion laughs).
    """
    path = Path(path)
    walk = _Walk(path, progress)
    progress.start(_("Checking {name}").format(name=path.name), unit=_("procedures"))
    try:
        for _element in walk.elements():
            pass
    finally:
        progress.finish()
    if verify_hash and walk.header is not None and walk.header is not False:
        declared = walk.header.findtext(_NS + "catalogHash")
        if declared != body_hash(path):
            walk.problem(_("catalogHash does not match the procedures: the file was changed after export"),
                         walk.header.sourceline)
    return walk.problems


def is_catalog_xml(head: bytes) -> bool:
    """Whether the first bytes of a file look like a tthc-tools catalogue (for format detection)."""
    return b"<catalog" in head[:4096] and b'"urn:tthc-tools:catalog:' in head[:4096]


def validate_file(path: Path | str, *, progress: Progress = SILENT) -> list[Problem]:
    """``tthc export xml --validate FILE``: the problems of ``path`` (empty when it is valid)."""
    return check_file(path, progress=progress)


# --- reading values back ---------------------------------------------------------------------------


def read_catalog_info(path: Path | str) -> CatalogInfo:
    """The header of a catalogue file (generator, scope, count, hash), without reading the procedures."""
    path = Path(path)
    for _event, element in _events(path, (_HEADER, _PROCEDURE)):
        if element.tag != _HEADER or element.getparent() is None or element.getparent().tag != _ROOT:
            break
        checker = schema()
        if not checker.validate(element):
            entry = checker.error_log[0]
            raise _refuse(path, entry.message, _("line {line}").format(line=entry.line))
        return catalog_info(element)
    raise _refuse(path, _("not a tthc-tools catalogue: no <header> at the start"))


def read_export_items(path: Path | str, *, progress: Progress = SILENT) -> Iterator[ExportItem]:
    """The items of a catalogue file (procedure, change mark, effective date), streamed.

    The file is checked as it is read (XSD, order, count); the first problem raises :class:`BadInput`
    naming the file and line. ``progress`` advances by procedures; the caller starts the task (its
    total is :func:`read_catalog_info` ``(path).count``).
    """
    for item, _line in _read(Path(path), progress):
        yield item


def read_catalog_xml(path: Path | str, *, progress: Progress = SILENT) -> Iterator[Record]:
    """The procedures of a tthc-tools catalogue file as :class:`Record` s carrying every part.

    For ``tthc catalog import``: like :func:`read_export_items`, so an import stays all-or-nothing;
    each record's location is its line in the file.
    """
    carried = frozenset(PARTS)
    for item, line in _read(Path(path), progress):
        yield Record(item.procedure, carried, _("line {line}").format(line=line))


def _read(path: Path, progress: Progress) -> Iterator[tuple[ExportItem, int]]:
    walk = _Walk(path, progress)
    for element in walk.elements():
        _raise_first(walk)
        try:
            item = export_item(element)
        except ValueError as error:  # a value the XSD allows but the model cannot hold
            raise _refuse(path, str(error), _("line {line}").format(line=element.sourceline)) from error
        yield item, element.sourceline
    _raise_first(walk)


def _raise_first(walk: _Walk) -> None:
    if walk.problems:
        first = walk.problems[0]
        raise BadInput(first.message, path=first.path, location=first.location or None)
