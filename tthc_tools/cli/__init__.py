"""The ``tthc`` command: parse, call the library once, print. Exit codes come from errors.ExitCode."""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Iterator

import click

from tthc_tools import __version__
from tthc_tools.cli import translated
from tthc_tools.cli.app import App
from tthc_tools.errors import ExitCode, TthcError
from tthc_tools.i18n import N_, _, translate
from tthc_tools.settings import load_settings
from tthc_tools.ui import Ui

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 110}
translated.route_click_messages()

# name -> (module, attribute, one-line help, translated when shown). Modules load only when their command
# runs, so ``tthc --help`` and every command start without importing what they do not use.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "db": ("tthc_tools.cli.db", "group", N_("Create, migrate and inspect the database.")),
    "catalog": ("tthc_tools.cli.catalog", "group", N_("Import, check and look up the procedure catalogue.")),
    "national": ("tthc_tools.cli.national", "group", N_("Snapshots of the national catalogue.")),
    "diff": ("tthc_tools.cli.diff", "diff_command", N_("Differences between the local and the national catalogue.")),
    "decision": ("tthc_tools.cli.decision", "group", N_("Publication decisions: import, draft, record.")),
    "export": ("tthc_tools.cli.export", "group", N_("Export the catalogue for other systems.")),
    "sync": ("tthc_tools.cli.sync", "group", N_("The nightly job: pull, diff, export, report — under a lock.")),
    "config": ("tthc_tools.cli.config", "group", N_("Show the settings in force.")),
    "scan": ("tthc_tools.cli.scan", "group", N_("Digitise scanned results: OCR, fields, searchable PDFs.")),
    "results": ("tthc_tools.cli.results", "group", N_("Find, review and export digitised results.")),
}


class LazyGroup(translated.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module, attribute, _help = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, translate(COMMANDS[name][2]) if name in COMMANDS else self.commands[name].get_short_help_str())
                for name in self.list_commands(ctx)]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--db", "db_url", metavar="URL", help="Database URL or SQLite file (env TTHC_DATABASE_URL; default ./tthc.db).")
@click.option("--config", "config", metavar="FILE", help="Config file (env TTHC_CONFIG; default ./tthc.toml if present).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")
@click.option("-v", "--verbose", count=True, help="More detail on stderr (tracebacks for internal errors).")
@click.version_option(__version__, "--version", prog_name="tthc")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, config: str | None, quiet: bool, verbose: int) -> None:
    """Catalogue of administrative procedures (thủ tục hành chính) and digitised results."""
    settings = load_settings(config, database_url=db_url)
    if isinstance(ctx.obj, Ui):  # the runner's, which reports errors: it follows the settings' log format too
        ctx.obj.log_format = settings.log_format
    ctx.obj = App(settings=settings, ui=Ui(quiet=quiet, verbose=verbose, log_format=settings.log_format))


def main(argv: list[str] | None = None) -> None:
    """Run ``tthc`` and exit with the code of the table in the README."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    """Run ``tthc`` and return its exit code (the one place exceptions become codes)."""
    args = sys.argv[1:] if argv is None else argv
    verbose = any(arg == "--verbose" or re.fullmatch(r"-[a-z]*v[a-z]*", arg) for arg in args)  # -v, -vv, -qv
    ui = Ui(log_format=os.environ.get("TTHC_LOG_FORMAT", "text"))
    with _terminate_as_interrupt():
        return _run(argv, ui, verbose)


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (cron's timeout, systemd's stop) ends a run like Ctrl-C: cleanly, keeping work done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None, ui: Ui, verbose: bool) -> int:
    try:
        result = cli.main(args=argv, prog_name="tthc", standalone_mode=False, obj=ui)
        return int(result) if isinstance(result, int) else ExitCode.OK
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.UsageError as error:
        error.show()
        return ExitCode.USAGE
    except click.ClickException as error:
        error.show()
        return ExitCode.USAGE if error.exit_code == 2 else ExitCode.BAD_INPUT
    except TthcError as error:
        ui.error(error.message, error.hint)
        return int(error.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        ui.error(_("interrupted; the work done so far is kept"))
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK
    except Exception as error:
        ui.error(_("internal error: {}: {}").format(type(error).__name__, error),
                 None if verbose else _("run again with -v for the traceback, and report it"))
        if verbose:
            traceback.print_exc()
        return ExitCode.INTERNAL
