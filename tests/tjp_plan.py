"""A TaskJuggler 3 project file (the subset a release schedule uses) turned into a roadmap plan.

Reads the task tree of a ``.tjp`` file line by line: ``task ID "name" {`` and ``}``, ``depends``
and ``precedes`` with relative references (``!id`` is a sibling, each further ``!`` one level
up) and an optional ``{gaplength Nd}`` or ``{gapduration Nd}``, ``length Nd`` /
``duration Nd``, ``start DATE`` and ``macro name [value]``. Everything else (flags, notes,
reports) is ignored.

The schedule counts in days, so the plan has day periods, as a person would choose for it. Its
``release`` team works Monday to Friday (no capacity on Saturdays and Sundays, as the file's
``workinghours sat,sun off`` says) and has a crew far larger than the work, so that lengths and
dependencies decide, not capacity. A task of N working days (``length``) is N days of one
person's work, at most one a day (``max_share``): it takes N working days, skipping weekends.
A task of N calendar days (``duration``) runs N days in a row, weekends included, on a
``community`` team that works every day. A task with no length is a milestone (effort 0); a
fixed ``start`` is the item's earliest start; a gap of N calendar days is a lag of N days.
Container tasks are not items: a dependency on one is a dependency on each of its leaves, and
a container's own dependencies and start pass to its leaves.

Roadmap sequences forwards, and its lags count periods, weekends included. So
:func:`sequence_settled` sequences the plan again until nothing moves: a gap of N working
days becomes the lag that holds N working days from where roadmap ended the blocker; and a task
scheduled backwards from a later one (``precedes`` without a ``depends`` or ``start`` of its
own, which TaskJuggler places as late as possible) is pinned so that it ends, with its gap,
before the tasks it precedes begin. Those do not wait for it: it is placed from them.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from roadmap.engine.result import Roadmap
from roadmap.model.inputs import PlanDoc
from roadmap.model.periods import Calendar
from roadmap.services.planning import sequenced
from roadmap.services.plans import import_plan
from roadmap.store.db import Store

_MACRO = re.compile(r"^\s*macro\s+(\w+)\s*\[(.*)\]")
_TASK = re.compile(r'^\s*task\s+(\w+)\s*"[^"]*"\s*\{')
_REF = re.compile(r"(!*)([\w.]+)\s*(?:\{\s*gap(length|duration)\s+(\d+)d\s*\})?")
_DAYS = re.compile(r"^\s*(length|duration)\s+(\d+(?:\.\d+)?)([dw])\s*$")
_START = re.compile(r"^\s*start\s+(\d{4}-\d{2}-\d{2})\s*$")


@dataclass
class Task:
    """One task of the tree, with its references resolved to full ids."""

    id: str
    children: list[str] = field(default_factory=list)
    depends: dict[str, float] = field(default_factory=dict)
    """Full id of each task this one waits for, with the gap in days: working days, or
    calendar days for the ids in :attr:`elapsed`."""
    precedes: dict[str, float] = field(default_factory=dict)
    elapsed: set[str] = field(default_factory=set)
    """The references whose gap is in calendar days (``gapduration``)."""
    working_days: float = 0.0
    calendar_days: float = 0.0
    start: date | None = None


def _strip(line: str) -> str:
    """``line`` without a ``#`` comment (outside quotes)."""
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted:
            break
        out.append(ch)
    return "".join(out)


def _resolve(own: str, bangs: str, name: str) -> str:
    """The full id that ``!``-reference ``bangs + name`` written in task ``own`` names."""
    parts = own.split(".")
    return ".".join([*parts[: len(parts) - len(bangs)], name])


def read_tasks(path: Path) -> dict[str, Task]:
    """Every task of ``path`` by full id, in file order."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    macros: dict[str, str] = {}
    tasks: dict[str, Task] = {}
    stack: list[str | None] = []  # a task's id, or None for any other block
    for raw in text.splitlines():
        line = _strip(raw)
        if m := _MACRO.match(line):
            macros[m[1]] = m[2].strip()
            continue
        line = re.sub(r"\$\{(\w+)\}", lambda m: macros[m[1]], line)
        current = next((s for s in reversed(stack) if s is not None), None)
        if m := _TASK.match(line):
            full = f"{current}.{m[1]}" if current else m[1]
            tasks[full] = Task(full)
            if current:
                tasks[current].children.append(full)
            stack.append(full)
        elif current and (words := line.split(None, 1)) and words[0] in ("depends", "precedes"):
            refs = getattr(tasks[current], words[0])
            for bangs, name, kind, gap in _REF.findall(words[1]):
                ref = _resolve(current, bangs, name)
                refs[ref] = float(gap or 0)
                if kind == "duration":
                    tasks[current].elapsed.add(ref)
        elif current and (m := _DAYS.match(line)):
            days = float(m[2]) * (5 if m[3] == "w" else 1)
            if m[1] == "length":
                tasks[current].working_days = days
            else:
                tasks[current].calendar_days = days
        elif current and (m := _START.match(line)):
            tasks[current].start = date.fromisoformat(m[1])
        net = line.count("{") - line.count("}") - (1 if _TASK.match(line) else 0)
        stack.extend([None] * max(net, 0))
        del stack[len(stack) + min(net, 0) :]
    return tasks


CREW = 1000
"""The release team's capacity a working day: more than every task at once, so that lengths
and dependencies decide, not capacity; each task uses one a day (``max_share``)."""


def _working(day: date) -> bool:
    return day.weekday() < 5


def working_days_after(day: date, days: float) -> date:
    """The first day by which ``days`` working days from ``day`` on have passed."""
    left = math.ceil(days)
    while left > 0:
        left -= _working(day)
        day += timedelta(days=1)
    return day


def working_days_before(day: date, days: float) -> date:
    """The last day from which ``days`` working days pass before ``day``."""
    left = math.ceil(days)
    while left > 0:
        day -= timedelta(days=1)
        left -= _working(day)
    return day


@dataclass
class Conversion:
    """The plan document, the gaps in working days to turn into lags, the items scheduled
    backwards, and the containers left out."""

    doc: dict[str, Any]
    gaps: dict[str, dict[str, float]]
    """By item key, the working days it waits after each of its blockers (by key)."""
    backwards: dict[str, dict[str, float]]
    """Items scheduled backwards: by key, the items each must end before, with the gap in
    working days."""
    containers: list[str]


def _leaves(tasks: dict[str, Task], tid: str) -> list[str]:
    task = tasks[tid]
    if not task.children:
        return [tid]
    return [leaf for child in task.children for leaf in _leaves(tasks, child)]


def _ancestors(parent: dict[str, str], tid: str) -> list[str]:
    out = []
    while tid in parent:
        tid = parent[tid]
        out.append(tid)
    return out


def _key(tid: str) -> str:
    return tid.replace(".", "-")


Gap = tuple[float, bool]
"""Days, and whether they are calendar days (else working days)."""


def _weekends(first: date, periods: int) -> list[dict[str, Any]]:
    """The release team's capacity changes: none from each Saturday, all again from Monday."""
    days = [first + timedelta(days=n) for n in range(periods + 7)]
    changes = [
        {"from_period": day.isoformat(), "capacity": CREW if _working(day) else 0}
        for before, day in pairwise(days)
        if _working(day) != _working(before)
    ]
    return changes if changes[-1]["capacity"] else changes[:-1]


def convert(tasks: dict[str, Task], *, plan_start: date, horizon: int = 300) -> Conversion:
    """The roadmap plan for ``tasks`` (see the module's docstring)."""
    parent = {c: t.id for t in tasks.values() for c in t.children}

    def inherited(tid: str) -> tuple[dict[str, Gap], date | None]:
        """Dependencies and start of ``tid`` with those of its containers."""
        deps: dict[str, Gap] = {}
        start: date | None = None
        node: str | None = tid
        while node is not None:
            for dep, gap in tasks[node].depends.items():
                deps.setdefault(dep, (gap, dep in tasks[node].elapsed))
            start = start or tasks[node].start
            node = parent.get(node)
        return deps, start

    leaves = [t for t in tasks if not tasks[t].children]
    backwards: dict[str, dict[str, float]] = {}
    for tid in leaves:
        deps, start = inherited(tid)
        ahead = {
            later: gap
            for node in [tid, *_ancestors(parent, tid)]
            for later, gap in tasks[node].precedes.items()
        }
        if ahead and not deps and start in (None, plan_start):
            backwards[tid] = {
                _key(leaf): gap for later, gap in ahead.items() for leaf in _leaves(tasks, later)
            }

    # "A precedes B" makes B wait for A, unless A is scheduled backwards from B.
    preceded: dict[str, dict[str, Gap]] = {}
    for task in tasks.values():
        for later, gap in task.precedes.items():
            for leaf in _leaves(tasks, later):
                preceded.setdefault(leaf, {})[task.id] = (gap, later in task.elapsed)

    deps_of: dict[str, dict[str, Gap]] = {}
    for tid in leaves:
        deps, _ = inherited(tid)
        full: dict[str, Gap] = {}
        for dep, gap in deps.items():
            for leaf in _leaves(tasks, dep):
                full[leaf] = max(full.get(leaf, (0, False)), gap)
        for dep, gap in preceded.get(tid, {}).items():
            for leaf in _leaves(tasks, dep):
                if leaf not in backwards:
                    full[leaf] = max(full.get(leaf, (0, False)), gap)
        deps_of[tid] = full

    items = []
    gaps: dict[str, dict[str, float]] = {}
    for tid in leaves:
        task = tasks[tid]
        _, start = inherited(tid)
        item: dict[str, Any] = {"key": _key(tid), "title": tid, "team": "release",
                                "effort": 0.0, "mandatory": True}  # fmt: skip
        if task.working_days:
            item.update(effort=task.working_days, max_share=1 / CREW)
        elif task.calendar_days:
            days = math.ceil(task.calendar_days)
            item.update(team="community", effort=float(days), duration=days)
        if start is not None and start > plan_start:
            item["earliest_start"] = start.isoformat()
        hard = sorted(deps_of[tid])
        if hard:
            item["depends_on"] = [_key(d) for d in hard]
            lags = {}
            for dep in hard:
                days, elapsed = deps_of[tid][dep]
                if days:  # N working days are N days at least: the runs only move items later
                    lags[_key(dep)] = math.ceil(days)
                if days and not elapsed:
                    gaps.setdefault(_key(tid), {})[_key(dep)] = days
            if lags:
                item["lags"] = lags
        items.append(item)
    doc = {
        "format": "roadmap/2",
        "plan": {"name": "Fedora 20 release schedule", "slug": "fedora-20",
                 "start_date": plan_start.isoformat(), "period_unit": "day",
                 "horizon": horizon},
        "organisations": [{"key": "fedora", "name": "Fedora Project"}],
        "teams": [{"key": "release", "organisation": "fedora", "name": "Release",
                   "capacity": CREW if _working(plan_start) else 0,
                   "capacity_changes": _weekends(plan_start, horizon)},
                  {"key": "community", "organisation": "fedora", "name": "Community",
                   "capacity": CREW}],
        "items": items,
    }  # fmt: skip
    containers = [t for t in tasks if tasks[t].children]
    return Conversion(doc, gaps, {_key(t): later for t, later in backwards.items()}, containers)


def _begins(roadmap: Roadmap, key: str) -> int:
    """The period at whose start item ``key`` begins: the one a milestone is reached at, the
    first of other work."""
    place = roadmap.placements[key]
    return place.start if place.reached is None else place.reached


def _finishes(roadmap: Roadmap, key: str) -> int:
    """The period from which the items that wait for item ``key`` may start."""
    place = roadmap.placements[key]
    return place.end + 1 if place.reached is None else place.reached


def sequence_settled(store: Store, conv: Conversion, *, rounds: int = 60) -> tuple[Roadmap, int]:
    """Import ``conv``'s plan and sequence it through the services, making the gaps in working
    days exact lags and pinning the items scheduled backwards, until nothing moves; the roadmap
    and the number of runs it took."""
    doc = copy.deepcopy(conv.doc)
    by_key = {item["key"]: item for item in doc["items"]}
    cal = Calendar(date.fromisoformat(doc["plan"]["start_date"]), "day")
    for run in range(1, rounds + 1):
        plan = import_plan(store, PlanDoc.model_validate(doc), replace=run > 1)
        roadmap = sequenced(store, plan.id).roadmap
        moved = False
        for key, blockers in conv.gaps.items():
            lags = by_key[key]["lags"]
            for blocker, days in blockers.items():
                ends = cal.start_of(_finishes(roadmap, blocker))
                lag = (working_days_after(ends, days) - ends).days
                if lags[blocker] != lag:
                    lags[blocker], moved = lag, True
        for key, later in conv.backwards.items():
            item = by_key[key]
            firsts = []
            for k, gap in later.items():
                ends = working_days_before(cal.start_of(_begins(roadmap, k)), gap)
                if item.get("duration"):
                    firsts.append(ends - timedelta(days=item["duration"]))
                else:
                    firsts.append(working_days_before(ends, item["effort"]))
            label = max(min(firsts), cal.start).isoformat()
            if item.get("pinned_period") != label:
                item["pinned_period"] = label
                moved = True
        if not moved:
            return roadmap, run
    raise AssertionError(f"the gaps and backward pins did not settle in {rounds} runs")
