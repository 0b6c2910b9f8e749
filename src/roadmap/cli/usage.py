"""Click's usage errors in the interface's language.

Click words a mistyped command line in English when it shows the error. The command group
catches each :class:`click.UsageError` as it is raised and raises a :class:`WordedUsageError` in
its place, which Click shows as it would its own: the usage line, where to find help, and the
error, worded from our catalogs. A type's own complaint about a value (``'x' is not a valid
integer``) is Click's and stays as Click words it.
"""

from __future__ import annotations

import re
from typing import IO, Any

import click

from roadmap.i18n import N_, _

CLICK_METAVARS = {
    "[%Y-%m-%d]": N_("YYYY-MM-DD"),
    "INTEGER RANGE": N_("INTEGER"),
    "FLOAT RANGE": N_("NUMBER"),
    "INTEGER": N_("INTEGER"),
    "FLOAT": N_("NUMBER"),
    "TEXT": N_("TEXT"),
    "DIRECTORY": N_("DIRECTORY"),
    "OPTIONS": N_("OPTIONS"),
    "COMMAND": N_("COMMAND"),
    "ARGS": N_("ARGS"),
    "URL-OR-CODE": N_("URL-OR-CODE"),
    "PATH|URL": N_("PATH|URL"),
    "SLUG": N_("SLUG"),
    "FILE": N_("FILE"),
    "PERSON": N_("PERSON"),
    "URL": N_("URL"),
    "CODE": N_("CODE"),
    "STEPS": N_("STEPS"),
    "KEY": N_("KEY"),
    "NAME": N_("NAME"),
    "ITEM": N_("ITEM"),
    "VALUE": N_("VALUE"),
}
"""The placeholders click writes for values of its types and in its usage line, and ours;
a longer one before a shorter one it holds (``URL-OR-CODE`` before ``URL``)."""
_METAVAR = re.compile(
    "|".join(re.escape(k) if k.startswith("[") else rf"\b{re.escape(k)}\b" for k in CLICK_METAVARS)
)


def worded_metavars(text: str) -> str:
    """``text`` (a usage line or an option's name and value) with click's placeholders in the
    interface's language: ``--note TEXT`` is ``--note TEKSTI``."""
    return _METAVAR.sub(lambda found: _(CLICK_METAVARS[found[0]]), text)


class WordedUsageError(click.UsageError):
    """A usage error whose message is already worded; shown with worded usage and hint."""

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                names = ctx.command.get_help_option_names(ctx)
                command = f"{ctx.command_path} {max(names, key=len)}"
                hint = _("Try '{command}' for help.", command=command) + "\n"
            click.echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None)
        click.echo(_("Error: {message}", message=self.message), file=file, err=file is None)


def worded(exc: click.UsageError) -> WordedUsageError:
    """``exc`` as a :class:`WordedUsageError` with the same context."""
    if isinstance(exc, WordedUsageError):
        return exc
    return WordedUsageError(_message(exc), exc.ctx)


def _hint(exc: click.BadParameter) -> str:
    """The parameter's name as Click names it in an error: ``'NAME'``, ``'--plan'``."""
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(repr(h) for h in hint)
    return worded_metavars(str(hint or ""))


def _message(exc: click.UsageError) -> str:
    if isinstance(exc, (click.NoSuchOption, click.NoSuchCommand)):
        if isinstance(exc, click.NoSuchOption):
            text = _("No such option {name}.", name=repr(exc.option_name))
        else:
            text = _("No such command {name}.", name=repr(exc.command_name))
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text += " " + _("Did you mean {options}?", options=options)
        return text
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        if kind == "argument":
            return _("Missing argument {name}.", name=_hint(exc))
        if kind == "option":
            return _("Missing option {name}.", name=_hint(exc))
        return _("Missing value {name}.", name=_hint(exc))
    if isinstance(exc, click.BadParameter):
        return _("Invalid value for {name}: {problem}", name=_hint(exc), problem=exc.message)
    return exc.format_message()
