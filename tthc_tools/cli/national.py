"""``tthc national``: pull snapshots of the national catalogue and list them."""

from __future__ import annotations

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.cli.catalog import FORMATS
from tthc_tools.i18n import _
from tthc_tools.national import snapshots
from tthc_tools.ui import Column


@click.group("national", cls=translated.Group)
def group() -> None:
    """Snapshots of the national catalogue (the national database's sync API or its exports)."""


@group.command("pull")
@click.option("--from", "source", metavar="FILE_OR_URL",
              help="A file in any supported format, or the sync API's address (default: national.url).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Force the file format instead of detecting it.")
@click.option("--restart", is_flag=True, help="Drop an unfinished pull from the same address instead of continuing it.")
@json_option
@pass_app
def pull_command(app: App, source: str | None, fmt: str | None, restart: bool, as_json: bool) -> None:
    """Store a dated snapshot of the national catalogue; an interrupted pull continues where it stopped."""
    report = snapshots.pull(app.database(), app.settings, source, fmt=fmt, restart=restart,
                            progress=app.ui.progress())
    if as_json:
        app.ui.json(report.as_dict())
        return
    info = report.snapshot
    if info.state == "unchanged":
        app.ui.info(_("Snapshot {}: unchanged since snapshot {} ({} procedures); not stored twice.").format(
            info.id, info.same_as, info.items))
    else:
        app.ui.info(_("Snapshot {}: {} procedures from {}.").format(info.id, info.items, info.source))
    if report.resumed:
        app.ui.info(_("Continued an unfinished pull: {} procedures were already stored.").format(report.kept))
    if report.not_modified:
        app.ui.info(_("{} procedures not modified since the previous snapshot.").format(report.not_modified))
    for note in report.notes:
        app.ui.info(note)


@group.command("list")
@json_option
@pass_app
def list_command(app: App, as_json: bool) -> None:
    """List the snapshots: when, from where, state, how many procedures."""
    found = snapshots.snapshots(app.database())
    if as_json:
        app.ui.json({"snapshots": [s.as_dict() for s in found]})
        return
    rows = [{"id": s.id, "taken": s.taken_at.strftime("%Y-%m-%d %H:%M"), "state": s.state, "kind": s.kind,
             "source": s.source, "items": s.items, "same": s.same_as or ""} for s in found]
    app.ui.table(rows, [Column("#", "id", justify="right"), Column(_("Taken"), "taken"), Column(_("State"), "state"),
                        Column(_("From"), "kind"), Column(_("Source"), "source", max_width=60),
                        Column(_("Procedures"), "items", justify="right"), Column(_("Same as"), "same")])
