"""Loading the command line runs no pass of the cycle collector over what it loads, and leaves
the collector as it was."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import gc, roadmap.collector
passes = []
gc.callbacks.append(lambda phase, info: phase == "start" and passes.append(info["generation"]))
import roadmap.cli
print(passes, gc.isenabled(), gc.get_freeze_count())
"""


def test_loading_the_command_line_runs_no_collection() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "True", "0"]
