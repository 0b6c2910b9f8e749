"""Commands that move plan data in and out: ``roadmap import`` and ``roadmap export-data``.

Imports are all-or-nothing: the whole file is read and checked first, then written in one
transaction. On any problem every message (up to :data:`SHOWN`) goes to stderr, the command
exits with 1 and the database is as it was.

A YAML or JSON file is a whole plan and becomes a new plan; ``--replace`` replaces the plan
that has its slug. A CSV file or Excel workbook holds items and goes into the plan named by
``--plan`` (or into a new plan, ``--new-plan NAME``): rows with a new key add items, rows with a
key the plan has update that item in the columns the file has, and no item is deleted. Themes,
owners, teams and stakeholders the file names and the plan lacks are created and listed
(``--no-create`` refuses them); ``--dry-run`` shows all of it and writes nothing. Warnings about
the file (columns not imported) are printed whether or not the import succeeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs
from roadmap.clock import today
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


@cli.command(
    "import",
    help=_(
        "Import FILE: a whole plan (.yaml, .yml, .json; - reads stdin) or items (.csv, .xlsx).\n\n"
        "A plan file becomes a new plan (--plan SLUG gives it that slug). Spreadsheet rows add "
        "items to the plan chosen with --plan, or update the items whose keys they have; empty "
        "cells clear a field, columns the file lacks stay as stored. Themes, owners and teams "
        "may be named instead of keyed; names the plan lacks are created and listed."
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
    help=_("CSV/Excel: read COLUMN as item field FIELD (score:<criterion>, - to skip it)."),
)
@click.option(
    "--new-plan", metavar="NAME", help=_("CSV/Excel: put the items into a new plan NAME.")
)
@click.option(
    "--sheet", "sheet_name", metavar="NAME", help=_("Excel: the sheet to read items from.")
)
@click.option(
    "--dry-run", is_flag=True, help=_("CSV/Excel: show what would be added, updated and created.")
)
@click.option(
    "--no-create",
    is_flag=True,
    help=_("CSV/Excel: refuse themes, organisations and teams the plan does not have yet."),
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
    from roadmap.io.planfile import PlanFileError, file_format

    warnings: list[str] = []
    try:
        fmt = "yaml" if path == "-" else file_format(path)
        if fmt in ("csv", "xlsx"):
            if replace:
                fail(_("--replace is for YAML and JSON plan files"))
            if sheet_name and fmt != "xlsx":
                fail(_("--sheet is for Excel workbooks (.xlsx)"))
            items = _ItemsImport(path, fmt, plan_slug, maps, new_plan, sheet_name, not no_create)
            _import_items(ctx, items, warnings, dry_run=dry_run)
        else:
            if maps or new_plan or sheet_name or dry_run or no_create:
                fail(
                    _("--map, --new-plan, --sheet, --dry-run and --no-create are for spreadsheets")
                )
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
    from roadmap.services.plans import PlanExistsError, import_plan

    from .progress import progress

    with progress(_("Reading {name}", name=path), None):
        doc = load_plan(path)
    if slug is not None:
        try:
            plan_in = PlanIn.model_validate({**doc.plan.model_dump(), "slug": slug})
        except ValidationError:
            fail(
                _("--plan {slug}: a slug holds lower-case letters, digits and '-'", slug=repr(slug))
            )
        doc = doc.model_copy(update={"plan": plan_in})
    with progress(_("Writing {n} items", n=len(doc.items)), None):
        try:
            slug = import_plan(ctx.store, doc, replace=replace).slug
        except PlanExistsError as exc:
            fail(
                _(
                    "the database already has a plan {slug}: use --replace to replace it, "
                    "or --plan NEW-SLUG to import this one beside it",
                    slug=repr(exc.args[0]),
                )
            )
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

        from .progress import progress

        mapping = parse_mapping(self.maps)
        data = read_bytes(self.path)
        criteria = [c.key for c in doc.criteria]
        lines = data.count(b"\n") if self.fmt == "csv" else None
        with progress(_("Reading {name}", name=self.path), lines) as step:
            if self.fmt == "xlsx":
                sheet = read_items_xlsx(
                    data,
                    name=self.path,
                    criteria=criteria,
                    mapping=mapping,
                    sheet=self.sheet_name,
                    step=step,
                )
            else:
                sheet = read_items_csv(
                    data, name=self.path, criteria=criteria, mapping=mapping, step=step
                )
        warnings += sheet.warnings
        with progress(_("Checking the rows"), len(sheet.rows)) as step:
            imported = import_sheet(doc, sheet, create=self.create, step=step)
        return imported, sheet


def _import_items(ctx: Context, job: _ItemsImport, warnings: list[str], *, dry_run: bool) -> None:
    """Items of a CSV file or Excel workbook into a plan: all of them, or (on any problem)
    none. A new plan is made only once the whole file is known to be good, so that a failed
    import leaves no database file behind either."""
    from pydantic import ValidationError

    from roadmap.model.inputs import PlanIn
    from roadmap.services.importing import NotFoundError, WriteConflict, import_items

    plan_in = None
    if job.new_plan is not None:
        try:
            plan_in = PlanIn(name=job.new_plan, slug=job.slug, start_date=today())
        except ValidationError as exc:
            from roadmap.i18n.validation import error_message

            fail(f"--new-plan/--plan: {error_message(exc.errors()[0])}")

    def read(doc):
        warnings.clear()  # a try again reads the sheet again
        return job.read(doc, warnings)

    try:
        done = import_items(
            lambda: ctx.store,
            read,
            slug=job.slug or ctx.plan_slug,
            new_plan=plan_in,
            dry_run=dry_run,
        )
    except NotFoundError as exc:
        fail(_("{problem} (or give --new-plan NAME to create one)", problem=exc))
    except WriteConflict as exc:
        fail(str(exc))
    _summary(done.imported, done.sheet, done.slug, done.counts)


def _summary(imported, sheet, slug: str, counts: tuple[int, int] | None) -> None:
    """What the import did (``counts``: items added and updated), or with ``None`` what it
    would do (--dry-run)."""
    from roadmap.io.matching import DEFAULT_TEAM_CAPACITY
    from roadmap.model.bidi import visible

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
        added, changed = counts
        click.echo(
            _(
                "Imported {added} new and {updated} updated items into plan {slug}",
                added=added,
                updated=changed,
                slug=repr(slug),
            )
        )
    n = {kind: len(rows) for kind, rows in imported.created.items()}
    n["need"] = len(imported.needs.needs)
    created = [
        text
        for kind, text in (
            ("theme", ngettext("{n} theme", "{n} themes", n["theme"])),
            ("team", ngettext("{n} team", "{n} teams", n["team"])),
            ("organisation", ngettext("{n} organisation", "{n} organisations", n["organisation"])),
            ("stakeholder", ngettext("{n} stakeholder", "{n} stakeholders", n["stakeholder"])),
            ("need", ngettext("{n} need", "{n} needs", n["need"])),
        )
        if n[kind]
    ]
    if created:
        what = ", ".join(created)
        click.echo(
            _("Would create {what}", what=what) if dry_run else _("Created {what}", what=what)
        )
        for kind, word in (
            ("theme", _("theme")),
            ("team", _("team")),
            ("organisation", _("organisation")),
            ("stakeholder", _("stakeholder")),
        ):
            for row in imported.created[kind]:
                click.echo(f"  {word} {row.key}: {visible(row.name)}")
        need_word = _("need")
        for need in imported.needs.needs:
            click.echo(f"  {need_word} {need.key}: {visible(need.text)}")
    if imported.created["team"]:
        capacity = format(DEFAULT_TEAM_CAPACITY, "g")
        click.echo(
            _(
                "New teams have a capacity of {capacity} per period until you set it; "
                "`roadmap check` lists them",
                capacity=capacity,
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
    type=click.Choice(["yaml", "json", "csv", "xlsx"]),
    default=None,
    help=_(
        "yaml or json: the whole plan; csv or xlsx: its items. Default: by -o's suffix, else yaml."
    ),
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
    from roadmap.io.xlsx_items import write_items_xlsx
    from roadmap.services.plans import read_document

    from .progress import progress

    if fmt is None:
        try:
            fmt = "yaml" if output == "-" else file_format(output)
        except PlanFileError as exc:
            fail(_("{problem} (or choose one with --format)", problem=exc))
    with progress(_("Exporting"), None):
        plan = ctx.find_plan(plan_slug)
        assert plan.id is not None  # a stored plan
        doc = read_document(ctx.sound_store(), plan.id)
        try:
            data = {
                "yaml": lambda: dump_yaml(doc).encode(),
                "json": lambda: dump_json(doc).encode(),
                "csv": lambda: write_items_csv(doc),
                "xlsx": lambda: write_items_xlsx(doc),
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
