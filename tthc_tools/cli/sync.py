"""``tthc sync``: the nightly pipeline (pull → diff → export → report) under a lock, and its history."""

from __future__ import annotations

from pathlib import Path

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.i18n import _
from tthc_tools.ui import Column


@click.group("sync", cls=translated.Group, invoke_without_command=True)
@click.option("--from", "source", metavar="FILE_OR_URL",
              help="Where to pull the national catalogue from (default: national.url in the settings).")
@click.option("--exports", type=click.Path(path_type=Path), metavar="DIR",
              help="Folder for the exports and the report (default: exports.dir, ./exports).")
@json_option
@click.pass_context
def group(ctx: click.Context, source: str | None, exports: Path | None, as_json: bool) -> int | None:
    """Pull the national catalogue, diff it, write the XML exports and the report; exit 0 when
    nothing is new, 1 when something changed, 7 when another run holds the lock."""
    if ctx.invoked_subcommand is not None:
        return None
    from tthc_tools.sync import run_sync

    app = ctx.find_object(App)
    assert app is not None
    report = run_sync(app.database(), app.settings, source=source, exports=exports, progress=app.ui.progress())
    if as_json:
        app.ui.json(report.as_dict())
    else:
        for note in report.notes:
            app.ui.warn(note)
        for step in report.steps:
            app.ui.info(_("{step}: {status}").format(step=step["step"], status=step.get("result", step["status"])))
        for name, path in report.files.items():
            app.ui.info(f"  {name}: {path}")
        app.ui.info(_("sync {}: {}").format(report.run_id, _("unchanged") if report.status == "unchanged"
                                             else _("changed — new files written")))
    return int(report.exit_code)


@group.command("history")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@json_option
@pass_app
def history_command(app: App, limit: int, as_json: bool) -> None:
    """The last sync runs: when, where, how each step ended."""
    from tthc_tools.store import sync_runs

    runs = sync_runs.history(app.database(), limit)
    if as_json:
        app.ui.json({"runs": [r.as_dict() for r in runs]})
        return
    app.ui.table(
        [{"id": r.id, "started": r.started_at.strftime("%Y-%m-%d %H:%M:%S"), "status": r.status,
          "exit": r.exit_code, "steps": ", ".join(f"{s['step']} {s['status']}" for s in r.steps),
          "error": r.summary.get("error", "")} for r in runs],
        [Column("#", "id", justify="right"), Column(_("Started (UTC)"), "started"), Column(_("Result"), "status"),
         Column(_("Exit"), "exit", justify="right"), Column(_("Steps"), "steps", max_width=50),
         Column(_("Error"), "error", max_width=50)],
    )
