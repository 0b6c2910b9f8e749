"""How fast the terminal app opens and answers, on the demo plan and generated plans.

Each plan is stored first (not timed); then a fresh interpreter opens the app headless and
reports when the item table shows its rows (whole process, imports included), how long a
cursor move and a score change take. Run: ``python bench/bench_tui.py [10000 100000 ...]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = r"""
import time, sys, json, asyncio
start = time.perf_counter()
from roadmap.tui.app import make_app

async def main():
    from pathlib import Path
    config = Path(sys.argv[2])
    app = make_app(sys.argv[1], config_dir=config, theme="textual-dark", watch_interval=None)
    out = {}
    async with app.run_test(size=(120, 36)) as pilot:
        grid = None
        while True:
            await pilot.pause(0.005)
            found = app.screen.query("Grid#items")
            grid = found.first() if found else None
            if grid is not None and grid.rows:
                break
        out["first_screen"] = time.perf_counter() - start
        t0 = time.process_time()
        for _ in range(50):
            grid.cursor += 1
            await pilot.pause(0)
        out["cursor_move"] = (time.process_time() - t0) / 50
        await app.workers.wait_for_complete()
        await pilot.press("2")
        while not app.screen.query("#scores") or not app.screen.query_one("#scores").rows:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        roadmap = app.roadmap
        t0 = time.perf_counter()
        await pilot.press("plus")
        out["cell_edit"] = time.perf_counter() - t0
        while app.roadmap is roadmap:
            await pilot.pause(0.002)
        out["resequenced"] = time.perf_counter() - t0
    print(json.dumps(out))

asyncio.run(main())
"""


def store_plan(path: Path, n_items: int | None) -> None:
    from roadmap.model.inputs import PlanDoc
    from roadmap.store.db import Store
    from roadmap.store.plandoc import write_plan

    if n_items is None:
        from roadmap.config import demo_plan_file
        from roadmap.io.planfile import load_plan

        doc = load_plan(demo_plan_file())
    else:
        sys.path.insert(0, str(Path(__file__).parent))
        from generate import generate_plan

        doc = PlanDoc.model_validate(generate_plan(n_items, seed=1))
    store = Store.open(f"sqlite:///{path}")
    with store.write() as session:
        write_plan(session=session, doc=doc)
    store.close()


def main() -> None:
    sizes: list[int | None] = (
        [None, *(int(a) for a in sys.argv[1:])]
        if len(sys.argv) > 1
        else [
            None,
            10_000,
        ]
    )
    print(f"{'plan':>10} {'first screen':>13} {'cursor move':>12} {'cell edit':>10} {'re-seq.':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            store_plan(db, n)
            t0 = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", PROBE, str(db), str(Path(tmp) / "config")],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                raise SystemExit(done.stderr[-3000:])
            r = json.loads(done.stdout.strip().splitlines()[-1])
            name = "demo" if n is None else f"{n:,}"
            print(
                f"{name:>10} {r['first_screen']:>12.2f}s {r['cursor_move'] * 1000:>10.2f}ms"
                f" {r['cell_edit'] * 1000:>8.1f}ms {r['resequenced'] * 1000:>7.0f}ms"
                f"   (wall {time.perf_counter() - t0:.1f}s)"
            )


if __name__ == "__main__":
    main()
