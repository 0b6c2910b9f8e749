"""``roadmap workshop``, ``roadmap join`` and ``roadmap serve``: running a workshop session.

The facilitator opens ``roadmap workshop`` on the projector; participants join from a terminal
on the same database (``roadmap join CODE --name NAME``) or from their phones through
``roadmap serve``, one small web server for everyone (:mod:`roadmap.web`). ``roadmap workshop
minutes`` writes the session's record.
"""

from __future__ import annotations

from pathlib import Path

import click

from roadmap.cli.base import Context, cli, fail, pass_ctx, plan_option, report_outputs
from roadmap.i18n import _

LOOPBACK = "127.0.0.1"
LANGS = ("fi", "sv", "en")


def lang_option(help_text: str):
    return click.option("--lang", type=click.Choice(LANGS), default=None, help=help_text)


@cli.group(
    invoke_without_command=True,
    help=_("Run a workshop on the projector: agenda, timer, live capture, voting, results."),
)
@plan_option
@click.option(
    "--session", "name", metavar="NAME", help=_("Workshop to open (default: the latest).")
)
@click.option(
    "--agenda",
    metavar="STEPS",
    help=_("For a new workshop: steps with minutes, e.g. 'vision:20,items,voting:10'."),
)
@click.option(
    "--date", "when", type=click.DateTime(["%Y-%m-%d"]), help=_("Date of a new workshop.")
)
@lang_option(
    _(
        "Language of the projector and of participants' windows (default: the workshop's, else "
        "the plan's default language); kept for the workshop."
    )
)
@click.option("--serve", is_flag=True, help=_("Serve the participants' page from this process."))
@click.option("--bell", is_flag=True, help=_("Ring the terminal's bell when a step's time is up."))
@click.option("--host", default=LOOPBACK, show_default=True, help=_("Address to serve on."))
@click.option("--port", default=8000, show_default=True, type=int, help=_("Port to listen on."))
@click.option("--public-url", metavar="URL", help=_("The address participants open, if not ours."))
@click.pass_context
def workshop(
    ctx: click.Context,
    plan_slug: str | None,
    name: str | None,
    agenda,
    when,
    lang,
    serve: bool,
    bell: bool,
    host: str,
    port: int,
    public_url: str | None,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from roadmap.services.plans import NotFoundError
    from roadmap.tui.workshop.facilitator import make_facilitator_app
    from roadmap.workshop.agenda import parse_agenda

    found = ctx.find_object(Context)
    assert found is not None  # the root command made it
    store = found.store
    try:
        steps = parse_agenda(agenda) if agenda else None
        app = make_facilitator_app(
            store,
            plan=plan_slug,
            name=name,
            held_on=when.date() if when else None,
            agenda=steps,
            lang=lang,
            bell=bell,
        )
    except (NotFoundError, ValueError) as exc:
        fail(str(exc))
    if serve:
        from roadmap.web.address import reachable_url, start_server
        from roadmap.web.app import make_web_app

        app.join_url = reachable_url(host, port, public_url)
        web = make_web_app(store, app.workshop_id)
        server = start_server(web, host, port)
        try:
            app.run()
        finally:
            server.should_exit = True
        return
    app.run()


@cli.command(
    help=_(
        "Join a workshop as a participant: at the address the projector shows (no database "
        "needed here), or by CODE on the same database. Asks for the code when not given."
    )
)
@click.argument("code", metavar="[URL-OR-CODE]", required=False)
@click.option("--code", "url_code", metavar="CODE", help=_("With a URL: the join code."))
@click.option("--name", metavar="NAME", help=_("Your name (asked when not given)."))
@lang_option(_("Language of your window (default: the workshop's)."))
@click.option("--attempts", type=click.IntRange(min=1), hidden=True)
@click.option("--wrong-code-delay", type=click.FloatRange(min=0), default=0.0, hidden=True)
@pass_ctx
def join(
    ctx: Context,
    code: str | None,
    url_code: str | None,
    name: str | None,
    lang: str | None,
    attempts: int | None,
    wrong_code_delay: float,
) -> None:

    from roadmap.tui.workshop.participant import make_participant_app
    from roadmap.tui.workshop.remote import Remote

    remote = None
    if code and code.startswith(("http://", "https://")):
        remote, code = Remote(code), url_code
    make_participant_app(
        None if remote else ctx.store,
        remote=remote,
        code=code,
        name=name,
        lang=lang,
        attempts=attempts,
        wrong_code_delay=wrong_code_delay,
    ).run()


@cli.command(
    help=_(
        "Serve the participants' web page (nothing to install for participants).\n\n"
        "Every page asks for the join code, which opens exactly this workshop; wrong codes are "
        "limited per address and per workshop. The address printed is one a phone can open."
    )
)
@plan_option
@click.option(
    "--session", "name", metavar="NAME", help=_("Workshop to serve (default: the latest).")
)
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help=_("Address to listen on; 0.0.0.0 serves every network the machine is on."),
)
@click.option("--port", default=8000, show_default=True, type=int, help=_("Port to listen on."))
@click.option(
    "--public-url",
    metavar="URL",
    help=_("The address participants open, when a proxy or another name stands in front."),
)
@pass_ctx
def serve(
    ctx: Context,
    plan_slug: str | None,
    name: str | None,
    host: str,
    port: int,
    public_url: str | None,
) -> None:
    import uvicorn

    from roadmap.services.workshops import NotFoundError, session_to_serve
    from roadmap.web.address import reachable_url
    from roadmap.web.app import make_web_app

    store = ctx.store
    try:
        code, _lang, session_id = session_to_serve(store, plan_slug, name)
    except NotFoundError as exc:
        fail(_("{problem}; start it with `roadmap workshop` first", problem=exc))
    url = reachable_url(host, port, public_url)
    click.echo(_("Participants open {address} and type the code {code}", address=url, code=code))
    secure = bool(public_url and public_url.startswith("https:"))
    app = make_web_app(store, session_id, secure_cookies=secure)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=bool(public_url))


@workshop.command(
    help=_("Write the workshop's minutes (Markdown or HTML): agenda, captures, rounds, decisions.")
)
@plan_option
@click.option("--session", "name", metavar="NAME", help=_("Workshop (default: the latest)."))
@click.option(
    "--lang",
    type=click.Choice(["fi", "sv", "en"]),
    default=None,
    help=_("Language of the minutes (default: the workshop's own)."),
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help=_("File (default: standard output).")
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default="md",
    show_default=True,
    help=_("Markdown, or a web page to share."),
)
@pass_ctx
def minutes(
    ctx: Context,
    plan_slug: str | None,
    name: str | None,
    lang: str | None,
    output: str | None,
    fmt: str,
) -> None:
    from roadmap.services.workshops import NotFoundError, minutes_record
    from roadmap.workshop.minutes import render_minutes, render_minutes_html

    try:
        record = minutes_record(ctx.sound_store(), plan_slug, name)
    except NotFoundError as exc:
        fail(str(exc))
    render = render_minutes_html if fmt == "html" else render_minutes
    text = render(record, lang or record.lang)
    if output:
        from roadmap.io.outfiles import Outputs

        outputs = Outputs()
        with outputs.all_or_folders_removed():
            outputs.write_bytes(Path(output), text.encode("utf-8"))
        report_outputs(outputs)
        click.echo(output)
    else:
        click.echo(text, nl=False)
