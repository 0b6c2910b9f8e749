"""The English wording of reasons and warnings, with the structured data readers word anew.

Each method of :class:`Wording` builds one :class:`~roadmap.engine.result.Reason` or
:class:`~roadmap.engine.result.Warning`; periods are named by the plan's calendar labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from roadmap.engine.result import Reason, Warning
from roadmap.model.periods import Calendar

LIST_LIMIT = 5
"""Items named in a sentence before "and N more"."""


def names(keys: Sequence[str], limit: int = LIST_LIMIT) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``limit``: ``A, B, C, D, E and 3 more``.

    >>> names(["A"]), names(["A", "B", "C"]), names(list("ABCDEFG"))
    ('A', 'A, B and C', 'A, B, C, D, E and 2 more')
    """
    if len(keys) > limit:
        return f"{', '.join(keys[:limit])} and {len(keys) - limit} more"
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} and {keys[-1]}"


def _ends(keys: Sequence[str]) -> str:
    return "which ends" if len(keys) == 1 else "which end"


class Wording:
    """Reasons and warnings for one plan, with its period labels worked out once each."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self._labels: dict[int, str] = {}
        # Reasons are immutable and many items share one: made once per plan.
        self.dependency = cache(self._dependency)
        self.pinned = cache(self._pinned)
        self.start = cache(self._start)
        self.no_team = cache(self._no_team)
        self.pin_conflict = cache(self._pin_conflict)
        self.deadline_missed = cache(self._deadline_missed)

    def label(self, period: int) -> str:
        text = self._labels.get(period)
        if text is None:
            text = self._labels[period] = self.calendar.label(period)
        return text

    def _dependency(self, blockers: tuple[str, ...], period: int, soft: bool) -> Reason:
        kind = "soft_dependency" if soft else "dependency"
        what = "should wait for" if soft else "waits for"
        text = f"{what} {names(blockers)}, {_ends(blockers)} in {self.label(period)}"
        return Reason(kind, text, blockers, period)

    def earliest_start(self, day: date) -> Reason:
        period = max(self.calendar.index_of(day), 0)
        return Reason("earliest_start", f"cannot start before {day.isoformat()}", (), period)

    def capacity(
        self,
        team: str,
        first: int,
        period: int,
        holders: Sequence[str],
        pins: Sequence[str] = (),
    ) -> Reason:
        """Team full from ``first`` to ``period``; ``holders`` use ``period``; some are ``pins``."""
        span = f"in {self.label(first)}"
        if first != period:
            span = f"from {self.label(first)} to {self.label(period)}"
        if holders:
            shown = names([f"{key} (pinned)" if key in pins else key for key in holders])
            higher = ", ranked higher" if len(pins) < len(holders) else ""
            if first == period:
                text = f"team {team} is full {span} with {shown}{higher}"
            else:
                text = f"team {team} is full {span}; in {self.label(period)} with {shown}{higher}"
        else:
            text = f"team {team} has no capacity {span}"
        return Reason("capacity", text, tuple(holders), period, team)

    def _pinned(self, period: int) -> Reason:
        return Reason("pinned", f"pinned to {self.label(period)}", (), period)

    def _no_team(self) -> Reason:
        return Reason("no_team", "has no team: placed without a capacity limit")

    def _start(self, period: int) -> Reason:
        return Reason("start", f"nothing holds it back: starts in {self.label(period)}", (), period)

    def _deadline_missed(self, key: str, end: int, deadline: date) -> Warning:
        text = (
            f"{key} ends in {self.label(end)}, after its deadline {deadline.isoformat()} "
            f"({self.label(self.calendar.index_of(deadline))})"
        )
        return Warning("deadline", text, (key,), None, end)

    def pinned_overload(self, team: str, period: int, keys: Sequence[str]) -> Warning:
        text = (
            f"team {team} has no room left in {self.label(period)} for pinned {names(keys)}: "
            "the work starts there as pinned but is done as capacity frees up"
        )
        return Warning("overload", text, tuple(keys), team, period)

    def past_horizon(self, team: str, horizon: int, keys: Sequence[str]) -> Warning:
        text = (
            f"team {team} has more work than fits in the plan's {horizon} periods: "
            f"{names(keys)} end after {self.label(horizon - 1)}"
        )
        return Warning("overload", text, tuple(keys), team, horizon - 1)

    def no_team_items(self, keys: Sequence[str], unknown: Sequence[str]) -> Warning:
        text = f"{names(keys)} {'has' if len(keys) == 1 else 'have'} no team and "
        text += "is placed without a capacity limit" if len(keys) == 1 else "are placed without one"
        if unknown:
            text += f" (unknown team {names(unknown)})"
        return Warning("no_team", text, tuple(keys))

    def no_capacity(self, key: str, team: str, dead: int) -> Warning:
        text = f"{key} cannot be placed: team {team} has no capacity from {self.label(dead)} on"
        return Warning("unplaced", text, (key,), team, dead)

    def blocker_unplaced(self, key: str, blocker: str) -> Warning:
        text = f"{key} cannot be placed: it waits for {blocker}, which cannot be placed"
        return Warning("unplaced", text, (key, blocker))

    def soft_skipped(self, key: str, blocker: str, team: str | None, end: int) -> Warning:
        text = (
            f"{key} does not wait for {blocker} (a soft dependency, ending in {self.label(end)}): "
            f"{blocker} is held back by team {team}'s capacity"
        )
        return Warning("soft_dependency", text, (key, blocker), team, end)

    def _pin_conflict(self, key: str, pin: int, blocker: str, end: int) -> Warning:
        text = f"{key} is pinned to {self.label(pin)}, but its blocker {blocker} ends in "
        text += self.label(end)
        return Warning("pin_conflict", text, (key, blocker), None, pin)

    def dropped_dependency(self, key: str, blocker: str) -> Warning:
        text = f"{key} depends on {blocker}, which is dropped: the dependency is ignored"
        return Warning("dropped_dependency", text, (key, blocker))
