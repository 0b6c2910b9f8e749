"""``roadmap workshop``, ``roadmap join`` and ``roadmap serve``: running a workshop session.

The facilitator opens ``roadmap workshop`` on the projector; participants join from a terminal
on the same database (``roadmap join CODE --name NAME``) or from a browser through
``roadmap serve``, which runs one participant app per browser page. ``roadmap workshop
minutes`` writes the session's record.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs

LOOPBACK = "127.0.0.1"
LANGS = ("fi", "sv", "en")
EXPOSED_ATTEMPTS = 5
"""Wrong join codes one browser page may try when ``roadmap serve`` is exposed."""
EXPOSED_DELAY = 2.0
"""Seconds before the next code may be tried after a wrong one, when exposed."""


def lang_option(what: str):
    return click.option(
        "--lang", type=click.Choice(LANGS), default=None, help=f"Language of {what}."
    )


@cli.group(invoke_without_command=True)
@plan_option
@click.option("--session", "name", metavar="NAME", help="Workshop to open (default: the latest).")
@click.option(
    "--agenda",
    metavar="STEPS",
    help="For a new workshop: steps with minutes, e.g. 'vision:20,items,voting:10'.",
)
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]), help="Date of a new workshop.")
@lang_option(
    "the projector and of participants' windows (default: the workshop's, else the "
    "plan's default language); kept for the workshop"
)
@click.pass_context
def workshop(
    ctx: click.Context, plan_slug: str | None, name: str | None, agenda, when, lang
) -> None:
    """Run a workshop on the projector: agenda, timer, live capture, voting, results."""
    if ctx.invoked_subcommand is not None:
        return
    from roadmap.store.repo import NotFoundError
    from roadmap.tui.workshop.facilitator import make_facilitator_app
    from roadmap.workshop.agenda import parse_agenda

    store = ctx.find_object(Context).store
    try:
        steps = parse_agenda(agenda) if agenda else None
        app = make_facilitator_app(
            store,
            plan=plan_slug,
            name=name,
            held_on=when.date() if when else None,
            agenda=steps,
            lang=lang,
        )
    except (NotFoundError, ValueError) as exc:
        fail(str(exc))
    app.run()


@cli.command()
@click.argument("code", required=False)
@click.option("--name", metavar="NAME", help="Your name (asked when not given).")
@lang_option("your window (default: the workshop's)")
@click.option("--attempts", type=click.IntRange(min=1), hidden=True)
@click.option("--wrong-code-delay", type=click.FloatRange(min=0), default=0.0, hidden=True)
@pass_ctx
def join(
    ctx: Context,
    code: str | None,
    name: str | None,
    lang: str | None,
    attempts: int | None,
    wrong_code_delay: float,
) -> None:
    """Join workshop CODE as a participant (asks for the code when not given)."""
    from roadmap.tui.workshop.participant import make_participant_app

    make_participant_app(
        ctx.store,
        code=code,
        name=name,
        lang=lang,
        attempts=attempts,
        wrong_code_delay=wrong_code_delay,
    ).run()


@cli.command()
@plan_option
@click.option("--session", "name", metavar="NAME", help="Workshop to serve (default: the latest).")
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help="Address to listen on; any other than 127.0.0.1 exposes the workshop to the network, "
    "and participants must then type the join code.",
)
@click.option("--port", default=8000, show_default=True, type=int)
@lang_option("the participants' pages (default: the workshop's); each page can switch")
@pass_ctx
def serve(
    ctx: Context, plan_slug: str | None, name: str | None, host: str, port: int, lang
) -> None:
    """Serve the participant view to browsers (nothing to install for participants).

    Exposed (``--host`` other than 127.0.0.1), each page asks for the join code and allows a
    few wrong ones, with a pause after each.
    """
    from textual_serve.server import Server

    from roadmap.store import workshop_sessions
    from roadmap.store.repo import NotFoundError, find_plan

    store = ctx.store
    with store.read() as session:
        try:
            plan = find_plan(session=session, slug=plan_slug)
            found = workshop_sessions.find_session(session=session, plan_id=plan.id, name=name)
        except NotFoundError as exc:
            fail(f"{exc}; start it with `roadmap workshop` first")
        code = found.code
        lang = lang or workshop_sessions.session_lang(session=session, workshop=found)
    exposed = host != LOOPBACK
    command = [sys.executable, "-m", "roadmap", "join", "--lang", lang]
    if exposed:
        command += ["--attempts", str(EXPOSED_ATTEMPTS)]
        command += ["--wrong-code-delay", str(EXPOSED_DELAY)]
    else:
        command.append(code)
    os.environ["ROADMAP_DB"] = store.url
    address = f"http://{host}:{port}"
    click.echo(f"Participants open {address}" + (f" and type the code {code}" if exposed else ""))
    Server(shlex.join(command), host=host, port=port, title="Workshop").serve()


@workshop.command()
@plan_option
@click.option("--session", "name", metavar="NAME", help="Workshop (default: the latest).")
@click.option(
    "--lang",
    type=click.Choice(["fi", "sv", "en"]),
    default=None,
    help="Language of the minutes (default: the workshop's own).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File (default: stdout).")
@pass_ctx
def minutes(
    ctx: Context, plan_slug: str | None, name: str | None, lang: str | None, output: str | None
) -> None:
    """Write the workshop's minutes as Markdown: agenda, captures, rounds, results, decisions."""
    from roadmap.store.repo import NotFoundError
    from roadmap.store.workshop_results import minutes_record
    from roadmap.workshop.minutes import render_minutes

    with ctx.sound_store().read() as session:
        try:
            record = minutes_record(session=session, plan_slug=plan_slug, name=name)
        except NotFoundError as exc:
            fail(str(exc))
    text = render_minutes(record, lang or record.lang)
    if output:
        from roadmap.io.outfiles import Outputs

        outputs = Outputs()
        with outputs.all_or_folders_removed():
            outputs.write_bytes(Path(output), text.encode("utf-8"))
        report_outputs(outputs)
        click.echo(output)
    else:
        click.echo(text, nl=False)
