"""What the engine reads: a lean, frozen snapshot of one plan.

The engine never touches the database. :func:`roadmap.store.snapshot.load_snapshot` builds a
:class:`Snapshot` with core selects; tests and benchmarks build one by hand. Items, teams and
criteria refer to each other by key; dependencies are plain ``(blocker, blocked, kind)``
tuples, which keeps a snapshot of 100,000 items cheap to build.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from roadmap.engine.needs import NeedValue
from roadmap.model.periods import Calendar

NO_SCORES: Mapping[str, float] = MappingProxyType({})
"""The shared, empty score mapping of items that nobody has scored."""

HARD = "hard"
SOFT = "soft"
DONE = "done"
DROPPED = "dropped"
IN_PROGRESS = "in_progress"

Edge = tuple[str, str, str]
"""``(blocker, blocked, kind)``: ``blocker`` comes before ``blocked``; kind ``hard`` or ``soft``."""


class ItemData(
    namedtuple(
        "ItemData",
        ("key", "title", "effort", "team", "status", "mandatory", "moscow", "confidence",
         "reach", "impact", "cost_of_delay", "pinned_period", "earliest_start", "deadline",
         "scores", "duration", "max_share"),
        defaults=("", 1.0, None, "idea", False, None, 1.0,
                  None, None, None, None, None, None,
                  NO_SCORES, None, None),
    )
):  # fmt: skip
    """One development item, as far as scoring and sequencing need it.

    ``key``; ``title`` (default ``""``); ``effort`` (1.0); ``team`` (None: no team);
    ``status`` (``"idea"``); ``mandatory`` (False); ``moscow`` (None); ``confidence`` (1.0);
    ``reach``, ``impact``, ``cost_of_delay``, ``pinned_period``, ``earliest_start`` and
    ``deadline`` (None); ``scores``, values by criterion key (none); ``duration``, a fixed
    number of periods the effort is spread over evenly (None: as fast as capacity allows);
    ``max_share``, the largest share (0-1] of its team's capacity the item may use in one
    period (None: all of it).

    An item of effort 0 without a duration is a *milestone*: it takes no period of its own
    and is reached the moment its last blocker ends.

    A named tuple rather than a frozen dataclass like the engine's other records: loading a
    plan makes one per item, and a tuple is made in a third of the time, without ``typing``.
    A changed copy is ``item._replace(field=value)``.

    >>> item = ItemData("CI-7", effort=2.0)
    >>> item._replace(team="dev").team, item.team, item.scores
    ('dev', None, mappingproxy({}))
    """

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class TeamData:
    """A team and its capacity in effort units per period.

    >>> team = TeamData("dev", capacity=2.0, changes=((4, 3.0), (8, 0.0)))
    >>> [team.capacity_at(p) for p in (0, 4, 7, 8, 20)]
    [2.0, 3.0, 3.0, 0.0, 0.0]
    """

    key: str
    name: str = ""
    capacity: float = 1.0
    changes: tuple[tuple[int, float], ...] = ()
    """``(from_period, capacity)`` sorted by period: the capacity from that period on."""

    def capacity_at(self, period: int) -> float:
        i = bisect_right(self.changes, period, key=lambda change: change[0])
        return self.changes[i - 1][1] if i else self.capacity


@dataclass(frozen=True, slots=True)
class CriterionData:
    """A scoring criterion: weight, direction (``benefit``/``cost``) and scale."""

    key: str
    name: str = ""
    weight: float = 1.0
    direction: str = "benefit"
    scale: str = "1-5"
    workshop: bool = False
    derived: str | None = None
    """``needs``: unscored items take the value derived from the needs they answer."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A plan as the engine sees it."""

    calendar: Calendar
    items: tuple[ItemData, ...]
    dependencies: tuple[Edge, ...] = ()
    teams: Mapping[str, TeamData] = field(default_factory=dict)
    criteria: tuple[CriterionData, ...] = ()
    scoring_method: str = "weighted"
    horizon: int = 8
    """Number of periods the plan means to cover; work beyond it is reported."""
    lags: Mapping[tuple[str, str], int] = field(default_factory=dict)
    """``(blocker, blocked)`` -> periods that must pass between the blocker's end and the
    blocked item's start (finish-to-start lag); dependencies not named have none."""
    milestones: frozenset[str] = frozenset()
    """Keys of the items that stand for the plan's milestones (see :func:`with_milestones`)."""
    priorities: Mapping[str, float] = field(default_factory=dict)
    """Priorities (0-100) that take the place of some items' scores: a scenario's."""
    needs: Mapping[str, NeedValue] = field(default_factory=dict)
    """The derived reach of each item that answers a need or closes an access gap."""
    today: date | None = None
    """Today (:func:`roadmap.clock.today` where a plan is loaded): work not yet started is
    placed no earlier than the period holding it; work in progress keeps its place. None
    places everything from the plan's start."""


@dataclass(frozen=True, slots=True)
class MilestoneData:
    """A dated point of the plan: reached when the items that ``leads`` name end; the items
    ``waiting`` wait for it; with ``deadline``, its date is theirs (those that lead to it)."""

    key: str
    name: str
    date: date
    leads: tuple[str, ...] = ()
    waiting: tuple[str, ...] = ()
    deadline: bool = False


def with_milestones(
    items: list[ItemData], dependencies: list[Edge], milestones: Sequence[MilestoneData]
) -> frozenset[str]:
    """Add the plan's ``milestones`` to ``items`` and ``dependencies`` as scheduling points:
    items of no effort and no team, which the items that lead to them block (hard) and which
    block the items that wait for them. A milestone that is a deadline gives its date to
    itself and to the items that lead to it, unless theirs is earlier. Returns their keys."""
    due: dict[str, date] = {}
    taken = {item.key for item in items}
    keys = []
    for ms in milestones:
        # A plan file refuses a milestone key that an item has; one an edit gave an item
        # later is told apart (":" is in no key).
        key = ms.key if ms.key not in taken else f"milestone:{ms.key}"
        keys.append(key)
        day = ms.date if ms.deadline else None
        items.append(ItemData(key, ms.name, 0.0, None, "planned", deadline=day))
        dependencies.extend((lead, key, HARD) for lead in ms.leads)
        dependencies.extend((key, waits, HARD) for waits in ms.waiting)
        if ms.deadline:
            for key in ms.leads:
                due[key] = min(due.get(key, ms.date), ms.date)
    if due:
        for k, item in enumerate(items):
            day = due.get(item.key)
            if day is not None and (item.deadline is None or day < item.deadline):
                items[k] = item._replace(deadline=day)
    return frozenset(keys)
