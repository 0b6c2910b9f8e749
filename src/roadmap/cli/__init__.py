"""The ``roadmap`` command: a click group whose bare invocation opens the plan.

Each command module registers its commands on :data:`cli`; heavy modules are imported inside
the commands that need them, so that ``roadmap --help`` stays fast.
"""

from __future__ import annotations

import gc

from roadmap.collector import collector_paused

# What these imports build (click, SQLAlchemy, the store) lives as long as the process: the
# cycle collector's passes over it while they load find nothing, so none runs meanwhile, nor
# the young-generation pass over all of it that would follow once the collector is back.
with collector_paused():
    # Each module registers its commands on the group.
    from roadmap.cli import data, export, plan, store, tui, workshop  # noqa: F401
    from roadmap.cli.base import cli


def main() -> None:
    # What the imports built lives as long as the command: out of the collector's sight, its
    # passes (the last one as the interpreter exits) no longer walk all of it.
    gc.freeze()
    cli(prog_name="roadmap")
