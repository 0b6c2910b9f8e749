"""A TaskJuggler 3 project file (the subset a release schedule uses) turned into a roadmap plan.

Reads the task tree of a ``.tjp`` file line by line: ``task ID "name" {`` and ``}``, ``depends``
and ``precedes`` with relative references (``!id`` is a sibling, each further ``!`` one level
up) and an optional ``{gaplength Nd}`` or ``{gapduration Nd}``, ``length Nd`` /
``duration Nd``, ``start DATE`` and ``macro name [value]``. Everything else (flags, notes,
reports) is ignored.

The plan uses ISO-week periods: a task of N working days (``length``) takes ceil(N / 5) weeks,
one of N calendar days (``duration``) ceil(N / 7); a gap of N working days becomes a lag of
round(N / 5) weeks (a gap of N calendar days counts as 5N / 7 working days); a task with no
length is a milestone (effort 0); a fixed ``start`` is the item's earliest start. Container
tasks are not items: a dependency on one is a dependency on each of its leaves, and a
container's own dependencies and start pass to its leaves. One team with a capacity far above
the work, so that durations and dependencies decide, not capacity.

Roadmap sequences forwards only. A task scheduled backwards from a later one (``precedes``
without a ``depends`` or ``start`` of its own, which TaskJuggler places as late as possible) is
pinned by :func:`sequence_backwards`: sequence, pin each such item so that it ends (with its
lag) before the items it precedes start, and sequence again until no pin moves.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from datetime import date
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
    """Full id of each task this one waits for, with the gap in working days (a gap in
    calendar days counts five working days a week)."""
    precedes: dict[str, float] = field(default_factory=dict)
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
                days = int(gap or 0) * (5 / 7 if kind == "duration" else 1)
                refs[_resolve(current, bangs, name)] = days
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


@dataclass
class Conversion:
    """The plan document, and each task left out with the reason."""

    doc: dict[str, Any]
    backwards: dict[str, dict[str, int]]
    """Items scheduled backwards: by key, the items each must end before, with the lag."""
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


def convert(tasks: dict[str, Task], *, plan_start: date, horizon: int = 120) -> Conversion:
    """The roadmap plan for ``tasks`` (see the module's docstring)."""
    parent = {c: t.id for t in tasks.values() for c in t.children}

    def inherited(tid: str) -> tuple[dict[str, float], date | None]:
        """Dependencies and start of ``tid`` with those of its containers."""
        deps: dict[str, float] = {}
        start: date | None = None
        node: str | None = tid
        while node is not None:
            for dep, gap in tasks[node].depends.items():
                deps.setdefault(dep, gap)
            start = start or tasks[node].start
            node = parent.get(node)
        return deps, start

    # precedes: "A precedes B" makes B wait for A.
    preceded: dict[str, dict[str, float]] = {}
    for task in tasks.values():
        for later, gap in task.precedes.items():
            for leaf in _leaves(tasks, later):
                preceded.setdefault(leaf, {})[task.id] = gap

    leaves = [t for t in tasks if not tasks[t].children]
    deps_of: dict[str, dict[str, float]] = {}
    backwards: dict[str, dict[str, int]] = {}
    for tid in leaves:
        deps, start = inherited(tid)
        ahead = {
            later: gap
            for node in [tid, *_ancestors(parent, tid)]
            for later, gap in tasks[node].precedes.items()
        }
        if ahead and not deps and start in (None, plan_start):
            backwards[_key(tid)] = {
                _key(leaf): round(gap / 5)
                for later, gap in ahead.items()
                for leaf in _leaves(tasks, later)
            }
        full: dict[str, float] = {}
        for dep, gap in {**deps, **preceded.get(tid, {})}.items():
            for leaf in _leaves(tasks, dep):
                full[leaf] = max(full.get(leaf, 0), gap)
        deps_of[tid] = full

    items = []
    for tid in leaves:
        task = tasks[tid]
        weeks = 0
        if task.working_days:
            weeks = math.ceil(task.working_days / 5)
        elif task.calendar_days:
            weeks = math.ceil(task.calendar_days / 7)
        _, start = inherited(tid)
        item: dict[str, Any] = {"key": _key(tid), "title": tid, "team": "release",
                                "effort": float(weeks), "mandatory": True}  # fmt: skip
        if weeks:
            item["duration"] = weeks
        if start is not None and start > plan_start:
            item["earliest_start"] = start.isoformat()
        hard = sorted(deps_of[tid])
        if hard:
            item["depends_on"] = [_key(d) for d in hard]
            lags = {_key(d): round(deps_of[tid][d] / 5) for d in hard}
            if lags := {k: v for k, v in lags.items() if v}:
                item["lags"] = lags
        items.append(item)
    doc = {
        "format": "roadmap/2",
        "plan": {"name": "Fedora 20 release schedule", "slug": "fedora-20",
                 "start_date": plan_start.isoformat(), "period_unit": "week",
                 "horizon": horizon},
        "organisations": [{"key": "fedora", "name": "Fedora Project"}],
        "teams": [{"key": "release", "organisation": "fedora", "name": "Release",
                   "capacity": 100_000}],
        "items": items,
    }  # fmt: skip
    containers = [t for t in tasks if tasks[t].children]
    return Conversion(doc, backwards, containers)


def _begins(roadmap: Roadmap, item: dict[str, Any]) -> int:
    """The period at whose start ``item`` begins: the one a milestone is reached at, the first
    of other work."""
    place = roadmap.placements[item["key"]]
    return place.start if place.reached is None else place.reached


def sequence_backwards(store: Store, conv: Conversion, *, rounds: int = 30) -> tuple[Roadmap, int]:
    """Import ``conv``'s plan and sequence it through the services, pinning the items scheduled
    backwards until their pins settle; the roadmap and the number of runs it took."""
    doc = copy.deepcopy(conv.doc)
    by_key = {item["key"]: item for item in doc["items"]}
    cal = Calendar(date.fromisoformat(doc["plan"]["start_date"]), "week")
    for run in range(1, rounds + 1):
        plan = import_plan(store, PlanDoc.model_validate(doc), replace=run > 1)
        roadmap = sequenced(store, plan.id).roadmap
        moved = False
        for key, later in conv.backwards.items():
            item = by_key[key]
            weeks = item.get("duration", 0)
            pin = min(_begins(roadmap, by_key[k]) - lag - weeks for k, lag in later.items())
            label = cal.label(max(pin, 0))
            if item.get("pinned_period") != label:
                item["pinned_period"] = label
                moved = True
        if not moved:
            return roadmap, run
    raise AssertionError(f"the backward pins did not settle in {rounds} runs")
