"""A team's free capacity per period, as the sequencer hands it out.

Periods are created as they are reached, each with the team's capacity at that period. Full
periods are skipped through a "next period with room" pointer per period, compressed as it is
followed (a union-find over periods), so that finding room for the 5,000th item of a busy
team does not walk past every full period again.

>>> from roadmap.engine.inputs import TeamData
>>> load = TeamLoad(TeamData("dev", capacity=2.0))
>>> load.take(0, 3.0)
((0, 2.0), (1, 1.0))
>>> load.take(0, 2.0)
((1, 1.0), (2, 1.0))
>>> load.find(0)
2
"""

from __future__ import annotations

from roadmap.engine.inputs import TeamData

EPS = 1e-9
"""Capacity left below this counts as none."""

LIMIT = 100_000
"""Periods from the plan's start that work may reach: a horizon that grows as far as the work
needs, short of running without end when a team can never fit it (about 270 years of days)."""


class TeamLoad:
    """Free capacity of one team, period by period."""

    __slots__ = ("_next", "dead", "free", "stop", "team")

    def __init__(self, team: TeamData, limit: int = LIMIT) -> None:
        self.team = team
        self.free: list[float] = []
        self._next: list[int] = []
        last_from, last = team.changes[-1] if team.changes else (0, team.capacity)
        self.dead: int | None = max(last_from, 0) if last <= EPS else None
        """First period from which the team has no capacity ever again, if there is one."""
        self.stop = limit if self.dead is None else min(self.dead, limit)
        """First period no work of the team may use: where it dies, or the limit."""

    def copy(self) -> TeamLoad:
        """The same free capacity, to hand out apart from this one."""
        load = TeamLoad.__new__(TeamLoad)
        load.team, load.dead, load.stop, load.free, load._next = (
            self.team,
            self.dead,
            self.stop,
            [*self.free],
            [*self._next],
        )
        return load

    def same(self, other: TeamLoad) -> bool:
        """Whether both hand out the same capacity from now on: a period is full exactly when
        its free capacity is 0.0, so the free capacities tell, once both reach as far."""
        size = max(len(self.free), len(other.free))
        self._extend(size)
        other._extend(size)
        return self.free == other.free

    def _grow(self, period: int) -> None:
        """Create periods up to ``period`` at least, doubling."""
        self._extend(max(period + 1, 2 * len(self.free), 16))

    def _extend(self, hi: int) -> None:
        """Create the periods before ``hi``, a segment of equal capacity at a time."""
        free, nxt, team = self.free, self._next, self.team
        lo = len(free)
        changes = [(p, c) for p, c in team.changes if p < self.stop]
        starts = [0, *(p for p, _ in changes), self.stop, max(hi, self.stop)]
        caps = [team.capacity, *(c for _, c in changes), 0.0]
        for begin, end, cap in zip(starts, starts[1:], caps, strict=False):
            a, b = max(begin, lo), min(end, hi)
            if a >= b:
                continue
            if cap > EPS:
                free.extend([cap] * (b - a))
                nxt.extend(range(a, b))
            else:
                free.extend([0.0] * (b - a))
                nxt.extend(range(a + 1, b + 1))

    def find(self, period: int) -> int | None:
        """The first period from ``period`` on with capacity left, or None if none ever is."""
        dead = self.stop
        if period >= dead:
            return None
        nxt = self._next
        if period >= len(nxt):
            self._grow(period)
        root = period
        while nxt[root] != root:
            root = nxt[root]
            if root >= dead:
                return None
            if root >= len(nxt):
                self._grow(root)
        while nxt[period] != root:
            nxt[period], period = root, nxt[period]
        return root

    def available(self, start: int, stop: int) -> float:
        """Capacity left in periods ``start`` to ``stop - 1``."""
        if stop > len(self.free):
            self._grow(stop - 1)
        return sum(self.free[start:stop])

    def take(self, period: int, effort: float) -> tuple[tuple[int, float], ...] | None:
        """Use ``effort`` from ``period`` on, as early as there is room: ``((period, used), ...)``.

        Returns None, and takes nothing, when the team's capacity runs out for good first.
        """
        free, nxt = self.free, self._next
        if period < len(nxt) and nxt[period] == period:
            p = period  # it has room: no search needed
            room = free[p]
            if effort <= room + EPS:  # most work fits in the period it is ready in
                left = room - effort
                if left > EPS:
                    free[p] = left
                else:
                    free[p], nxt[p] = 0.0, p + 1
                return ((p, effort),)
            if not self._fits(p, effort):
                return None
        else:
            found = self.find(period)
            if found is None or not self._fits(found, effort):
                return None
            p = found
        used: list[tuple[int, float]] = []
        while True:
            room = free[p]
            if effort <= room + EPS:
                left = room - effort
                used.append((p, effort))
                if left > EPS:
                    free[p] = left
                else:
                    free[p], nxt[p] = 0.0, p + 1
                return tuple(used)
            used.append((p, room))
            effort -= room
            free[p], nxt[p] = 0.0, p + 1
            p += 1
            if p < len(nxt) and nxt[p] == p:  # the next period has room: no search needed
                continue
            found = self.find(p)
            if found is None:  # what is left is rounding below EPS: the check above saw room
                return tuple(used)
            p = found

    def _fits(self, period: int, effort: float) -> bool:
        """Whether ``effort`` fits between ``period`` and the stop; periods not yet created
        are still whole, so the sum is needed only when they might not hold it."""
        stop, made = self.stop, len(self.free)
        if made < stop and period <= made:
            lowest = min(self.capacity_from(made), default=0.0)
            if lowest * (stop - made) >= effort:
                return True
        return self.available(period, stop) >= effort - EPS

    def capacity_from(self, period: int) -> list[float]:
        """The team's capacities from ``period`` on, one per step of its capacity changes."""
        team = self.team
        caps = [team.capacity_at(period)]
        caps.extend(c for p, c in team.changes if p > period)
        return caps

    def room(self, stop: int) -> list[float]:
        """Free capacity of periods 0 to ``stop - 1``, without creating any (those not yet
        created are still whole)."""
        free = self.free[:stop]
        team = self.team
        free.extend(team.capacity_at(p) if p < self.stop else 0.0 for p in range(len(free), stop))
        return free

    def take_window(
        self, period: int, per: float, periods: int
    ) -> tuple[tuple[int, float], ...] | None:
        """Use ``per`` in each of ``periods`` periods in a row, the first window from
        ``period`` on where each has room for it; None when no window comes before the stop.

        >>> from roadmap.engine.inputs import TeamData
        >>> load = TeamLoad(TeamData("dev", capacity=2.0))
        >>> load.take(1, 1.5)
        ((1, 1.5),)
        >>> load.take_window(0, 1.0, 2)
        ((2, 1.0), (3, 1.0))
        """
        free = self.free
        p = self.find(period)
        if p is not None and per > max(self.capacity_from(p)) + EPS:
            return None  # no period will ever have room for it
        while p is not None:
            if p + periods > self.stop:
                return None
            if p + periods > len(free):
                self._grow(p + periods)
            short = next((q for q in range(p, p + periods) if free[q] < per - EPS), None)
            if short is None:
                return tuple(self._use(q, per) for q in range(p, p + periods))
            p = self.find(short + 1)
        return None

    def take_capped(
        self, period: int, effort: float, cap: float
    ) -> tuple[tuple[int, float], ...] | None:
        """Use ``effort`` from ``period`` on, at most ``cap`` (a share of the team's capacity)
        in any one period; None, taking nothing, when it cannot be done before the stop.

        >>> from roadmap.engine.inputs import TeamData
        >>> TeamLoad(TeamData("dev", capacity=4.0)).take_capped(0, 3.0, 0.5)
        ((0, 2.0), (1, 1.0))
        """
        free, team = self.free, self.team
        plan: list[tuple[int, float]] = []
        p = self.find(period)
        while p is not None and effort > EPS:
            if p >= len(free):
                self._grow(p)
            use = min(free[p], cap * team.capacity_at(p), effort)
            if use > EPS:
                plan.append((p, use))
                effort -= use
            p = self.find(p + 1)
        if effort > EPS:
            return None
        return tuple(self._use(q, used) for q, used in plan)

    def _use(self, period: int, effort: float) -> tuple[int, float]:
        left = self.free[period] - effort
        if left > EPS:
            self.free[period] = left
        else:
            self.free[period], self._next[period] = 0.0, period + 1
        return (period, effort)
