"""A plan numbered for sequencing: items by index in key order, dependencies as index lists.

:func:`number` turns a :class:`~roadmap.engine.inputs.Snapshot` into a :class:`Numbered`
plan once; the sequencer then works on plain lists of integers and floats, which is what
keeps a run over 100,000 items fast, and keeps them between runs. Done items and dropped
items are left out (see :mod:`roadmap.engine.sequence`); adjacency lists are sorted, so the
order the plan was written in does not show; a cycle raises
:class:`~roadmap.engine.graph.CycleError` naming its items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from roadmap.engine.graph import CycleError, build_graph, find_cycle, longest_chain
from roadmap.engine.inputs import DONE, DROPPED, HARD, IN_PROGRESS, ItemData, Snapshot


@dataclass(slots=True)
class Numbered:
    """The sequenced items of a plan and their constraints, by index (see :func:`number`)."""

    items: list[ItemData] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    done: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    hard: list[list[int]] = field(default_factory=list)
    """Hard blockers of each item."""
    soft: list[list[int]] = field(default_factory=list)
    succ: list[list[int]] = field(default_factory=list)
    """Items that wait for each item, hard or soft."""
    indeg: list[int] = field(default_factory=list)
    dropped_deps: list[tuple[int, str]] = field(default_factory=list)
    """``(item, dropped blocker)``: dependencies on dropped items, left out."""
    order: list[int] = field(default_factory=list)
    """A topological order."""
    position: list[int] = field(default_factory=list)
    """Each item's place in ``order``."""
    team_keys: list[str] = field(default_factory=list)
    team_of: list[int] = field(default_factory=list)
    """Index into ``team_keys``, or -1 for no (or an unknown) team."""
    unknown_teams: list[str] = field(default_factory=list)
    effort: list[float] = field(default_factory=list)
    earliest: list[int] = field(default_factory=list)
    pin: list[int] = field(default_factory=list)
    """Pinned period, or -1."""
    pinned: list[int] = field(default_factory=list)
    in_progress: list[bool] = field(default_factory=list)
    committed: list[bool] = field(default_factory=list)
    """Mandatory, in progress or pinned."""
    critical: list[bool] = field(default_factory=list)
    critical_path: tuple[str, ...] = ()


def number(snap: Snapshot) -> Numbered:
    """The plan of ``snap`` numbered for sequencing."""
    plan = Numbered()
    cal = snap.calendar
    ordered = sorted(snap.items, key=attrgetter("key"))
    status = {}
    for item in ordered:
        if item.key in status:
            raise ValueError(f"item key {item.key} is used twice")
        status[item.key] = item.status
    items = [item for item in ordered if item.status not in (DONE, DROPPED)]
    plan.done = tuple(k for k, s in status.items() if s == DONE)
    plan.dropped = tuple(k for k, s in status.items() if s == DROPPED)
    plan.items = items
    plan.keys = keys = [item.key for item in items]
    plan.index = index = {key: i for i, key in enumerate(keys)}
    n = len(items)
    hard: list[list[int]] = [[] for _ in range(n)]
    soft: list[list[int]] = [[] for _ in range(n)]
    succ: list[list[int]] = [[] for _ in range(n)]
    dropped_deps: list[tuple[int, str]] = []
    for blocker, blocked, kind in snap.dependencies:
        d = index.get(blocked)
        b = index.get(blocker)
        if d is None or b is None:
            if blocker not in status or blocked not in status:
                unknown = blocker if blocker not in status else blocked
                raise ValueError(f"dependency {blocker} -> {blocked}: no item {unknown}")
            if d is not None and status[blocker] == DROPPED:
                dropped_deps.append((d, blocker))
            continue
        (hard if kind == HARD else soft)[d].append(b)
        succ[b].append(d)
    for links in chain(hard, soft, succ):
        if len(links) > 1:
            links.sort()  # the order dependencies were given in must not show
    plan.hard, plan.soft, plan.succ = hard, soft, succ
    plan.dropped_deps = sorted(dropped_deps)
    plan.indeg = [len(hard[i]) + len(soft[i]) for i in range(n)]
    plan.order = _topological_order(plan)
    plan.position = [0] * n
    for k, i in enumerate(plan.order):
        plan.position[i] = k

    plan.team_keys = sorted(snap.teams)
    team_index = {key: t for t, key in enumerate(plan.team_keys)}
    plan.team_of = [team_index.get(item.team, -1) for item in items]  # type: ignore[arg-type]
    plan.unknown_teams = sorted({item.team for item in items if item.team} - set(team_index))
    plan.effort = [item.effort if item.effort > 0 else 0.0 for item in items]
    plan.earliest = [
        max(cal.index_of(item.earliest_start), 0) if item.earliest_start else 0 for item in items
    ]
    plan.pin = [
        max(item.pinned_period, 0) if item.pinned_period is not None else -1 for item in items
    ]
    plan.pinned = [i for i in range(n) if plan.pin[i] >= 0]
    plan.in_progress = [item.status == IN_PROGRESS for item in items]
    plan.committed = [
        item.mandatory or started or item.pinned_period is not None
        for item, started in zip(items, plan.in_progress, strict=True)
    ]
    path, _ = longest_chain(plan.order, hard, plan.effort)
    plan.critical = [False] * n
    for i in path:
        plan.critical[i] = True
    plan.critical_path = tuple(keys[i] for i in path)
    return plan


def _topological_order(plan: Numbered) -> list[int]:
    indeg, succ = list(plan.indeg), plan.succ
    stack = [i for i, d in enumerate(indeg) if not d]
    order: list[int] = []
    while stack:
        i = stack.pop()
        order.append(i)
        for s in succ[i]:
            indeg[s] -= 1
            if not indeg[s]:
                stack.append(s)
    if len(order) < len(indeg):
        left = set(range(len(indeg))) - set(order)
        nodes = [(plan.keys[i], 0.0) for i in left]
        edges = [
            (plan.keys[b], plan.keys[i], "hard")
            for i in left
            for b in (*plan.hard[i], *plan.soft[i])
            if b in left
        ]
        cycle = find_cycle(build_graph(nodes, edges))
        assert cycle, "Kahn's algorithm left items, so they hold a cycle"
        raise CycleError(cycle)
    return order
