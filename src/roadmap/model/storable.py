"""What a plan document must satisfy beyond its references before it can be stored.

:func:`~roadmap.model.inputs.check_references` finds broken keys, references and cycles; the
database adds two demands of its own: period labels must resolve to periods of the plan's
calendar (they are stored as indexes), and lists it stores as one row per entry may not name
an entry twice. The file readers check both before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

from roadmap.model.inputs import PlanDoc, Problem
from roadmap.model.periods import Calendar, PeriodError, period_index


class _Dated(Protocol):
    @property
    def start_date(self) -> date: ...
    @property
    def period_unit(self) -> str: ...


def calendar_of(plan: _Dated) -> Calendar:
    """The calendar of a plan (a stored plan or a plan document's ``plan``)."""
    return Calendar(plan.start_date, plan.period_unit)


def storage_problems(doc: PlanDoc) -> list[Problem]:
    """What :func:`~roadmap.model.inputs.check_references` leaves to storage: periods that do
    not resolve, and entries listed twice where the database stores each only once."""
    cal = calendar_of(doc.plan)
    problems: list[Problem] = []

    def period(value: int | str | None, loc: tuple) -> int | None:
        if value is None:
            return None
        try:
            return period_index(cal, value)
        except PeriodError as exc:
            problems.append(Problem(loc, str(exc)))
            return None

    def once(values: Iterable[Any], loc: tuple, what: str) -> None:
        seen = set()
        for j, value in enumerate(values):
            if value is not None and value in seen:
                problems.append(Problem((*loc, j), f"{what} {value!r} is listed twice"))
            seen.add(value)

    for i, team in enumerate(doc.teams):
        loc = ("teams", i, "capacity_changes")
        starts = [
            period(change.from_period, (*loc, j, "from_period"))
            for j, change in enumerate(team.capacity_changes)
        ]
        once(starts, loc, "a capacity change from period")
    for i, sh in enumerate(doc.stakeholders):
        once((access.source for access in sh.sources), ("stakeholders", i, "sources"), "source")
    for i, item in enumerate(doc.items):
        period(item.pinned_period, ("items", i, "pinned_period"))
    for i, ms in enumerate(doc.milestones):
        once(ms.items, ("milestones", i, "items"), "item")
    return problems
