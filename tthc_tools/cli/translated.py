"""The command line in the user's language, translated when it is shown.

Command docstrings, ``help=`` of options and the upper-case words of metavars (``FILE``, ``CODE``,
``[OPTIONS]``) are written as plain English literals and looked up in the catalogue when help, usage or an
error is printed, never when a module is imported: the language is whatever tthc_tools.i18n holds at that
moment. ``tools/i18n.py`` collects them from tthc_tools/cli/*.py (``make i18n``).

Every command is a :class:`Command` and every group a :class:`Group` (``@click.group(..., cls=Group)``;
the commands of a Group are Commands by themselves). Click's own words ("Usage:", "Error: …", "No such
option …") come from gettext, which click calls through the names ``_`` and ``ngettext`` imported into each
of its modules: :func:`route_click_messages` points those at our catalogue, which holds the words of
CLICK_MESSAGES below.
"""

from __future__ import annotations

import gettext
import inspect
import re
import sys
import textwrap

import click

from tthc_tools import i18n
from tthc_tools.i18n import N_, NN_, _, translate

# An upper-case word of a metavar: FILE, FILE_OR_URL, INTEGER RANGE (not -O, not %Y). tools/i18n.py collects
# the words with the same pattern.
METAVAR_WORD = re.compile(r"(?<![\w%-])[A-Z][A-Z0-9_]*(?: [A-Z][A-Z0-9_]*)*(?!\w)")


def metavar(text: str) -> str:
    """``[PATHS]...``, ``national|SNAPSHOT|FILE``, ``--as-of DATE``: each upper-case word translated."""
    return METAVAR_WORD.sub(lambda word: translate(word.group()), text)


def help_text(command: click.Command) -> str:
    """The command's docstring (up to a form feed) in the user's language."""
    return translate(inspect.cleandoc(command.help).partition("\f")[0]) if command.help else ""


def short_help(command: click.Command, limit: int = 45) -> str:
    """The first sentence of the help, shortened to ``limit`` characters (what a list of commands shows)."""
    if command.short_help:
        return translate(inspect.cleandoc(command.short_help))
    words = help_text(command).partition("\n\n")[0].split()
    for index, word in enumerate(words):  # a period ends the sentence unless a lowercase word follows
        if word.endswith(".") and (index == len(words) - 1 or not words[index + 1][0].islower()):
            words = words[:index + 1]
            break
    return textwrap.shorten(" ".join(words), max(limit, 10), placeholder="...", break_on_hyphens=False)


def help_row(param: click.Parameter, ctx: click.Context) -> tuple[str, str] | None:
    """The option's line of the help: names and metavar, help text, click's ``[default: …]``."""
    row = param.get_help_record(ctx)
    if row is None:
        return None
    names, text = row
    if param.help and text.startswith(param.help):
        text = translate(param.help) + text[len(param.help):]
    return metavar(names), text


class Command(click.Command):
    """A command whose help, usage line and argument errors are in the user's language."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = [metavar(piece) for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = help_text(self)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for param in self.get_params(ctx) if not isinstance(param, click.Argument)
                if (row := help_row(param, ctx)) is not None]
        if rows:
            with formatter.section(_("Options")):
                formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self, limit)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.BadParameter as error:  # "Missing argument 'PATHS...'": the argument as the usage shows it
            if error.param_hint is None and isinstance(error.param, click.Argument):
                error.param_hint = metavar(error.param.get_error_hint(ctx))
            raise


class Group(Command, click.Group):
    """A group in the user's language; its subcommands are :class:`Command` and its subgroups Groups."""

    command_class = Command
    group_class = type

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


def route_click_messages() -> None:
    """Have click look its own words up in our catalogue (at the time it shows them)."""
    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = i18n._  # type: ignore[attr-defined]
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


# Click's words that our users can meet, for the catalogue (tests/test_i18n.py checks that click still has
# them). Its other messages (prompts, shell completion, programming errors) stay in English.
CLICK_MESSAGES = (
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    NN_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    NN_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {name!r} does not take a value."),
    NN_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_("Choose from:\n\t{choices}"),
    NN_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    NN_("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    # the metavars click makes from the types of options
    N_("TEXT"),
    N_("INTEGER"),
    N_("INTEGER RANGE"),
    N_("FILE"),
    N_("DIRECTORY"),
    N_("PATH"),
    N_("OPTIONS"),
    N_("COMMAND"),
    N_("ARGS"),
)

# The same words where click 8.1 (which setup.cfg allows) says them differently.
CLICK_8_1_MESSAGES = (
    N_("No such option: {name}"),
)
