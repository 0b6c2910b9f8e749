"""Scenarios (what-if): a plan as a scenario would change it, and two roadmaps compared.

A scenario changes capacities, efforts, priorities or pins without touching the plan: the
engine sequences :func:`apply`'s copy of the plan's snapshot. :func:`compare` is the one
comparison of two roadmaps, for a scenario against the plan, two scenarios, or the plan
against a saved baseline: every item that changed (:func:`roadmap.engine.baseline.diff`),
the roadmap's length and the deadlines missed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

from roadmap.engine.baseline import Change, diff
from roadmap.engine.inputs import Snapshot
from roadmap.engine.result import Roadmap
from roadmap.model.periods import Calendar


@dataclass(frozen=True, slots=True)
class ScenarioData:
    """What a scenario changes: capacities by team key; efforts, priorities (0-100, in place
    of the score) and pins (a period index, or None to unpin) by item key."""

    key: str
    name: str = ""
    capacities: Mapping[str, float] = field(default_factory=dict)
    efforts: Mapping[str, float] = field(default_factory=dict)
    priorities: Mapping[str, float] = field(default_factory=dict)
    pins: Mapping[str, int | None] = field(default_factory=dict)


def apply(snapshot: Snapshot, scenario: ScenarioData) -> Snapshot:
    """``snapshot`` as ``scenario`` changes it; keys it does not know are left alone.

    A team given a capacity has it in every period, in place of its capacity changes.

    >>> from roadmap.engine.inputs import ItemData, TeamData
    >>> from datetime import date
    >>> snap = Snapshot(Calendar(date(2027, 1, 1), "quarter"), (ItemData("A", team="t"),),
    ...                 teams={"t": TeamData("t", capacity=1.0)})
    >>> what_if = apply(snap, ScenarioData("s", capacities={"t": 2.0}, efforts={"A": 3.0}))
    >>> what_if.teams["t"].capacity, what_if.items[0].effort, snap.items[0].effort
    (2.0, 3.0, 1.0)
    """
    teams = {
        key: dataclasses.replace(team, capacity=scenario.capacities[key], changes=())
        if key in scenario.capacities
        else team
        for key, team in snapshot.teams.items()
    }
    efforts, pins = scenario.efforts, scenario.pins
    items = tuple(
        item._replace(
            effort=efforts.get(item.key, item.effort),
            pinned_period=pins.get(item.key, item.pinned_period),
        )
        if item.key in efforts or item.key in pins
        else item
        for item in snapshot.items
    )
    priorities = {**snapshot.priorities, **scenario.priorities}
    return dataclasses.replace(snapshot, items=items, teams=teams, priorities=priorities)


@dataclass(frozen=True, slots=True)
class Comparison:
    """How one roadmap differs from another (``before``)."""

    changes: tuple[Change, ...]
    periods_before: int
    periods_after: int
    """The roadmaps' lengths in periods, from the plan's start to the end of the last work."""
    missed_before: tuple[str, ...]
    missed_after: tuple[str, ...]
    """Keys of the items (and milestones) that miss their deadlines."""


def compare(before: Roadmap, after: Roadmap, calendar: Calendar) -> Comparison:
    """What changed from ``before`` to ``after``."""
    return Comparison(
        diff(before, after, calendar),
        before.periods,
        after.periods,
        _missed(before),
        _missed(after),
    )


def _missed(roadmap: Roadmap) -> tuple[str, ...]:
    return tuple(sorted({w.items[0] for w in roadmap.warnings if w.kind == "deadline"}))
