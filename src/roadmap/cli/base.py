"""The command group, its shared options and the helpers every command uses."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from roadmap import __version__
from roadmap.cli import saved_language
from roadmap.cli.usage import parse_args, worded, worded_metavars
from roadmap.i18n import N_, _, set_language
from roadmap.i18n.choice import choose_language

if TYPE_CHECKING:
    from roadmap.io.outfiles import Outputs
    from roadmap.model.tables import Plan
    from roadmap.services.plans import Store


CREATING = frozenset({"init", "import", "demo"})
"""The commands that may create a database that is not there; the others say it is missing."""


class Context:
    """What commands share: the database they were pointed at, opened on first use."""

    def __init__(
        self, db: str | None, plan_slug: str | None = None, *, create: bool = True
    ) -> None:
        self.db = db
        self.plan_slug = plan_slug
        """``--plan`` given before the command, used when the command is not given one."""
        self.create = create
        """Whether a missing database file (and its folder) may be created."""
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from roadmap.services.plans import SchemaError, open_store

            try:
                self._store = open_store(self.db, create=self.create)
            except SchemaError as exc:
                fail(str(exc))
            click.get_current_context().call_on_close(self._store.close)
            if self._store.upgrade_backup is not None:
                click.echo(
                    _(
                        "Upgraded {db}; the database as it was is kept in {path}",
                        db=self._store.describe(),
                        path=self._store.upgrade_backup,
                    ),
                    err=True,
                )
            for path in self._store.removed:
                click.echo(_("Removed leftover {path}", path=path), err=True)
        return self._store

    def sound_store(self) -> Store:
        """The store, after SQLite's quick check found its file sound (for exports, which
        would otherwise write out whatever a damaged file holds)."""
        from roadmap.services.plans import require_sound

        store = self.store
        require_sound(store)
        return store

    def describe(self) -> str:
        """The database as a person would name it, without opening it."""
        from roadmap.services.plans import describe_database

        return describe_database(self.db)

    def find_plan(self, slug: str | None) -> Plan:
        """The plan a command works on, or exit with a message naming the plans there are."""
        from roadmap.services.plans import NotFoundError, find_plan

        try:
            return find_plan(self.store, slug or self.plan_slug)
        except NotFoundError as exc:
            fail(str(exc))


pass_ctx = click.make_pass_decorator(Context)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` as an error and exit with ``code``."""
    click.secho(_("Error: {message}", message=message), fg="red", err=True)
    sys.exit(code)


def report_outputs(outputs: Outputs) -> None:
    """Say on stderr which folders were created and which files replaced (the files written
    are each command's own output)."""
    for folder in outputs.created_folders:
        click.echo(_("Created folder {path}", path=folder), err=True)
    for path in outputs.replaced:
        click.echo(_("Replaced {path}", path=path), err=True)


def plan_option(func):
    """``--plan SLUG``: which plan of the database a command works on."""
    return click.option(
        "--plan",
        "plan_slug",
        metavar="SLUG",
        default=None,
        help=_("The plan to work on (needed when the database holds several)."),
    )(func)


def register_commands() -> None:
    """Import the command modules, each of which registers its commands on the group: on
    first use, once the language is chosen, so that their help texts are worded in it."""
    from roadmap.cli import data, export, followup, plan, store, tui, workshop  # noqa: F401


CLICK_WORDS = (N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"))
"""The headings click writes in every help, worded by :class:`WordedFormatter`."""


class WordedFormatter(click.HelpFormatter):
    """Click's help layout with its headings in the interface's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = f"{_('Usage:')} " if prefix is None else prefix
        super().write_usage(prog, worded_metavars(args), prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading))

    def write_dl(self, rows, *args, **kwargs) -> None:
        rows = [(worded_metavars(term), _worded_extra(text)) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


OPTION_EXTRA = re.compile(r"\[([^\[\]]*)\]$")
"""What click appends to an option's help: ``[default: 8000; required]``."""


def _worded_extra(text: str) -> str:
    """``text`` with click's ``[default: ...]`` and ``[required]`` in the interface's language.

    >>> _worded_extra("Port to listen on.  [default: 8000; required]")
    'Port to listen on.  [default: 8000; required]'
    """
    found = OPTION_EXTRA.search(text)
    if found is None:
        return text
    parts = [
        _("default: {value}", value=part.removeprefix("default: "))
        if part.startswith("default: ")
        else _("required")
        if part == "required"
        else part
        for part in found.group(1).split("; ")
    ]
    return text[: found.start(1)] + "; ".join(parts) + "]"


class WordedContext(click.Context):
    formatter_class = WordedFormatter


class WordedCommand(click.Command):
    """A command whose help, headings and ``--help`` included, is in the interface's language."""

    context_class = WordedContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return parse_args(self, ctx, args, super().parse_args)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class WordedGroup(WordedCommand, click.Group):
    """A group of worded commands (``roadmap evidence``, ``roadmap baseline`` ...)."""

    command_class = WordedCommand
    group_class: type[click.Group] | type[type] | None = type


class RoadmapGroup(WordedGroup):
    """The command group; a fault of the disk or the database met by any command becomes a
    plain message and exit code 1 here (:func:`roadmap.services.plans.explain`)."""

    group_class = WordedGroup

    def get_command(self, ctx: click.Context, cmd_name: str):
        register_commands()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        register_commands()
        return super().list_commands(ctx)

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise worded(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise worded(exc) from None
        except Exception as exc:
            from roadmap.services.plans import explain

            obj = ctx.obj if isinstance(ctx.obj, Context) else Context(None)
            message = explain(exc, obj.describe())
            if message is None:
                raise
            fail(message)


@click.group(
    cls=RoadmapGroup,
    invoke_without_command=True,
    help=_(
        "Plan a vision and a roadmap together with the people it concerns.\n\n"
        "Without a command, opens the terminal app (or, when the output is not a terminal, "
        "shows a summary of the plan)."
    ),
)
@click.option(
    "--db",
    envvar="ROADMAP_DB",
    default=None,
    metavar="PATH|URL",
    help=_("SQLite file or SQLAlchemy URL (default: data/roadmap.db, or $ROADMAP_DB)."),
)
@plan_option
@click.option(
    "--lang",
    "lang",
    type=click.Choice(["fi", "sv", "en"]),
    default=None,
    help=_(
        "Language of the app and the messages (default: $ROADMAP_LANG, the app's saved choice, "
        "then the locale)."
    ),
)
@click.option(
    "--date",
    "today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar=_("YYYY-MM-DD"),
    help=_("Take this date as today (default: $ROADMAP_TODAY, or the system's date)."),
)
@click.version_option(__version__, prog_name="roadmap", help=_("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, db: str | None, plan_slug: str | None, lang: str | None, today) -> None:
    """The group's own options; without a command, the app or a summary of the plan."""
    from roadmap.clock import set_today

    set_language(choose_language(lang, saved=saved_language()))
    set_today(today.date() if today else None)
    ctx.obj = Context(db, plan_slug, create=ctx.invoked_subcommand in CREATING)
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from roadmap.cli.tui import tui as command
        else:
            from roadmap.cli.store import summary as command

        ctx.invoke(command, plan_slug=plan_slug)
