"""Scenarios (what-if): a plan as a scenario would change it, and two roadmaps compared.

A scenario changes capacities, efforts, priorities or pins without touching the plan: the
engine sequences :func:`apply`'s copy of the plan's snapshot. :func:`compare` is the one
comparison of two roadmaps, for a scenario against the plan, two scenarios, or the plan
against a saved baseline: every item that changed (:func:`roadmap.engine.baseline.diff`),
the roadmap's length and the deadlines missed. :func:`sentences` words a comparison for
people (the app's scenario view and the documents), in their language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from roadmap.engine.baseline import Change, diff
from roadmap.engine.inputs import Snapshot
from roadmap.engine.result import Roadmap
from roadmap.model.periods import Calendar

if TYPE_CHECKING:
    from roadmap.i18n.lang import Lang
    from roadmap.model.inputs import ScenarioIn


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


def scenario_of(scenario: ScenarioIn, calendar: Calendar) -> ScenarioData:
    """A plan file's scenario as the engine reads it: pins as period indexes of ``calendar``.

    >>> from datetime import date
    >>> from roadmap.model.inputs import ScenarioIn
    >>> sc = ScenarioIn(key="s", name="S", pins={"A": "2027-Q3", "B": None})
    >>> scenario_of(sc, Calendar(date(2027, 1, 1), "quarter")).pins
    {'A': 2, 'B': None}
    """
    parse = calendar.parse
    return ScenarioData(
        scenario.key,
        scenario.name,
        dict(scenario.capacities),
        dict(scenario.efforts),
        dict(scenario.priorities),
        {key: None if p is None else parse(p) for key, p in scenario.pins.items()},
    )


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


def compare(before: Roadmap, after: Roadmap) -> Comparison:
    """What changed from ``before`` to ``after``."""
    return Comparison(
        diff(before, after),
        before.periods,
        after.periods,
        _missed(before),
        _missed(after),
    )


def _missed(roadmap: Roadmap) -> tuple[str, ...]:
    return tuple(sorted({w.items[0] for w in roadmap.warnings if w.kind == "deadline"}))


def sentences(found: Comparison, lang: Lang, name: Callable[[str], str]) -> list[str]:
    """``found`` in three or four sentences of ``lang``: the roadmap's length, the deadlines
    missed (which are new, which are now met) and how many items moved, items named by
    ``name`` (which escapes them for where the sentences go)."""
    _, ngettext = lang._, lang.ngettext
    before, after = found.periods_before, found.periods_after
    if after > before:
        length = ngettext(
            "The roadmap ends {n} period later: it takes {after} periods instead of {before}.",
            "The roadmap ends {n} periods later: it takes {after} periods instead of {before}.",
            after - before, after=after, before=before,
        )  # fmt: skip
    elif after < before:
        length = ngettext(
            "The roadmap ends {n} period sooner: it takes {after} periods instead of {before}.",
            "The roadmap ends {n} periods sooner: it takes {after} periods instead of {before}.",
            before - after, after=after, before=before,
        )  # fmt: skip
    else:
        length = ngettext(
            "The roadmap ends as before, after {n} period.",
            "The roadmap ends as before, after {n} periods.",
            after,
        )
    out = [length]
    was, now = set(found.missed_before), set(found.missed_after)
    if not was and not now:
        out.append(_("No deadline is missed, before or now."))
    else:
        out.append(
            _("Deadlines missed: {after} (before: {before}).", after=len(now), before=len(was))
        )
        newly, met = sorted(now - was), sorted(was - now)
        if newly:
            out.append(_("Newly missed: {items}.", items=", ".join(map(name, newly))))
        if met:
            out.append(_("Met now, missed before: {items}.", items=", ".join(map(name, met))))
    counts = dict.fromkeys(("earlier", "later", "ends_earlier", "ends_later"), 0)
    other = 0
    for change in found.changes:
        if change.kind in counts:
            counts[change.kind] += 1
        else:
            other += 1
    parts = []
    if counts["earlier"]:
        parts.append(ngettext("{n} item starts earlier", "{n} items start earlier",
                              counts["earlier"]))  # fmt: skip
    if counts["later"]:
        parts.append(ngettext("{n} item starts later", "{n} items start later", counts["later"]))
    if counts["ends_earlier"]:
        parts.append(ngettext("{n} item ends earlier", "{n} items end earlier",
                              counts["ends_earlier"]))  # fmt: skip
    if counts["ends_later"]:
        parts.append(ngettext("{n} item ends later", "{n} items end later",
                              counts["ends_later"]))  # fmt: skip
    if other:
        parts.append(ngettext("{n} other change", "{n} other changes", other))
    if parts:
        out.append(_("Items moved: {moves}.", moves=", ".join(parts)))
    else:
        out.append(_("No item is placed differently."))
    return out
