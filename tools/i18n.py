"""Message catalogue tooling for tthc_tools (standard library only; not shipped in the package).

    python tools/i18n.py extract   # tthc_tools/**/*.py -> tthc_tools/locale/tthc.pot, merged into vi/…/tthc.po
    python tools/i18n.py compile   # vi/…/tthc.po -> vi/…/tthc.mo (GNU .mo, what gettext reads)

``make i18n`` runs both. ``extract`` finds every call ``_("…")`` and ``ngettext("…", "…", n)`` (and the
markers ``N_("…")``, ``NN_("…", "…")`` of text translated later, where it is shown), and in tthc_tools/cli
the help that tthc_tools/cli/translated.py translates when it shows it: command docstrings, ``help="…"``,
the upper-case words of ``metavar="…"`` and of argument names. The strings must be literals (implicit
concatenation is fine, f-strings and variables are not: they are reported and nothing is written).
Merging keeps existing translations; a message whose text changed gets the old translation as a fuzzy
suggestion (``#, fuzzy``, not compiled) and messages no longer in the code stay at the end of the .po as
obsolete (``#~``) entries, so no translation is ever lost.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import inspect
import re
import string
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tthc_tools"
LOCALE = PACKAGE / "locale"
DOMAIN = "tthc"
POT = LOCALE / f"{DOMAIN}.pot"
LANGUAGES = {"vi": "nplurals=1; plural=0;"}
WIDTH = 79
FUNCTIONS = {"_": 1, "ngettext": 2, "N_": 1, "NN_": 2}  # name -> how many leading string arguments are messages
COMMANDS = {"command", "group"}  # decorators whose function's docstring is a command's help (in tthc_tools/cli)
HELP_KEYWORDS = {"help", "short_help", "epilog"}
# an upper-case word of a metavar: the pattern of tthc_tools/cli/translated.py (tests/test_i18n.py checks)
METAVAR_WORD = re.compile(r"(?<![\w%-])[A-Z][A-Z0-9_]*(?: [A-Z][A-Z0-9_]*)*(?!\w)")

HEADER_FIELDS = {
    "Project-Id-Version": "tthc-tools",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


@dataclass
class Entry:
    """One message of a .pot/.po file."""

    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    locations: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # translator comments, kept verbatim
    previous: str | None = None  # "#| msgid": the text a fuzzy translation was made for
    obsolete: bool = False

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstr)


# --- extraction ------------------------------------------------------------------------------------------


@dataclass
class Problem:
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in FUNCTIONS:
        return func.id
    if isinstance(func, ast.Attribute) and func.attr in FUNCTIONS and isinstance(func.value, ast.Name) \
            and func.value.id == "i18n":
        return func.attr
    return None


Found = tuple[int, int, str, str | None]  # line, column, msgid, plural


def _calls(tree: ast.AST, relative: str) -> tuple[list[Found], list[Problem]]:
    """The messages of ``_()``, ``ngettext()``, ``N_()`` and ``NN_()`` calls."""
    found: list[Found] = []
    problems: list[Problem] = []
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        name = _called_name(call)
        if name is None:
            continue
        where = f"{relative}:{call.lineno}"
        count = FUNCTIONS[name]
        if len(call.args) < count or call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
            problems.append(Problem(where, f"{name}() needs {count} positional string argument(s)"))
            continue
        texts: list[str] = []
        for argument in call.args[:count]:
            if isinstance(argument, ast.JoinedStr):
                problems.append(Problem(where, f"f-string passed to {name}(): use a literal and .format()"))
            elif not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(Problem(where, f"non-literal passed to {name}(): {ast.unparse(argument)}"))
            elif not argument.value:
                problems.append(Problem(where, f"empty string passed to {name}()"))
            else:
                texts.append(argument.value)
        if len(texts) == count:
            found.append((call.lineno, call.col_offset, texts[0], texts[1] if count == 2 else None))
    return found, problems


def _decorator_name(node: ast.expr) -> str:
    func = node.func if isinstance(node, ast.Call) else node
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _help_texts(tree: ast.AST, relative: str) -> tuple[list[Found], list[Problem]]:
    """What tthc_tools/cli/translated.py translates when it shows help: the docstrings of the commands, the
    ``help=`` literals, the upper-case words of ``metavar=`` literals and of argument names (``PATHS``)."""
    found: list[Found] = []
    problems: list[Problem] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(_decorator_name(d) in COMMANDS for d in node.decorator_list):
            docstring = ast.get_docstring(node)
            if docstring:
                found.append((node.body[0].lineno, node.body[0].col_offset, docstring.partition("\f")[0], None))
            else:
                problems.append(Problem(f"{relative}:{node.lineno}", f"command {node.name}() needs a docstring (its help)"))
        if not isinstance(node, ast.Call):
            continue
        metavar = None
        for keyword in node.keywords:
            value, where = keyword.value, f"{relative}:{keyword.value.lineno}"
            literal = value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
            if keyword.arg in HELP_KEYWORDS and literal:
                found.append((value.lineno, value.col_offset, inspect.cleandoc(literal), None))
            elif keyword.arg in HELP_KEYWORDS:
                problems.append(Problem(where, f"{keyword.arg}= must be a string literal (not _(), which would fix "
                                               "the language at import): it is translated when shown"))
            elif keyword.arg == "metavar" and literal is None:
                problems.append(Problem(where, "metavar= must be a string literal"))
            elif keyword.arg == "metavar":
                metavar = literal
        if metavar is None and _decorator_name(node) == "argument" and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            metavar = node.args[0].value.replace("-", "_").upper()  # click's metavar for an argument
        found.extend((node.lineno, node.col_offset, word, None) for word in METAVAR_WORD.findall(metavar or ""))
    return found, problems


def extract(package: Path = PACKAGE) -> tuple[list[Entry], list[Problem]]:
    """Every message of the package in order of first appearance (files sorted), and what is wrong."""
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=relative)
        found, wrong = _calls(tree, relative)
        if path.parent == package / "cli":
            helps, more = _help_texts(tree, relative)
            found, wrong = found + helps, wrong + more
        problems.extend(sorted(wrong, key=lambda problem: int(problem.where.rsplit(":", 1)[1])))
        for line, _column, msgid, plural in sorted(found, key=lambda item: item[:2]):
            entry = entries.get(msgid)
            if entry is None:
                entry = entries[msgid] = Entry(msgid, plural, [""] * (2 if plural else 1))
            elif entry.msgid_plural != plural:
                problems.append(Problem(f"{relative}:{line}", f"{msgid!r} is used with different plural forms"))
            if relative not in entry.locations:
                entry.locations.append(relative)
    for entry in entries.values():
        entry.flags = ["python-brace-format"] if any(is_format_string(t) for t in _sources(entry)) else []
    return list(entries.values()), problems


def _sources(entry: Entry) -> list[str]:
    return [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])


def is_format_string(text: str) -> bool:
    """Whether ``text`` is a str.format() template: it has fields like {}, {0}, {name}, {n:.2f}, {!r}."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return False
    heads = [name.split(".", 1)[0].split("[", 1)[0] for name in fields]
    return bool(heads) and all(head == "" or head.isdigit() or head.isidentifier() for head in heads)


def placeholders(text: str) -> set[tuple[str, str, str]]:
    """The replacement fields of a str.format() template as (field, conversion, spec); ``{}`` numbered.

    Raises ValueError for a malformed template (a lone brace).
    """
    found: set[tuple[str, str, str]] = set()
    automatic = 0
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        first = name.split(".", 1)[0].split("[", 1)[0]
        if first == "":
            name = f"{automatic}{name}"
            automatic += 1
        found.add((name, conversion or "", spec or ""))
    return found


# --- .po reading and writing -------------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_UNESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _unquote(token: str, where: str) -> str:
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"{where}: expected a quoted string, got {token!r}")
    body, out, index = token[1:-1], [], 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 1
            if index >= len(body) or body[index] not in _ESCAPES:
                raise ValueError(f"{where}: bad escape in {token!r}")
            out.append(_ESCAPES[body[index]])
        else:
            out.append(char)
        index += 1
    return "".join(out)


def read_po(path: Path) -> list[Entry]:
    """Parse a .po/.pot file (no msgctxt); the header is the entry whose msgid is empty."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which string continuation lines extend
    pending = Entry("")  # comments seen before the next msgid
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):
                line = "#" + line
        if not line:
            continue
        if line.startswith("#"):
            if current is not None and target is not None:
                current, target = None, None
            kind, text = line[:2], line[2:].strip()
            if kind == "#:":
                pending.locations.extend(text.split())
            elif kind == "#,":
                pending.flags.extend(flag.strip() for flag in text.split(",") if flag.strip())
            elif kind == "#|":
                if text.startswith("msgid "):
                    pending.previous = _unquote(text[6:].strip(), where)
                elif text.startswith('"') and pending.previous is not None:
                    pending.previous += _unquote(text, where)
            elif kind == "#.":
                continue
            else:
                pending.comments.append(raw.rstrip())
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is None or target is None:
                raise ValueError(f"{where}: string outside an entry")
            name, index = target
            value = _unquote(line, where)
            if name == "msgid":
                current.msgid += value
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + value
            else:
                current.msgstr[index] += value
        elif keyword == "msgid":
            current = Entry(_unquote(rest.strip(), where), msgstr=[], locations=pending.locations,
                            flags=pending.flags, comments=pending.comments, previous=pending.previous,
                            obsolete=obsolete)
            entries.append(current)
            pending, target = Entry(""), ("msgid", 0)
        elif current is None:
            raise ValueError(f"{where}: {keyword} before msgid")
        elif keyword == "msgid_plural":
            current.msgid_plural, target = _unquote(rest.strip(), where), ("msgid_plural", 0)
        elif keyword == "msgstr":
            current.msgstr, target = [_unquote(rest.strip(), where)], ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index = int(keyword[7:-1])
            if index != len(current.msgstr):
                raise ValueError(f"{where}: msgstr[{index}] out of order")
            current.msgstr.append(_unquote(rest.strip(), where))
            target = ("msgstr", index)
        else:
            raise ValueError(f"{where}: cannot read {line!r}")
    for entry in entries:
        if not entry.msgstr:
            raise ValueError(f"{path}: no msgstr for {entry.msgid!r}")
    return entries


def _quote_lines(keyword: str, text: str, prefix: str = "") -> list[str]:
    escaped = "".join(_UNESCAPES.get(char, char) for char in text)
    single = f'{prefix}{keyword} "{escaped}"'
    if len(single) <= WIDTH and "\\n" not in escaped[:-2]:
        return [single]
    pieces: list[str] = []
    for part in escaped.replace("\\n", "\\n\x00").split("\x00"):
        if not part:
            continue
        limit = WIDTH - len(prefix) - 2
        while len(part) > limit:
            cut = part.rfind(" ", 0, limit)
            if cut <= 0:
                cut = part.find(" ", limit)
                if cut < 0:
                    break
            pieces.append(part[:cut + 1])
            part = part[cut + 1:]
        pieces.append(part)
    return [f'{prefix}{keyword} ""'] + [f'{prefix}"{piece}"' for piece in pieces]


def format_entry(entry: Entry) -> list[str]:
    prefix = "#~ " if entry.obsolete else ""
    lines = list(entry.comments)
    if entry.locations and not entry.obsolete:
        lines.append("#: " + " ".join(entry.locations))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    if entry.previous is not None:
        lines.extend(_quote_lines("msgid", entry.previous, prefix="#| " if not entry.obsolete else "#~| "))
    lines.extend(_quote_lines("msgid", entry.msgid, prefix))
    if entry.msgid_plural is not None:
        lines.extend(_quote_lines("msgid_plural", entry.msgid_plural, prefix))
        for index, text in enumerate(entry.msgstr):
            lines.extend(_quote_lines(f"msgstr[{index}]", text, prefix))
    else:
        lines.extend(_quote_lines("msgstr", entry.msgstr[0], prefix))
    return lines


def write_po(path: Path, entries: Iterable[Entry]) -> bool:
    """Write entries (the header first), only when the text changes; True when written."""
    text = "\n\n".join("\n".join(format_entry(entry)) for entry in entries) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def header(language: str | None) -> Entry:
    fields = dict(HEADER_FIELDS)
    if language:
        fields["Language"] = language
        fields["Plural-Forms"] = LANGUAGES[language]
    title = f"# {language} translation of tthc-tools." if language else "# Message template of tthc-tools."
    return Entry("", msgstr=["".join(f"{key}: {value}\n" for key, value in fields.items())],
                 comments=[title, "# Run `make i18n` after changing messages in the code."])


# --- merging ---------------------------------------------------------------------------------------------


def merge(template: list[Entry], existing: list[Entry], language: str) -> list[Entry]:
    """The template with the translations of ``existing``; vanished messages become obsolete."""
    known = {entry.msgid: entry for entry in existing if entry.msgid}
    old_header = next((entry for entry in existing if not entry.msgid), None)
    head = header(language)
    if old_header is not None:
        head.comments, head.msgstr = old_header.comments, old_header.msgstr
    merged = [head]
    retired = [entry for entry in existing if entry.msgid and entry.msgid not in {t.msgid for t in template}]
    for source in template:
        width = 1 if source.msgid_plural is None else nplurals(language)
        entry = Entry(source.msgid, source.msgid_plural, [""] * width, list(source.locations), list(source.flags))
        old = known.get(source.msgid)
        if old is not None and (old.msgid_plural is None) == (source.msgid_plural is None):
            entry.comments, entry.msgstr = old.comments, old.msgstr
            if old.fuzzy:
                entry.flags = ["fuzzy", *entry.flags]
                entry.previous = old.previous
        else:
            guess = _closest(source.msgid, [r for r in [*retired, *([old] if old else [])] if any(r.msgstr)])
            if guess is not None:
                entry.msgstr = list(guess.msgstr)[:width] + [""] * (width - len(guess.msgstr))
                entry.flags = ["fuzzy", *entry.flags]
                entry.previous = guess.msgid
        merged.append(entry)
    merged.extend(Entry(old.msgid, old.msgid_plural, old.msgstr, comments=old.comments, obsolete=True)
                  for old in retired if any(old.msgstr))
    return merged


def nplurals(language: str) -> int:
    return int(LANGUAGES[language].split("nplurals=")[1].split(";")[0])


def _closest(msgid: str, candidates: list[Entry]) -> Entry | None:
    best: tuple[float, Entry] | None = None
    for candidate in candidates:
        ratio = difflib.SequenceMatcher(None, msgid, candidate.msgid).ratio()
        if ratio >= 0.8 and (best is None or ratio > best[0]):
            best = (ratio, candidate)
    return best[1] if best else None


# --- .mo -------------------------------------------------------------------------------------------------


def compile_mo(entries: Iterable[Entry]) -> bytes:
    """The GNU .mo file of the translated, non-fuzzy, non-obsolete entries (and the header)."""
    pairs: dict[bytes, bytes] = {}
    for entry in entries:
        if entry.obsolete or (entry.msgid and not entry.translated) or (not entry.msgid and not entry.msgstr[0]):
            continue
        original = entry.msgid if entry.msgid_plural is None else f"{entry.msgid}\x00{entry.msgid_plural}"
        pairs[original.encode("utf-8")] = "\x00".join(entry.msgstr).encode("utf-8")
    keys = sorted(pairs)
    count = len(keys)
    originals_at, translations_at = 28, 28 + 8 * count
    data_at = translations_at + 8 * count
    table_originals: list[int] = []
    table_translations: list[int] = []
    blob = bytearray()
    for key in keys:
        table_originals += [len(key), data_at + len(blob)]
        blob += key + b"\x00"
    for key in keys:
        value = pairs[key]
        table_translations += [len(value), data_at + len(blob)]
        blob += value + b"\x00"
    head = struct.pack("<7I", 0x950412DE, 0, count, originals_at, translations_at, 0, data_at)
    return head + struct.pack(f"<{2 * count}I", *table_originals) \
        + struct.pack(f"<{2 * count}I", *table_translations) + bytes(blob)


# --- commands --------------------------------------------------------------------------------------------


def untranslated(entries: Iterable[Entry]) -> Iterator[Entry]:
    return (entry for entry in entries if entry.msgid and not entry.obsolete and not entry.translated)


def command_extract() -> int:
    template, problems = extract()
    if problems:
        print("messages must be string literals; fix these and run again:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    write_po(POT, [header(None), *template])
    print(f"{POT.relative_to(ROOT)}: {len(template)} messages")
    for language in LANGUAGES:
        path = po_path(language)
        merged = merge(template, read_po(path) if path.exists() else [], language)
        write_po(path, merged)
        missing = list(untranslated(merged))
        obsolete = sum(entry.obsolete for entry in merged)
        print(f"{path.relative_to(ROOT)}: {len(template) - len(missing)} translated, {len(missing)} to do"
              f" (fuzzy or empty), {obsolete} obsolete")
        for entry in missing:
            print(f"  to do: {entry.msgid!r}")
    return 0


def command_compile() -> int:
    for language in LANGUAGES:
        path = po_path(language)
        data = compile_mo(read_po(path))
        target = mo_path(language)
        if not target.exists() or target.read_bytes() != data:
            target.write_bytes(data)
        print(f"{target.relative_to(ROOT)}: {struct.unpack('<I', data[8:12])[0] - 1} messages")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["extract", "compile"])
    arguments = parser.parse_args(argv)
    return command_extract() if arguments.command == "extract" else command_compile()


if __name__ == "__main__":
    sys.exit(main())
