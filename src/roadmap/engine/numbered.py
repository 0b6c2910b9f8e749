"""A plan numbered for sequencing: items by index in key order, dependencies as index lists.

:func:`number` turns a :class:`~roadmap.engine.inputs.Snapshot` into a :class:`Numbered`
plan once; the sequencer then works on plain lists of integers and floats, which is what
keeps a run over 100,000 items fast, and keeps them between runs. Done items and dropped
items are left out (see :mod:`roadmap.engine.sequence`); adjacency lists are sorted, so the
order the plan was written in does not show; a cycle raises
:class:`~roadmap.engine.graph.CycleError` naming its items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise, repeat
from operator import add, attrgetter, floordiv, itemgetter, mod

from roadmap.engine.graph import CycleError, build_graph, find_cycle
from roadmap.engine.inputs import DONE, DROPPED, HARD, IN_PROGRESS, Edge, ItemData, Snapshot

_KEY, _STATUS, _TEAM, _EFFORT = (attrgetter(f) for f in ("key", "status", "team", "effort"))
_EARLIEST, _PINNED, _MANDATORY = (
    attrgetter(f) for f in ("earliest_start", "pinned_period", "mandatory")
)
_DURATION, _SHARE = attrgetter("duration"), attrgetter("max_share")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)

Links = tuple[int, ...]
"""The items an item is linked to, by index, sorted."""


@dataclass(slots=True, init=False, eq=False, repr=False)  # nobody compares or shows it
class Numbered:
    """The sequenced items of a plan and their constraints, by index: :func:`number` sets
    every field."""

    items: list[ItemData]
    keys: list[str]
    index: dict[str, int]
    done: tuple[str, ...]
    dropped: tuple[str, ...]
    hard: list[Links]
    """Hard blockers of each item."""
    soft: list[Links]
    succ: list[Links]
    """Items that wait for each item, hard or soft."""
    indeg: list[int]
    dropped_deps: list[tuple[int, str]]
    """``(item, dropped blocker)``: dependencies on dropped items, left out."""
    order: list[int]
    """A topological order."""
    team_keys: list[str]
    team_of: list[int]
    """Index into ``team_keys``, or -1 for no (or an unknown) team."""
    unknown_teams: list[str]
    effort: list[float]
    earliest: list[int]
    """The first period each item may start in: its earliest start, and for work not yet
    started no earlier than :attr:`floor` (a milestone is reached when its blockers end,
    today or before)."""
    floor: int
    """The period of the snapshot's today (0 without one)."""
    pin: list[int]
    """Pinned period, or -1."""
    pinned: list[int]
    in_progress: list[bool]
    committed: list[bool]
    """Mandatory, in progress or pinned."""
    duration: list[int]
    """Fixed number of periods, or 0 for as fast as capacity allows."""
    share: list[float]
    """Largest share of the team's capacity per period, or 0 for no cap."""
    milestone: list[bool]
    """No effort and no duration: reached when its last blocker ends, taking no period."""
    shaped: list[bool]
    """Has a duration or a cap: placed by :meth:`TeamLoad.take_window` or ``take_capped``."""
    lag: dict[int, list[int]]
    """Item -> periods between each hard blocker's end and its start, beside ``hard[item]``;
    only items with some lag."""


def number(snap: Snapshot) -> Numbered:
    """The plan of ``snap`` numbered for sequencing.

    Each pass over the items reads one field of all of them (``map`` with ``attrgetter``), and
    dependencies find their items' indexes the same way: for 100,000 items, the loops that
    are left in Python are the ones that must decide something per item.
    """
    plan = Numbered()
    cal = snap.calendar
    ordered = sorted(snap.items, key=_KEY)
    status = dict(zip(map(_KEY, ordered), map(_STATUS, ordered), strict=True))
    if len(status) < len(ordered):
        twice = next(a for a, b in pairwise(ordered) if a.key == b.key)
        raise ValueError(f"item key {twice.key} is used twice")
    items = [item for item in ordered if item.status not in (DONE, DROPPED)]
    plan.done = tuple([k for k, s in status.items() if s == DONE])
    plan.dropped = tuple([k for k, s in status.items() if s == DROPPED])
    plan.items = items
    plan.keys = keys = [*map(_KEY, items)]
    n = len(items)
    plan.index = index = dict(zip(keys, range(n), strict=True))
    plan.hard, plan.soft, plan.succ, plan.dropped_deps = _links(snap.dependencies, n, index, status)
    plan.indeg = [*map(add, map(len, plan.hard), map(len, plan.soft))]
    plan.order = _topological_order(plan)

    plan.team_keys = sorted(snap.teams)
    team_index = {key: t for t, key in enumerate(plan.team_keys)}
    teams = [*map(_TEAM, items)]
    plan.team_of = [*map(team_index.get, teams, repeat(-1, n))]
    plan.unknown_teams = sorted({team for team in teams if team} - set(team_index))
    plan.effort = [e if e > 0 else 0.0 for e in map(_EFFORT, items)]
    index_of = cal.index_of
    plan.earliest = earliest = [
        max(index_of(day), 0) if day else 0 for day in map(_EARLIEST, items)
    ]
    pinned_periods = [*map(_PINNED, items)]
    plan.pin = [-1 if p is None else max(p, 0) for p in pinned_periods]
    plan.pinned = [i for i, p in enumerate(pinned_periods) if p is not None]
    plan.in_progress = [s == IN_PROGRESS for s in map(_STATUS, items)]
    plan.committed = [
        mandatory or started or p is not None
        for mandatory, started, p in zip(
            map(_MANDATORY, items), plan.in_progress, pinned_periods, strict=True
        )
    ]
    plan.duration = [max(int(d or 0), 0) for d in map(_DURATION, items)]
    plan.share = [s if s and 0 < s < 1 else 0.0 for s in map(_SHARE, items)]
    plan.milestone = [e <= 0 and not d for e, d in zip(plan.effort, plan.duration, strict=True)]
    plan.shaped = [d > 0 or s > 0 for d, s in zip(plan.duration, plan.share, strict=True)]
    plan.lag = _lags(snap.lags, index, plan.hard)
    plan.floor = floor = max(index_of(snap.today), 0) if snap.today else 0
    if floor:  # work not started cannot have started before today's period
        milestone = plan.milestone
        for i, started in enumerate(plan.in_progress):
            if not started and earliest[i] < floor and not milestone[i]:
                earliest[i] = floor
    return plan


def _lags(
    lags: Mapping[tuple[str, str], int], index: dict[str, int], hard: list[Links]
) -> dict[int, list[int]]:
    """The lags of the hard dependencies that have one, beside each item's hard blockers."""
    found: dict[int, dict[int, int]] = {}
    for (blocker, blocked), gap in lags.items():
        b, d = index.get(blocker), index.get(blocked)
        if b is not None and d is not None and gap:
            found.setdefault(d, {})[b] = int(gap)
    return {d: [gaps.get(b, 0) for b in hard[d]] for d, gaps in found.items()}


def _links(
    deps: Sequence[Edge], n: int, index: dict[str, int], status: dict[str, str]
) -> tuple[list[Links], list[Links], list[Links], list[tuple[int, str]]]:
    """Hard and soft blockers and the waiting items of each item, sorted, and the dependencies
    on dropped items; a dependency on an unknown item raises :class:`ValueError`.

    A link from item ``d`` to item ``b`` is held as the one number ``d * n + b``: it sorts as
    the pair would, several times faster, and a plan's 150,000 links make no tuple each."""
    hard: list[int] = []
    soft: list[int] = []
    dropped_deps: list[tuple[int, str]] = []
    blockers = map(index.get, map(_FIRST, deps))
    blocked = map(index.get, map(_SECOND, deps))
    for b, d, dep in zip(blockers, blocked, deps, strict=True):
        if d is None or b is None:
            blocker, waiting = dep[0], dep[1]
            if blocker not in status or waiting not in status:
                unknown = blocker if blocker not in status else waiting
                raise ValueError(f"dependency {blocker} -> {waiting}: no item {unknown}")
            if d is not None and status[blocker] == DROPPED:
                dropped_deps.append((d, blocker))
            continue
        (hard if dep[2] == HARD else soft).append(d * n + b)
    succ = [b * n + d for d, b in map(divmod, [*hard, *soft], repeat(n))]
    return _grouped(hard, n), _grouped(soft, n), _grouped(succ, n), sorted(dropped_deps)


def _grouped(links: list[int], n: int) -> list[Links]:
    """The items each item is linked to, from links ``d * n + b``: sorted (the order
    dependencies were given in must not show). Tuples rather than lists: a plan holds three
    per item, and the garbage collector has no need to look into tuples of numbers."""
    links.sort()
    linked = [*map(mod, links, repeat(n))]
    found: list[Links] = [()] * n
    k = 0
    for i, count in Counter(map(floordiv, links, repeat(n))).items():  # in sorted order
        found[i] = tuple(linked[k : k + count])
        k += count
    return found


def _topological_order(plan: Numbered) -> list[int]:
    indeg, succ = list(plan.indeg), plan.succ
    stack = [i for i, d in enumerate(indeg) if not d]
    order: list[int] = []
    pop, ready, taken = stack.pop, stack.append, order.append
    while stack:
        i = pop()
        taken(i)
        for s in succ[i]:
            left = indeg[s] - 1
            indeg[s] = left
            if not left:
                ready(s)
    if len(order) < len(indeg):
        stuck = set(range(len(indeg))) - set(order)
        nodes = [(plan.keys[i], 0.0) for i in stuck]
        edges = [
            (plan.keys[b], plan.keys[i], "hard")
            for i in stuck
            for b in (*plan.hard[i], *plan.soft[i])
            if b in stuck
        ]
        cycle = find_cycle(build_graph(nodes, edges))
        assert cycle, "Kahn's algorithm left items, so they hold a cycle"
        raise CycleError(cycle)
    return order
