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


class TeamLoad:
    """Free capacity of one team, period by period."""

    __slots__ = ("_next", "dead", "free", "team")

    def __init__(self, team: TeamData) -> None:
        self.team = team
        self.free: list[float] = []
        self._next: list[int] = []
        last_from, last = team.changes[-1] if team.changes else (0, team.capacity)
        self.dead: int | None = max(last_from, 0) if last <= EPS else None
        """First period from which the team has no capacity ever again, if there is one."""

    def copy(self) -> TeamLoad:
        """The same free capacity, to hand out apart from this one."""
        load = TeamLoad.__new__(TeamLoad)
        load.team, load.dead, load.free, load._next = (
            self.team,
            self.dead,
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
        starts = [0, *(p for p, _ in team.changes), hi]
        caps = [team.capacity, *(c for _, c in team.changes)]
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
        dead = self.dead
        if dead is not None and period >= dead:
            return None
        nxt = self._next
        if period >= len(nxt):
            self._grow(period)
        root = period
        while nxt[root] != root:
            root = nxt[root]
            if dead is not None and root >= dead:
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
        if self.dead is None and period < len(nxt) and nxt[period] == period:
            p = period  # it has room: no search needed
            room = free[p]
            if effort <= room + EPS:  # most work fits in the period it is ready in
                left = room - effort
                if left > EPS:
                    free[p] = left
                else:
                    free[p], nxt[p] = 0.0, p + 1
                return ((p, effort),)
        else:
            p = self.find(period)
            if p is None or (self.dead is not None and self.available(p, self.dead) < effort - EPS):
                return None
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
            p = self.find(p)
            if p is None:  # what is left is rounding below EPS: the check above saw room
                return tuple(used)
