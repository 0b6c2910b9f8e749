"""Deadline pressure: how tight an item's deadline is, as a scoring input a plan can opt into.

A criterion marked ``derived: deadline`` takes, for an item not scored on it, a value derived
from its deadline (its own, or that of a deadline milestone it leads to): the periods the item
still needs against the periods left until the deadline, from today's period on.

* The periods needed are the item's own (its fixed duration, else its effort over its team's
  capacity, at least one) plus the longest chain of the work it waits for (hard blockers not
  yet done), each counted the same way.
* The periods left run from today's period (the snapshot's ``today``, else the plan's start)
  to the deadline's period, both counted.
* The deadline is *at risk* when the periods needed are at least half of those left; its
  pressure is then ``needed / left`` (at most 1; a deadline already passed presses with 1).
  A deadline with room to spare presses with 0, as does an item without a deadline, so that
  the criterion raises only the items whose deadlines are in danger.

The value sits on the criterion's scale as the pressure does from 0 to 1, so an item whose
deadline needs every period left scores the top of the criterion. The priority inheritance of
the sequencer then raises the work it waits for too.

>>> from datetime import date
>>> from roadmap.engine.inputs import ItemData, TeamData
>>> from roadmap.model.periods import Calendar
>>> snap = Snapshot(Calendar(date(2027, 1, 1), "quarter"),
...                 (ItemData("A", effort=2, team="t"),
...                  ItemData("B", effort=1, team="t", deadline=date(2027, 9, 30))),
...                 (("A", "B", "hard"),), {"t": TeamData("t", capacity=1.0)})
>>> p = pressures(snap)["B"]
>>> p.needed, p.left, p.value, p.at_risk
(3, 3, 1.0, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from roadmap.engine.inputs import DONE, DROPPED, HARD, ItemData, Snapshot
from roadmap.i18n import _, language, ngettext, numeral
from roadmap.i18n.lang import Lang

if TYPE_CHECKING:
    from roadmap.engine.numbered import Numbered

AT_RISK = 0.5
"""A deadline is at risk when the work needs at least this share of the periods left."""


@dataclass(frozen=True, slots=True)
class Pressure:
    """How an item's deadline presses on it."""

    key: str
    deadline: date
    needed: int
    """Periods the item and the longest chain of work it waits for still need."""
    left: int
    """Periods from today's to the deadline's, both counted (0 or less: passed)."""
    value: float
    """0 to 1: ``needed / left`` when at risk, else 0."""

    @property
    def at_risk(self) -> bool:
        return self.value > 0

    @property
    def note(self) -> str:
        """The pressure in the reader's language, for the score's notes."""
        day = Lang(language()).date(self.deadline)
        if self.left <= 0:
            return _("deadline {day} has passed: deadline pressure 1", day=day)
        state = (
            _("at risk: deadline pressure {value}", value=numeral(format(self.value, ".2f")))
            if self.at_risk
            else _("not at risk")
        )
        return ngettext(
            "deadline {day}: needs {needed} of the {n} period left, {state}",
            "deadline {day}: needs {needed} of the {n} periods left, {state}",
            self.left,
            day=day,
            needed=self.needed,
            state=state,
        )


def pressures(
    snapshot: Snapshot, keys: set[str] | None = None, plan: Numbered | None = None
) -> dict[str, Pressure]:
    """The pressure of each item that has a deadline and is not done or dropped (of ``keys``
    only, when given).

    ``plan`` is the snapshot numbered for sequencing (:func:`~roadmap.engine.numbered.number`),
    when the caller has it: its items and their blockers, already grouped by index, are walked
    in place of grouping the snapshot's dependencies by key again.
    """
    # The walk goes from item to blocker by key, or by index in the numbered plan.
    node: Callable[[str], Any]
    candidates: Sequence[ItemData]
    item_of: Callable[[Any], ItemData]
    blockers_of: Callable[[Any], Iterable[Any]]
    if plan is None:
        items = {item.key: item for item in snapshot.items}
        grouped: dict[str, list[str]] = {}
        for a, b, kind in snapshot.dependencies:
            if kind == HARD and a in items:
                grouped.setdefault(b, []).append(a)
        node, item_of, candidates = _same, items.__getitem__, snapshot.items
        blockers_of = lambda key: grouped.get(key, ())  # noqa: E731
    else:  # done and dropped items are not numbered: they count nothing anyway
        node, item_of, candidates = plan.index.__getitem__, plan.items.__getitem__, plan.items
        blockers_of = plan.hard.__getitem__
    wanted = [
        item
        for item in candidates
        if item.deadline is not None
        and item.status not in (DONE, DROPPED)
        and (keys is None or item.key in keys)
    ]
    if not wanted:
        return {}
    calendar = snapshot.calendar
    floor = max(calendar.index_of(snapshot.today), 0) if snapshot.today else 0
    capacity = {key: team.capacity_at(floor) for key, team in snapshot.teams.items()}
    chain: dict[Any, int] = {}

    def own(item: ItemData) -> int:
        if item.duration:
            return int(item.duration)
        if item.effort <= 0:
            return 0
        room = capacity.get(item.team or "", 0.0)
        if item.max_share and 0 < item.max_share < 1:
            room *= item.max_share
        if room <= 0:
            return 1
        return max(1, math.ceil(item.effort / room - 1e-9))

    def needed(start: Any) -> int:
        """The periods of item ``start`` and its longest chain of hard blockers, without
        recursion (a chain may be as long as the plan): an item stays on the stack, open,
        until the blockers put above it are counted; done and dropped work counts nothing,
        nor does what it waited for."""
        stack, open_ = [start], set()
        while stack:
            top = stack[-1]
            if top in chain:
                stack.pop()
            elif top in open_:  # its blockers are counted
                stack.pop()
                before = [chain.get(b, 0) for b in blockers_of(top)]
                chain[top] = own(item_of(top)) + max(before, default=0)
            elif item_of(top).status in (DONE, DROPPED):
                chain[top] = 0
            else:
                open_.add(top)
                stack.extend(b for b in blockers_of(top) if b not in chain)
        return chain[start]

    out = {}
    for item in wanted:
        assert item.deadline is not None
        need = needed(node(item.key))
        left = calendar.index_of(item.deadline) - floor + 1
        if left <= 0:
            value = 1.0
        else:
            ratio = need / left
            value = min(ratio, 1.0) if ratio >= AT_RISK else 0.0
        out[item.key] = Pressure(item.key, item.deadline, need, left, round(value, 2))
    return out


def _same(key: str) -> str:
    """An item's key, as the walk by key names the item."""
    return key
