"""The Vietnamese message catalogue: complete, translated, placeholders intact, compiled, and used.

After adding or changing a message in the code, run ``make i18n`` (extract + compile), translate the new
entries of ``tthc_tools/locale/vi/LC_MESSAGES/tthc.po`` and run ``make i18n`` again.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FIX = "run `make i18n`, translate the new entries of tthc_tools/locale/vi/LC_MESSAGES/tthc.po, run `make i18n` again"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tthc_i18n_tool", REPO / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def extracted() -> list[Any]:
    entries, problems = tool.extract()
    assert not problems, "messages must be string literals:\n" + "\n".join(map(str, problems))
    return list(entries)


@pytest.fixture(scope="module")
def vi_po() -> dict[str, Any]:
    return {entry.msgid: entry for entry in tool.read_po(tool.po_path("vi")) if entry.msgid and not entry.obsolete}


def test_every_message_of_the_code_is_in_the_catalogue(extracted: list[Any], vi_po: dict[str, Any]) -> None:
    missing = [entry.msgid for entry in extracted if entry.msgid not in vi_po]
    assert not missing, f"{len(missing)} message(s) not in the Vietnamese catalogue ({FIX}):\n" + "\n".join(
        f"  {m!r}" for m in missing)


def test_every_message_is_translated(extracted: list[Any], vi_po: dict[str, Any]) -> None:
    todo = [entry.msgid for entry in extracted if entry.msgid in vi_po and not vi_po[entry.msgid].translated]
    assert not todo, f"{len(todo)} message(s) untranslated or fuzzy ({FIX}):\n" + "\n".join(f"  {m!r}" for m in todo)


def test_translations_keep_the_placeholders(vi_po: dict[str, Any]) -> None:
    wrong = []
    for entry in vi_po.values():
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        for text in entry.msgstr:
            if not text:
                continue
            try:
                ok = tool.placeholders(text) in [tool.placeholders(source) for source in sources]
            except ValueError as error:
                ok, text = False, f"{text} ({error})"
            if not ok:
                wrong.append(f"  {entry.msgid!r}\n    -> {text!r}")
    assert not wrong, "translations whose {placeholders} differ from the message's:\n" + "\n".join(wrong)


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "tthc.mo"
    compiled.write_bytes(tool.compile_mo(tool.read_po(tool.po_path("vi"))))
    shipped = tool.mo_path("vi")
    assert shipped.is_file(), f"{shipped} is missing: run `make i18n`"
    assert compiled.read_bytes() == shipped.read_bytes(), f"{shipped} is older than its .po: run `make i18n`"


def test_extractor_reads_literals_and_reports_the_rest(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(textwrap.dedent('''
        from tthc_tools.i18n import _, ngettext
        name = "x"
        one = _("Hello {}").format(name)
        two = _("implicit "
                "concatenation")
        three = _(f"bad {name}")
        four = _(name)
        five = ngettext("{} file", "{} files", 2)
        six = f"{_('inside an f-string')}"
        seven = _("Hello {}")
    '''), encoding="utf-8")
    entries, problems = tool.extract(package)
    assert [(e.msgid, e.msgid_plural) for e in entries] == [
        ("Hello {}", None), ("implicit concatenation", None), ("{} file", "{} files"),
        ("inside an f-string", None)]
    assert entries[0].flags == ["python-brace-format"] and entries[1].flags == []
    assert [str(p).split(": ", 1)[1][:20] for p in problems] == ["f-string passed to _", "non-literal passed t"]


def test_extractor_collects_the_help_of_commands(tmp_path: Path) -> None:
    """In tthc_tools/cli, what translated.py shows translated: docstrings, help= literals, metavar words."""
    cli = tmp_path / "pkg" / "cli"
    cli.mkdir(parents=True)
    (cli / "a.py").write_text(textwrap.dedent('''
        import click
        from tthc_tools.i18n import N_, NN_, _

        ROWS = {"x": N_("Marked for later."), "y": NN_("{} row", "{} rows")}

        @click.group("things")
        def group():
            """Look after the things.

            A second paragraph.\f
            Not shown."""

        @group.command("add")
        @click.argument("paths", nargs=-1)
        @click.argument("ref", metavar="NUMBER|ID")
        @click.option("--as-of", metavar="DATE", help="""
            The day.""")
        @click.option("--out", metavar="FILE.csv|FILE_OR_URL", help=_("Frozen at import."))
        def add(paths, ref, as_of, out):
            """Add things."""

        @group.command("bare")
        def bare():
            pass
    '''), encoding="utf-8")
    entries, problems = tool.extract(tmp_path / "pkg")
    assert [(e.msgid, e.msgid_plural) for e in entries] == [
        ("Marked for later.", None), ("{} row", "{} rows"), ("Look after the things.\n\nA second paragraph.", None),
        ("PATHS", None), ("NUMBER", None), ("ID", None), ("DATE", None), ("The day.", None), ("FILE", None),
        ("FILE_OR_URL", None), ("Frozen at import.", None), ("Add things.", None)]
    assert sorted(str(p).split(": ", 1)[1][:25] for p in problems) == [
        "command bare() needs a do", "help= must be a string li"]
    # what is outside tthc_tools/cli is not help
    (tmp_path / "pkg" / "b.py").write_text('@click.command("x")\ndef x():\n    """Not help."""\n', encoding="utf-8")
    assert "Not help." not in [e.msgid for e in tool.extract(tmp_path / "pkg")[0]]


def test_extractor_and_command_line_agree_on_metavar_words() -> None:
    from tthc_tools.cli import translated

    assert tool.METAVAR_WORD.pattern == translated.METAVAR_WORD.pattern
    assert translated.METAVAR_WORD.findall("-o, --output FILE.docx|.xlsx [%Y-%m-%d|x] INTEGER RANGE [PATHS]...") \
        == ["FILE", "INTEGER RANGE", "PATHS"]


def test_mo_writer_matches_what_gettext_reads(tmp_path: Path) -> None:
    import gettext

    header = tool.header("vi")
    entries = [header, tool.Entry("b", msgstr=["bê"]), tool.Entry("a", msgstr=["a"]),
               tool.Entry("{} file", "{} files", ["{} tệp"]), tool.Entry("todo", msgstr=[""]),
               tool.Entry("fuzzy", msgstr=["x"], flags=["fuzzy"])]
    path = tmp_path / "t.mo"
    path.write_bytes(tool.compile_mo(entries))
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert (catalogue.gettext("b"), catalogue.gettext("todo"), catalogue.gettext("fuzzy")) == ("bê", "todo", "fuzzy")
    assert catalogue.ngettext("{} file", "{} files", 5) == "{} tệp"


def _tthc(tmp_path: Path, language: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"TTHC_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "TTHC_DATABASE_URL", "TTHC_CONFIG"}}
    env.update(language, COLUMNS="200", PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "tthc_tools", "--db", str(tmp_path / "tthc.db"), *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("language", [{"TTHC_LANG": "vi"}, {"LANG": "vi_VN.UTF-8"}, {"TTHC_LANG": "en"}],
                         ids=["TTHC_LANG=vi", "LANG=vi_VN", "TTHC_LANG=en"])
def test_the_command_speaks_the_chosen_language(tmp_path: Path, language: dict[str, str],
                                              vi_po: dict[str, Any]) -> None:
    english = "Error: {}".format("procedure {} is not in the catalogue".format("1.999999"))
    vietnamese = vi_po["Error: {}"].msgstr[0].format(
        vi_po["procedure {} is not in the catalogue"].msgstr[0].format("1.999999"))
    assert vietnamese != english
    result = _tthc(tmp_path, language, "catalog", "show", "1.999999")
    assert result.returncode == 4, result.stderr
    expected, other = (english, vietnamese) if language.get("TTHC_LANG") == "en" else (vietnamese, english)
    assert expected in result.stderr and other not in result.stderr, result.stderr
