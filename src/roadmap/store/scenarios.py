"""A plan's scenarios as the engine reads them: one core select each."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlmodel import Session, col

from roadmap.engine.scenarios import ScenarioData
from roadmap.i18n import _
from roadmap.model import tables as t
from roadmap.store.repo import NotFoundError


def load_scenario(*, session: Session, plan_id: int, key: str) -> ScenarioData:
    """Scenario ``key`` of plan ``plan_id``; :class:`NotFoundError` names the plan's others."""
    rows = session.execute(
        select(col(t.Scenario.key), col(t.Scenario.name), col(t.Scenario.changes)).where(
            col(t.Scenario.plan_id) == plan_id
        )
    ).all()
    found = {row.key: row for row in rows}
    if key not in found:
        known = ", ".join(sorted(found)) or _("none")
        raise NotFoundError(
            _("no scenario {key} in this plan (scenarios: {known})", key=repr(key), known=known)
        )
    row = found[key]
    changes = row.changes if isinstance(row.changes, dict) else json.loads(row.changes)
    return ScenarioData(
        row.key,
        row.name,
        changes.get("capacities", {}),
        changes.get("efforts", {}),
        changes.get("priorities", {}),
        changes.get("pins", {}),
    )


def scenario_names(*, session: Session, plan_id: int) -> list[tuple[str, str]]:
    """``(key, name)`` of each scenario of plan ``plan_id``, by key."""
    c = t.Scenario.__table__.c
    rows = session.execute(select(c.key, c.name).where(c.plan_id == plan_id).order_by(c.key)).all()
    return [(row.key, row.name) for row in rows]
