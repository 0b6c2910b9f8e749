"""The ``roadmap`` command: a click group whose bare invocation opens the plan.

Each command module registers its commands on :data:`cli`; heavy modules are imported inside
the commands that need them, so that ``roadmap --help`` stays fast.
"""

from __future__ import annotations

from roadmap.cli import data  # noqa: F401  (registers its commands)
from roadmap.cli import export  # noqa: F401  (registers its commands)
from roadmap.cli import plan  # noqa: F401  (registers its commands)
from roadmap.cli import store, tui  # noqa: F401  (register their commands)
from roadmap.cli.base import cli


def main() -> None:
    cli(prog_name="roadmap")
