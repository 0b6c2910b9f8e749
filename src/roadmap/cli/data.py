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

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs
from roadmap.i18n import _, ngettext
from roadmap.io.outfiles import Outputs

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


@cli.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, allow_dash=True))
@plan_option
@click.option("--replace", is_flag=True, help=_("YAML/JSON: replace the plan with the same slug."))
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar='"COLUMN=FIELD"',
    help="CSV/Excel: read COLUMN as item field FIELD (score:<criterion>, - to skip it).",
)
@click.option("--new-plan", metavar="NAME", help="CSV/Excel: put the items into a new plan NAME.")
@click.option("--sheet", "sheet_name", metavar="NAME", help="Excel: the sheet to read items from.")
@click.option(
    "--dry-run", is_flag=True, help="CSV/Excel: show what would be added, updated and created."
)
@click.option(
    "--no-create",
    is_flag=True,
    help="CSV/Excel: refuse themes, organisations and teams the plan does not have yet.",
)
@pass_ctx
def import_(
    ctx: Context,
    path: str,
    plan_slug: str | None,
    replace: bool,
    maps: tuple[str, ...],
    new_plan: str | None,
    sheet_name: str | None,
    dry_run: bool,
    no_create: bool,
) -> None:
    """Import FILE: a whole plan (.yaml, .yml, .json; - reads stdin) or items (.csv, .xlsx).

    A plan file becomes a new plan (--plan SLUG gives it that slug). Spreadsheet rows add items
    to the plan chosen with --plan, or update the items whose keys they have; empty cells clear
    a field, columns the file lacks stay as stored. Themes, owners and teams may be named
    instead of keyed; names the plan lacks are created and listed.
    """
    from roadmap.io.planfile import PlanFileError, file_format

    warnings: list[str] = []
    try:
        fmt = "yaml" if path == "-" else file_format(path)
        if fmt in ("csv", "xlsx"):
            if replace:
                fail("--replace is for YAML and JSON plan files")
            if sheet_name and fmt != "xlsx":
                fail("--sheet is for Excel workbooks (.xlsx)")
            items = _ItemsImport(path, fmt, plan_slug, maps, new_plan, sheet_name, not no_create)
            _import_items(ctx, items, warnings, dry_run=dry_run)
        else:
            if maps or new_plan or sheet_name or dry_run or no_create:
                fail("--map, --new-plan, --sheet, --dry-run and --no-create are for spreadsheets")
            _import_plan(ctx, path, plan_slug, replace)
    except PlanFileError as exc:
        _warn(warnings)
        _report(exc.messages)
    _warn(warnings)


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        click.secho(_("Warning: {warning}", warning=warning), fg="yellow", err=True)
    warnings.clear()


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


@dataclass
class _ItemsImport:
    """What ``roadmap import`` was asked to do with a spreadsheet of items."""

    path: str
    fmt: str
    slug: str | None
    maps: tuple[str, ...]
    new_plan: str | None
    sheet_name: str | None
    create: bool

    def read(self, doc, warnings: list[str]):
        """The plan as the sheet makes it (:class:`roadmap.io.sheet.Imported`), and the sheet."""
        from roadmap.io.csv_items import read_items_csv
        from roadmap.io.planfile import read_bytes
        from roadmap.io.sheet import import_sheet, parse_mapping
        from roadmap.io.xlsx_items import read_items_xlsx

        mapping = parse_mapping(self.maps)
        data = read_bytes(self.path)
        criteria = [c.key for c in doc.criteria]
        if self.fmt == "xlsx":
            sheet = read_items_xlsx(
                data, name=self.path, criteria=criteria, mapping=mapping, sheet=self.sheet_name
            )
        else:
            sheet = read_items_csv(data, name=self.path, criteria=criteria, mapping=mapping)
        warnings += sheet.warnings
        return import_sheet(doc, sheet, create=self.create), sheet


def _import_items(ctx: Context, job: _ItemsImport, warnings: list[str], *, dry_run: bool) -> None:
    """Items of a CSV file or Excel workbook into a plan: all of them, or (on any problem)
    none. A new plan is made only once the whole file is known to be good, so that a failed
    import leaves no database file behind either."""
    from pydantic import ValidationError

    from roadmap.model.inputs import PlanDoc, PlanIn
    from roadmap.store.plan_read import read_plan
    from roadmap.store.repo import NotFoundError, create_plan, find_plan

    if job.new_plan is not None:
        try:
            plan_in = PlanIn(name=job.new_plan, slug=job.slug, start_date=date.today())
        except ValidationError as exc:
            fail(f"--new-plan/--plan: {exc.errors()[0]['msg']}")
        imported, sheet = job.read(PlanDoc(plan=plan_in), warnings)
        if dry_run:
            _summary(imported, sheet, job.new_plan, None)
            return
        with ctx.store.write() as session:
            plan = create_plan(session=session, plan_in=plan_in)
            counts = _write_imported(session, plan.id, imported)
            slug = plan.slug
        _summary(imported, sheet, slug, counts)
        return
    opened = ctx.store.read() if dry_run else ctx.store.write()
    with opened as session:
        try:
            plan = find_plan(session=session, slug=job.slug or ctx.plan_slug)
        except NotFoundError as exc:
            fail(f"{exc} (or give --new-plan NAME to create one)")
        doc = read_plan(session=session, plan_id=plan.id)
        imported, sheet = job.read(doc, warnings)
        counts = None if dry_run else _write_imported(session, plan.id, imported)
        slug = plan.slug
    _summary(imported, sheet, slug, counts)


def _write_imported(session, plan_id: int, imported) -> tuple[int, int]:
    """The records an import created, then its items, into the plan ``plan_id``."""
    from roadmap.model import tables as t
    from roadmap.store.plan_write import write_items
    from roadmap.store.rows import add_row, row_columns

    for kind, model in (("organisation", t.Organisation), ("theme", t.Theme), ("team", t.Team)):
        for row in imported.created[kind]:
            values = row.model_dump(exclude={"i18n", "capacity_changes"})
            add_row(
                session=session,
                plan_id=plan_id,
                model=model,
                values=row_columns(session=session, plan_id=plan_id, values=values),
            )
    return write_items(session=session, plan_id=plan_id, items=imported.changed)


def _summary(imported, sheet, slug: str, counts: tuple[int, int] | None) -> None:
    """What the import did (``counts``: items added and updated), or with ``None`` what it
    would do (--dry-run)."""
    from roadmap.io.matching import DEFAULT_TEAM_CAPACITY
    from roadmap.io.visible import visible

    dry_run = counts is None
    if counts is None:
        new = [item.key for item in imported.changed if item.key in imported.new]
        updated = [item.key for item in imported.changed if item.key not in imported.new]
        click.echo(
            _(
                "Would import {added} new and {updated} updated items into plan {slug}",
                added=len(new),
                updated=len(updated),
                slug=repr(slug),
            )
        )
        for label, keys in ((_("new"), new), (_("updated"), updated)):
            if keys:
                click.echo(f"  {label}: {', '.join(keys)}")
    else:
        added, updated = counts
        click.echo(
            _(
                "Imported {added} new and {updated} updated items into plan {slug}",
                added=added,
                updated=updated,
                slug=repr(slug),
            )
        )
    n = {kind: len(rows) for kind, rows in imported.created.items()}
    created = [
        text
        for kind, text in (
            ("theme", ngettext("{n} theme", "{n} themes", n["theme"])),
            ("team", ngettext("{n} team", "{n} teams", n["team"])),
            ("organisation", ngettext("{n} organisation", "{n} organisations", n["organisation"])),
        )
        if n[kind]
    ]
    if created:
        what = ", ".join(created)
        click.echo(
            _("Would create {what}", what=what) if dry_run else _("Created {what}", what=what)
        )
        for kind in ("theme", "team", "organisation"):
            for row in imported.created[kind]:
                click.echo(f"  {kind} {row.key}: {visible(row.name)}")
    if imported.created["team"]:
        click.echo(
            _(
                "New teams have a capacity of {capacity} per period until you set it; "
                "`roadmap check` lists them",
                capacity=f"{DEFAULT_TEAM_CAPACITY:g}",
            )
        )
    for skipped in sheet.skipped:
        click.echo(_("Skipped {what}", what=skipped))
    if dry_run:
        click.echo(_("Nothing was written (--dry-run)"))


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
            fail(f"{exc} (or choose one with --format)")
    with ctx.sound_store().read() as session:
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
        return
    outputs = Outputs()
    with outputs.all_or_folders_removed():
        outputs.write_bytes(Path(output), data)
    report_outputs(outputs)
    click.echo(_("Wrote plan {plan} to {path}", plan=plan.slug, path=output), err=True)
