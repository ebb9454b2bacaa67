"""``tthc export``: the catalogue as XML for the portal (valid against the shipped XSD)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from tthc_tools.cli import translated
from tthc_tools.cli.app import App, json_option, pass_app
from tthc_tools.cli.catalog import as_of_option, filter_options, make_filters
from tthc_tools.errors import ExitCode
from tthc_tools.export.catalog import FORMATS, export_catalog
from tthc_tools.i18n import _
from tthc_tools.ui import Column


@click.group("export", cls=translated.Group)
def group() -> None:
    """Export the catalogue for other systems."""


@group.command("xml")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE",
              help="Where to write (default: exports/tthc-catalog.xml, or …-changes.xml with --since).")
@filter_options
@as_of_option
@click.option("--since", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), metavar="DATE",
              help="Only what changed since this date, each item marked new / amended / abolished.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="tthc", show_default=True,
              help="The tool's XML (valid against its XSD) or the EU CPSV-AP vocabulary (RDF/XML).")
@click.option("--validate", "validate_path", type=click.Path(path_type=Path), metavar="FILE",
              help="Check FILE against the schema instead of exporting; errors with line numbers.")
@json_option
@pass_app
def xml_command(app: App, output: Path | None, levels: tuple[str, ...], field_: str | None, agency: str | None,
                category: int | None, status: str | None, as_of: dt.datetime | None, since: dt.datetime | None,
                fmt: str, validate_path: Path | None, as_json: bool) -> int:
    """Write the catalogue as XML: whole, filtered, as of a date, or what changed since a date."""
    if validate_path is not None:
        return _validate(app, validate_path, as_json)
    default = "tthc-catalog-changes.xml" if since else "tthc-catalog.xml"
    target = output or app.settings.exports_dir / (default if fmt == "tthc" else default.replace(".xml", ".rdf"))
    report = export_catalog(
        app.database(), target, as_of=as_of.date() if as_of else None, since=since.date() if since else None,
        filters=make_filters(levels, field_, agency, category, status), fmt=fmt, progress=app.ui.progress(),
    )
    summary = {"path": str(report.path), "count": report.count, "catalogue_hash": report.catalogue_hash,
               "size": report.size, "changed": report.changed, "seconds": round(report.seconds, 3)}
    if as_json:
        app.ui.json(summary)
    else:
        state = _("written") if report.changed else _("unchanged (the file already held exactly this)")
        app.ui.info(_("{count} procedures → {path}: {state}").format(count=report.count, path=report.path, state=state))
    return ExitCode.OK


def _validate(app: App, path: Path, as_json: bool) -> int:
    from tthc_tools.export.xml_read import validate_file
    from tthc_tools.model import to_dict

    problems = validate_file(path, progress=app.ui.progress())
    if as_json:
        app.ui.json({"path": str(path), "valid": not problems, "problems": [to_dict(p) for p in problems]})
    elif problems:
        app.ui.table([{"where": p.where(), "code": p.code, "message": p.message} for p in problems],
                     [Column(_("Where"), "where"), Column(_("Code"), "code"), Column(_("Problem"), "message", max_width=80)])
    else:
        app.ui.info(_("{}: valid").format(path))
    return ExitCode.BAD_INPUT if problems else ExitCode.OK
