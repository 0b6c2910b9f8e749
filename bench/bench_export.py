"""Time ``roadmap export md`` and ``roadmap export html`` on a generated 10,000-item plan.

Generates the plan with :func:`bench.generate.generate_plan`, stores it in a temporary SQLite
database, then runs each export as a whole process (start-up, loading, sequencing, rendering,
writing), as a person would, and prints the best of a few runs against its target. Not a test:
run it with ``.venv/bin/python bench/bench_export.py [N_ITEMS]``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate_plan  # noqa: E402

from roadmap.model.inputs import PlanDoc  # noqa: E402
from roadmap.store.db import Store  # noqa: E402
from roadmap.store.plandoc import write_plan  # noqa: E402

TARGETS = {"md": 1.0, "html": 2.0}
RUNS = 3


def main(n_items: int = 10_000) -> None:
    roadmap = Path(sys.executable).with_name("roadmap")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        doc = PlanDoc.model_validate(generate_plan(n_items, seed=1))
        store = Store.open(url)
        with store.write() as session:
            write_plan(session=session, doc=doc)
        store.close()
        print(f"{'export':<8}{'items':>8}{'best s':>9}{'target s':>10}  result")
        for fmt, target in TARGETS.items():
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                subprocess.run(
                    [
                        str(roadmap),
                        "--db",
                        url,
                        "export",
                        fmt,
                        "--lang",
                        "en",
                        "-o",
                        tmp,
                        "--date",
                        "2027-01-04",
                    ],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                times.append(time.perf_counter() - start)
            best = min(times)
            verdict = "ok" if best <= target else "SLOW"
            print(f"{fmt:<8}{n_items:>8}{best:>9.2f}{target:>10.1f}  {verdict}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
