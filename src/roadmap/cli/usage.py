"""Click's usage errors in the interface's language.

Click words a mistyped command line in English when it shows the error. The command group
catches each :class:`click.UsageError` as it is raised and raises a :class:`WordedUsageError` in
its place, which Click shows as it would its own: the usage line, where to find help, and the
error, worded from our catalogs. What Click leaves out of its errors is found where a command
reads its line (:func:`parse_args`): the value a type refused (``'x' is not a whole number``)
and the arguments left over.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from typing import IO, Any

import click

from roadmap.i18n import N_, _, ngettext, numeral

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


def worded(exc: click.UsageError, value: Any = None) -> WordedUsageError:
    """``exc`` as a :class:`WordedUsageError` with the same context; ``value`` is the value a
    :class:`click.BadParameter` refused, where known."""
    if isinstance(exc, WordedUsageError):
        return exc
    return WordedUsageError(_message(exc, value), exc.ctx)


class ExtraArguments(click.UsageError):
    """Arguments left over once a command has read its line."""

    def __init__(self, args: list[str], ctx: click.Context) -> None:
        super().__init__(" ".join(args), ctx)
        self.args_left = args


def parse_args(
    command: click.Command,
    ctx: click.Context,
    args: list[str],
    parse: Callable[[click.Context, list[str]], list[str]],
) -> list[str]:
    """``parse(ctx, args)``, Click's reading of ``command``'s line, with the errors it words
    in English worded here: a value its type refuses, named with that value, and arguments
    left over (which ``command`` reads as extra arguments allowed, to name them itself)."""
    strict = not ctx.allow_extra_args
    ctx.allow_extra_args = True
    try:
        rest = parse(ctx, list(args))
    except click.BadParameter as exc:
        raise worded(exc, _typed(command, ctx, args, exc.param)) from None
    except click.UsageError as exc:  # the parser's own (an option's value): with the usage
        exc.ctx = exc.ctx or ctx
        raise
    finally:
        ctx.allow_extra_args = not strict
    if strict and rest and not ctx.resilient_parsing:
        raise worded(ExtraArguments(rest, ctx))
    return rest


def _typed(
    command: click.Command, ctx: click.Context, args: list[str], param: click.Parameter | None
) -> Any:
    """The value ``param`` was given on the line ``args``; None where it came from elsewhere
    (a default, the environment) or was given several times."""
    if param is None or param.name is None:
        return None
    opts = command.make_parser(ctx).parse_args(args=list(args))[0]
    value = opts.get(param.name)
    return value if isinstance(value, str) else None


def _hint(exc: click.BadParameter) -> str:
    """The parameter's name as Click names it in an error: ``'NAME'``, ``'--plan'``."""
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(repr(h) for h in hint)
    return worded_metavars(str(hint or ""))


def _message(exc: click.UsageError, value: Any = None) -> str:
    if isinstance(exc, ExtraArguments):
        return ngettext(
            "Unexpected extra argument: {args}",
            "Unexpected extra arguments: {args}",
            len(exc.args_left),
            args=" ".join(exc.args_left),
        )
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
        refused = exc.param.type if exc.param is not None else None
        problem = _refused(refused, value) if value is not None else None
        return _(
            "Invalid value for {name}: {problem}", name=_hint(exc), problem=problem or exc.message
        )
    if isinstance(exc, click.BadOptionUsage) and exc.ctx is not None:
        option = next(
            (p for p in exc.ctx.command.get_params(exc.ctx)
             if isinstance(p, click.Option) and exc.option_name in (*p.opts, *p.secondary_opts)),
            None,
        )  # fmt: skip
        if option is not None and option.is_flag:
            return _("Option {name} takes no value.", name=repr(exc.option_name))
        if option is not None:
            return _("Option {name} needs a value.", name=repr(exc.option_name))
    return exc.format_message()


DATE_FORMATS = {"%Y-%m-%d": N_("YYYY-MM-DD")}
"""The date formats of our options, as a person reads them."""


def _refused(kind: click.ParamType | None, value: str) -> str | None:
    """Why a value of type ``kind`` (Click's) refused ``value``; None for a type whose
    complaints Click's own message says best."""
    shown = repr(value)
    if isinstance(kind, click.Choice):
        choices = ", ".join(str(choice) for choice in kind.choices)
        return _("{value} is not one of {choices}.", value=shown, choices=choices)
    if isinstance(kind, click.DateTime):
        formats = ", ".join(_(DATE_FORMATS[f]) if f in DATE_FORMATS else f for f in kind.formats)
        return _("{value} is not a date written as {format}.", value=shown, format=formats)
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        whole = isinstance(kind, click.IntRange)
        try:
            number = int(value) if whole else float(value)
        except ValueError:
            return _number(whole, shown)
        low, high = kind.min, kind.max
        if low is not None and high is not None:
            return _("{value} is not from {min} to {max}.", value=shown,
                     min=numeral(str(low)), max=numeral(str(high)))  # fmt: skip
        if low is not None and number < low:
            return _("{value} is less than {min}.", value=shown, min=numeral(str(low)))
        if high is not None and number > high:
            return _("{value} is more than {max}.", value=shown, max=numeral(str(high)))
        return None
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        return _number(isinstance(kind, click.types.IntParamType), shown)
    if isinstance(kind, click.Path):
        return _path(kind, value, shown)
    return None


def _number(whole: bool, shown: str) -> str:
    if whole:
        return _("{value} is not a whole number.", value=shown)
    return _("{value} is not a number.", value=shown)


def _path(kind: click.Path, value: str, shown: str) -> str | None:
    """Why ``value`` is not a path of ``kind``, checked as Click checks it."""
    try:
        mode = os.stat(value).st_mode
    except OSError:
        return _("{value} does not exist.", value=shown)
    if not kind.file_okay and stat.S_ISREG(mode):
        return _("{value} is a file, not a folder.", value=shown)
    if not kind.dir_okay and stat.S_ISDIR(mode):
        return _("{value} is a folder, not a file.", value=shown)
    if kind.readable and not os.access(value, os.R_OK):
        return _("{value} cannot be read.", value=shown)
    if kind.writable and not os.access(value, os.W_OK):
        return _("{value} cannot be written to.", value=shown)
    return None
