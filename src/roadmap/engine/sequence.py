"""Sequencing: every item placed in a period, or reported, with the reasons why it lands there.

A list scheduler. Items are numbered in key order; an item is *ready* once every item it
depends on (hard or soft) has been placed, and among ready items the highest effective
priority is placed first (a heap ordered by ``(-rank, index)``, so ties go to the smaller key
and the result does not depend on input order or hash seeds). Placing an item puts it at the
first period where

* every hard blocker has ended (the item starts in a later period than its blockers end),
* every soft blocker has ended too, unless that blocker itself was held back by its team's
  capacity: then the item goes ahead and a ``soft_dependency`` warning says so,
* its earliest start has come, and
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

:class:`Sequencer` keeps the numbered graph, its topological order and the critical path
between runs, so that re-sequencing after a change of priority redoes only the scoring of the
changed item, the inheritance of the items it waits for, the scheduling pass, and the
placements and reasons that changed.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from roadmap.collector import collector_paused
from roadmap.engine.capacity import TeamLoad
from roadmap.engine.inputs import ItemData, Snapshot
from roadmap.engine.numbered import number
from roadmap.engine.reasons import Wording
from roadmap.engine.result import Placement, Reason, Roadmap, Score, Warning
from roadmap.engine.scoring import Breakdown, ScoreModel

COMMITTED = 1000.0
"""Added to the rank of committed work, above any 0-100 score."""

_STRUCTURAL = ("effort", "team", "status", "pinned_period", "earliest_start", "deadline")
"""Item fields that change the graph or the constraints rather than only the priority."""


@dataclasses.dataclass(slots=True)
class _Schedule:
    """One scheduling pass, by item index; ``start == -1`` means not placed."""

    start: list[int]
    end: list[int]
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
    place: list[int]
    """Each item's place in rank order: highest rank first, ties to the smaller index."""


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


class Sequencer:
    """Sequences one snapshot, and re-sequences it fast after a change of priority."""

    def __init__(self, snapshot: Snapshot) -> None:
        with collector_paused():
            self._compile(snapshot)

    # -- structure -------------------------------------------------------------------------

    def _compile(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self.say = Wording(snap.calendar)
        self.plan = number(snap)
        self._model: ScoreModel | None = None
        self._base: list[Breakdown] = []
        """Each item's own score, parts and notes, before inheritance."""
        self._prev: tuple | None = None
        self._placements: list[Placement | None] = []
        self._scores: list[Score] = []

    # -- runs ------------------------------------------------------------------------------

    def roadmap(self) -> Roadmap:
        """Score every item and sequence the plan."""
        snap = self.snapshot
        with collector_paused():
            self._model = ScoreModel.fit(snap.scoring_method, snap.criteria, self.plan.items)
            self._base = [self._model.breakdown(item) for item in self.plan.items]
            self._prev = None
            return self._run(changed=range(len(self.plan.items)))

    def update_item(self, item: ItemData) -> Roadmap:
        """Re-sequence after ``item`` changed; a change of priority only redoes what it moves.

        A change of effort, team, status, pin or dates, or a new item, rebuilds the whole
        sequencer.
        """
        with collector_paused():
            return self._update(item)

    def _update(self, item: ItemData) -> Roadmap:
        i = self.plan.index.get(item.key)
        old = self.plan.items[i] if i is not None else None
        items = tuple(item if x.key == item.key else x for x in self.snapshot.items)
        if not any(x is item for x in items):
            items = (*items, item)
        snap = dataclasses.replace(self.snapshot, items=items)
        if old is None or any(getattr(old, f) != getattr(item, f) for f in _STRUCTURAL):
            self._compile(snap)
            return self.roadmap()
        self.snapshot = snap
        self.plan.items[i] = item
        self.plan.committed[i] = item.mandatory or self.plan.in_progress[i] or self.plan.pin[i] >= 0
        model = ScoreModel.fit(snap.scoring_method, snap.criteria, self.plan.items)
        if model != self._model:
            self._model = model
            self._base = [model.breakdown(x) for x in self.plan.items]
            return self._run(changed=range(len(self.plan.items)))
        self._base[i] = model.breakdown(item)
        return self._run(changed=(i,))

    def _run(self, changed: Sequence[int]) -> Roadmap:
        own = [base[0] for base in self._base]
        n = len(own)
        if self._prev is None or len(changed) == n:
            raised = ([0.0] * n, [0] * n, [False] * n, [0] * n)
            _inherit(reversed(self.plan.order), self.plan.succ, own, self.plan.committed, raised)
        else:  # only what the changed items block, directly or not, can change
            raised = tuple(list(x) for x in self._prev[:4])  # type: ignore[assignment]
            _inherit(self._blockers_of(changed), self.plan.succ, own, self.plan.committed, raised)
        prio, src, comm, csrc = raised
        rank = [p + COMMITTED if c else p for p, c in zip(prio, comm, strict=True)]
        sched = self._schedule(rank)
        slack = self._slack(sched)
        state = (prio, src, comm, csrc, sched, slack)
        dirty = self._dirty(state, changed)
        if self._prev is None:
            self._placements = [None] * len(self.plan.items)
            self._scores = [None] * len(self.plan.items)  # type: ignore[list-item]
        self._prev = state
        self._rebuild(dirty, state, self._holders(sched, dirty))
        keys = self.plan.keys
        placed = [i for i in range(len(keys)) if sched.start[i] >= 0]
        return Roadmap(
            placements={keys[i]: self._placements[i] for i in placed},  # type: ignore[misc]
            scores={key: self._scores[i] for i, key in enumerate(keys)},
            warnings=tuple(self._warnings(sched)),
            critical_path=self.plan.critical_path,
            unplaced=tuple(keys[i] for i in sorted(sched.unplaced)),
            periods=max((sched.end[i] for i in placed), default=-1) + 1,
            done=self.plan.done,
            dropped=self.plan.dropped,
        )

    def _blockers_of(self, items: Sequence[int]) -> list[int]:
        """``items`` and every item they wait for, transitively, in reverse topological order."""
        hard, soft = self.plan.hard, self.plan.soft
        found, stack = set(items), list(items)
        while stack:
            i = stack.pop()
            for b in (*hard[i], *soft[i]):
                if b not in found:
                    found.add(b)
                    stack.append(b)
        return sorted(found, key=self.plan.position.__getitem__, reverse=True)

    def _schedule(self, rank: list[float]) -> _Schedule:
        n = len(rank)
        start, end, ready = [-1] * n, [-1] * n, [0] * n
        load: list[tuple[tuple[int, float], ...]] = [()] * n
        held = [False] * n
        skipped: dict[int, list[int]] = defaultdict(list)
        unplaced: dict[int, int] = {}
        overload: dict[tuple[int, int], list[int]] = defaultdict(list)
        teams = [TeamLoad(self.snapshot.teams[key]) for key in self.plan.team_keys]
        team_of, effort, earliest, pin = (
            self.plan.team_of,
            self.plan.effort,
            self.plan.earliest,
            self.plan.pin,
        )
        hard, soft, succ = self.plan.hard, self.plan.soft, self.plan.succ

        by_rank, place = _rank_order(rank)
        for i in sorted(self.plan.pinned, key=lambda i: (pin[i], place[i])):
            p, t, e = pin[i], team_of[i], effort[i]
            ready[i] = p
            if t < 0 or e <= 0:
                start[i] = end[i] = p
                load[i] = ((p, e),) if t < 0 else ()
                continue
            got = teams[t].take(p, e)
            if got is None:
                unplaced[i] = -1
                continue
            start[i], end[i], load[i] = p, got[-1][0], tuple(got)
            if got[0][0] != p:
                overload[(t, p)].append(i)

        indeg = list(self.plan.indeg)
        heap = [place[i] for i in range(n) if not indeg[i]]
        heapq.heapify(heap)
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            i = by_rank[pop(heap)]
            for d in succ[i]:
                indeg[d] -= 1
                if not indeg[d]:
                    push(heap, place[d])
            if pin[i] >= 0:
                continue
            t = earliest[i]
            for b in hard[i]:
                if start[b] < 0:
                    unplaced[i] = b
                    break
                if end[b] >= t:
                    t = end[b] + 1
            else:
                if soft[i]:
                    t = self._soft_ready(i, t, start, end, held, skipped)
                ready[i] = t
                team, e = team_of[i], effort[i]
                if team < 0 or e <= 0:
                    start[i] = end[i] = t
                    load[i] = ((t, e),) if team < 0 else ()
                    continue
                got = teams[team].take(t, e)
                if got is None:
                    unplaced[i] = -1
                    continue
                start[i], end[i], load[i] = got[0][0], got[-1][0], tuple(got)
                held[i] = got[0][0] > t
        return _Schedule(
            start, end, load, ready, held, dict(skipped), unplaced, dict(overload), place
        )

    def _soft_ready(
        self,
        i: int,
        t: int,
        start: list[int],
        end: list[int],
        held: list[bool],
        skipped: dict[int, list[int]],
    ) -> int:
        """The period from which item ``i``, ready at ``t`` otherwise, follows its soft
        blockers; blockers held back by capacity are not waited for but noted in ``skipped``."""
        soft = [b for b in self.plan.soft[i] if start[b] >= 0]
        for b in soft:
            if not held[b] and end[b] >= t:
                t = end[b] + 1
        for b in soft:
            if held[b] and end[b] >= t:
                skipped[i].append(b)
        return t

    def _slack(self, sched: _Schedule) -> list[int]:
        """Periods each item could start later without moving the roadmap's last period."""
        start, end, pin, hard = sched.start, sched.end, self.plan.pin, self.plan.hard
        last = max(end, default=-1)
        late_end = [last] * len(start)
        slack = [0] * len(start)
        for i in reversed(self.plan.order):
            if start[i] < 0:
                continue
            late = start[i] if pin[i] >= 0 else late_end[i] - (end[i] - start[i])
            slack[i] = late - start[i] if late > start[i] else 0
            for b in hard[i]:
                if late <= late_end[b]:
                    late_end[b] = late - 1
        return slack

    # -- what changed ----------------------------------------------------------------------

    def _dirty(self, state: tuple, changed: Sequence[int]) -> list[int]:
        """Items whose score or placement must be rebuilt after this run."""
        if self._prev is None:
            return list(range(len(self.plan.items)))
        prio, src, comm, csrc, sched, slack = state
        oprio, osrc, ocomm, ocsrc, old, oslack = self._prev
        pairs = (
            (sched.start, old.start),
            (sched.load, old.load),
            (sched.ready, old.ready),
            (sched.held, old.held),
            (prio, oprio),
            (src, osrc),
            (comm, ocomm),
            (csrc, ocsrc),
            (slack, oslack),
        )
        moved: set[int] = set()
        for new, was in pairs:
            if new != was:  # most arrays are unchanged: one comparison in C tells
                moved.update(i for i, (a, b) in enumerate(zip(new, was, strict=True)) if a != b)
        dirty = set(changed).union(moved)
        touched = set()
        for i in moved:
            t = self.plan.team_of[i]
            dirty.update(self.plan.succ[i])
            touched.update((t, p) for p, _ in (*old.load[i], *sched.load[i]))
        if touched:
            team_of, start = self.plan.team_of, sched.start
            dirty.update(i for i in range(len(start)) if (team_of[i], start[i] - 1) in touched)
        return sorted(dirty)

    def _holders(self, sched: _Schedule, dirty: list[int]) -> dict:
        """``(team, period)`` -> keys of the items using it, highest rank first, and of those
        pinned, for the periods that held dirty items back. Named once per period: many items
        wait for the same full period."""
        wanted = {
            (self.plan.team_of[i], sched.start[i] - 1)
            for i in dirty
            if sched.start[i] > sched.ready[i] and self.plan.pin[i] < 0
        }
        holders: dict[tuple[int, int], list[int]] = {key: [] for key in wanted}
        if wanted:
            for i, used in enumerate(sched.load):
                t = self.plan.team_of[i]
                for p, _ in used:
                    if (t, p) in wanted:
                        holders[(t, p)].append(i)
        keys, pin = self.plan.keys, self.plan.pin
        named: dict[tuple[int, int], tuple[tuple[str, ...], list[str]]] = {}
        for period, held in holders.items():
            held.sort(key=sched.place.__getitem__)
            named[period] = tuple(keys[i] for i in held), [keys[i] for i in held if pin[i] >= 0]
        return named

    # -- results ---------------------------------------------------------------------------
    # A first run builds these for every item: each loop below takes the lists it reads once,
    # rather than looking them up again for each of 100,000 items.

    def _rebuild(self, dirty: list[int], state: tuple, holders: dict) -> None:
        """The scores and placements of the ``dirty`` items, stored by index."""
        scores, placements = self._scores, self._placements
        for i, score in zip(dirty, self._scores_of(dirty, state), strict=True):
            scores[i] = score
        for i, placement in zip(dirty, self._placements_of(dirty, state, holders), strict=True):
            placements[i] = placement

    def _scores_of(self, items: list[int], state: tuple) -> Iterator[Score]:
        prio, src, comm, csrc, _, _ = state
        plan, base, method = self.plan, self._base, self.snapshot.scoring_method
        keys, committed, in_progress = plan.keys, plan.committed, plan.in_progress
        for i in items:
            score, parts, notes = base[i]
            more = []
            if in_progress[i]:
                more.append("in progress: sequenced ahead of optional work")
            if src[i] != i:
                more.append(f"inherits priority {prio[i]:.0f} from {keys[src[i]]}, which it blocks")
            if comm[i] and not committed[i]:
                more.append(f"blocks {keys[csrc[i]]}, which is committed: sequenced with it")
            yield Score(keys[i], method, score, parts, (*notes, *more) if more else notes)

    def _placements_of(
        self, items: list[int], state: tuple, holders: dict
    ) -> Iterator[Placement | None]:
        prio, src, comm, _, sched, slack = state
        start, end, load = sched.start, sched.end, sched.load
        plan, base = self.plan, self._base
        keys, critical, team_of = plan.keys, plan.critical, plan.team_of
        team_key = [*plan.team_keys, None]  # team_of is -1 for no team: the last entry
        reasons = self._reasons_of(items, sched, holders)
        for i, why in zip(items, reasons, strict=True):
            if start[i] < 0:
                yield None
                continue
            yield Placement(
                keys[i],
                start[i],
                end[i],
                base[i][0],
                prio[i],
                keys[src[i]] if src[i] != i else None,
                critical[i],
                float(slack[i]),
                why,
                team_key[team_of[i]],
                comm[i],
                load[i],
            )

    def _reasons_of(
        self, items: list[int], sched: _Schedule, holders: dict
    ) -> Iterator[tuple[Reason, ...]]:
        """Why each of ``items`` starts where it does; nothing for unplaced items."""
        say, plan = self.say, self.plan
        keys, hard, soft, pin, earliest = plan.keys, plan.hard, plan.soft, plan.pin, plan.earliest
        start, end, ready_at, skipped = sched.start, sched.end, sched.ready, sched.skipped
        for i in items:
            if start[i] < 0:
                yield ()
                continue
            if pin[i] >= 0:
                yield (say.pinned(pin[i]),)
                continue
            out: list[Reason] = []
            ready = ready_at[i]
            last = ready - 1
            if last >= 0:
                binding = [keys[b] for b in hard[i] if end[b] == last]
                if binding:
                    out.append(say.dependency(tuple(binding), last, soft=False))
                if soft[i]:
                    passed = skipped.get(i, ())
                    binding = [keys[b] for b in soft[i] if end[b] == last and b not in passed]
                    if binding:
                        out.append(say.dependency(tuple(binding), last, soft=True))
            if earliest[i] == ready and ready > 0 and plan.items[i].earliest_start:
                out.append(say.earliest_start(plan.items[i].earliest_start))
            t = plan.team_of[i]
            if t < 0:
                out.append(say.no_team())
            elif start[i] > ready:
                out.append(self._capacity(t, ready, start[i] - 1, holders))
            yield tuple(out) if out else (say.start(start[i]),)

    def _capacity(self, t: int, ready: int, period: int, holders: dict) -> Reason:
        """An item of team ``t``, ready at ``ready``, waited for room until ``period``."""
        held, pins = holders[(t, period)]
        return self.say.capacity(self.plan.team_keys[t], ready, period, held, pins)

    def _warnings(self, sched: _Schedule) -> list[Warning]:
        say, keys, snap = self.say, self.plan.keys, self.snapshot
        start, end = sched.start, sched.end
        out = [say.dropped_dependency(keys[i], blocker) for i, blocker in self.plan.dropped_deps]
        no_team = [keys[i] for i, t in enumerate(self.plan.team_of) if t < 0]
        if no_team:
            out.append(say.no_team_items(no_team, self.plan.unknown_teams))
        for i, blocker in sorted(sched.unplaced.items()):
            if blocker >= 0:
                out.append(say.blocker_unplaced(keys[i], keys[blocker]))
            else:
                team = self.plan.team_keys[self.plan.team_of[i]]
                dead = TeamLoad(snap.teams[team]).dead or 0
                out.append(say.no_capacity(keys[i], team, dead))
        for i, skipped in sorted(sched.skipped.items()):
            for b in skipped:
                team = self.plan.team_keys[self.plan.team_of[b]]
                out.append(say.soft_skipped(keys[i], keys[b], team, end[b]))
        for i in self.plan.pinned:
            late = [b for b in self.plan.hard[i] if start[b] >= 0 and end[b] >= start[i] >= 0]
            out.extend(say.pin_conflict(keys[i], start[i], keys[b], end[b]) for b in late)
        for (t, p), pinned in sorted(sched.overload.items()):
            out.append(say.pinned_overload(self.plan.team_keys[t], p, [keys[i] for i in pinned]))
        beyond: dict[int, list[int]] = defaultdict(list)
        for i, e in enumerate(end):
            if e >= snap.horizon and self.plan.team_of[i] >= 0:
                beyond[self.plan.team_of[i]].append(i)
        for t, late in sorted(beyond.items()):
            late.sort(key=sched.place.__getitem__)
            team = self.plan.team_keys[t]
            out.append(say.past_horizon(team, snap.horizon, [keys[i] for i in late]))
        for i, item in enumerate(self.plan.items):
            if item.deadline and start[i] >= 0 and end[i] > snap.calendar.index_of(item.deadline):
                out.append(say.deadline_missed(keys[i], end[i], item.deadline))
        return out


def sequence(snapshot: Snapshot) -> Roadmap:
    """Score and sequence ``snapshot``: the roadmap with every item placed or reported."""
    return Sequencer(snapshot).roadmap()
