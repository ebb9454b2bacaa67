"""``tthc config show``: the settings in force and where each came from (secrets masked)."""

from __future__ import annotations

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.i18n import _
from tthc_tools.ui import Column


@click.group("config", cls=translated.Group)
def group() -> None:
    """Show the settings in force."""


@group.command("show")
@json_option
@pass_app
def show_command(app: App, as_json: bool) -> None:
    """Print every setting, its value (passwords masked) and where it came from."""
    shown = app.settings.shown()
    if as_json:
        app.ui.json({"config_file": str(app.settings.config_path) if app.settings.config_path else None,
                     "settings": shown})
        return
    app.ui.info(_("config file: {}").format(app.settings.config_path or _("none")))
    app.ui.table([{"name": name, "value": item["value"], "from": item["from"]} for name, item in shown.items()],
                 [Column(_("Setting"), "name"), Column(_("Value"), "value", max_width=60), Column(_("From"), "from")],
                 hide_empty=False)
