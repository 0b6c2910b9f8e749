"""How fast a plan's rows go into the store: ``write_plan`` of a generated plan into a fresh
database, beside a floor measured in the same run.

    .venv/bin/python bench/bench_bulk_insert.py [--items N] [--runs R]

The floor is the driver alone: raw ``sqlite3`` ``executemany`` of as many rows into tables of
the same widths (items with their 20 columns, scores, dependencies, links), with no SQLAlchemy
in between. ``write_plan`` is timed on SQLite and, where a server answers on
``ROADMAP_TEST_PG_URL`` (default 127.0.0.1:5432, database ``test``), on PostgreSQL, each the best
of R runs. The ratio column is the time over the SQLite floor.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import create_engine, text

from generate import generate_plan
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

PG_URL = os.environ.get("ROADMAP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def rows_of(doc: PlanDoc) -> dict[str, list[tuple]]:
    """Rows as wide as the store's, for the floor."""
    stamp = "2027-01-01 00:00:00"
    items = [
        (
            *(n, "{}", 1, i.key, i.title, i.description, 1, 1, 1, i.status, i.effort),
            *(i.moscow, i.confidence, i.reach, i.impact, i.cost_of_delay, i.mandatory),
            *(None, None, None, "[]", stamp, stamp, 1),
        )
        for n, i in enumerate(doc.items, 1)
    ]
    scores = [
        (n, c, v) for n, i in enumerate(doc.items, 1) for c, v in enumerate(i.scores.values())
    ]
    deps = [(n, n, n + 1, "hard") for n, i in enumerate(doc.items, 1) for _ in i.depends_on]
    links = [(n, k) for n, i in enumerate(doc.items, 1) for k, _ in enumerate(i.needs)]
    return {"item": items, "score": scores, "dependency": deps, "link": links}


def floor(rows: dict[str, list[tuple]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "floor.db")
        for name, table in rows.items():
            if table:
                columns = ", ".join(f"c{n}" for n in range(len(table[0])))
                db.execute(f"CREATE TABLE {name} ({columns})")
        with db:
            for name, table in rows.items():
                if table:
                    marks = ", ".join("?" * len(table[0]))
                    db.executemany(f"INSERT INTO {name} VALUES ({marks})", table)
        db.close()


def sqlite_write(doc: PlanDoc) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "roadmap.db")
        start = time.perf_counter()
        with store.write(foreign_keys=False) as session:  # as `roadmap import` does
            write_plan(session=session, doc=doc)
        elapsed = time.perf_counter() - start
        store.close()
    return elapsed


def pg_write(doc: PlanDoc) -> float | None:
    try:
        admin = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception:  # no server here: the row says so
        return None
    sep = "&" if "?" in PG_URL else "?"
    store = Store.open(f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}")
    try:
        start = time.perf_counter()
        with store.write() as session:
            write_plan(session=session, doc=doc)
        return time.perf_counter() - start
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def best(runs: int, func) -> float | None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        found = func()
        if found is False:
            return None
        times.append(found if isinstance(found, float) else time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    doc = PlanDoc.model_validate(generate_plan(args.items, seed=0))
    rows = rows_of(doc)
    total = sum(len(r) for r in rows.values())
    base = best(args.runs, lambda: floor(rows))
    results = [
        ("floor: raw sqlite3 executemany, same rows", base),
        ("write_plan, SQLite", best(args.runs, lambda: sqlite_write(doc))),
        ("write_plan, PostgreSQL", best(args.runs, lambda: pg_write(doc) or False)),
    ]
    print(f"{args.items:,} items, {total:,} rows of items, scores, dependencies and links")
    print(f"{'operation':<44} {'seconds':>8} {'x floor':>8}")
    for name, seconds in results:
        if seconds is None:
            print(f"{name:<44} {'(no server)':>8}")
        else:
            print(f"{name:<44} {seconds:>8.2f} {seconds / base:>8.1f}")


if __name__ == "__main__":
    main()
