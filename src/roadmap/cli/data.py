"""Commands that move plan data in and out: ``roadmap import`` and ``roadmap export-data``.

Imports are all-or-nothing: the whole file is read and checked first, then written in one
transaction. On any problem every message (up to :data:`SHOWN`) goes to stderr, the command
exits with 1 and the database is as it was.

A YAML or JSON file is a whole plan and becomes a new plan; ``--replace`` replaces the plan
that has its slug. A CSV file holds items and goes into the plan named by ``--plan`` (or into a
new plan, ``--new-plan NAME``): rows with a new key add items, rows with a key the plan has
update that item in the columns the file has, and no item is deleted.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option
from roadmap.i18n import _, ngettext

SHOWN = 50
"""Most problems printed; the rest are counted."""


def _report(messages: list[str]) -> None:
    for message in messages[:SHOWN]:
        click.echo(message, err=True)
    if len(messages) > SHOWN:
        more = len(messages) - SHOWN
        click.echo(
            ngettext("... and {n} more problem", "... and {n} more problems", more), err=True
        )
    fail(
        ngettext(
            "{n} problem found; nothing was imported",
            "{n} problems found; nothing was imported",
            len(messages),
        )
    )


@cli.command(
    "import",
    help=_(
        "Import FILE: a whole plan (.yaml, .yml, .json; - reads stdin) or items (.csv).\n\n"
        "A plan file becomes a new plan (--plan SLUG gives it that slug). CSV rows add items to "
        "the plan chosen with --plan, or update the items whose keys they have; empty cells "
        "clear a field, columns the file lacks stay as stored."
    ),
)
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True))
@plan_option
@click.option("--replace", is_flag=True, help=_("YAML/JSON: replace the plan with the same slug."))
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar='"COLUMN=FIELD"',
    help=_("CSV: read COLUMN as item field FIELD (score:<criterion> for scores, - to skip it)."),
)
@click.option("--new-plan", metavar="NAME", help=_("CSV: put the items into a new plan NAME."))
@pass_ctx
def import_(
    ctx: Context,
    path: str,
    plan_slug: str | None,
    replace: bool,
    maps: tuple[str, ...],
    new_plan: str | None,
) -> None:
    from roadmap.io.planfile import PlanFileError, file_format

    try:
        fmt = "yaml" if path == "-" else file_format(path)
        if fmt == "csv":
            if replace:
                fail(_("--replace is for YAML and JSON plan files"))
            _import_csv(ctx, path, plan_slug, maps, new_plan)
        else:
            if maps or new_plan:
                fail(_("--map and --new-plan are for CSV files"))
            _import_plan(ctx, path, plan_slug, replace)
    except PlanFileError as exc:
        _report(exc.messages)


def _import_plan(ctx: Context, path: str, slug: str | None, replace: bool) -> None:
    from pydantic import ValidationError

    from roadmap.io.planfile import load_plan
    from roadmap.model.inputs import PlanIn
    from roadmap.store.plan_write import write_plan
    from roadmap.store.repo import list_plans, slugify

    doc = load_plan(path)
    if slug is not None:
        try:
            plan_in = PlanIn.model_validate({**doc.plan.model_dump(), "slug": slug})
        except ValidationError:
            fail(
                _("--plan {slug}: a slug holds lower-case letters, digits and '-'", slug=repr(slug))
            )
        doc = doc.model_copy(update={"plan": plan_in})
    wanted = doc.plan.slug or slugify(doc.plan.name)
    # A new plan's rows were all checked: only replacing deletes, which needs the cascades.
    with ctx.store.write(foreign_keys=replace) as session:
        if not replace and wanted in {p.slug for p in list_plans(session=session)}:
            fail(
                _(
                    "the database already has a plan {slug}: use --replace to replace it, "
                    "or --plan NEW-SLUG to import this one beside it",
                    slug=repr(wanted),
                )
            )
        plan = write_plan(session=session, doc=doc, replace=replace)
        slug = plan.slug
    click.echo(
        _(
            "Imported plan {plan} ({items}) into {database}",
            plan=repr(slug),
            items=ngettext("{n} item", "{n} items", len(doc.items)),
            database=ctx.store.describe(),
        )
    )


def _import_csv(
    ctx: Context, path: str, slug: str | None, maps: tuple[str, ...], new_plan: str | None
) -> None:
    from pydantic import ValidationError

    from roadmap.io.csv_items import merge_items, parse_mapping, read_items_csv
    from roadmap.io.planfile import read_bytes
    from roadmap.model.inputs import PlanIn
    from roadmap.store.plan_read import read_plan
    from roadmap.store.plan_write import write_items
    from roadmap.store.repo import NotFoundError, create_plan, find_plan

    mapping = parse_mapping(maps)
    data = read_bytes(path)
    plan_in = None
    if new_plan is not None:
        try:
            plan_in = PlanIn(name=new_plan, slug=slug, start_date=date.today())
        except ValidationError as exc:
            fail(f"--new-plan/--plan: {exc.errors()[0]['msg']}")
    with ctx.store.write() as session:
        if plan_in is not None:
            plan = create_plan(session=session, plan_in=plan_in)
        else:
            try:
                plan = find_plan(session=session, slug=slug)
            except NotFoundError as exc:
                fail(_("{problem} (or give --new-plan NAME to create one)", problem=exc))
        doc = read_plan(session=session, plan_id=plan.id)
        sheet = read_items_csv(
            data, name=path, criteria=[c.key for c in doc.criteria], mapping=mapping
        )
        _merged, changed = merge_items(doc, sheet)
        added, updated = write_items(session=session, plan_id=plan.id, items=changed)
        slug = plan.slug
    for warning in sheet.warnings:
        click.secho(_("Warning: {message}", message=warning), fg="yellow", err=True)
    click.echo(
        _(
            "Imported {added} new and {updated} updated items into plan {plan}",
            added=added,
            updated=updated,
            plan=repr(slug),
        )
    )


@cli.command("export-data", help=_("Write the plan as data that `roadmap import` reads back."))
@plan_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json", "csv"]),
    default=None,
    help=_("yaml or json: the whole plan; csv: its items. Default: by -o's suffix, else yaml."),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help=_("File to write (default: standard output)."),
)
@pass_ctx
def export_data(ctx: Context, plan_slug: str | None, fmt: str | None, output: str) -> None:
    from roadmap.io.csv_items import write_items_csv
    from roadmap.io.planfile import PlanFileError, dump_json, dump_yaml, file_format
    from roadmap.store.plan_read import read_plan

    if fmt is None:
        try:
            fmt = "yaml" if output == "-" else file_format(output)
        except PlanFileError as exc:
            fail(_("{problem} (or choose one with --format)", problem=exc))
    with ctx.store.read() as session:
        plan = ctx.find_plan(session, plan_slug)
        doc = read_plan(session=session, plan_id=plan.id)
    try:
        data = {
            "yaml": lambda: dump_yaml(doc).encode(),
            "json": lambda: dump_json(doc).encode(),
            "csv": lambda: write_items_csv(doc),
        }[fmt]()
    except ValueError as exc:
        fail(str(exc))
    if output == "-":
        click.echo(data, nl=False)
    else:
        _write_atomically(Path(output), data)
        click.echo(_("Wrote plan {plan} to {file}", plan=repr(plan.slug), file=output), err=True)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
