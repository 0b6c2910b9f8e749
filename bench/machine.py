"""How this machine compares with the one the speed targets were set on.

The targets come with one reference measurement: on the machine they were set on, the bare
imports of textual, sqlmodel, networkx and markdown-it took 0.47 s as a whole process. Each
benchmark prints the same measurement taken here beside its table, so that a reader can tell a
slow machine from a slow program: on a machine where the reference takes twice as long, a time
twice its target is no regression.
"""

from __future__ import annotations

import subprocess
import sys
import time

REFERENCE_SECONDS = 0.47
"""The reference's time where the targets were set."""

REFERENCE = "import textual.app, sqlmodel, networkx, markdown_it"


def reference_seconds(runs: int = 5) -> float:
    """The best wall time of ``runs`` processes doing the reference imports."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", REFERENCE], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def describe() -> str:
    """One line for a benchmark's header: the reference here, and the ratio to the target's."""
    here = reference_seconds()
    return (
        f"Machine: the reference imports ({REFERENCE.removeprefix('import ')}) took {here:.2f} s "
        f"here, {REFERENCE_SECONDS:.2f} s where the targets were set: "
        f"{here / REFERENCE_SECONDS:.1f}x"
    )


if __name__ == "__main__":
    print(describe())
