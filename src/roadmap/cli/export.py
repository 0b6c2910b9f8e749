"""``roadmap export``: stakeholder documents (Markdown, HTML), a CSV roadmap, a calendar, and
the minutes of a workshop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs
from roadmap.i18n import _
from roadmap.io.outfiles import Outputs


@cli.command()
@click.argument(
    "formats",
    metavar="md|html|csv|ics|minutes...",
    nargs=-1,
    required=True,
    type=click.Choice(["md", "html", "csv", "ics", "minutes"]),
)
@plan_option
@click.option(
    "--session",
    "session_name",
    metavar="NAME",
    help=_("minutes: the workshop (default: the latest)."),
)
@click.option(
    "--lang",
    type=click.Choice(["fi", "sv", "en"]),
    default=None,
    help=_("Language of the export (default: every language of the plan)."),
)
@click.option("--baseline", metavar="NAME", default=None, help=_("Show changes since a baseline."))
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="exports",
    show_default=True,
    help=_("Directory to write into."),
)
@click.option(
    "--date",
    "when",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help=_(
        "The date the export says it was generated "
        "(default: $SOURCE_DATE_EPOCH as a UTC date, else today)."
    ),
)
@pass_ctx
def export(
    ctx: Context,
    formats: tuple[str, ...],
    plan_slug: str | None,
    session_name: str | None,
    lang: str | None,
    baseline: str | None,
    output: str,
    when,
) -> None:
    """Write the plan in each FORMAT into --output, one file per language, and print the paths.

    md and html: the stakeholder document; csv: the sequenced roadmap for spreadsheets;
    ics: milestones and period starts for calendars; minutes: the record of a workshop in
    Markdown. The plan is read and sequenced once for all formats. The same data and date give
    byte-identical files. Each file is written whole or not at all; the folders created and
    the files replaced are named on stderr. A damaged database is refused.
    """
    outputs = Outputs()
    with outputs.all_or_folders_removed():
        if "minutes" in formats:
            _write_minutes(ctx, plan_slug, session_name, lang, Path(output), outputs)
            formats = tuple(fmt for fmt in formats if fmt != "minutes")
        if formats:
            loaded = _load(ctx, plan_slug, baseline)
            _write(loaded, formats, lang, baseline, output, when, outputs)
    report_outputs(outputs)


def _write(
    loaded: _Loaded,
    formats: tuple[str, ...],
    lang: str | None,
    baseline: str | None,
    output: str,
    when,
    outputs: Outputs,
) -> None:
    """Each format in each language into directory ``output``; prints the paths."""
    from roadmap.io.export import file_name, generated_date, render

    languages = [lang] if lang else list(loaded.doc.plan.languages)
    generated = generated_date(when.date() if when else None)
    out = Path(output)
    for fmt in dict.fromkeys(formats):
        for code in languages:
            data = render(
                fmt,
                loaded.doc,
                loaded.roadmap,
                code,
                generated=generated,
                baseline=baseline,
                changes=loaded.changes,
            )
            path = outputs.write_bytes(out / file_name(loaded.doc, fmt, code), data)
            click.echo(str(path))


def _write_minutes(
    ctx: Context,
    plan_slug: str | None,
    name: str | None,
    lang: str | None,
    out: Path,
    outputs: Outputs,
) -> None:
    """The minutes of workshop ``name`` in each language into ``out``; prints the paths."""
    from roadmap.store.repo import NotFoundError, slugify
    from roadmap.store.workshop_results import minutes_record
    from roadmap.workshop.minutes import render_minutes

    with ctx.sound_store().read() as session:
        plan = ctx.find_plan(session, plan_slug)
        try:
            record = minutes_record(session=session, plan_slug=plan.slug, name=name)
        except NotFoundError as exc:
            fail(_("{problem}; run one with `roadmap workshop` first", problem=exc))
    for code in [lang] if lang else plan.languages:
        path = out / f"{plan.slug}.minutes-{slugify(record.name)}.{code}.md"
        outputs.write_bytes(path, render_minutes(record, code).encode("utf-8"))
        click.echo(str(path))


@dataclass
class _Loaded:
    doc: object
    roadmap: object
    changes: tuple


def _load(ctx: Context, plan_slug: str | None, baseline: str | None) -> _Loaded:
    """The plan as a document, sequenced, and its changes since ``baseline``."""
    from roadmap.engine.from_doc import snapshot_of
    from roadmap.engine.sequence import sequence
    from roadmap.store.plan_read import read_plan

    with ctx.sound_store().read() as session:
        plan = ctx.find_plan(session, plan_slug)
        doc = read_plan(session=session, plan_id=plan.id)
        roadmap = sequence(snapshot_of(doc))
        changes: tuple = ()
        if baseline is not None:
            from roadmap.engine.baseline import diff
            from roadmap.model.periods import Calendar
            from roadmap.store.baselines import load_baseline
            from roadmap.store.repo import NotFoundError

            try:
                before = load_baseline(session=session, plan_id=plan.id, name=baseline)
            except NotFoundError as exc:
                fail(str(exc))
            calendar = Calendar(doc.plan.start_date, doc.plan.period_unit)
            changes = diff(before, roadmap, calendar)
    return _Loaded(doc, roadmap, changes)
