"""The terminal: rich tables and progress bars. Data goes to stdout, everything else to stderr.

This is the only module that imports rich. With ``--json`` a command prints exactly one JSON document
on stdout (:meth:`Ui.json`); progress, warnings and logs always go to stderr so output can be piped
and cron mail stays readable.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from tthc_tools import ui_stream
from tthc_tools.i18n import _


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(document: Any) -> str:
    """The JSON text every ``--json`` output uses (UTF-8 characters kept, stable key order)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False, default=_json_default)


@dataclass
class Column:
    header: str
    key: str
    justify: str = "left"
    max_width: int | None = None


class Ui:
    """Output for one command run: ``out`` is stdout (data), ``err`` is stderr (everything else)."""

    def __init__(self, *, quiet: bool = False, verbose: int = 0, log_format: str = "text") -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.log_format = log_format
        self.out = Console(file=sys.stdout, highlight=False, soft_wrap=False)
        self.err = Console(file=sys.stderr, highlight=False, soft_wrap=True)

    # --- data on stdout ---------------------------------------------------------------------------

    def json(self, document: Any) -> None:
        """Print one JSON document on stdout."""
        sys.stdout.write(dumps(document) + "\n")
        sys.stdout.flush()

    def line(self, text: str = "", style: str | None = None) -> None:
        self.out.print(escape(text), style=style)

    def table(
        self,
        rows: Iterable[Mapping[str, Any]],
        columns: Sequence[Column],
        title: str | None = None,
        *,
        hide_empty: bool = True,
    ) -> None:
        """A table on stdout; columns with nothing in them are left out unless ``hide_empty`` is False."""
        rows = list(rows)
        if hide_empty and rows:
            columns = [c for c in columns if any(_cell(row.get(c.key)) for row in rows)]
        table = Table(title=title, title_justify="left", show_lines=False, header_style="bold")
        for column in columns:
            table.add_column(column.header, justify=column.justify, max_width=column.max_width,  # type: ignore[arg-type]
                             overflow="fold")
        for row in rows:
            table.add_row(*(escape(_cell(row.get(c.key))) for c in columns))
        self.out.print(table)

    def table_stream(self, rows: Iterable[Mapping[str, Any]], columns: Sequence[Column], *, first: int = 500) -> int:
        """A table of any length on stdout, in flat memory; returns how many rows it had.

        Up to ``first`` rows it is :meth:`table`; a longer one is written as it comes, in the same
        box style, with the column widths its first rows need (every column kept)."""
        head, rest = ui_stream.first_rows(rows, first)
        if len(head) < first:
            self.table(head, columns)
            return len(head)
        writer = ui_stream.TableWriter(sys.stdout, columns, [[_cell(r.get(c.key)) for c in columns] for r in head],
                                       self.out.width)
        for row in itertools.chain(head, rest):
            writer.row([_cell(row.get(c.key)) for c in columns])
        writer.close()
        return writer.rows

    def json_stream(self, head: Mapping[str, Any], key: str, items: Iterable[Any],
                    tail: Callable[[int], Mapping[str, Any]] = lambda _count: {}) -> int:
        """Like :meth:`json` of ``head`` + ``{key: list(items)}`` + ``tail(count)``, with the items
        written one by one (flat memory); returns how many items there were."""
        return ui_stream.write_json(sys.stdout, head, key, items, tail, dumps)

    def fields(self, pairs: Iterable[tuple[str, Any]], title: str | None = None) -> None:
        """A two-column "label: value" block."""
        table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, value in pairs:
            text = _cell(value)
            if text:
                table.add_row(escape(label), escape(text))
        self.out.print(table)

    def heading(self, text: str) -> None:
        self.out.print(f"\n[bold]{escape(text)}[/bold]")

    # --- messages on stderr -----------------------------------------------------------------------

    def _log(self, level: str, text: str, style: str) -> None:
        if self.log_format == "json":
            record = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "level": level, "message": text}
            sys.stderr.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        self.err.print(escape(text), style=style)

    def info(self, text: str) -> None:
        if not self.quiet:
            self._log("info", text, "")

    def debug(self, text: str) -> None:
        """A detail for ``-v`` runs only (a cron operator's view of where the time went)."""
        if self.verbose and not self.quiet:
            self._log("debug", text, "dim")

    def warn(self, text: str) -> None:
        if self.quiet:
            return
        self._log("warning", _("Warning: {}").format(text), "yellow")

    def error(self, text: str, hint: str | None = None) -> None:
        self._log("error", _("Error: {}").format(text), "bold red")
        if hint:
            self._log("error", hint, "red")

    def progress(self) -> RichProgress:
        """A progress reporter for the library (a bar on a terminal, nothing otherwise)."""
        return RichProgress(self)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, list | tuple):
        return "\n".join(_cell(v) for v in value)
    return str(value)


class RichProgress:
    """The CLI's :class:`tthc_tools.progress.Progress`: a rich bar on stderr when it is a terminal.

    With ``-v`` each finished task also leaves a line, "Pulling the national catalogue: 2,642
    procedures in 41.3 s", so a cron run's mail says where the time went (there is no bar there).
    """

    def __init__(self, ui: Ui) -> None:
        self.ui = ui
        self.enabled = ui.err.is_terminal and not ui.quiet
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._timed: tuple[str, str, float] | None = None  # label, unit, start
        self._done = 0

    def start(self, label: str, total: int | None = None, unit: str = "") -> None:
        self.finish()
        self._timed, self._done = (label, unit, time.perf_counter()), 0
        if not self.enabled:
            return
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            TextColumn("{task.fields[note]}", style="dim"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.ui.err,
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task(label, total=total, unit=unit, note="")

    def advance(self, amount: int = 1, *, note: str = "") -> None:
        self._done += amount
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=amount, note=note)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.stop()
        self._bar = None
        self._task = None
        if self._timed is not None:
            label, unit, started = self._timed
            self._timed = None
            self.ui.debug(_("{label}: {count:,} {unit} in {seconds:.1f} s").format(
                label=label, count=self._done, unit=unit, seconds=time.perf_counter() - started))

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(escape(text))
        else:
            self.ui.info(text)
