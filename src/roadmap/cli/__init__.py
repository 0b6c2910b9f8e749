"""The ``roadmap`` command: a click group whose bare invocation opens the plan.

Each command module registers its commands on the group; heavy modules are imported inside the
commands that need them, so that ``roadmap --help`` stays fast. Help texts are worded when the
modules are imported, so :func:`main` chooses the language (``--lang`` before the command, then
:func:`roadmap.i18n.choice.choose_language`'s order) before it imports them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click

GROUP_VALUES = ("--db", "--plan", "--lang")
"""The group's options that take a value, passed over to find ``--lang`` before the command."""


def asked_language(args: list[str]) -> str | None:
    """The value of the group's ``--lang`` in ``args``, looked for before the command's name.

    >>> asked_language(["--db", "x.db", "--lang", "sv", "export", "html", "--lang", "fi"])
    'sv'
    >>> asked_language(["export", "html", "--lang=fi"]) is None
    True
    """
    found, rest = None, iter(args)
    for arg in rest:
        if arg.startswith("--lang="):
            found = arg.partition("=")[2]
        elif arg in GROUP_VALUES:
            value = next(rest, None)
            found = value if arg == "--lang" else found
        elif not arg.startswith("-"):
            break
    return found


def saved_language() -> str | None:
    """The language last chosen in the app, if any."""
    from roadmap.services.prefs import Prefs

    return Prefs().get("language")


def main() -> None:
    from roadmap.i18n import set_language
    from roadmap.i18n.choice import choose_language

    # Before the group is imported: its help and its options' are worded when it is.
    set_language(choose_language(asked_language(sys.argv[1:]), saved=saved_language()))
    group().main(prog_name="roadmap")


def group() -> click.Group:
    """The command group; its commands are registered when it first looks one up."""
    from roadmap.cli.base import cli

    return cli


def __getattr__(name: str):
    if name == "cli":
        return group()
    raise AttributeError(name)
