"""The cost of SQLite's checks that ``roadmap check`` runs and exports require.

    .venv/bin/python bench/bench_integrity.py [--items N]

Imports a generated plan of N items (default 50,000) into a fresh SQLite database and times,
best of three, ``PRAGMA quick_check`` (run by ``roadmap check`` and before every export),
``PRAGMA integrity_check`` (``roadmap check --full``) and ``PRAGMA foreign_key_check``, beside
floors measured in the same run on the same file (reading the file's bytes once, scanning
every item row) and the read of the whole plan that an export does anyway.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_plan
from machine import best_of
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.integrity import require_sound
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import list_plans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50_000, help="items in the plan")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roadmap.db"
        store = Store.open(path)
        with store.write(foreign_keys=False) as session:
            write_plan(session=session, doc=PlanDoc.model_validate(generate_plan(args.items)))
        store.close()
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = path.stat().st_size
        console.print(f"{args.items:,} items in a {size / 1e6:.1f} MB SQLite file")

        def pragma(name: str):
            return lambda: conn.execute(f"PRAGMA {name}").fetchall()

        store = Store.open(path)
        rows = [
            ("floor: read the file's bytes", best_of(3, path.read_bytes)),
            ("floor: scan every item row", best_of(3, scan_items(conn))),
            ("the plan read whole (what an export reads)", best_of(3, read_whole(store))),
            ("quick_check (check, before exports)", best_of(3, pragma("quick_check"))),
            ("integrity_check (check --full)", best_of(3, pragma("integrity_check"))),
            ("foreign_key_check", best_of(3, pragma("foreign_key_check"))),
            ("require_sound (what an export pays)", best_of(3, lambda: require_sound(store))),
        ]
        store.close()
        conn.close()
    table = Table(title="SQLite checks")
    table.add_column("work")
    table.add_column("seconds", justify="right")
    table.add_column("x floor (read)", justify="right")
    floor = rows[0][1]
    for label, seconds in rows:
        table.add_row(label, f"{seconds:.3f}", f"{seconds / floor:.1f}")
    console.print(table)


def scan_items(conn: sqlite3.Connection):
    return lambda: conn.execute(
        "SELECT sum(length(title) + length(description)) FROM item"
    ).fetchone()


def read_whole(store: Store):
    def read() -> None:
        with store.read() as session:
            read_plan(session=session, plan_id=list_plans(session=session)[0].id)

    return read


if __name__ == "__main__":
    main()
