"""The ``roadmap`` command: a click group whose bare invocation opens the plan.

Each command module registers its commands on :data:`cli`; heavy modules are imported inside
the commands that need them, so that ``roadmap --help`` stays fast.
"""

from __future__ import annotations

# Each module registers its commands on the group.
from roadmap.cli import data, export, followup, plan, store, tui, workshop  # noqa: F401
from roadmap.cli.base import cli


def main() -> None:
    cli(prog_name="roadmap")
