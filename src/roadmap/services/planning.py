"""Loading and sequencing a plan, the one way for every face: a :class:`Sequenced` result.

:func:`sequenced` reads a plan's snapshot in one short transaction and sequences it once, as the
command line does. :class:`Planner` keeps the engine's
:class:`~roadmap.engine.sequence.Sequencer` between runs, so that a changed score re-sequences
only what it moves; its full and incremental runs return the same :class:`Sequenced`. It runs
in the app's worker threads, one at a time: a new worker starts while an earlier one may still
be running, so a lock keeps them from changing the sequencer together.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from roadmap.i18n import _, ngettext, period_label
from roadmap.store.db import Store

if TYPE_CHECKING:  # The engine's modules load with its first run, after the first screen.
    from roadmap.engine.explanations import Explanation
    from roadmap.engine.inputs import Snapshot
    from roadmap.engine.result import Roadmap
    from roadmap.engine.sequence import Sequencer
    from roadmap.model.periods import Calendar


@dataclass(frozen=True, slots=True)
class Sequenced:
    """A plan's roadmap and the snapshot of the plan it was sequenced from."""

    snapshot: Snapshot
    roadmap: Roadmap


def read_snapshot(store: Store, plan_id: int) -> Snapshot:
    """What the engine needs of plan ``plan_id``, read in one short transaction."""
    from roadmap.store.snapshot import load_snapshot

    with store.read() as session:
        return load_snapshot(session=session, plan_id=plan_id)


def sequenced(store: Store, plan_id: int, scenario: str | None = None) -> Sequenced:
    """Plan ``plan_id`` read and sequenced once (a command's single run), as what-if
    ``scenario`` changes it when one is named (:class:`NotFoundError` when there is none)."""
    from roadmap.engine.scenarios import apply
    from roadmap.engine.sequence import sequence
    from roadmap.store.scenarios import load_scenario

    snapshot = read_snapshot(store, plan_id)
    if scenario is not None:
        with store.read() as session:
            snapshot = apply(
                snapshot, load_scenario(session=session, plan_id=plan_id, key=scenario)
            )
    return Sequenced(snapshot, sequence(snapshot))


MOVES_SHOWN = 3
"""At most this many other items named in the notice of what moved; the rest are counted."""


class Planner:
    """Sequences one plan, from the database or after one item's change."""

    def __init__(self, store: Store, plan_id: int) -> None:
        self.store, self.plan_id = store, plan_id
        self._sequencer: Sequencer | None = None
        self._lock = threading.Lock()
        self._links: tuple[Any, Any] | None = None
        """The dependencies of the last explained snapshot and their links."""

    @property
    def snapshot(self):
        """The :class:`~roadmap.engine.inputs.Snapshot` last sequenced, or None."""
        return None if self._sequencer is None else self._sequencer.snapshot

    def full(self) -> Sequenced:
        """Read the plan and sequence it from scratch."""
        from roadmap.engine.sequence import Sequencer

        with self._lock:
            snapshot = read_snapshot(self.store, self.plan_id)
            self._sequencer = Sequencer(snapshot)
            return Sequenced(snapshot, self._sequencer.roadmap())

    def prepare(self) -> None:
        """Make ready for a fast first re-sequencing (idle time after :meth:`full`)."""
        with self._lock:
            if self._sequencer is not None:
                self._sequencer.prepare()

    def explain(self, roadmap: Roadmap, key: str) -> Explanation | None:
        """The engine's explanation of item ``key`` in ``roadmap``; None before the first run
        or for a key the plan no longer has. The links between items that it walks are kept
        while the dependencies stay the same (a score change keeps them)."""
        from roadmap.engine.explanations import explain
        from roadmap.engine.graph import Links

        snapshot = self.snapshot
        if snapshot is None:
            return None
        deps = snapshot.dependencies
        if self._links is None or self._links[0] is not deps:
            self._links = (deps, Links(deps))
        try:
            return explain(snapshot, roadmap, key, self._links[1])
        except KeyError:
            return None

    def scores_changed(self, key: str, scores: dict[str, float]) -> Sequenced:
        """Re-sequence after item ``key`` got new ``scores`` (the fast path of the engine)."""
        with self._lock:
            sequencer = self._sequencer
            item = None if sequencer is None else sequencer.item(key)
            if sequencer is not None and item is not None:
                roadmap = sequencer.update_item(item._replace(scores=scores))
                return Sequenced(sequencer.snapshot, roadmap)
        return self.full()


def moves(old: Roadmap, new: Roadmap, calendar: Calendar, first: str | None = None) -> list[str]:
    """What moved between ``old`` and ``new``, in a sentence or two: the move of item ``first``
    (the one just edited) in full, then the others named, :data:`MOVES_SHOWN` at most. The
    periods are worded as the reader's language writes them (``Q2/2027``)."""
    label = period_label(calendar)
    moved = []
    keys = new.changed_since(old)  # after a re-sequencing of ``old``: only what it changed
    places = new.placements
    for key in places if keys is None else keys:
        place, before = places.get(key), old.placements.get(key)
        if place is not None and before is not None and before.start != place.start:
            moved.append((key, label(before.start), label(place.start)))
    moved.sort()
    own = [m for m in moved if m[0] == first]
    others = [m for m in moved if m[0] != first]
    if len(others) == 1:
        own += others
        others = []
    out = [_("{key} moved from {before} to {after}.", key=k, before=b, after=a) for k, b, a in own]
    if others:
        names = ", ".join(key for key, _b, _a in others[:MOVES_SHOWN])
        names += ", …" if len(others) > MOVES_SHOWN else ""
        n = len(others)
        if own:
            out.append(
                ngettext("{n} other moved: {keys}.", "{n} others moved: {keys}.", n, keys=names)
            )
        else:
            out.append(
                ngettext("{n} item moved: {keys}.", "{n} items moved: {keys}.", n, keys=names)
            )
    return out


def team_loads(roadmap: Roadmap, snapshot, periods: int) -> dict[str, list[tuple[float, float]]]:
    """``team key -> [(planned, capacity), ...]`` for periods ``0 .. periods - 1``: the effort
    the roadmap asks of each team in each period beside what the team can do then.

    The engine never books a team beyond its capacity: work pinned to a full period (or
    running past the plan's horizon) is carried on as capacity frees up, with an ``overload``
    warning. What was asked of the period and not done in it counts as planned there, so the
    period shows more planned than capacity.
    """
    teams = snapshot.teams
    out = {key: [(0.0, team.capacity_at(p)) for p in range(periods)] for key, team in teams.items()}

    def add(team: str | None, period: int, effort: float) -> None:
        row = out.get(team) if team else None
        if row is not None and 0 <= period < periods:
            planned, capacity = row[period]
            row[period] = (planned + effort, capacity)

    places = roadmap.placements
    for place in places.values():
        for period, effort in place.load:
            add(place.team, period, effort)
    efforts = {item.key: item.effort for item in snapshot.items}
    for warning in roadmap.warnings:
        if warning.kind != "overload" or warning.period is None:
            continue
        for key in warning.items:
            placed = places.get(key)
            done = sum(e for p, e in placed.load if p <= warning.period) if placed else 0.0
            add(warning.team, warning.period, max(0.0, efforts.get(key, 0.0) - done))
    return out


def overloads(
    loads: dict[str, list[tuple[float, float]]],
    names: dict[str, str],
    calendar: Calendar,
) -> list[str]:
    """A sentence for each period in which a team has more work than capacity (team by
    ``names``, period of ``calendar`` worded as the reader writes it), saying by how much,
    in period order."""
    label = period_label(calendar)
    over = sorted(
        (period, names.get(team, team), load, capacity)
        for team, row in loads.items()
        for period, (load, capacity) in enumerate(row)
        if load > capacity + 1e-9
    )
    return [
        _(
            "{team} in {period}: {load} planned, capacity {capacity} ({excess} over)",
            team=name,
            period=label(period),
            load=f"{load:g}",
            capacity=f"{capacity:g}",
            excess=f"{load - capacity:g}",
        )
        for period, name, load, capacity in over
    ]
