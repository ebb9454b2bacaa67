"""What every command gets: the settings in force, the terminal, and shared options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tthc_tools.i18n import _
from tthc_tools.settings import Settings
from tthc_tools.ui import Ui

if TYPE_CHECKING:
    from tthc_tools.store.session import Database

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class App:
    settings: Settings
    ui: Ui

    def database(self) -> Database:
        """The database of ``--db``, set up if it is new and empty, refused if its schema is old.

        (Imported here, not at the top: commands that never open the database start faster.)
        """
        from tthc_tools.store.migrate import ensure_current
        from tthc_tools.store.session import Database, describe_url

        db = Database(self.settings.database_url)
        if ensure_current(db):
            self.ui.info(_("Created a new database at {}").format(describe_url(db.url)))
        return db


pass_app = click.make_pass_decorator(App)


def json_option(func: F) -> F:
    """``--json``: print one JSON document on stdout instead of the tables."""
    return click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")(func)
