"""``roadmap export``: stakeholder documents (Markdown, HTML), a CSV roadmap, a calendar, and
the minutes of a workshop."""

from __future__ import annotations

from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs
from roadmap.i18n import _
from roadmap.io.outfiles import Outputs


@cli.command(
    help=_(
        "Write the plan in each FORMAT into --output, one file per language, and print the "
        "paths.\n\nmd and html: the stakeholder document; csv and xlsx: the sequenced roadmap "
        "for spreadsheets; ics: milestones and period starts for calendars; minutes: the record "
        "of a workshop in Markdown. The plan is read and sequenced once for all formats. The same "
        "data and date give byte-identical files. Each file is written whole or not at all; the "
        "folders created and the files replaced are named on stderr. A damaged database is "
        "refused."
    )
    + "\n\n"
    + _(
        "follow-up: the follow-up report on its own (md and html) for a steering group, with "
        "what moved since --baseline."
    )
)
@click.argument(
    "formats",
    metavar="md|html|csv|xlsx|ics|minutes|follow-up...",
    nargs=-1,
    required=True,
    type=click.Choice(["md", "html", "csv", "xlsx", "ics", "minutes", "follow-up"]),
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
    from roadmap.services.exporting import NotFoundError, load_for_export

    outputs = Outputs()
    with outputs.all_or_folders_removed():
        if "minutes" in formats:
            _write_minutes(ctx, plan_slug, session_name, lang, Path(output), outputs)
            formats = tuple(fmt for fmt in formats if fmt != "minutes")
        if formats:
            plan_id = ctx.find_plan(plan_slug).id
            assert plan_id is not None  # a stored plan
            try:
                loaded = load_for_export(ctx.sound_store(), plan_id, baseline=baseline)
            except NotFoundError as exc:
                fail(str(exc))
            _write(loaded, formats, lang, output, when, outputs)
    report_outputs(outputs)


def _write(loaded, formats: tuple[str, ...], lang: str | None, output: str, when, outputs) -> None:
    """Each format in each language into directory ``output``; prints the paths."""
    from roadmap.services.exporting import write_loaded

    from .progress import progress

    languages = [lang] if lang else list(loaded.doc.plan.languages)
    files = sum(2 if fmt == "follow-up" else 1 for fmt in dict.fromkeys(formats)) * len(languages)
    with progress(_("Exporting"), files) as step:

        def written(path: Path) -> None:
            click.echo(str(path))
            step(1)

        write_loaded(
            loaded,
            formats,
            languages,
            Path(output),
            generated=when.date() if when else None,
            outputs=outputs,
            done=written,
        )


def _write_minutes(
    ctx: Context,
    plan_slug: str | None,
    name: str | None,
    lang: str | None,
    out: Path,
    outputs: Outputs,
) -> None:
    """The minutes of workshop ``name`` in each language into ``out``; prints the paths."""
    from roadmap.services.plans import slugify
    from roadmap.services.workshops import NotFoundError, minutes_record
    from roadmap.workshop.minutes import render_minutes

    plan = ctx.find_plan(plan_slug)
    try:
        record = minutes_record(ctx.sound_store(), plan.slug, name)
    except NotFoundError as exc:
        fail(_("{problem}; run one with `roadmap workshop` first", problem=exc))
    for code in [lang] if lang else plan.languages:
        path = out / f"{plan.slug}.minutes-{slugify(record.name)}.{code}.md"
        outputs.write_bytes(path, render_minutes(record, code).encode("utf-8"))
        click.echo(str(path))
