"""The commands people run, timed as whole processes beside a floor measured in the same run.

    .venv/bin/python bench/bench_commands.py [--runs 5] [--skip-tj3] [--skip-100k]

The floor is a process that only imports textual, sqlmodel, networkx and markdown-it: no
command can start faster. Each row is the best of ``--runs`` runs:

- a generated plan of 5,000 items (month periods, 5 teams, about one dependency per item, seed
  5000): ``roadmap import`` of it as YAML into a new database, and ``roadmap plan`` printing it;
- the same commands on 100,000 items: ``roadmap plan`` printing every row;
- TaskJuggler (``tj3``, Debian's package, when installed) against ``roadmap import`` +
  ``roadmap plan`` on one generated project of 5,000 day-long tasks (``task_project`` of
  ``bench_engine.py``, seed 0), end to end, with both makespans.

The generators and seeds are fixed, so that figures of different runs stay comparable.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import task_project, tj_makespan, write_tjp
from generate import generate_plan
from machine import IMPORTS, compile_package
from sequence_tasks import TJ_START

ROADMAP = [sys.executable, "-m", "roadmap"]
SEED = 5000


def run(command: list[str], cwd: Path, *, fresh: Path | None = None) -> tuple[float, float, str]:
    """The wall and CPU seconds of one run of ``command`` and what it printed; ``fresh`` is a
    file removed first (the database an import creates)."""
    if fresh is not None:
        fresh.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stdout


def best(runs: int, command: list[str], cwd: Path, **kw) -> tuple[float, float, str]:
    results = [run(command, cwd, **kw) for _ in range(runs)]
    wall = min(r[0] for r in results)
    return wall, min(r[1] for r in results), results[-1][2]


def write_yaml(doc: dict, path: Path) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def task_plan(n_tasks: int) -> dict:
    """The TaskJuggler comparison's project as a plan file: days, one person per team."""
    snap = task_project(n_tasks, 0)
    blockers: dict[str, list[str]] = {}
    for a, b, _ in snap.dependencies:
        blockers.setdefault(b, []).append(a)
    return {
        "format": "roadmap/1",
        "plan": {
            "name": "Tasks",
            "slug": "tasks",
            "default_language": "en",
            "languages": ["en"],
            "start_date": TJ_START.isoformat(),
            "period_unit": "day",
            "horizon": 3000,
            "scoring_method": "weighted",
        },
        "organisations": [{"key": "ORG", "name": "Organisation"}],
        "teams": [
            {"key": key, "name": team.name, "organisation": "ORG", "capacity": team.capacity}
            for key, team in snap.teams.items()
        ],
        "criteria": [{"key": "value", "name": "Value", "weight": 1.0, "direction": "benefit"}],
        "items": [
            {
                "key": item.key,
                "title": item.key,
                "team": item.team,
                "status": "planned",
                "effort": item.effort,
                "scores": {"value": item.scores["value"]},
                **({"depends_on": blockers[item.key]} if item.key in blockers else {}),
            }
            for item in snap.items
        ],
    }, snap


def makespan(db: Path) -> int:
    """Days from the plan's start to the last day any item ends, as ``roadmap plan`` places
    them (read from the same sequencing in this process, so that no date format of a language
    needs parsing)."""
    from roadmap.services.planning import sequenced
    from roadmap.services.plans import find_plan, open_store

    store = open_store(db, create=False)
    done = sequenced(store, find_plan(store, None).id)
    store.close()
    last = max(p.end for p in done.roadmap.placements.values() if p is not None)
    return (done.snapshot.calendar.end_of(last) - TJ_START).days + 1


def ratio(here: float, floor: float) -> str:
    return f"{here / floor:.2f}x"


def met(ok: bool) -> str:
    return "yes" if ok else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-tj3", action="store_true")
    parser.add_argument("--skip-100k", action="store_true")
    args = parser.parse_args()
    compile_package()
    table = Table(title="Commands as whole processes (best of runs)")
    for column in ("What", "Wall (CPU)", "Against", "Target", "Met"):
        table.add_column(column)

    def row(what, timing, against, target, met) -> None:
        table.add_row(what, f"{timing[0]:.2f} s ({timing[1]:.2f} s)", against, target, met)

    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        floor = best(args.runs, [sys.executable, "-c", IMPORTS], here)
        row("floor: " + IMPORTS.removeprefix("import "), floor, "", "", "")
        sizes = [5_000] if args.skip_100k else [5_000, 100_000]
        for n in sizes:
            write_yaml(generate_plan(n, seed=SEED, deps_per_item=1.0, teams=5,
                                     period_unit="month"), here / f"plan{n}.yaml")  # fmt: skip
            db = here / f"plan{n}.db"
            runs = args.runs if n == 5_000 else 1
            imp = best(runs, [*ROADMAP, "--db", str(db), "import", f"plan{n}.yaml"], here, fresh=db)
            plan = best(args.runs, [*ROADMAP, "--db", str(db), "plan"], here)
            lines = plan[2].count("\n")
            what_imp = f"roadmap import, {n:,} items (YAML)"
            what_plan = f"roadmap plan, {n:,} items ({lines:,} lines)"
            if n == 5_000:
                x = imp[0] / floor[0]
                row(what_imp, imp, ratio(imp[0], floor[0]), "<= 2x floor", met(x <= 2))
                x = plan[0] / floor[0]
                row(what_plan, plan, ratio(plan[0], floor[0]), "<= 1.2x floor", met(x <= 1.2))
            else:
                row(what_imp, imp, ratio(imp[0], floor[0]), "", "")
                row(what_plan, plan, ratio(plan[0], floor[0]), "<= 5 s", met(plan[0] <= 5))
        tj3 = shutil.which("tj3")
        if args.skip_tj3 or tj3 is None:
            table.add_row("TaskJuggler", "skipped", "tj3 is not installed" if tj3 is None else "")
        else:
            doc, snap = task_plan(5_000)
            write_yaml(doc, here / "tasks.yaml")
            write_tjp(snap, here / "tasks.tjp")
            tj = best(1, [tj3, "--no-color", "--silent", "tasks.tjp"], here)
            tj_span = tj_makespan(here / "dates.csv")
            db = here / "tasks.db"
            imp = best(args.runs, [*ROADMAP, "--db", str(db), "import", "tasks.yaml"], here,
                       fresh=db)  # fmt: skip
            plan = best(args.runs, [*ROADMAP, "--db", str(db), "plan"], here)
            ours = (imp[0] + plan[0], imp[1] + plan[1])
            row("tj3, 5,000 tasks", tj, "", "", "")
            x = tj[0] / ours[0]
            row("roadmap import + plan, 5,000 tasks", ours, f"tj3 / roadmap = {x:.0f}x",
                ">= 50x", met(x >= 50))  # fmt: skip
            span = makespan(db)
            longer = span / tj_span - 1
            table.add_row("makespan roadmap vs tj3", f"{span} vs {tj_span} days",
                          f"{longer:+.1%}", "<= +5%", met(longer <= 0.05))  # fmt: skip
    Console().print(table)


if __name__ == "__main__":
    main()
