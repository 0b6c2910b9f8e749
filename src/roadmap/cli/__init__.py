"""The ``roadmap`` command: a click group whose bare invocation opens the plan.

Each command module registers its commands on :data:`cli`; heavy modules are imported inside
the commands that need them, so that ``roadmap --help`` stays fast.
"""

from __future__ import annotations

import gc

# What these imports build (click, SQLAlchemy, the store) lives as long as the process: the
# cycle collector's passes over it find nothing. So none runs while they load, and what they
# built is then kept out of its sight (frozen), as the app does with its own imports.
gc.disable()
try:
    # Each module registers its commands on the group.
    from roadmap.cli import data, export, plan, store, tui, workshop  # noqa: F401
    from roadmap.cli.base import cli
finally:
    gc.freeze()
    gc.enable()


def main() -> None:
    cli(prog_name="roadmap")
