"""``roadmap evidence``, ``roadmap progress``, ``roadmap measure`` and ``roadmap erase-person``:
recording what was heard and how the roadmap moves, quickly, right after an interview or a
steering group meeting; and erasing a person's name everywhere."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option
from roadmap.i18n import _, ngettext

if TYPE_CHECKING:
    from pydantic import BaseModel

METHODS = ("interview", "workshop", "survey", "document", "data")
HEALTH = ("on_track", "at_risk", "off_track")
STATUSES = ("planned", "in_progress", "done", "dropped")


def _day(value: object) -> date:
    from roadmap.clock import today

    return value.date() if value is not None else today()  # type: ignore[attr-defined]


def _not_saved(exc: Exception) -> None:
    """Exit naming what is wrong: each field of a record that does not validate, or the
    references the plan lacks."""
    from pydantic import ValidationError

    from roadmap.i18n.validation import error_message

    if isinstance(exc, ValidationError):
        problems = "; ".join(
            f"{'.'.join(map(str, error['loc']))}: {error_message(error)}"
            for error in exc.errors(include_url=False)
        )
    else:
        problems = str(exc)
    fail(_("Not saved: {problems}", problems=problems))


def _checked(model: type[BaseModel], **values: object):
    """``model`` validated from ``values``, or exit naming each field that is wrong."""
    from pydantic import ValidationError

    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        _not_saved(exc)


DATE = click.DateTime(["%Y-%m-%d"])


@cli.group(help=_("Evidence: what an interview, workshop, survey, document or data set showed."))
def evidence() -> None:
    """The evidence commands."""


@evidence.command("add", help=_("Record a piece of evidence and the needs it supports."))
@plan_option
@click.option("--method", type=click.Choice(METHODS), default="interview", show_default=True,
              help=_("How it was gathered."))  # fmt: skip
@click.option("--date", "when", type=DATE, default=None, help=_("Default: today."))
@click.option("--stakeholder", metavar="KEY", help=_("The actor it came from."))
@click.option("--need", "needs", metavar="KEY", multiple=True, help=_("A need it supports."))
@click.option("--summary", default="", help=_("What was learnt, in a sentence or two."))
@click.option("--quote", default="", help=_("A short quote."))
@click.option("--recorded-by", metavar="PERSON", help=_("The person who recorded it."))
@click.option("--person", metavar="PERSON", help=_("The person it came from."))
@click.option("--personal", is_flag=True, help=_("The summary or quote holds personal data."))
@click.option("--key", metavar="KEY", help=_("Default: the next EV-<n>."))
@pass_ctx
def evidence_add(ctx: Context, plan_slug: str | None, when, key: str | None, **fields) -> None:
    """Record a piece of evidence."""
    from pydantic import ValidationError

    from roadmap.services.followup import NotFoundError, add_evidence

    fields["needs"] = list(fields["needs"])
    values = {k: v for k, v in fields.items() if v is not None}
    plan = ctx.find_plan(plan_slug)
    assert plan.id is not None  # a stored plan
    try:
        key = add_evidence(ctx.store, plan.id, {**values, "date": _day(when)}, key)
    except (ValidationError, NotFoundError) as exc:
        _not_saved(exc)
    click.echo(_("Saved {key}", key=key))


@evidence.command(
    "import",
    help=_(
        "Import interview notes from a spreadsheet (Excel .xlsx, or CSV), one piece of evidence "
        "a row (columns: date, method, actor, needs, summary, quote, recorded by; in English, "
        "Finnish or Swedish). Every problem is named at once, and nothing is stored unless all "
        "rows are right."
    ),
)
@plan_option
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))
@pass_ctx
def evidence_import(ctx: Context, plan_slug: str | None, path: str) -> None:
    """Import interview notes, all rows or none."""
    from roadmap.io.planfile import PlanFileError, read_bytes
    from roadmap.services.followup import import_evidence

    plan = ctx.find_plan(plan_slug)

    assert plan.id is not None  # a stored plan
    try:
        count = import_evidence(ctx.store, plan.id, read_bytes(path), path)
    except PlanFileError as exc:
        fail(_("Not saved: {problems}", problems="\n" + "\n".join(exc.messages)))
    click.echo(
        _(
            "Imported {evidence}",
            evidence=ngettext("{n} piece of evidence", "{n} pieces of evidence", count),
        )
    )


@evidence.command(
    "list", help=_("The plan's evidence, newest first: key, date, method, actor and needs.")
)
@plan_option
@pass_ctx
def evidence_list(ctx: Context, plan_slug: str | None) -> None:
    """The plan's evidence, newest first: key, date, method, actor and needs."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from roadmap.i18n.terms import method_word
    from roadmap.services.followup import plan_evidence

    plan_id = ctx.find_plan(plan_slug).id
    assert plan_id is not None  # a stored plan
    found = plan_evidence(ctx.store, plan_id)
    table = Table(box=None, pad_edge=False)
    for column in (_("Key"), _("Date"), _("Method"), _("Actor"), _("Needs")):
        table.add_column(column)
    for ev in found:
        method = method_word(ev.method)
        cells = (ev.key, ev.date.isoformat(), method, ev.stakeholder or "–", ", ".join(ev.needs))
        table.add_row(*(Text(cell) for cell in cells))
    Console(highlight=False).print(table)
    click.echo(ngettext("{n} piece of evidence", "{n} pieces of evidence", len(found)))


@cli.group(help=_("Progress of the items under way."))
def progress() -> None:
    """The progress commands."""


@progress.command("record", help=_("Record where ITEM stands: share done, health and a note."))
@plan_option
@click.argument("item", metavar=_("ITEM"))
@click.option("--done", type=click.FloatRange(0, 100), required=True, help=_("Percent done."))
@click.option(
    "--health",
    type=click.Choice(HEALTH),
    default="on_track",
    show_default=True,
    help=_("How the item stands."),
)
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default="in_progress",
    show_default=True,
    help=_("The item's status from now on."),
)
@click.option("--note", default="", help=_("A note on where it stands."))
@click.option("--date", "when", type=DATE, default=None, help=_("Default: today."))
@click.option("--responsible", metavar="PERSON", help=_("Make this person responsible for it."))
@pass_ctx
def progress_record(
    ctx: Context,
    plan_slug: str | None,
    item: str,
    done: float,
    health: str,
    status: str,
    note: str,
    when,
    responsible: str | None,
) -> None:
    """Record an item's progress."""
    from roadmap.model.evidence import ProgressUpdateIn
    from roadmap.services.followup import NotFoundError, record_progress

    update = _checked(
        ProgressUpdateIn, date=_day(when), status=status, done=done / 100, health=health, note=note
    )
    plan = ctx.find_plan(plan_slug)
    assert plan.id is not None  # a stored plan
    try:
        record_progress(ctx.store, plan.id, item, update, responsible)
    except NotFoundError as exc:
        _not_saved(exc)
    click.echo(_("Saved {key}", key=item))


@cli.group(help=_("Follow-up readings of the goals' measures."))
def measure() -> None:
    """The measure commands."""


@measure.command("record", help=_("Record a reading VALUE of the measure KEY."))
@plan_option
@click.argument("key", metavar=_("KEY"))
@click.argument("value", type=float, metavar=_("VALUE"))
@click.option("--date", "when", type=DATE, default=None, help=_("Default: today."))
@click.option("--note", default="", help=_("A note on the reading."))
@pass_ctx
def measure_record(
    ctx: Context, plan_slug: str | None, key: str, value: float, when, note: str
) -> None:
    """Record a measure's reading."""
    from roadmap.model.evidence import MeasureValueIn
    from roadmap.services.followup import NotFoundError, record_measure

    reading = _checked(MeasureValueIn, date=_day(when), value=value, note=note)
    plan = ctx.find_plan(plan_slug)
    assert plan.id is not None  # a stored plan
    try:
        record_measure(ctx.store, plan.id, key, reading)
    except NotFoundError as exc:
        _not_saved(exc)
    click.echo(_("Saved {key}", key=key))


@cli.command(
    "erase-person",
    help=_(
        "Erase NAME from every plan of the database: people, evidence, workshop records and "
        "baselines. Says which backups beside the database still hold the name."
    ),
)
@click.argument("name", metavar=_("NAME"))
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@pass_ctx
def erase_person_command(ctx: Context, name: str, yes: bool) -> None:
    """Erase a person's name everywhere."""
    from roadmap.services.followup import erase_person

    if not yes:
        click.confirm(
            _("Erase {name} everywhere in {db}?", name=name, db=ctx.store.describe()), abort=True
        )
    try:
        done = erase_person(ctx.store, name)
    except ValueError as exc:
        fail(str(exc))
    click.echo(
        _(
            "Erased: {people}, {evidence}, {participants}, {notes}, {baselines}.",
            people=ngettext("{n} person", "{n} people", done.people),
            evidence=ngettext("{n} piece of evidence", "{n} pieces of evidence", done.evidence),
            participants=ngettext(
                "{n} workshop participant", "{n} workshop participants", done.participants
            ),
            notes=ngettext("{n} workshop note", "{n} workshop notes", done.notes),
            baselines=ngettext("{n} baseline", "{n} baselines", done.baselines),
        )
    )
    if ctx.store.path is None:
        click.echo(_("Backups of the server database are not checked here."))
        return
    if done.backups:
        click.echo(_("These backups still hold the name:"))
        for backup in done.backups:
            click.echo(f"  {backup}")
    else:
        click.echo(_("No backup beside the database holds the name."))
    click.echo(_("Copies made elsewhere (roadmap backup, exports) are not checked."))
