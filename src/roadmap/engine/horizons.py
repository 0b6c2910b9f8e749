"""Now / Next / Later: a sequenced roadmap grouped by how soon items start, without dates.

Some plans are better shown without committing to dates: the same placements, grouped into
three horizons. By default *Now* is the first period, *Next* the two after it, *Later* the
rest; within a horizon, earlier starts come first, then committed work, then higher priority.
"""

from __future__ import annotations

from roadmap.engine.result import Placement, Roadmap

HORIZONS = ("now", "next", "later")


def horizon_of(start: int, *, now_periods: int = 1, next_periods: int = 2) -> str:
    """The horizon of an item that starts in period ``start``.

    >>> [horizon_of(p) for p in range(5)]
    ['now', 'next', 'next', 'later', 'later']
    """
    if start < now_periods:
        return "now"
    return "next" if start < now_periods + next_periods else "later"


def horizons(
    roadmap: Roadmap, *, now_periods: int = 1, next_periods: int = 2
) -> dict[str, tuple[Placement, ...]]:
    """The roadmap's placements grouped into ``now``, ``next`` and ``later``, in that order."""
    groups: dict[str, list[Placement]] = {name: [] for name in HORIZONS}
    for placement in roadmap.placements.values():
        name = horizon_of(placement.start, now_periods=now_periods, next_periods=next_periods)
        groups[name].append(placement)
    return {
        name: tuple(
            sorted(rows, key=lambda p: (p.start, not p.committed, -p.effective_priority, p.key))
        )
        for name, rows in groups.items()
    }
