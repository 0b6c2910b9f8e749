"""Small snapshots for engine tests, written the way a person would state a plan."""

from __future__ import annotations

from datetime import date
from typing import Any

from roadmap.engine.inputs import CriterionData, ItemData, Snapshot, TeamData
from roadmap.model.periods import Calendar

START = date(2027, 1, 1)
CAL = Calendar(START, "quarter")
VALUE = CriterionData("value", "Value", scale="0-10")
"""One 0-10 criterion: an item scored ``value=v`` scores ``10 * v``."""


def item(key: str, value: float | None = None, **fields: Any) -> ItemData:
    """An item of effort 1 on team ``dev`` unless told otherwise, scored ``value`` on VALUE."""
    fields.setdefault("team", "dev")
    scores = {"value": value} if value is not None else {}
    return ItemData(key, title=f"Item {key}", scores=scores, **fields)


def snapshot(
    *items: ItemData,
    deps: tuple[tuple[str, str, str], ...] | list = (),
    teams: dict[str, float | TeamData] | None = None,
    method: str = "weighted",
    criteria: tuple[CriterionData, ...] = (VALUE,),
    horizon: int = 8,
) -> Snapshot:
    """A plan of ``items``; ``teams`` maps keys to capacities (default: dev with 1 per period)."""
    teams = {"dev": 1.0} if teams is None else teams
    team_data = {
        key: cap if isinstance(cap, TeamData) else TeamData(key, key.title(), cap)
        for key, cap in teams.items()
    }
    return Snapshot(CAL, tuple(items), tuple(deps), team_data, criteria, method, horizon)
