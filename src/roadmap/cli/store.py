"""Commands that manage the database: create a plan, list plans, show a summary, back up."""

from __future__ import annotations

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs
from roadmap.cli.table import Column, echo_table, plain
from roadmap.clock import today
from roadmap.i18n import _, ngettext
from roadmap.i18n.terms import scoring_word, unit_word


@cli.command(help=_("Show the plan: its calendar, languages and how much it holds."))
@plan_option
@pass_ctx
def summary(ctx: Context, plan_slug: str | None) -> None:
    from roadmap.services.plans import plan_counts

    plan = ctx.find_plan(plan_slug)
    assert plan.id is not None  # a stored plan
    counts = {_(label): n for label, n in plan_counts(ctx.store, plan.id).items()}
    starts = _(
        "{date}, {n} x {unit}",
        date=plan.start_date.isoformat(),
        n=plan.horizon,
        unit=unit_word(plan.period_unit),
    )
    rows = [
        (_("plan"), plan.slug),
        (_("database"), ctx.store.describe()),
        (_("languages"), ", ".join(plan.languages)),
        (_("starts"), starts),
        (_("scoring"), scoring_word(plan.scoring_method)),
        *((label, str(n)) for label, n in counts.items()),
    ]
    click.echo(plain(plan.name))
    echo_table((Column(""), Column("")), rows, header=False)


@cli.command(help=_("List the plans in the database."))
@pass_ctx
def plans(ctx: Context) -> None:
    from roadmap.services.plans import list_plans

    rows = list_plans(ctx.store)
    if not rows:
        click.echo(_("No plans yet: run `roadmap init` or `roadmap demo`."))
    for plan in rows:
        click.echo(f"{plan.slug}\t{plan.name}")


@cli.command(help=_("Create the database (if needed) with a new, empty plan."))
@click.option("--plan", "name", default="Roadmap", show_default=True, help=_("Name of the plan."))
@click.option(
    "--start",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help=_("First day (default: today)."),
)
@click.option(
    "--period",
    type=click.Choice(["day", "week", "month", "quarter"]),
    default="quarter",
    show_default=True,
    help=_("Length of one period of the roadmap."),
)
@click.option(
    "--language",
    type=click.Choice(["fi", "sv", "en"]),
    default="fi",
    show_default=True,
    help=_("The plan's default language."),
)
@pass_ctx
def init(ctx: Context, name: str, start, period: str, language: str) -> None:
    from pydantic import ValidationError

    from roadmap.model.inputs import PlanIn
    from roadmap.services.plans import create_plan

    try:
        plan_in = PlanIn.model_validate(
            {
                "name": name,
                "start_date": start.date() if start else today(),
                "period_unit": period,
                "default_language": language,
            }
        )
    except ValidationError as exc:
        from roadmap.i18n.validation import error_message

        fail(f"--plan: {error_message(exc.errors()[0])}")
    plan = create_plan(ctx.store, plan_in)
    click.echo(
        _("Created plan {plan} in {database}", plan=repr(plan.slug), database=ctx.store.describe())
    )


@cli.command(
    help=_(
        "Write a consistent copy of the database to PATH, a new SQLite file.\n\n"
        "The copy is written under a temporary name and renamed once complete: an interrupted "
        "backup leaves no file at PATH."
    )
)
@click.argument("path", type=click.Path(dir_okay=False))
@pass_ctx
def backup(ctx: Context, path: str) -> None:
    from pathlib import Path

    from roadmap.services.plans import BackupError
    from roadmap.services.plans import backup as backup_to

    try:
        written = backup_to(ctx.store, Path(path))
    except BackupError as exc:
        fail(str(exc))
    click.echo(_("Backed up {db} to {path}", db=ctx.store.describe(), path=written))


@cli.command(
    help=_(
        "Replace the database's contents with those of BACKUP (a file `roadmap backup` wrote)."
        "\n\nBACKUP is checked first; the database as it was is kept beside it (the name is "
        "printed), and the contents are swapped in one transaction, so that a program that has "
        "the database open sees either the old or the restored plan."
    )
)
@click.argument("backup", type=click.Path(dir_okay=False))
@pass_ctx
def restore(ctx: Context, backup: str) -> None:
    from pathlib import Path

    from roadmap.io.outfiles import Outputs
    from roadmap.services.plans import BackupError, restore_from, sqlite_file

    path = sqlite_file(ctx.db)
    if path is None:
        fail(_("restore works on SQLite files; restore a server database with its own tools"))
    outputs = Outputs()
    try:
        aside = restore_from(path, Path(backup), outputs)
    except BackupError as exc:
        fail(str(exc))
    report_outputs(outputs)
    if aside is not None:
        click.echo(_("The database as it was is kept in {path}", path=aside))
    click.echo(_("Restored {path} from {backup}", path=path, backup=backup))


@cli.command(
    help=_(
        "Check the stored plan, or the plan file FILE before it is imported: cycles, gaps, "
        "contradictions, missing translations, open needs.\n\n"
        "A SQLite database is first checked for damage with SQLite's quick check (the full "
        "integrity check with --full) and its foreign-key check.\n\n"
        "Exits with 1 when there are errors (or warnings, with --strict)."
    )
)
@click.argument(
    "path", metavar="[FILE]", required=False, type=click.Path(dir_okay=False, allow_dash=True)
)
@plan_option
@click.option("--strict", is_flag=True, help=_("Fail on warnings too, not only on errors."))
@click.option(
    "--full",
    is_flag=True,
    help=_("SQLite: run the full integrity check (compares every index with its table; slower)."),
)
@pass_ctx
def check(ctx: Context, path: str | None, plan_slug: str | None, strict: bool, full: bool) -> None:
    from roadmap.model.bidi import visible
    from roadmap.model.check import ERROR, Finding

    findings: list[Finding]
    if path is not None:
        from roadmap.io.planfile import PlanFileError, load_plan
        from roadmap.model.check import check_plan

        name = "<stdin>" if path == "-" else path
        try:
            findings = check_plan(load_plan(path))
        except PlanFileError as exc:
            # Each message begins with the place in the file: "plan.yaml:12: ...".
            findings = [Finding(ERROR, *m.partition(": ")[::2]) for m in exc.messages]
    else:
        from roadmap.services.plans import check_plan as check_stored
        from roadmap.services.plans import integrity_problems

        problems = integrity_problems(ctx.store, full=full)
        if problems is None:
            click.echo(
                _(
                    "PostgreSQL has no check of its files like SQLite's; "
                    "the server's own safeguards are relied on."
                )
            )
        elif problems:
            for problem in problems:
                click.echo(
                    f"{click.style(_('error'), fg='red')}: {ctx.store.describe()}: {problem}"
                )
            fail(
                _(
                    "{path} is damaged. Restore it from a backup with `roadmap restore BACKUP`.",
                    path=ctx.store.describe(),
                )
            )

        from .progress import progress

        plan = ctx.find_plan(plan_slug)
        assert plan.id is not None  # a stored plan
        name = plan.slug
        with progress(_("Checking {plan}", plan=name), None):
            findings = check_stored(ctx.store, plan.id)
    findings += interface_findings()
    label = {
        severity: click.style(
            _("error") if severity == ERROR else _("warning"),
            fg="red" if severity == ERROR else "yellow",
        )
        for severity in {f.severity for f in findings}
    }
    if findings:
        click.echo(
            "\n".join(
                f"{label[f.severity]}: {visible(f.subject)}: {visible(f.message)}" for f in findings
            )
        )
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    counts = _(
        "{errors}, {warnings}",
        errors=ngettext("{n} error", "{n} errors", errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings),
    )
    click.echo(f"{name}: {counts}")
    if errors or (strict and warnings):
        raise SystemExit(1)


def interface_findings() -> list:
    """A warning for each interface language whose catalog lacks messages of the English one."""
    from roadmap.i18n.catalogs import missing_translations
    from roadmap.model.check import WARNING, Finding

    out = []
    for lang in ("fi", "sv"):
        missing = missing_translations(lang)
        if missing:
            shown = ", ".join(repr(m) for m in missing[:5]) + (" ..." if len(missing) > 5 else "")
            subject = _("interface ({lang})", lang=lang)
            message = ngettext(
                "{n} message has no translation: {messages}",
                "{n} messages have no translation: {messages}",
                len(missing),
                messages=shown,
            )
            out.append(Finding(WARNING, subject, message))
    return out


@cli.command(
    help=_(
        "(Re)create the built-in demo plan: Lahti and Asikkala lead with client information."
        "\n\nReplaces a plan with the demo's slug, after copying a SQLite database aside (the "
        "copy's name is printed), so that edits made to the demo are never lost without a "
        "trace; other plans in the database are left alone. With --if-missing an existing demo "
        "plan is kept."
    )
)
@click.option("--quiet", is_flag=True, help=_("Print nothing on success."))
@click.option(
    "--if-missing", is_flag=True, help=_("Only create the demo plan if the database lacks it.")
)
@pass_ctx
def demo(ctx: Context, quiet: bool, if_missing: bool) -> None:
    from datetime import datetime

    from roadmap.config import demo_plan_file
    from roadmap.io.planfile import PlanFileError, load_plan
    from roadmap.services.plans import backup, import_plan, list_plans, slugify

    try:
        doc = load_plan(demo_plan_file())
    except (FileNotFoundError, PlanFileError) as exc:
        fail(str(exc))
    slug = doc.plan.slug or slugify(doc.plan.name)
    exists = slug in {plan.slug for plan in list_plans(ctx.store)}
    if exists and if_missing:
        return
    ctx.store.require_writable()  # before the copy below
    kept = None
    if exists and ctx.store.path is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = backup(ctx.store, ctx.store.path.with_name(f"{ctx.store.path.name}.{stamp}.bak"))
    try:
        plan = import_plan(ctx.store, doc, replace=True)
        slug, name = plan.slug, plan.name
    except BaseException:
        if kept is not None:
            kept.unlink()  # the database is as it was: its copy is not needed
        raise
    if kept is not None:
        click.echo(_("The database as it was is kept in {path}", path=kept))
    if not quiet:
        click.echo(
            _(
                "Demo plan {plan} ({name}) written to {database}",
                plan=repr(slug),
                name=name,
                database=ctx.store.describe(),
            )
        )
