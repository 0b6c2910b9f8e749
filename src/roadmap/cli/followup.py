"""``roadmap evidence``, ``roadmap progress``, ``roadmap measure`` and ``roadmap erase-person``:
recording what was heard and how the roadmap moves, quickly, right after an interview or a
steering group meeting; and erasing a person's name everywhere."""

from __future__ import annotations

from datetime import date

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option
from roadmap.i18n import _, ngettext

METHODS = ("interview", "workshop", "survey", "document", "data")
HEALTH = ("on_track", "at_risk", "off_track")
STATUSES = ("planned", "in_progress", "done", "dropped")


def _day(value: object) -> date:
    return value.date() if value is not None else date.today()  # type: ignore[attr-defined]


def _checked(model: type, **values: object):
    """``model`` validated from ``values``, or exit naming each field that is wrong."""
    from pydantic import ValidationError

    try:
        return model.model_validate({k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        from roadmap.i18n.validation import error_message

        problems = [
            f"{'.'.join(map(str, error['loc']))}: {error_message(error)}"
            for error in exc.errors(include_url=False)
        ]
        fail(_("Not saved: {problems}", problems="; ".join(problems)))


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
    from roadmap.model.evidence import EvidenceIn
    from roadmap.store.followup_edits import add_evidence, next_evidence_key
    from roadmap.store.repo import NotFoundError

    fields["needs"] = list(fields["needs"])
    with ctx.store.write() as session:
        plan = ctx.find_plan(plan_slug)
        key = key or next_evidence_key(session=session, plan_id=plan.id)
        record = _checked(EvidenceIn, key=key, date=_day(when), **fields)
        try:
            add_evidence(session=session, plan_id=plan.id, evidence=record)
        except NotFoundError as exc:
            fail(_("Not saved: {problems}", problems=str(exc)))
    click.echo(_("Saved {key}", key=key))


@evidence.command(
    "import",
    help=_(
        "Import interview notes from a spreadsheet saved as CSV, one piece of evidence a row "
        "(columns: date, method, actor, needs, summary, quote, recorded by; in English, Finnish "
        "or Swedish). Every problem is named at once, and nothing is stored unless all rows are "
        "right."
    ),
)
@plan_option
@click.argument("path", metavar="FILE.csv", type=click.Path(dir_okay=False))
@pass_ctx
def evidence_import(ctx: Context, plan_slug: str | None, path: str) -> None:
    """Import interview notes, all rows or none."""
    from roadmap.io.evidence_csv import read_evidence_csv
    from roadmap.io.planfile import PlanFileError, read_bytes
    from roadmap.store.followup_edits import add_evidence
    from roadmap.store.plan_read import read_plan

    with ctx.store.write() as session:
        plan = ctx.find_plan(plan_slug)
        doc = read_plan(session=session, plan_id=plan.id, scores=False)
        try:
            records = read_evidence_csv(read_bytes(path), name=path, doc=doc)
        except PlanFileError as exc:
            fail(_("Not saved: {problems}", problems="\n" + "\n".join(exc.messages)))
        for record in records:
            add_evidence(session=session, plan_id=plan.id, evidence=record)
    click.echo(
        _(
            "Imported {evidence}",
            evidence=ngettext("{n} piece of evidence", "{n} pieces of evidence", len(records)),
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

    from roadmap.store.plan_read import read_plan

    with ctx.store.read() as session:
        plan = ctx.find_plan(plan_slug)
        doc = read_plan(session=session, plan_id=plan.id, scores=False)
    table = Table(box=None, pad_edge=False)
    for column in (_("Key"), _("Date"), _("Method"), _("Actor"), _("Needs")):
        table.add_column(column)
    for ev in sorted(doc.evidence, key=lambda x: x.date, reverse=True):
        table.add_row(
            ev.key, ev.date.isoformat(), ev.method, ev.stakeholder or "–", ", ".join(ev.needs)
        )
    Console(highlight=False).print(table)
    click.echo(ngettext("{n} piece of evidence", "{n} pieces of evidence", len(doc.evidence)))


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
    from roadmap.store.followup_edits import record_progress
    from roadmap.store.repo import NotFoundError

    update = _checked(
        ProgressUpdateIn, date=_day(when), status=status, done=done / 100, health=health, note=note
    )
    with ctx.store.write() as session:
        plan = ctx.find_plan(plan_slug)
        try:
            record_progress(
                session=session,
                plan_id=plan.id,
                item_key=item,
                progress=update,
                responsible=responsible,
            )
        except NotFoundError as exc:
            fail(_("Not saved: {problems}", problems=str(exc)))
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
    from roadmap.store.followup_edits import record_measure
    from roadmap.store.repo import NotFoundError

    reading = _checked(MeasureValueIn, date=_day(when), value=value, note=note)
    with ctx.store.write() as session:
        plan = ctx.find_plan(plan_slug)
        try:
            record_measure(session=session, plan_id=plan.id, measure_key=key, reading=reading)
        except NotFoundError as exc:
            fail(_("Not saved: {problems}", problems=str(exc)))
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
    from roadmap.store.followup_edits import backups_holding, erase_person

    if not yes:
        click.confirm(
            _("Erase {name} everywhere in {db}?", name=name, db=ctx.store.describe()), abort=True
        )
    with ctx.store.write() as session:
        try:
            done = erase_person(session=session, name=name)
        except ValueError as exc:
            fail(str(exc))
    path = ctx.store.path
    if path is not None:
        _purge(ctx)
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
    if path is None:
        click.echo(_("Backups of the server database are not checked here."))
        return
    holding = backups_holding(path, name)
    if holding:
        click.echo(_("These backups still hold the name:"))
        for backup in holding:
            click.echo(f"  {backup}")
    else:
        click.echo(_("No backup beside the database holds the name."))
    click.echo(_("Copies made elsewhere (roadmap backup, exports) are not checked."))


def _purge(ctx: Context) -> None:
    """Rewrite the SQLite file so that the erased text leaves its free pages and its log."""
    raw = ctx.store.engine.raw_connection()
    try:
        driver = raw.driver_connection
        driver.execute("VACUUM")
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
