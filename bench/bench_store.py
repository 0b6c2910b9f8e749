"""Timings of the plan store on a large generated plan: import, read, export.

    .venv/bin/python bench/bench_store.py [--items N]

Writes a plan of N items (default 100,000, with about 1.5 dependencies each) as JSON, imports
it validated into a fresh SQLite database, reads it back whole and exports it as JSON, and
prints each time, next to its target where the issue sets one; last, runs ``roadmap check`` on
it as a whole process, and ``roadmap import`` of the file into a new database (as a
command it also loads its modules, creates the schema and frees the document as it ends).
Loading the plan for sequencing is timed by ``bench_engine.py``.
Next to each wall time is the CPU time the work took (with its child process, for the whole
process): on a machine shared with other work the wall time also holds the waits for a core.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_plan
from machine import best_of, compare, compile_package
from roadmap.io.planfile import dump_json, load_plan
from roadmap.model.inputs import check_references
from roadmap.model.storable import storage_problems
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan

Timing = tuple[float, float]
"""Wall and CPU seconds."""


def timed(func: Callable[[], Any]) -> tuple[Timing, Any]:
    """The wall and CPU seconds of calling ``func``, and its result."""
    start, used = time.perf_counter(), _cpu()
    result = func()
    return (time.perf_counter() - start, _cpu() - used), result


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items in the plan")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    compile_package()
    console = Console()
    rows: list[tuple[str, Timing, float | None]] = []

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "plan.json"
        data = generate_plan(args.items, seed=args.seed)
        source.write_text(json.dumps(data), encoding="utf-8")
        deps = sum(len(i.get("depends_on", [])) for i in data["items"])
        del data
        console.print(
            f"{args.items:,} items, {deps:,} hard dependencies, "
            f"{source.stat().st_size / 1e6:.1f} MB of JSON"
        )
        store = Store.open(Path(tmp) / "roadmap.db")

        loaded, doc = timed(lambda: load_plan(source))
        checked, _ = timed(lambda: (check_references(doc), storage_problems(doc)))

        def write() -> int:
            with store.write(foreign_keys=False) as session:  # as `roadmap import` does
                return write_plan(session=session, doc=doc).id

        written, plan_id = timed(write)
        rows += [
            ("JSON import, validated, into a fresh SQLite database", _sum(loaded, written), 3.0),
            ("  read, parse, validate, check the file (load_plan)", loaded, None),
            ("    of which references and cycles", checked, None),
            ("  store it (write_plan)", written, None),
        ]

        def read() -> Any:
            with store.read() as session:
                return read_plan(session=session, plan_id=plan_id)

        read(), read()  # warm the page cache
        seconds, doc = timed(read)
        # The engine's load (load_snapshot, <= 0.5 s) is timed by bench_engine.py.
        rows.append(("read the whole plan back as a document (read_plan)", seconds, None))

        target = Path(tmp) / "export.json"
        seconds, _ = timed(lambda: target.write_text(dump_json(read()), encoding="utf-8"))
        rows.append(("export-data JSON (read_plan, dump_json, write)", seconds, None))
        store.close()

        check = [sys.executable, "-m", "roadmap", "--db", str(Path(tmp) / "roadmap.db"), "check"]
        seconds, _ = timed(lambda: subprocess.run(check, capture_output=True, check=False))
        rows.append(("roadmap check, whole process", seconds, 2.0))

        fresh = Path(tmp) / "fresh.db"
        command = [sys.executable, "-m", "roadmap", "--db", str(fresh), "import", str(source)]
        seconds, _ = timed(lambda: subprocess.run(command, capture_output=True, check=True))
        rows.append(("roadmap import, whole process (new database)", seconds, None))

    table = Table(title=f"Plan store, {args.items:,} items")
    for column in ("operation", "seconds", "CPU", "target", "ok?"):
        table.add_column(column, justify="left" if column == "operation" else "right")
    for name, (seconds, cpu), limit in rows:
        ok = "" if limit is None else ("[green]yes[/]" if seconds <= limit else "[red]no[/]")
        target = "" if limit is None else f"<= {limit:g}"
        table.add_row(name, f"{seconds:.2f}", f"{cpu:.2f}", target, ok)
    console.print(table)
    console.print(reference(args.items))


def _sum(*timings: Timing) -> Timing:
    return sum(wall for wall, _ in timings), sum(cpu for _, cpu in timings)


def reference(n_items: int) -> str:
    """Raw ``sqlite3`` inserting items and 1.5 dependencies each, which the targets were set
    beside (100,000 items and 150,000 dependencies in 0.35 s)."""
    import sqlite3

    items = [(i, f"I{i:06d}", f"Item {i}", 1.0) for i in range(1, n_items + 1)]
    deps = [(i // 2 or 1, i + 1) for i in range(1, n_items * 3 // 2)]

    def insert() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            db = sqlite3.connect(Path(tmp) / "raw.db")
            db.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, key TEXT, title TEXT, effort)")
            db.execute("CREATE TABLE dependency (blocker INTEGER, blocked INTEGER)")
            with db:
                db.executemany("INSERT INTO item VALUES (?, ?, ?, ?)", items)
                db.executemany("INSERT INTO dependency VALUES (?, ?)", deps)
            db.close()

    here = best_of(3, insert)
    what = f"raw sqlite3 inserting {n_items:,} items and {len(deps):,} dependencies"
    return compare(what, here, 0.35 * n_items / 100_000)


if __name__ == "__main__":
    main()
