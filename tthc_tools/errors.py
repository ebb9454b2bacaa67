"""Exit codes and the domain errors that carry them.

The library raises these; only the CLI turns them into an exit status. Each error's message names the
file and the row, page or field where it can, and says what to do next where there is a remedy.
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """The one exit-code table, shared by every command (README, "Exit codes")."""

    OK = 0
    DIFFERENCES = 1
    USAGE = 2
    MISSING_DEPENDENCY = 3
    BAD_INPUT = 4
    DATABASE = 5
    OUTPUT = 6
    LOCKED = 7
    PARTIAL_FAILURE = 8
    INTERNAL = 70
    INTERRUPTED = 130


class TthcError(Exception):
    """Base of every error the tool reports to the user without a traceback."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageProblem(TthcError):
    """The command line asks for something that cannot be done as written."""

    exit_code = ExitCode.USAGE


class MissingDependency(TthcError):
    """A program, language pack or driver the command needs is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class BadInput(TthcError):
    """An input file or value is missing, unreadable or malformed."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        location: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = ": ".join(part for part in (path, location) if part)
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.location = location
        self.reason = message


class DatabaseProblem(TthcError):
    """The database is unreachable, locked, or its schema needs ``tthc db upgrade``."""

    exit_code = ExitCode.DATABASE


class OutputProblem(TthcError):
    """An output could not be written, or would not be valid."""

    exit_code = ExitCode.OUTPUT


class LockHeld(TthcError):
    """Another run holds the lock."""

    exit_code = ExitCode.LOCKED


class NotFound(BadInput):
    """A code, snapshot, decision or result the user named does not exist."""


class Interrupted(TthcError):
    """The user pressed Ctrl-C (or the process got SIGTERM); work done so far is kept."""

    exit_code = ExitCode.INTERRUPTED
