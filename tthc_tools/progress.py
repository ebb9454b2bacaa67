"""How long-running library code reports progress, without knowing about the terminal.

The library takes a :class:`Progress` and calls it; the CLI passes one that draws a rich progress bar
on stderr, tests and library users pass :data:`SILENT` (or their own).
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int | None = None, unit: str = "") -> None:
        """A new task begins (``total`` unknown when ``None``)."""

    def advance(self, amount: int = 1, *, note: str = "") -> None:
        """Part of the current task is done."""

    def finish(self) -> None:
        """The current task ended."""

    def message(self, text: str) -> None:
        """A line for the user (on stderr), e.g. a warning about one file of a batch."""


class SilentProgress:
    """A :class:`Progress` that shows nothing."""

    def start(self, label: str, total: int | None = None, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1, *, note: str = "") -> None:
        pass

    def finish(self) -> None:
        pass

    def message(self, text: str) -> None:
        pass


SILENT: Progress = SilentProgress()
