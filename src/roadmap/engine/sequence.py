"""Sequencing: every item placed in a period, or reported, with the reasons why it lands there.

A list scheduler. Items are numbered in key order; an item is *ready* once every item it
depends on (hard or soft) has been placed, and among ready items the highest effective
priority is placed first (a heap ordered by ``(-rank, index)``, so ties go to the smaller key
and the result does not depend on input order or hash seeds). Placing an item puts it at the
first period where

* every hard blocker has ended (the item starts in a later period than its blockers end),
* every soft blocker has ended too, unless that blocker itself was held back by its team's
  capacity: then the item goes ahead and a ``soft_dependency`` warning says so,
* its earliest start has come, and, unless it is already in progress, today's period (the
  snapshot's ``today``): work not started is never placed in periods gone by, and
* its team has capacity left; the effort then takes the room left in that period and the
  following ones (see :mod:`roadmap.engine.capacity`), so an item larger than one period's
  capacity spans periods. An item with no team is not limited by capacity: it starts and ends
  as soon as it is ready, with a warning.

Pinned items are placed first, at their pinned period, whatever else holds. Pinned work that
finds its team full in that period still starts there (an ``overload`` warning) and is carried
out as room frees up, so capacity is never exceeded.

Priority: an item's rank is its score, raised to the highest score among the items that wait
for it, directly or transitively, hard or soft (priority inheritance: blockers of important
work come first). Committed work - mandatory, in progress or pinned items, and whatever blocks
them - ranks above every optional item.

Status: ``done`` items are not sequenced and count as finished for the items that wait for
them; ``dropped`` items are left out, and an item that depended on one is sequenced without
that dependency, with a ``dropped_dependency`` warning. ``in_progress`` items are committed.

:class:`Sequencer` keeps the numbered graph, its topological order, the critical path and the
last run between runs, so that re-sequencing after a change of priority redoes only the scoring
of the changed item, the inheritance of the items it waits for as far as it changes, the
scheduling steps from the first one the change can alter until the run is back in the previous
run's state, the slack that this moves, and the placements, reasons and warnings that changed.
"""

from __future__ import annotations

import bisect
import dataclasses
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cached_property
from itertools import accumulate, groupby
from operator import attrgetter

from roadmap.engine.capacity import EPS, LIMIT, TeamLoad
from roadmap.engine.explanations import Raised, Why, Wording
from roadmap.engine.inputs import ItemData, Snapshot, TeamData
from roadmap.engine.numbered import Links, number
from roadmap.engine.records import Deferred
from roadmap.engine.result import Placement, Roadmap, Score, Warning
from roadmap.engine.scoring import Breakdown, ScoreModel
from roadmap.i18n import _

COMMITTED = 1000.0
"""Added to the rank of committed work, above any 0-100 score."""

_STRUCTURAL = ("effort", "team", "status", "pinned_period", "earliest_start", "deadline",
               "duration", "max_share")  # fmt: skip
"""Item fields that change the graph or the constraints rather than only the priority."""


CHECKPOINT = 1024
"""Scheduling steps between the copies of the team loads that a re-run starts from."""

NEVER = 1 << 60
"""The latest start of an unplaced item: it holds nothing back."""


@dataclasses.dataclass(slots=True, eq=False, repr=False)  # nobody compares or shows it
class _Schedule:
    """One scheduling pass, by item index; ``start == -1`` means not placed."""

    start: list[int]
    end: list[int]
    finish: list[int]
    """The period from which the items that wait for each can start: the one after its end,
    or, for a milestone, the one it is reached at (-1 when not placed)."""
    load: list[tuple[tuple[int, float], ...]]
    ready: list[int]
    held: list[bool]
    """Started later than it was ready: held back by its team's capacity."""
    skipped: dict[int, list[int]]
    """Item -> soft blockers it did not wait for."""
    unplaced: dict[int, int]
    """Item -> the unplaced blocker it waits for, or -1 when its team ran out of capacity."""
    overload: dict[tuple[int, int], list[int]]
    """``(team, period)`` -> pinned items that found no room there."""
    by_rank: list[int]
    """Items by rank, highest first, ties to the smaller index."""
    place: list[int]
    """Each item's place in ``by_rank``."""
    pins: list[int]
    """Pinned items in the order they were placed."""
    order: list[int]
    """Items in the order the scheduler took them from the ready ones."""
    at: list[int]
    """Each item's step in ``order``."""
    pushed: list[int]
    """The step from which each item was ready to be taken."""
    saved: list[list[TeamLoad]]
    """The team loads before every ``CHECKPOINT``-th step (none when the sequencer does not
    resume)."""
    teams: list[TeamLoad] = dataclasses.field(default_factory=list)
    """The team loads after the run: the capacity it left free."""


@dataclasses.dataclass(slots=True, eq=False, repr=False)  # nobody compares or shows it
class _State:
    """What a run leaves for the next one, by item index."""

    prio: list[float]
    src: list[int]
    comm: list[bool]
    csrc: list[int]
    rank: list[float]
    sched: _Schedule
    late: list[int]
    """Latest start that keeps the roadmap's last period (``NEVER`` when unplaced)."""
    slack: list[int]
    last: int
    """The last period an item ends in, -1 when none is placed."""
    critical_path: tuple[str, ...] = ()
    """The placed items with no slack, by start."""


class _Waiting(dict):
    """Blockers each item still waits for in a run resumed at ``step``: counted when the item is
    first reached, since most items are not reached before the run meets the previous one."""

    def __init__(self, hard: list[Links], soft: list[Links], at: list[int], step: int):
        super().__init__()
        self.hard, self.soft, self.at, self.step = hard, soft, at, step

    def __missing__(self, i: int) -> int:
        at, step, count = self.at, self.step, 0
        for b in self.hard[i]:
            if at[b] >= step:
                count += 1
        for b in self.soft[i]:
            if at[b] >= step:
                count += 1
        return count


def _inherit(
    nodes: Iterable[int],
    succ: Sequence[Sequence[int]],
    own: list[float],
    committed: list[bool],
    raised: tuple[list[float], list[int], list[bool], list[int]],
) -> None:
    """Raise the priorities and committed flags of ``nodes`` by what each blocks.

    ``raised`` holds priority, its source, committed flag and its source per item, and is
    updated in place; ``nodes`` come in reverse topological order, so that what an item
    blocks is up to date when the item is reached.
    """
    prio, src, comm, csrc = raised
    for i in nodes:
        p, s, c = own[i], i, committed[i]
        cs = i if c else -1
        for d in succ[i]:
            pd = prio[d]
            if pd > p or (pd == p and s != i and src[d] < s):
                p, s = pd, src[d]
            if comm[d] and not committed[i] and (cs < 0 or csrc[d] < cs):
                c, cs = True, csrc[d]
        prio[i], src[i], comm[i], csrc[i] = p, s, c, cs


def _rank_order(rank: list[float]) -> tuple[list[int], list[int]]:
    """Items by rank, highest first, ties to the smaller index; and each item's place there.

    The ready items wait in a heap of places: plain integers compare faster than the
    ``(-rank, index)`` pairs they stand for.
    """
    by_rank = sorted(range(len(rank)), key=[-r for r in rank].__getitem__)  # stable: ties by index
    place = [0] * len(rank)
    for k, i in enumerate(by_rank):
        place[i] = k
    return by_rank, place


def _rerank(
    by_rank: list[int], place: list[int], rank: list[float], moved: list[int]
) -> tuple[list[int], list[int]]:
    """:func:`_rank_order` after the ranks of ``moved`` changed: only the places between where
    they were and where they go shift."""
    by_rank, place = [*by_rank], [*place]
    spots = sorted(place[i] for i in moved)
    for k in reversed(spots):
        del by_rank[k]
    lo, hi = spots[0], spots[-1]
    key = lambda i: (-rank[i], i)  # noqa: E731
    for i in moved:
        k = bisect.bisect_left(by_rank, key(i), key=key)
        by_rank.insert(k, i)
        lo, hi = min(lo, k), max(hi, k + len(moved))
    for k in range(lo, min(hi + 1, len(by_rank))):
        place[by_rank[k]] = k
    return by_rank, place


_LOOKUPS = ("_positions", "_in_order", "_hard_succ", "_members", "_users", "_waiting", "_fixed",
            "_deadlines")  # fmt: skip
"""The lookups :class:`Sequencer` makes on first use, for one snapshot."""


class Sequencer:
    """Sequences one snapshot, and re-sequences it fast after a change of priority.

    ``resume=False`` is for a single run: it keeps no copies of the team loads, which only a
    re-sequencing resumes from (for a plan in days, copies of a few thousand periods per team
    every ``CHECKPOINT`` steps); should it re-sequence all the same, it schedules anew.
    """

    def __init__(self, snapshot: Snapshot, *, resume: bool = True) -> None:
        self._resumable = resume
        self._compile(snapshot)

    # -- structure -------------------------------------------------------------------------

    def _compile(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self.say = Wording(snap.calendar)
        self.plan = number(snap)
        self._model: ScoreModel | None = None
        self._base: list[Breakdown] = []
        """Each item's own score, parts and notes, before inheritance."""
        self._own: list[float] = []
        self._prev: _State | None = None
        self._placements: list[Placement | None] = []
        self._scores: list[Score] = []
        self._last: Roadmap | None = None
        self._lent = False
        """Whether the last run's deferred notes read ``plan.committed`` and ``_base``."""
        self._forget(*_LOOKUPS)
        self._horizon: dict[int, Warning] = {}
        """Each team's warning about work past the horizon."""

    # Lookups that re-sequencing needs, made on first use: a first run does without them.

    def _forget(self, *names: str) -> None:
        for name in names:
            self.__dict__.pop(name, None)

    @cached_property
    def _positions(self) -> dict[str, int]:
        """The snapshot's items by key."""
        return {x.key: k for k, x in enumerate(self.snapshot.items)}

    @cached_property
    def _in_order(self) -> list[int]:
        """Each item's place in the topological order."""
        position = [0] * len(self.plan.order)
        for k, i in enumerate(self.plan.order):
            position[i] = k
        return position

    @cached_property
    def _hard_succ(self) -> list[list[int]]:
        """The items that wait for each item, hard."""
        found: list[list[int]] = [[] for _ in self.plan.items]
        for i, blockers in enumerate(self.plan.hard):
            for b in blockers:
                found[b].append(i)
        return found

    @cached_property
    def _members(self) -> dict[int, list[int]]:
        """The items of each team."""
        found: dict[int, list[int]] = defaultdict(list)
        for i, t in enumerate(self.plan.team_of):
            found[t].append(i)
        return found

    @cached_property
    def _users(self) -> dict[tuple[int, int], set[int]]:
        """The items that use each ``(team, period)``, kept up to date by :meth:`_dirty`."""
        found: dict[tuple[int, int], set[int]] = defaultdict(set)
        for i in range(len(self.plan.items)):
            self._use(found, i, self._prev.sched.load[i])  # type: ignore[union-attr]
        return found

    @cached_property
    def _waiting(self) -> dict[tuple[int, int], set[int]]:
        """The items that wait for room after each ``(team, period)``, kept up to date by
        :meth:`_dirty`."""
        found: dict[tuple[int, int], set[int]] = defaultdict(set)
        sched = self._prev.sched  # type: ignore[union-attr]
        for i in range(len(self.plan.items)):
            self._wait(found, i, sched.start[i], sched.ready[i])
        return found

    def _use(self, users: dict, i: int, load: tuple, *, add: bool = True) -> None:
        t = self.plan.team_of[i]
        if t >= 0:
            for p, _units in load:
                (users[(t, p)].add if add else users[(t, p)].discard)(i)

    def _wait(self, waiting: dict, i: int, start: int, ready: int, *, add: bool = True) -> None:
        if start > ready and self.plan.pin[i] < 0:
            cell = (self.plan.team_of[i], start - 1)
            (waiting[cell].add if add else waiting[cell].discard)(i)

    # -- runs ------------------------------------------------------------------------------

    def roadmap(self) -> Roadmap:
        """Score every item and sequence the plan."""
        snap = self.snapshot
        pressure = None
        if any(c.derived == "deadline" for c in snap.criteria):  # opted into by the plan
            from roadmap.engine.deadlines import pressures

            pressure = pressures(snap, plan=self.plan)
        self._model = ScoreModel.fit(
            snap.scoring_method, snap.criteria, self.plan.items, snap.needs, pressure
        )
        self._base = self._set(self._model.breakdowns(self.plan.items))
        self._own = [base[0] for base in self._base]
        self._prev = None
        return self._run(changed=range(len(self.plan.items)))

    def prepare(self) -> None:
        """Make now what the first re-sequencing after a run would make (its lookups, and
        copies of the lists that run's notes read), so that it answers as fast as later ones:
        for idle time after a full run, such as the app's worker thread has."""
        if self._prev is None:
            return
        for name in _LOOKUPS:
            getattr(self, name)
        self._own_lists()

    def _own_lists(self) -> None:
        """Copies of the lists a full run's notes, worded when first read, read as they were,
        before a re-run changes them."""
        if self._lent:
            plan = self.plan
            plan.committed, self._base, self._lent = [*plan.committed], [*self._base], False

    def item(self, key: str) -> ItemData | None:
        """The item of ``key`` as last sequenced, or None if the plan has none."""
        i = self.plan.index.get(key)
        return None if i is None else self.plan.items[i]

    def update_item(self, item: ItemData) -> Roadmap:
        """Re-sequence after ``item`` changed; a change of priority only redoes what it moves.

        A change of effort, team, status, pin or dates, or a new item, rebuilds the whole
        sequencer.
        """
        i = self.plan.index.get(item.key)
        snap = self._with(item)
        if i is None or any(
            getattr(self.plan.items[i], f) != getattr(item, f) for f in _STRUCTURAL
        ):
            self._compile(snap)
            return self.roadmap()
        self.snapshot = snap
        plan = self.plan
        self._own_lists()
        plan.items[i] = item
        plan.committed[i] = item.mandatory or plan.in_progress[i] or plan.pin[i] >= 0
        if self._model is None:  # not sequenced yet
            return self.roadmap()
        model = self._model.refit(plan.items)
        if model != self._model:
            self._model = model
            self._base = self._set(model.breakdowns(plan.items))
            self._own = [base[0] for base in self._base]
            return self._run(changed=range(len(plan.items)))
        self._base[i] = self._set([model.breakdown(item)], i)[0]
        self._own[i] = self._base[i][0]
        return self._run(changed=(i,))

    def _set(self, breakdowns: list[Breakdown], first: int = 0) -> list[Breakdown]:
        """``breakdowns`` (of the items from index ``first`` on) with the priorities the
        snapshot sets in place of scores (a scenario's), each with a note saying so."""
        given = self.snapshot.priorities
        if given:
            index = self.plan.index
            for key, value in given.items():
                i = index.get(key, -1) - first
                if 0 <= i < len(breakdowns):
                    _score, parts, notes = breakdowns[i]
                    breakdowns[i] = (
                        float(value),
                        parts,
                        (*notes, _("priority set to {value}", value=format(value, "g"))),
                    )
        return breakdowns

    def _with(self, item: ItemData) -> Snapshot:
        """The snapshot with ``item`` in place of the item of its key, or added."""
        items = [*self.snapshot.items]
        k = self._positions.get(item.key)
        if k is None:
            items.append(item)
        else:
            items[k] = item
        return dataclasses.replace(self.snapshot, items=tuple(items))

    def _run(self, changed: Sequence[int]) -> Roadmap:
        prev = self._prev
        dirty: Sequence[int]
        if prev is None or len(changed) == len(self._own):
            state, dirty, redo = self._full(), range(len(self._own)), None
        else:
            state, dirty, redo = self._again(prev, changed)
        self._prev = state
        sched, keys = state.sched, self.plan.keys
        self._rebuild(dirty, state, full=redo is None)
        last = self._last
        if redo is None or any((sched.start[i] < 0) != (prev.sched.start[i] < 0) for i in dirty):  # type: ignore[union-attr]
            placed = self._placements
            if sched.unplaced:
                placements = {k: p for k, p in zip(keys, placed, strict=True) if p is not None}
            else:
                # none unplaced: every item has its placement
                placements = dict(zip(keys, placed, strict=True))  # type: ignore[arg-type]
            scores = dict(zip(keys, self._scores, strict=True))
        else:
            placements = {**last.placements, **last.milestones}  # type: ignore[union-attr]
            scores = dict(last.scores)  # type: ignore[union-attr]
            for i in dirty:
                if self._placements[i] is not None:  # placed before too: its key is there
                    placements[keys[i]] = self._placements[i]  # type: ignore[assignment]
                scores[keys[i]] = self._scores[i]
        points = self.snapshot.milestones
        milestones = {}
        if points:  # the plan's milestones are placed apart from its items
            milestones = {k: placements.pop(k) for k in sorted(points) if k in placements}
            for k in points:
                scores.pop(k, None)
        self._last = Roadmap(
            placements=placements,
            scores=scores,
            warnings=tuple(self._warnings(sched, redo)),
            critical_path=state.critical_path,
            unplaced=tuple(keys[i] for i in sorted(sched.unplaced) if keys[i] not in points),
            periods=state.last + 1,
            done=self.plan.done,
            dropped=self.plan.dropped,
            changed=None if redo is None else frozenset(keys[i] for i in dirty),
            follows=id(last),
            milestones=milestones,
        )
        return self._last

    def _full(self) -> _State:
        """Every priority, the schedule and the slack, from scratch."""
        own, plan = self._own, self.plan
        n = len(own)
        self._placements = [None] * n
        self._scores = [None] * n  # type: ignore[list-item]
        self._forget("_users", "_waiting")
        raised = ([0.0] * n, [0] * n, [False] * n, [0] * n)
        _inherit(reversed(plan.order), plan.succ, own, plan.committed, raised)
        prio, src, comm, csrc = raised
        rank = [p + COMMITTED if c else p for p, c in zip(prio, comm, strict=True)]
        sched = self._schedule(rank, _rank_order(rank))
        last = max(sched.end, default=-1)
        late, slack = self._slack(sched, last)
        path = self._critical_path(sched, slack)
        return _State(prio, src, comm, csrc, rank, sched, late, slack, last, path)

    def _again(self, prev: _State, changed: Sequence[int]) -> tuple[_State, list[int], set[int]]:
        """The state after the priorities of ``changed`` changed, the items to rebuild, and the
        teams whose work past the horizon to name again."""
        raised = ([*prev.prio], [*prev.src], [*prev.comm], [*prev.csrc])
        blockers = self._reinherit(changed, raised)
        prio, src, comm, csrc = raised
        rank = [*prev.rank]
        for i in blockers:
            rank[i] = prio[i] + COMMITTED if comm[i] else prio[i]
        moved = [i for i in blockers if rank[i] != prev.rank[i]]
        sched, region = self._reschedule(prev.sched, prev.rank, rank, moved)
        last = max(sched.end, default=-1) if region else prev.last
        late, slack, reslacked = self._reslack(sched, prev, region, last)
        path = prev.critical_path if late is prev.late else self._critical_path(sched, slack)
        state = _State(prio, src, comm, csrc, rank, sched, late, slack, last, path)
        return state, *self._dirty(state, prev, changed, {*blockers, *region, *reslacked})

    def _reinherit(self, changed: Sequence[int], raised: tuple) -> list[int]:
        """:func:`_inherit` again after the own priorities of ``changed`` changed: from them to
        what they wait for, as long as an item's raised values change. Returns the items whose
        values changed."""
        plan, own, committed = self.plan, self._own, self.plan.committed
        order, position, hard, soft = plan.order, self._in_order, plan.hard, plan.soft
        queued = set(changed)
        heap = [-position[i] for i in queued]
        heapq.heapify(heap)
        found = []
        while heap:
            i = order[-heapq.heappop(heap)]
            was = [x[i] for x in raised]
            _inherit((i,), plan.succ, own, committed, raised)
            if [x[i] for x in raised] == was:
                continue
            found.append(i)
            for b in (*hard[i], *soft[i]):
                if b not in queued:
                    queued.add(b)
                    heapq.heappush(heap, -position[b])
        return found

    # -- scheduling ------------------------------------------------------------------------

    def _schedule(self, rank: list[float], ranked: tuple[list[int], list[int]]) -> _Schedule:
        n = len(rank)
        by_rank, place = ranked
        sched = _Schedule(
            [-1] * n, [-1] * n, [-1] * n, [()] * n, [0] * n, [False] * n, {}, {}, {},
            by_rank, place, self._pin_order(place), [], [0] * n, [0] * n, [],
        )  # fmt: skip
        teams = [TeamLoad(self.snapshot.teams[key]) for key in self.plan.team_keys]
        self._place_pins(sched, teams)
        indeg = [*self.plan.indeg]
        heap = [place[i] for i in range(n) if not indeg[i]]
        heapq.heapify(heap)
        self._steps(sched, teams, heap, indeg, None)
        sched.teams = teams
        return sched

    def _pin_order(self, place: list[int]) -> list[int]:
        pin = self.plan.pin
        return sorted(self.plan.pinned, key=lambda i: (pin[i], place[i]))

    def _place_pins(self, sched: _Schedule, teams: list[TeamLoad]) -> None:
        """Pinned items go first, at their pinned period, whatever else holds."""
        team_of, effort, pin, shaped = (
            self.plan.team_of,
            self.plan.effort,
            self.plan.pin,
            self.plan.shaped,
        )
        for i in sched.pins:
            p, t, e = pin[i], team_of[i], effort[i]
            sched.ready[i] = p
            if shaped[i]:
                placed = self._shaped(i, p, teams)
                if placed is None:
                    sched.unplaced[i] = -1
                    continue
                sched.start[i], sched.end[i], sched.finish[i], sched.load[i] = placed
                if placed[0] != p and t >= 0:
                    sched.overload.setdefault((t, p), []).append(i)
                sched.start[i] = p
                continue
            if e <= 0:  # a milestone pinned to a period is reached there
                sched.start[i] = sched.end[i] = sched.finish[i] = p
                sched.load[i] = ()
                continue
            if t < 0:
                sched.start[i] = sched.end[i] = p
                sched.finish[i], sched.load[i] = p + 1, ((p, e),)
                continue
            got = teams[t].take(p, e)
            if got is None:
                sched.unplaced[i] = -1
                continue
            sched.start[i], sched.end[i], sched.load[i] = p, got[-1][0], got
            sched.finish[i] = got[-1][0] + 1
            if got[0][0] != p:
                sched.overload.setdefault((t, p), []).append(i)

    def _reschedule(
        self, old: _Schedule, old_rank: list[float], rank: list[float], moved: list[int]
    ) -> tuple[_Schedule, Sequence[int]]:
        """The schedule after the ranks of ``moved`` changed, and the items it placed anew.

        Up to the first step at which a moved item would be taken in another turn, the steps
        are the previous run's; the run resumes from the last copy of the team loads before
        that step, and stops as soon as it is back in the previous run's state with every
        moved item taken.
        """
        if not moved:
            return old, ()
        ranked = _rerank(old.by_rank, old.place, rank, moved)
        if not self._resumable or self._pin_order(ranked[1]) != old.pins:
            return self._schedule(rank, ranked), range(len(rank))
        step = min(self._diverges(old, old_rank, rank, ranked[1], i) for i in moved)
        return self._resume(old, ranked, step // CHECKPOINT * CHECKPOINT, moved)

    @staticmethod
    def _diverges(
        old: _Schedule, old_rank: list[float], rank: list[float], place: list[int], i: int
    ) -> int:
        """The first step at which item ``i``, whose rank changed, may change what is taken:
        the step it was taken at, or, if it rose, the first one from when it was ready that
        took an item it now goes before."""
        taken = old.at[i]
        if rank[i] > old_rank[i]:
            order, mine = old.order, place[i]
            for step in range(old.pushed[i], taken):
                if mine < place[order[step]]:
                    return step
        return taken

    def _resume(
        self, old: _Schedule, ranked: tuple[list[int], list[int]], step: int, moved: list[int]
    ) -> tuple[_Schedule, list[int]]:
        """Schedule again from ``step`` (a checkpoint), where the previous run was."""
        at, pin = old.at, self.plan.pin
        sched = _Schedule(
            [*old.start], [*old.end], [*old.finish], [*old.load], [*old.ready], [*old.held],
            {i: b for i, b in old.skipped.items() if at[i] < step},
            {i: b for i, b in old.unplaced.items() if at[i] < step or pin[i] >= 0},
            old.overload, *ranked, old.pins, old.order[:step], [*at], [*old.pushed],
            [*old.saved],
        )  # fmt: skip
        place = sched.place
        heap = [place[i] for i in old.order[step:] if old.pushed[i] <= step]
        heapq.heapify(heap)
        teams = [t.copy() for t in old.saved[step // CHECKPOINT]]
        waiting = _Waiting(self.plan.hard, self.plan.soft, at, step)
        after = max(at[i] for i in moved) + 1
        self._steps(sched, teams, heap, waiting, self._meets(old, sched, teams, step, after))
        region, met = sched.order[step:], len(sched.order)
        sched.teams = old.teams if met < len(old.order) else teams
        sched.order += old.order[met:]
        kept: tuple[tuple[dict, dict], ...] = (
            (old.skipped, sched.skipped),
            (old.unplaced, sched.unplaced),
        )
        for was, now in kept:
            now.update((i, b) for i, b in was.items() if at[i] >= met and pin[i] < 0)
        return sched, region

    def _meets(
        self, old: _Schedule, new: _Schedule, teams: list[TeamLoad], step: int, after: int
    ) -> Callable[[int], bool]:
        """A test, at each checkpoint of a resumed run, of whether the rest of the run is the
        previous run's: both took the same items, every moved item among them (from step
        ``after`` on), the team loads are the same, and every item placed differently has
        nothing left waiting for it."""
        ahead: set[int] = set()
        differ: set[int] = set()
        succ = self.plan.succ

        def meets(now: int) -> bool:
            if now == step:
                return False
            taken = new.order[now - CHECKPOINT : now]
            ahead.symmetric_difference_update(taken)
            ahead.symmetric_difference_update(old.order[now - CHECKPOINT : now])
            differ.update(
                i
                for i in taken
                if new.start[i] != old.start[i]
                or new.finish[i] != old.finish[i]
                or new.end[i] != old.end[i]
                or new.held[i] != old.held[i]
            )
            if ahead or now < after:
                return False
            saved = old.saved[now // CHECKPOINT]
            if not all(a.same(b) for a, b in zip(teams, saved, strict=True)):
                return False
            differ.difference_update([i for i in differ if all(old.at[d] < now for d in succ[i])])
            return not differ

        return meets

    def _steps(
        self,
        sched: _Schedule,
        teams: list[TeamLoad],
        heap: list[int],
        indeg: list[int] | _Waiting,
        meets: Callable[[int], bool] | None,
    ) -> None:
        """Take the ready items in rank order and place each, until none is left or ``meets``
        says the rest is the previous run's."""
        start, end, load, ready, held = sched.start, sched.end, sched.load, sched.ready, sched.held
        finish = sched.finish
        skipped, unplaced, by_rank, place = (
            sched.skipped,
            sched.unplaced,
            sched.by_rank,
            sched.place,
        )
        order, at, pushed, saved = sched.order, sched.at, sched.pushed, sched.saved
        plan = self.plan
        team_of, effort, earliest, pin = plan.team_of, plan.effort, plan.earliest, plan.pin
        hard, soft, succ, shaped, lagged = plan.hard, plan.soft, plan.succ, plan.shaped, plan.lag
        pop, push, taken = heapq.heappop, heapq.heappush, order.append
        step, resumable = len(order), self._resumable
        while heap:
            if meets is not None and meets(step):
                return
            if resumable:
                copies = [t.copy() for t in teams]
                if step // CHECKPOINT < len(saved):
                    saved[step // CHECKPOINT] = copies
                else:
                    saved.append(copies)
            for _step in range(CHECKPOINT):
                if not heap:
                    break
                i = by_rank[pop(heap)]
                at[i] = step
                step += 1
                taken(i)
                for d in succ[i]:
                    left = indeg[d] - 1
                    indeg[d] = left
                    if not left:
                        push(heap, place[d])
                        pushed[d] = step
                if pin[i] >= 0:
                    continue
                t = earliest[i]
                for b in hard[i]:
                    f = finish[b]
                    if f > t:
                        t = f
                    elif f < 0:
                        unplaced[i] = b
                        start[i], end[i], finish[i], load[i], ready[i], held[i] = (
                            -1, -1, -1, (), 0, False
                        )  # fmt: skip
                        break
                else:
                    if lagged and i in lagged:
                        for b, gap in zip(hard[i], lagged[i], strict=True):
                            if finish[b] + gap > t:
                                t = finish[b] + gap
                    if soft[i]:
                        t, passed = self._soft_ready(i, t, start, finish, held)
                        if passed:
                            skipped[i] = passed
                    ready[i] = t
                    team, e = team_of[i], effort[i]
                    if shaped[i]:
                        placed = self._shaped(i, t, teams)
                        if placed is None:
                            unplaced[i] = -1
                            start[i], end[i], finish[i], load[i], held[i] = -1, -1, -1, (), False
                        else:
                            start[i], end[i], finish[i], load[i] = placed
                            held[i] = placed[0] > t
                        continue
                    if e <= 0:  # a milestone: reached when its last blocker ends
                        shown = t - 1 if t > earliest[i] else t
                        if shown < t and self._reached_with(i, t, end, finish):
                            shown = t
                        start[i] = end[i] = shown
                        finish[i], load[i], held[i] = t, (), False
                        continue
                    if team < 0:
                        start[i] = end[i] = t
                        finish[i], load[i], held[i] = t + 1, ((t, e),), False
                        continue
                    got = teams[team].take(t, e)
                    if got is None:
                        unplaced[i] = -1
                        start[i], end[i], finish[i], load[i], held[i] = -1, -1, -1, (), False
                        continue
                    first, last = got[0][0], got[-1][0]
                    start[i], end[i], finish[i], load[i], held[i] = (
                        first, last, last + 1, got, first > t
                    )  # fmt: skip

    def _reached_with(self, i: int, t: int, end: list[int], finish: list[int]) -> bool:
        """Whether milestone ``i``, reached at the start of ``t``, waits for a milestone that
        is reached there too and shown in ``t`` (pinned or dated there): it is shown beside
        it, not in the period before."""
        plan = self.plan
        for b in plan.hard[i]:
            if end[b] >= t:
                return True
        return any(finish[b] <= t <= end[b] for b in plan.soft[i])

    def _soft_ready(
        self, i: int, t: int, start: list[int], finish: list[int], held: list[bool]
    ) -> tuple[int, list[int]]:
        """The period from which item ``i``, ready at ``t`` otherwise, follows its soft
        blockers; and the blockers held back by capacity, which it does not wait for."""
        soft = [b for b in self.plan.soft[i] if start[b] >= 0]
        for b in soft:
            if not held[b] and finish[b] > t:
                t = finish[b]
        return t, [b for b in soft if held[b] and finish[b] > t]

    def _shaped(
        self, i: int, t: int, teams: list[TeamLoad]
    ) -> tuple[int, int, int, tuple[tuple[int, float], ...]] | None:
        """Start, end, the period its waiting items may start and load of item ``i`` with a
        fixed duration or a cap on its share, ready at ``t``; None when it cannot be placed."""
        plan = self.plan
        team, e, periods = plan.team_of[i], plan.effort[i], plan.duration[i]
        if periods:
            if team < 0 or e <= 0:  # elapsed time only: no capacity to wait for
                per = e / periods if team < 0 else 0.0
                load = tuple((p, per) for p in range(t, t + periods)) if per else ()
                return t, t + periods - 1, t + periods, load
            got = teams[team].take_window(t, e / periods, periods)
        elif team < 0 or e <= 0:
            return (t, t, t + 1, ((t, e),)) if e > 0 else (t, t, t, ())
        else:
            got = teams[team].take_capped(t, e, plan.share[i])
        if got is None:
            return None
        return got[0][0], got[-1][0], got[-1][0] + 1, got

    def _slack(self, sched: _Schedule, last: int) -> tuple[list[int], list[int]]:
        """Each item's latest start and the periods it could start later without moving the
        roadmap's end: a backward pass over hard dependencies from the period after the last
        one, each item moved as late as the capacity left free by the forward placement (and
        its own) allows. A milestone's start is the period it is reached at."""
        plan = self.plan
        start, finish, load = sched.start, sched.finish, sched.load
        hard, lagged, team_of, effort = plan.hard, plan.lag, plan.team_of, plan.effort
        duration, share = plan.duration, plan.share
        n = len(start)
        end_point = max(finish, default=0)  # a milestone last reaches no period after it
        late_finish = [end_point] * n
        late, slack = [NEVER] * n, [0] * n
        rooms = [t.room(end_point) for t in sched.teams]
        sums = [[0.0, *accumulate(room)] for room in rooms]
        for i in reversed(plan.order):
            first = start[i]
            if first < 0:
                continue
            lf, t, e = late_finish[i], team_of[i], effort[i]
            if e <= 0 and not duration[i]:  # a milestone: reached at ``finish``
                at = lf
                gone = lf - finish[i]
            elif t < 0 or e <= 0:  # no capacity to find: it keeps its length
                at = lf - (sched.end[i] - first + 1)
                gone = at - first
            elif duration[i] or share[i]:
                at = _latest_shaped(load[i], rooms[t], lf, first, e, duration[i],
                                    share[i], self.snapshot.teams[plan.team_keys[t]])  # fmt: skip
                gone = at - first
            else:
                at = _latest(load[i], sums[t], lf, first, e)
                gone = at - first
            late[i] = at
            if gone > 0:
                slack[i] = gone
            gaps = lagged.get(i) if lagged else None
            for k, b in enumerate(hard[i]):
                due = at - gaps[k] if gaps else at
                if due < late_finish[b]:
                    late_finish[b] = due
        return late, slack

    def _reslack(
        self, sched: _Schedule, prev: _State, region: Sequence[int], last: int
    ) -> tuple[list[int], list[int], Sequence[int]]:
        """:meth:`_slack` after the items of ``region`` were placed anew, and the items whose
        slack changed: none unless some item's periods or load changed, since slack depends
        only on those, the roadmap's end and the dependencies."""
        was = prev.sched
        start, finish, load = sched.start, sched.finish, sched.load
        if last == prev.last and all(
            start[i] == was.start[i] and finish[i] == was.finish[i] and load[i] == was.load[i]
            for i in region
        ):
            return prev.late, prev.slack, ()
        late, slack = self._slack(sched, last)
        old = prev.slack
        return late, slack, [i for i in range(len(slack)) if slack[i] != old[i]]

    def _critical_path(self, sched: _Schedule, slack: list[int]) -> tuple[str, ...]:
        """The placed items with no slack, by start, end and key."""
        start, end, keys = sched.start, sched.end, self.plan.keys
        found = [i for i in range(len(start)) if start[i] >= 0 and not slack[i]]
        found.sort(key=lambda i: (start[i], end[i], i))
        return tuple(keys[i] for i in found)

    # -- what changed ----------------------------------------------------------------------

    def _dirty(
        self, state: _State, prev: _State, changed: Sequence[int], candidates: set[int]
    ) -> tuple[list[int], set[int]]:
        """Items whose score or placement must be rebuilt after this run, and the teams of the
        items that moved; ``candidates`` are the items that may have moved."""
        new, old = state.sched, prev.sched
        moved = [
            i
            for i in candidates
            if new.start[i] != old.start[i]
            or new.load[i] != old.load[i]
            or new.ready[i] != old.ready[i]
            or new.held[i] != old.held[i]
            or state.prio[i] != prev.prio[i]
            or state.src[i] != prev.src[i]
            or state.comm[i] != prev.comm[i]
            or state.csrc[i] != prev.csrc[i]
            or state.slack[i] != prev.slack[i]
        ]
        users, waiting = self._users, self._waiting
        succ, team_of = self.plan.succ, self.plan.team_of
        dirty = set(changed).union(moved)
        touched: set[tuple[int, int]] = set()
        for i in moved:
            dirty.update(succ[i])
            touched.update((team_of[i], p) for p, _units in (*old.load[i], *new.load[i]))
            self._use(users, i, old.load[i], add=False)
            self._use(users, i, new.load[i])
            self._wait(waiting, i, old.start[i], old.ready[i], add=False)
            self._wait(waiting, i, new.start[i], new.ready[i])
        for cell in touched:
            dirty.update(waiting.get(cell, ()))
        return sorted(dirty), {team_of[i] for i in moved}

    # -- results ---------------------------------------------------------------------------
    # A first run builds these for every item: each loop below takes the lists it reads once,
    # rather than looking them up again for each of 100,000 items.

    def _rebuild(self, dirty: Sequence[int], state: _State, *, full: bool) -> None:
        """The scores and placements of the ``dirty`` items, stored by index; a ``full`` run's
        reasons are worded when first read."""
        self._scores_of(dirty, state, full)
        self._lent = self._lent or full
        why = Why(self.say, self.plan, state.sched, None if full else self._users)
        self._placements_of(dirty, state, why, full)

    def _scores_of(self, items: Sequence[int], state: _State, full: bool) -> None:
        src, comm = state.src, state.comm
        plan, base, method = self.plan, self._base, self.snapshot.scoring_method
        keys, committed, in_progress = plan.keys, plan.committed, plan.in_progress
        raised = Raised(plan, base, (state.prio, src, comm, state.csrc))
        index = plan.index
        later = Deferred(lambda score: raised(index[score.key]))
        scores = self._scores
        for i in items:
            score, parts, notes = base[i]
            if in_progress[i] or src[i] != i or (comm[i] and not committed[i]):
                notes = later if full else raised(i)
            scores[i] = Score(keys[i], method, score, parts, notes)

    def _placements_of(self, items: Sequence[int], state: _State, why: Why, full: bool) -> None:
        prio, src, comm, sched, slack = state.prio, state.src, state.comm, state.sched, state.slack
        start, end, load, finish = sched.start, sched.end, sched.load, sched.finish
        plan, own, placements = self.plan, self._own, self._placements
        milestone = plan.milestone
        keys, team_of = plan.keys, plan.team_of
        team_key = [*plan.team_keys, None]  # team_of is -1 for no team: the last entry
        index = plan.index
        later = Deferred(lambda placement: why(index[placement.key]))
        for i in items:
            first = start[i]
            if first < 0:
                placements[i] = None
                continue
            raised_by = src[i]
            placements[i] = Placement(
                keys[i],
                first,
                end[i],
                own[i],
                prio[i],
                keys[raised_by] if raised_by != i else None,
                not slack[i],
                float(slack[i]),
                later if full else why(i),
                team_key[team_of[i]],
                comm[i],
                load[i],
                finish[i] if milestone[i] else None,
            )

    def _warnings(self, sched: _Schedule, teams: set[int] | None) -> list[Warning]:
        """The warnings of a run; ``teams`` whose work past the horizon to name again (None:
        all)."""
        say, keys, plan = self.say, self.plan.keys, self.plan
        start, end = sched.start, sched.end
        out = [*self._fixed]
        for i, blocker in sorted(sched.unplaced.items()):
            if blocker >= 0:
                out.append(say.blocker_unplaced(keys[i], keys[blocker]))
            else:
                team = plan.team_keys[plan.team_of[i]]
                load = TeamLoad(self.snapshot.teams[team])
                dead, periods = load.dead, plan.duration[i]
                per = plan.effort[i] / periods if periods else 0.0
                if periods and per > max(load.capacity_from(0)) + EPS:
                    out.append(say.too_much_per_period(keys[i], team, per, periods))
                elif dead is None:
                    out.append(say.beyond_limit(keys[i], team, LIMIT))
                else:
                    out.append(say.no_capacity(keys[i], team, dead))
        for i, skipped in sorted(sched.skipped.items()):
            for b in skipped:
                team = plan.team_keys[plan.team_of[b]]
                out.append(say.soft_skipped(keys[i], keys[b], team, end[b]))
        finish = sched.finish
        for i in plan.pinned:
            if start[i] < 0:
                continue
            late = [b for b in plan.hard[i] if start[b] >= 0 and finish[b] > start[i]]
            out.extend(say.pin_conflict(keys[i], start[i], keys[b], end[b]) for b in late)
            never = [keys[b] for b in plan.hard[i] if start[b] < 0]
            if never:
                out.append(say.pinned_after_unplaced(keys[i], start[i], never))
        for (t, p), pinned in sorted(sched.overload.items()):
            out.append(say.pinned_overload(plan.team_keys[t], p, [keys[i] for i in pinned]))
        self._past_horizon(sched, teams)
        out.extend(self._horizon[t] for t in sorted(self._horizon))
        for i, due, day in self._deadlines:
            if start[i] >= 0 and end[i] > due:
                out.append(say.deadline_missed(keys[i], end[i], day))
        return out

    @cached_property
    def _fixed(self) -> list[Warning]:
        """The warnings that no change of priority changes."""
        say, keys, plan = self.say, self.plan.keys, self.plan
        out = [say.dropped_dependency(keys[i], blocker) for i, blocker in plan.dropped_deps]
        no_team = [
            k
            for k, t, point in zip(keys, plan.team_of, plan.milestone, strict=True)
            if t < 0 and not point
        ]
        if no_team:
            out.append(say.no_team_items(no_team, plan.unknown_teams))
        return out

    @cached_property
    def _deadlines(self) -> list[tuple[int, int, date]]:
        """``(item, period of its deadline, deadline)`` of the items that have one."""
        index_of = self.snapshot.calendar.index_of
        return [
            (i, index_of(day), day)
            for i, day in enumerate(map(attrgetter("deadline"), self.plan.items))
            if day
        ]

    def _past_horizon(self, sched: _Schedule, teams: Iterable[int] | None) -> None:
        """Name again the work of ``teams`` (None: all) that ends past the horizon."""
        horizon, end, keys = self.snapshot.horizon, sched.end, self.plan.keys
        if teams is None:  # every team's, by rank: a stable sort by team keeps that order
            team = self.plan.team_of.__getitem__
            late = sorted([i for i in sched.by_rank if end[i] >= horizon], key=team)
            found = {t: [*items] for t, items in groupby(late, key=team) if t >= 0}
            self._horizon = {}
        else:
            found = {t: [i for i in self._members[t] if end[i] >= horizon] for t in teams if t >= 0}
            for late in found.values():
                late.sort(key=sched.place.__getitem__)
        for t, late in found.items():
            if late:
                named = [*map(keys.__getitem__, late)]
                self._horizon[t] = self.say.past_horizon(self.plan.team_keys[t], horizon, named)
            else:
                self._horizon.pop(t, None)


def _own_from(load: tuple[tuple[int, float], ...], period: int) -> float:
    """What ``load`` uses from ``period`` on: a loop, as most loads are of one period, for
    which a generator would cost more than the sum."""
    used = 0.0
    for p, e in load:
        if p >= period:
            used += e
    return used


def _latest(
    load: tuple[tuple[int, float], ...], sums: list[float], lf: int, first: int, effort: float
) -> int:
    """The latest period from ``first`` on at which an item of ``effort`` could start and still
    end before ``lf``, in the room left free (``sums`` adds it up by period) and its own."""
    room = sums[lf]
    if lf - 1 <= first:
        return first
    if room - sums[lf - 1] + _own_from(load, lf - 1) >= effort - EPS:
        return lf - 1
    if room - sums[first + 1] + _own_from(load, first + 1) < effort - EPS:
        return first
    lo, hi = first + 1, lf - 1  # lo fits, hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if room - sums[mid] + _own_from(load, mid) >= effort - EPS:
            lo = mid
        else:
            hi = mid
    return lo


def _latest_shaped(
    load: tuple[tuple[int, float], ...],
    room: list[float],
    lf: int,
    first: int,
    effort: float,
    periods: int,
    share: float,
    team: TeamData,
) -> int:
    """:func:`_latest` of an item with a fixed duration (each of ``periods`` periods in a row
    needs its part) or a cap on its ``share`` of the team per period."""
    own = dict(load)
    if periods:
        per, at = effort / periods, lf - periods
        while at > first:
            short = next(
                (q for q in range(at + periods - 1, at - 1, -1)
                 if room[q] + own.get(q, 0.0) < per - EPS),
                None,
            )  # fmt: skip
            if short is None:
                return at
            at = short - periods
        return first
    got, q = 0.0, lf - 1
    while q > first:
        got += min(room[q] + own.get(q, 0.0), share * team.capacity_at(q))
        if got >= effort - EPS:
            return q
        q -= 1
    return first


def sequence(snapshot: Snapshot) -> Roadmap:
    """Score and sequence ``snapshot``: the roadmap with every item placed or reported."""
    return Sequencer(snapshot, resume=False).roadmap()
