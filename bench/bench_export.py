"""Time ``roadmap export md`` and ``roadmap export html`` on a generated 10,000-item plan.

Generates the plan with :func:`bench.generate.generate_plan`, stores it in a temporary SQLite
database, then runs each export as a whole process (start-up, loading, sequencing, rendering,
writing), as a person would, and prints the best of a few runs against its target: the wall
time, and the CPU time of the process (user and system), which other work on a busy machine
does not inflate. Not a test: run it with
``.venv/bin/python bench/bench_export.py [N_ITEMS] [RUNS] [--keep DB_PATH]``; with ``--keep``
the database is made at ``DB_PATH`` if it does not exist yet, kept, and used as it is if it does.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate_plan  # noqa: E402
from bench.machine import compile_package, describe  # noqa: E402

from roadmap.model.inputs import PlanDoc  # noqa: E402
from roadmap.store.db import Store  # noqa: E402
from roadmap.store.plan_write import write_plan  # noqa: E402

TARGETS = {"md": 1.0, "html": 2.0}
RUNS = 5


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_db(path: Path, n_items: int) -> str:
    """A SQLite database at ``path`` holding the generated plan; its URL."""
    url = f"sqlite:///{path}"
    doc = PlanDoc.model_validate(generate_plan(n_items, seed=1))
    store = Store.open(url)
    with store.write() as session:
        write_plan(session=session, doc=doc)
    store.close()
    return url


def run(url: str, fmt: str, out: str) -> tuple[float, float]:
    """Wall and CPU seconds of one ``roadmap export`` process."""
    roadmap = Path(sys.executable).with_name("roadmap")
    command = [str(roadmap), "--db", url, "export", fmt, "--lang", "en", "-o", out]
    command += ["--date", "2027-01-04"]
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def main(n_items: int = 10_000, runs: int = RUNS, keep: str | None = None) -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep) if keep else Path(tmp) / "bench.db"
        url = f"sqlite:///{path}" if path.exists() else make_db(path, n_items)
        print(f"{'export':<8}{'items':>8}{'wall s':>9}{'cpu s':>8}{'target s':>10}  result")
        for fmt, target in TARGETS.items():
            times = [run(url, fmt, tmp) for _ in range(runs)]
            wall = min(w for w, _ in times)
            cpu = min(c for _, c in times)
            verdict = "ok" if wall <= target else ("ok (cpu)" if cpu <= target else "SLOW")
            print(f"{fmt:<8}{n_items:>8}{wall:>9.2f}{cpu:>8.2f}{target:>10.1f}  {verdict}")
    print(describe())


if __name__ == "__main__":
    args = sys.argv[1:]
    keep_db = None
    if "--keep" in args:
        i = args.index("--keep")
        keep_db = args[i + 1]
        del args[i : i + 2]
    main(
        int(args[0]) if args else 10_000,
        int(args[1]) if len(args) > 1 else RUNS,
        keep_db,
    )
