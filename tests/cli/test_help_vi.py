"""``tthc --help`` and every command's help in Vietnamese: headings, docstrings, option help, metavars and
click's own words, looked up when shown. Expectations come from the .po, not from copies of its text."""

from __future__ import annotations

import importlib.util
import inspect
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import pytest

from tthc_tools.cli import COMMANDS, cli, translated

REPO = Path(__file__).resolve().parents[2]
LANGUAGE_VARIABLES = {"TTHC_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tthc_i18n_tool_help", REPO / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def vi() -> dict[str, str]:
    """msgid -> Vietnamese (the first form of a plural)."""
    return {e.msgid: e.msgstr[0] for e in tool.read_po(tool.po_path("vi")) if e.msgid and not e.obsolete}


def _env(language: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LANGUAGE_VARIABLES | {"TTHC_DATABASE_URL", "TTHC_CONFIG"}}
    env.update(language, COLUMNS="200", PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])))
    return env


def _tthc(tmp_path: Path, language: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tthc_tools", "--db", str(tmp_path / "tthc.db"), *args],
                          cwd=tmp_path, env=_env(language), capture_output=True, text=True, timeout=120)


def _squeezed(text: str) -> str:
    """Without any whitespace: help is wrapped to the terminal, at spaces and after hyphens."""
    return "".join(text.split())


def _commands(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Command, click.Context]]:
    yield command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            yield from _commands(sub, click.Context(sub, info_name=name, parent=ctx))


def _shown_texts(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, str]]:
    """(what, English text) of everything the command's help shows that goes through the catalogue."""
    if command.help:
        yield "docstring", command.help
    for param in command.get_params(ctx):
        if isinstance(param, click.Option) and param.help:
            yield f"help of {param.opts[0]}", param.help
        row = param.get_help_record(ctx) if isinstance(param, click.Option) else None
        pieces = [row[0]] if row else param.get_usage_pieces(ctx)
        for word in translated.METAVAR_WORD.findall(" ".join(pieces)):
            yield f"metavar of {param.name}", word
    for piece in command.collect_usage_pieces(ctx):
        for word in translated.METAVAR_WORD.findall(piece):
            yield "usage", word


def test_every_command_is_translated_when_shown(vi: dict[str, str]) -> None:
    """Each command is a translated.Command and all it shows is translated (what the extractor must find)."""
    wrong = []
    for command, ctx in _commands(cli, click.Context(cli, info_name="tthc")):
        if not isinstance(command, translated.Command):
            wrong.append(f"{ctx.command_path}: a {type(command).__name__}, not a translated.Command (cls=)")
        for what, text in _shown_texts(command, ctx):
            msgid = inspect.cleandoc(text).partition("\f")[0] if what == "docstring" else text
            if not vi.get(msgid):
                wrong.append(f"{ctx.command_path}: {what}: {msgid!r} is not translated")
    assert not wrong, "run `make i18n` and translate:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", [{"TTHC_LANG": "vi"}, {"LANG": "vi_VN.UTF-8"}], ids=["TTHC_LANG=vi", "LANG=vi_VN"])
def test_the_main_help_is_vietnamese(tmp_path: Path, language: dict[str, str], vi: dict[str, str]) -> None:
    result = _tthc(tmp_path, language, "--help")
    assert result.returncode == 0, result.stderr
    shown = _squeezed(result.stdout)
    assert result.stdout.startswith(f"{vi['Usage:']} tthc [{vi['OPTIONS']}] {vi['COMMAND']} [{vi['ARGS']}]...")
    expected = [f"{vi['Options']}:", f"{vi['Commands']}:", vi[inspect.cleandoc(cli.help or "")], vi["Show this message and exit."],
                vi["Show the version and exit."], f"--config{vi['FILE']}"]
    expected += [vi[param.help] for param in cli.params if param.help]
    expected += [vi[help_] for _module, _attribute, help_ in COMMANDS.values()]
    missing = [text for text in expected if _squeezed(text) not in shown]
    assert not missing, f"not in the help: {missing}\n{result.stdout}"
    assert "Usage:" not in result.stdout and "Show this message" not in result.stdout


def test_catalog_import_help_is_vietnamese_and_english_stays_english(tmp_path: Path, vi: dict[str, str]) -> None:
    ctx = click.Context(cli, info_name="tthc")
    catalog = cli.get_command(ctx, "catalog")
    assert isinstance(catalog, click.Group)
    command = catalog.get_command(click.Context(catalog, info_name="catalog", parent=ctx), "import")
    assert command is not None and command.help
    english = [inspect.cleandoc(command.help), "Show this message and exit."]
    english += [param.help for param in command.params if param.help]
    vietnamese = [vi[text] for text in english]

    result = _tthc(tmp_path, {"TTHC_LANG": "vi"}, "catalog", "import", "--help")
    assert result.returncode == 0, result.stderr
    usage = f"{vi['Usage:']} tthc catalog import [{vi['OPTIONS']}] {vi['PATHS']}..."
    assert result.stdout.startswith(usage), result.stdout
    assert f"\n{vi['Options']}:\n" in result.stdout
    assert [t for t in vietnamese if _squeezed(t) not in _squeezed(result.stdout)] == [], result.stdout

    result = _tthc(tmp_path, {"TTHC_LANG": "en"}, "catalog", "import", "--help")
    assert result.stdout.startswith("Usage: tthc catalog import [OPTIONS] PATHS..."), result.stdout
    assert [t for t in english if _squeezed(t) not in _squeezed(result.stdout)] == [], result.stdout
    assert not [t for t in vietnamese if _squeezed(t) in _squeezed(result.stdout)]


def test_usage_errors_are_vietnamese(tmp_path: Path, vi: dict[str, str]) -> None:
    result = _tthc(tmp_path, {"TTHC_LANG": "vi"}, "catalog", "import")
    assert result.returncode == 2
    missing = vi["Error: {message}"].format(message=f"{vi['Missing argument']} '{vi['PATHS']}...'.")
    hint = vi["Try '{command} {option}' for help."].format(command="tthc catalog import", option="--help")
    assert missing in result.stderr and hint in result.stderr, result.stderr

    result = _tthc(tmp_path, {"TTHC_LANG": "vi"}, "catalog", "list", "--nope")
    assert result.returncode == 2
    assert vi["No such option {name!r}."].format(name="--nope") in result.stderr, result.stderr

    result = _tthc(tmp_path, {"TTHC_LANG": "vi"}, "catalog", "list", "--category", "9")
    expected = vi["Invalid value for {param_hint}: {message}"].format(
        param_hint="'--category'", message=vi["{value} is not in the range {range}."].format(value=9, range="1<=x<=6"))
    assert result.returncode == 2 and expected in result.stderr, result.stderr


def test_help_follows_a_language_chosen_after_import(tmp_path: Path) -> None:
    """Nothing is frozen at import: every command module loaded in English, then the language switched."""
    script = textwrap.dedent("""
        import click
        from tthc_tools import i18n
        from tthc_tools.cli import cli, run

        def load(command, ctx):
            for name in getattr(command, "list_commands", lambda ctx: [])(ctx):
                sub = command.get_command(ctx, name)
                load(sub, click.Context(sub, info_name=name, parent=ctx))

        load(cli, click.Context(cli, info_name="tthc"))
        for language in (["vi"], [], ["vi"]):
            i18n.use_language(language)
            print("=====", language)
            run(["catalog", "import", "--help"])
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=_env({"TTHC_LANG": "en"}),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    _, first_vi, english, second_vi = result.stdout.split("=====")
    assert first_vi.split("\n", 1)[1] == second_vi.split("\n", 1)[1]
    assert "Usage: tthc catalog import [OPTIONS] PATHS..." in english
    assert "Force the input format instead of detecting it." in english
    assert "Usage:" not in first_vi and "Force the input format" not in first_vi


def test_click_still_has_the_words_we_translate() -> None:
    """CLICK_MESSAGES are click's exact strings; one click renamed would silently stay English."""
    import ast

    root = Path(click.__file__).parent
    strings = {node.value for path in root.glob("*.py") for node in ast.walk(ast.parse(path.read_text("utf-8")))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    words: list[Any] = []
    for message in translated.CLICK_MESSAGES:
        words.extend(message if isinstance(message, tuple) else [message])
    metavars = {w for w in words if translated.METAVAR_WORD.fullmatch(w)}  # ours, for click's metavars
    assert [w for w in words if w not in strings and w not in metavars] == []
