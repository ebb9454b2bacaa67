"""``tthc db``: create or migrate the database, and show its state."""

from __future__ import annotations

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.i18n import _
from tthc_tools.store import status
from tthc_tools.ui import Column


@click.group("db", cls=translated.Group)
def group() -> None:
    """Create, migrate and inspect the database."""


@group.command("upgrade")
@json_option
@pass_app
def upgrade_command(app: App, as_json: bool) -> None:
    """Create the database or migrate it to the newest schema."""
    report = status.upgrade(app.settings.database_url)
    if as_json:
        app.ui.json(report)
        return
    if report["before"] == report["after"]:
        app.ui.info(_("Database {} is up to date ({}).").format(report["database"], ", ".join(report["after"])))
    else:
        app.ui.info(_("Database {} migrated from {} to {}.").format(
            report["database"], ", ".join(report["before"]) or _("empty"), ", ".join(report["after"])))


@group.command("status")
@json_option
@pass_app
def status_command(app: App, as_json: bool) -> None:
    """Show the schema revision and how many rows each part of the database holds."""
    report = status.status(app.settings.database_url)
    if as_json:
        app.ui.json(report)
        return
    app.ui.fields([
        (_("Database"), report["database"]),
        (_("Schema"), ", ".join(report["revision"]) or _("not set up")),
        (_("Up to date"), _("yes") if report["up_to_date"] else _("no — run: tthc db upgrade")),
    ])
    app.ui.table(
        [{"table": name, "rows": count} for name, count in report["counts"].items()],
        [Column(_("Table"), "table"), Column(_("Rows"), "rows", justify="right")],
    )

