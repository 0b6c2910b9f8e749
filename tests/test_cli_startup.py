"""Loading the command line runs no pass of the cycle collector over what it loads, and leaves
the collector as it was."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import gc, roadmap.collector
passes, paused = [], []
pause = roadmap.collector.collector_paused

def watched():  # the command line's pause, from which on no pass may run
    paused.append(True)
    return pause()

roadmap.collector.collector_paused = watched
gc.callbacks.append(lambda phase, info: phase == "start" and paused and passes.append(1))
import roadmap.cli
print(paused, passes, gc.isenabled(), gc.get_freeze_count())
"""


def test_loading_the_command_line_runs_no_collection() -> None:
    """Counted from the start of the pause: without compiled files at hand, compiling the
    package's first module before it runs may well take a pass, over nothing it loads."""
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[True]", "[]", "True", "0"]
