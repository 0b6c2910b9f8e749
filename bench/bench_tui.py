"""How fast the terminal app opens and answers, on the demo plan and generated plans.

Each plan is stored first in a temporary database (not timed; the 100,000-item plan takes some
seconds to generate and store); then a fresh interpreter opens the app headless at 120x36 and
measures:

first screen
    Wall time from the interpreter's start (imports included) until the item table shows rows:
    the rows are in the table and drawn. The app is left alone meanwhile (polled by sleeping,
    not by the Pilot's pauses, which message every widget).
cursor move
    CPU time (``time.process_time``) of one cursor move itself, once the app is idle (the
    engine's first run finished, so no worker thread adds to the process's CPU): the key's
    handler (``Grid.action_cursor``), then the repaint the screen would do on its next tick,
    forced by hand: the grid is marked dirty, ``Screen._on_timer_update`` lays out (when the
    move scrolled), renders the changed lines, and the update is turned into the terminal's
    text. The Pilot harness's own waiting is left out: queued messages are handled after the
    clock stops. Mean and worst of 60 moves, some of which scroll the table.
cell edit
    Wall time of one ``+``/``-`` on the priorities view, the same way: the action (the store
    write in its own transaction, the row updated in place, the message that asks the app to
    record it) and the forced repaint. The re-sequencing the app then starts is held back
    (``app.resequence`` stubbed), so it is not counted. Median of 10 edits.
re-sequenced
    Wall time from starting the held-back re-sequencing of the last edit (engine in its worker
    thread) until the new roadmap is on screen: the rows rebuilt and repainted.
any view
    A cursor move in each view with a list (items to teams), as the Pilot presses the arrow key:
    CPU time of the press with everything it makes the app do (its handlers, messages and
    timers that fire meanwhile) and the repaint of what it changed, less the median of the same
    for a key that nothing binds (the harness). The worst view's median of 20 moves; the three
    slowest are named below the table. What a view shows only once the cursor rests (the
    dependency tree, the engine's explanation) is not a move's cost.

Run: ``python bench/bench_tui.py [10000 100000 ...]`` (default: demo, 10,000 and 100,000).
``BENCH_PROFILE=file`` writes a cProfile of each probe to ``file.<plan>``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = r"""
import time, sys, json, asyncio, os
start = time.perf_counter()
profile = None
if os.environ.get("BENCH_PROFILE"):
    import cProfile
    profile = cProfile.Profile()
    profile.enable()
from roadmap.tui.app import make_app
VIEW_KEYS = "12345678"  # every view with a list: items to teams


async def main():
    from pathlib import Path
    config = Path(sys.argv[2])
    app = make_app(sys.argv[1], config_dir=config, theme="textual-dark", watch_interval=None)
    out = {}

    def repaint(widget=None):
        # What the screen does on its next update tick, then the terminal text of the update.
        updates = []
        app._display = lambda screen, update: updates.append(update)
        try:
            screen = app.screen
            if widget is not None:
                screen._dirty_widgets.add(widget)
            screen._on_timer_update()
        finally:
            del app._display
        for update in updates:
            if update is not None:
                update.render_segments(app.console)

    def items_grid():
        try:
            found = app.screen.query("Grid#items")
        except Exception:  # No screen yet.
            return None
        return found.first() if found else None

    async with app.run_test(size=(120, 36)) as pilot:
        # Polled with plain sleeps: a Pilot pause sends a message to every widget, which a
        # user's terminal never does, and which takes turns with the thread reading the items.
        grid = None
        while grid is None or not grid.rows:
            await asyncio.sleep(0.002)
            grid = items_grid()
        app.screen._on_timer_update()  # The rows drawn, as on the screen's next update tick.
        out["first_screen"] = time.perf_counter() - start
        while app.roadmap is None:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        moves = []
        for i in range(60):
            t0 = time.process_time()
            grid.action_cursor(1)
            repaint(grid)
            moves.append(time.process_time() - t0)
            await pilot.pause(0)
        out["cursor_move"] = sum(moves) / len(moves)
        out["cursor_worst"] = max(moves)

        await pilot.press("2")
        while not app.screen.query("#scores") or not app.screen.query_one("#scores").rows:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen
        scores = view.query_one("#scores")
        asked = []
        app.resequence = lambda *args: asked.append(args)
        edits = []
        for i in range(10):
            t0 = time.perf_counter()
            view.action_step(1 if i % 2 == 0 else -1)
            repaint(scores)
            edits.append(time.perf_counter() - t0)
            await pilot.pause(0)
        await pilot.pause()  # The app has handled every edit's message.
        del app.resequence
        edits.sort()
        out["cell_edit"] = edits[len(edits) // 2]
        out["edits_done"] = len(asked)

        roadmap = app.roadmap
        t0 = time.perf_counter()
        app.resequence(*asked[-1])
        while app.roadmap is roadmap:
            await asyncio.sleep(0.001)
        repaint(scores)
        out["resequenced"] = time.perf_counter() - t0

        async def pressed(key):
            t0 = time.process_time()
            await pilot.press(key)
            repaint()
            return time.process_time() - t0

        views = {}
        for number in VIEW_KEYS:
            await pilot.press(number)
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause()
            harness = sorted([await pressed("f19") for _ in range(15)])[7]
            moves = [await pressed("down" if i % 10 < 5 else "up") for i in range(20)]
            views[app.current_mode] = sorted(moves)[10] - harness
        out["view_moves"] = views
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["BENCH_PROFILE"])
    print(json.dumps(out))

asyncio.run(main())
"""


def store_plan(path: Path, n_items: int | None) -> None:
    from roadmap.model.inputs import PlanDoc
    from roadmap.store.db import Store
    from roadmap.store.plan_write import write_plan

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
    sys.path.insert(0, str(Path(__file__).parent))
    from machine import compile_package, describe

    compile_package()
    sizes: list[int | None] = (
        [None, *(int(a) for a in sys.argv[1:])] if len(sys.argv) > 1 else [None, 10_000, 100_000]
    )
    print(
        f"{'plan':>10} {'first screen':>13} {'cursor move (worst)':>20}"
        f" {'cell edit':>10} {'re-sequenced':>13} {'any view':>9}"
    )
    slowest: dict[str, float] = {}
    for n in sizes:
        name = "demo" if n is None else f"{n:,}"
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            t0 = time.perf_counter()
            store_plan(db, n)
            stored = time.perf_counter() - t0
            env = dict(os.environ)
            if env.get("BENCH_PROFILE"):
                env["BENCH_PROFILE"] = f"{env['BENCH_PROFILE']}.{name.replace(',', '')}"
            t0 = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", PROBE, str(db), str(Path(tmp) / "config")],
                capture_output=True,
                text=True,
                env=env,
            )
            if done.returncode:
                raise SystemExit(done.stderr[-3000:])
            r = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{name:>10} {r['first_screen']:>12.2f}s"
                f" {r['cursor_move'] * 1000:>9.2f}ms ({r['cursor_worst'] * 1000:>5.1f}ms)"
                f" {r['cell_edit'] * 1000:>8.1f}ms {r['resequenced'] * 1000:>11.0f}ms"
                f" {max(r['view_moves'].values()) * 1000:>7.1f}ms"
                f"   (stored in {stored:.1f}s, probe {time.perf_counter() - t0:.1f}s)",
                flush=True,
            )
            slowest.update({f"{name} {view}": t for view, t in r["view_moves"].items()})
    worst = sorted(slowest.items(), key=lambda pair: -pair[1])[:3]
    print(
        "any view: the slowest median move: " + ", ".join(f"{k} {t * 1000:.1f}ms" for k, t in worst)
    )
    print(describe())


if __name__ == "__main__":
    main()
