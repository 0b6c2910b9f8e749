"""How this machine compares with the one the speed targets were set on.

The targets come with reference measurements taken where they were set: the bare imports of
textual, sqlmodel, networkx and markdown-it took 0.47 s as a whole process; networkx sorted a
100,000-node graph topologically in 0.17 s; raw ``sqlite3`` inserted 100,000 items and 150,000
dependencies in 0.35 s. Each benchmark takes the one closest to its own work again here and prints
both, so that a reader can tell a slow machine from a slow program: where the reference takes
twice as long, so may the program.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

IMPORTS = "import textual.app, sqlmodel, networkx, markdown_it"
IMPORTS_THERE = 0.47
"""Seconds the reference imports took where the targets were set."""


def compare(what: str, here: float, there: float) -> str:
    """A line for a benchmark's footer: a reference measured here and where targets were set."""
    return (
        f"Reference: {what} took {here:.2f} s here and {there:.2f} s where the targets were "
        f"set: this machine is {here / there:.1f}x as slow at it."
    )


def best_of(runs: int, func) -> float:
    """The shortest wall time of ``runs`` calls of ``func``."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def compile_package() -> None:
    """Compile the package's modules to bytecode, as the first run on a user's machine does.

    Whole processes are timed as people run them, from compiled modules; where
    ``PYTHONDONTWRITEBYTECODE`` is set, nothing else would write them, and each process would
    compile every module it imports anew.
    """
    import compileall

    import roadmap

    compileall.compile_dir(Path(roadmap.__file__).parent, quiet=1)


def describe() -> str:
    """The reference imports, as a whole process, here and where the targets were set."""
    here = best_of(5, lambda: subprocess.run([sys.executable, "-c", IMPORTS], check=True))
    return compare(f"the imports of {IMPORTS.removeprefix('import ')}", here, IMPORTS_THERE)


if __name__ == "__main__":
    print(describe())
