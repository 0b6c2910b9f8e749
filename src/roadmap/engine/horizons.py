"""Now / Next / Later: a sequenced roadmap grouped by how soon items start, without dates.

Some plans are better shown without committing to dates: the same placements, grouped into
three horizons counted from today's period (:func:`roadmap.clock.today`), not the plan's
start. By default *Now* is today's period and any before it (work that should have started
already), *Next* the two after it, *Later* the rest; within a horizon, earlier starts come
first, then committed work, then higher priority.
"""

from __future__ import annotations

from datetime import date

from roadmap.clock import today
from roadmap.engine.result import Placement, Roadmap
from roadmap.model.periods import Calendar

HORIZONS = ("now", "next", "later")


def horizon_of(start: int, *, current: int = 0, now_periods: int = 1, next_periods: int = 2) -> str:
    """The horizon of an item that starts in period ``start`` when today is in ``current``.

    >>> [horizon_of(p) for p in range(5)]
    ['now', 'next', 'next', 'later', 'later']
    >>> [horizon_of(p, current=12) for p in (0, 12, 13, 15)]
    ['now', 'now', 'next', 'later']
    """
    if start < current + now_periods:
        return "now"
    return "next" if start < current + now_periods + next_periods else "later"


def horizons(
    roadmap: Roadmap,
    calendar: Calendar,
    *,
    day: date | None = None,
    now_periods: int = 1,
    next_periods: int = 2,
) -> dict[str, tuple[Placement, ...]]:
    """The roadmap's placements grouped into ``now``, ``next`` and ``later``, in that order,
    counted from the period of ``day`` (default: today)."""
    current = calendar.index_of(day or today())
    groups: dict[str, list[Placement]] = {name: [] for name in HORIZONS}
    for placement in roadmap.placements.values():
        name = horizon_of(
            placement.start, current=current, now_periods=now_periods, next_periods=next_periods
        )
        groups[name].append(placement)
    return {
        name: tuple(
            sorted(rows, key=lambda p: (p.start, not p.committed, -p.effective_priority, p.key))
        )
        for name, rows in groups.items()
    }
