"""Timings of importing a large spreadsheet of items, next to a floor measured in the same run.

    .venv/bin/python bench/bench_sheets.py [--rows N]

Writes N rows (default 100,000) of items as a municipality keeps them -- Finnish headers,
``;`` and decimal commas, theme, owner and team names instead of keys, dates as d.m.yyyy,
comma-separated dependencies, a notes column -- as a CSV file and as an Excel workbook, and
imports each into a fresh plan (``roadmap init``, then ``roadmap import FILE``) in this
process. The floor is Python's csv module reading the same CSV file plus raw sqlite3 inserts
of the same rows and dependencies into a file database; the targets are 3x the floor for CSV
and 6x for Excel. A row of openpyxl's bare reading of the workbook (read-only, values only: the
reader the import uses) shows what part of the Excel import is the library's.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from rich.console import Console
from rich.table import Table

from roadmap.cli import cli

HEADERS = ["Tunnus", "Nimi", "Teema", "Omistaja", "Tiimi", "Tila", "Työmäärä", "Määräaika",
           "Riippuvuudet", "Huomiot"]  # fmt: skip
THEMES = [f"Teema {n}" for n in range(10)]
OWNERS = ["Lahden kaupunki", "Asikkalan kunta", "Päijät-Hämeen hyvinvointialue"]
TEAMS = [f"Tiimi {n}" for n in range(8)]
STATUSES = ["Suunniteltu", "Käynnissä", "Idea", "Valmis"]


def rows(n: int) -> list[list[str]]:
    """``n`` rows of text cells, the same for every run."""
    rng = random.Random(16)
    out = []
    for i in range(n):
        deps = sorted({rng.randrange(i) for _ in range(rng.choice((0, 1, 1, 2)))}) if i else []
        out.append(
            [
                f"K-{i:06d}",
                f"Kehittämiskohde {i}",
                rng.choice(THEMES),
                rng.choice(OWNERS),
                rng.choice(TEAMS),
                rng.choice(STATUSES),
                f"{rng.randrange(1, 40) / 4:g}".replace(".", ","),
                f"{rng.randrange(1, 28)}.{rng.randrange(1, 13)}.{rng.randrange(2027, 2031)}",
                ", ".join(f"K-{d:06d}" for d in deps),
                "Huomio" if i % 7 == 0 else "",
            ]
        )
    return out


def write_csv(path: Path, table: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows([HEADERS, *table])
    path.write_bytes("\ufeff".encode() + buf.getvalue().encode())


def write_xlsx(path: Path, table: list[list[str]]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Salkku")
    sheet.append(["Kehittämissalkku"])
    sheet.append(HEADERS)
    for row in table:
        cells: list[object] = list(row)
        cells[6] = float(row[6].replace(",", "."))
        day, month, year = map(int, row[7].split("."))
        cells[7] = datetime(year, month, day)
        sheet.append(cells)
    workbook.save(path)


def floor(path: Path, db: Path) -> None:
    """The csv module reading ``path`` and raw sqlite3 inserts of its rows and dependencies."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        table = list(reader)
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE item (id INTEGER PRIMARY KEY, key TEXT UNIQUE, title TEXT, theme TEXT, "
        "owner TEXT, team TEXT, status TEXT, effort REAL, deadline TEXT, notes TEXT)"
    )
    conn.execute("CREATE TABLE dependency (blocker TEXT, blocked TEXT)")
    conn.executemany(
        "INSERT INTO item (key, title, theme, owner, team, status, effort, deadline, notes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*r[:6], float(r[6].replace(",", ".")), r[7], r[9]) for r in table],
    )
    conn.executemany(
        "INSERT INTO dependency VALUES (?, ?)",
        [(d.strip(), r[0]) for r in table if r[8] for d in r[8].split(",")],
    )
    conn.commit()
    conn.close()


def openpyxl_rows(path: Path) -> None:
    """openpyxl reading every row of the workbook ``path`` as the import opens it, and nothing
    else."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for _row in workbook.worksheets[0].iter_rows(values_only=True):
            pass
    finally:
        workbook.close()


def roadmap_import(path: Path, db: Path) -> Callable[[], None]:
    """``roadmap init`` now; the returned call runs ``roadmap import`` of ``path``."""
    cli.main(["--db", str(db), "init", "--plan", "Bench"], standalone_mode=False)

    def run() -> None:
        cli.main(["--db", str(db), "import", str(path), "--plan", "bench"], standalone_mode=False)

    return run


def timed(func: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of calling ``func`` (on a shared machine the wall time also holds
    the waits for a core)."""
    start, used = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - start, time.process_time() - used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows in the spreadsheet")
    args = parser.parse_args()
    table = rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        csv_path, xlsx_path = work / "salkku.csv", work / "salkku.xlsx"
        write_csv(csv_path, table)
        write_xlsx(xlsx_path, table)
        base = timed(lambda: floor(csv_path, work / "floor.db"))
        csv_time = timed(roadmap_import(csv_path, work / "csv.db"))
        xlsx_time = timed(roadmap_import(xlsx_path, work / "xlsx.db"))
        library = timed(lambda: openpyxl_rows(xlsx_path))
    result = Table(title=f"Import of {args.rows:,} spreadsheet rows")
    for column in ("work", "wall s", "cpu s", "x floor (cpu)", "target"):
        result.add_column(column, justify="left" if column == "work" else "right")
    result.add_row("floor: csv module + raw sqlite3", f"{base[0]:.2f}", f"{base[1]:.2f}", "1.0", "")
    for name, (wall, cpu), target in (
        ("roadmap import CSV", csv_time, 3),
        ("roadmap import XLSX", xlsx_time, 6),
    ):
        ratio = cpu / base[1]
        mark = "ok" if ratio <= target else "over"
        result.add_row(name, f"{wall:.2f}", f"{cpu:.2f}", f"{ratio:.1f}", f"{target}x {mark}")
    wall, cpu = library
    result.add_row(
        "  of which openpyxl's bare read", f"{wall:.2f}", f"{cpu:.2f}", f"{cpu / base[1]:.1f}", ""
    )
    Console(file=sys.stderr).print(result)


if __name__ == "__main__":
    main()
