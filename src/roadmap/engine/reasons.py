"""The English wording of reasons and warnings, with the structured data readers word anew.

Each method of :class:`Wording` builds one :class:`~roadmap.engine.result.Reason` or
:class:`~roadmap.engine.result.Warning`; periods are named by the plan's calendar labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import cache, partial

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
    """Reasons and warnings for one plan, with its period labels worked out once each.

    Reasons are immutable and many items share one: the common ones are made once per plan,
    by caches of the functions below rather than of the instance's own methods. A cache of a
    bound method, kept on its instance, would make each Wording a reference cycle: it would
    outlive its runs, with every reason it kept, until the cycle collector came by.
    """

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.label = label = cache(calendar.label)
        self.dependency = cache(partial(_dependency, label))
        self.pinned = cache(partial(_pinned, label))
        self.start = cache(partial(_start, label))
        self.no_team = cache(_no_team)
        self.pin_conflict = cache(partial(_pin_conflict, label))
        self.deadline_missed = cache(partial(_deadline_missed, label, calendar.index_of))

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

    def beyond_limit(self, key: str, team: str, limit: int) -> Warning:
        text = (
            f"{key} cannot be placed: team {team} cannot fit it within {limit:,} periods of "
            "the plan's start, the furthest a roadmap reaches"
        )
        return Warning("unplaced", text, (key,), team)

    def too_much_per_period(self, key: str, team: str, per: float, periods: int) -> Warning:
        text = (
            f"{key} cannot be placed: spread over {periods} periods it needs {per:g} a period, "
            f"more than team {team} ever has"
        )
        return Warning("unplaced", text, (key,), team)

    def pinned_after_unplaced(self, key: str, pin: int, blockers: Sequence[str]) -> Warning:
        text = (
            f"{key} is pinned to {self.label(pin)} and placed there, but it waits for "
            f"{names(blockers)}, which cannot be placed"
        )
        return Warning("pin_conflict", text, (key, *blockers), None, pin)

    def blocker_unplaced(self, key: str, blocker: str) -> Warning:
        text = f"{key} cannot be placed: it waits for {blocker}, which cannot be placed"
        return Warning("unplaced", text, (key, blocker))

    def soft_skipped(self, key: str, blocker: str, team: str | None, end: int) -> Warning:
        text = (
            f"{key} does not wait for {blocker} (a soft dependency, ending in {self.label(end)}): "
            f"{blocker} is held back by team {team}'s capacity"
        )
        return Warning("soft_dependency", text, (key, blocker), team, end)

    def dropped_dependency(self, key: str, blocker: str) -> Warning:
        text = f"{key} depends on {blocker}, which is dropped: the dependency is ignored"
        return Warning("dropped_dependency", text, (key, blocker))


# The reasons and warnings that Wording keeps, worded with the plan's ``label`` of a period.


def _dependency(
    label: Callable[[int], str], blockers: tuple[str, ...], period: int, soft: bool
) -> Reason:
    kind = "soft_dependency" if soft else "dependency"
    what = "should wait for" if soft else "waits for"
    text = f"{what} {names(blockers)}, {_ends(blockers)} in {label(period)}"
    return Reason(kind, text, blockers, period)


def _pinned(label: Callable[[int], str], period: int) -> Reason:
    return Reason("pinned", f"pinned to {label(period)}", (), period)


def _no_team() -> Reason:
    return Reason("no_team", "has no team: placed without a capacity limit")


def _start(label: Callable[[int], str], period: int) -> Reason:
    return Reason("start", f"nothing holds it back: starts in {label(period)}", (), period)


def _deadline_missed(
    label: Callable[[int], str], index_of: Callable[[date], int], key: str, end: int, deadline: date
) -> Warning:
    text = (
        f"{key} ends in {label(end)}, after its deadline {deadline.isoformat()} "
        f"({label(index_of(deadline))})"
    )
    return Warning("deadline", text, (key,), None, end)


def _pin_conflict(
    label: Callable[[int], str], key: str, pin: int, blocker: str, end: int
) -> Warning:
    text = f"{key} is pinned to {label(pin)}, but its blocker {blocker} ends in {label(end)}"
    return Warning("pin_conflict", text, (key, blocker), None, pin)
