"""A plan's scenarios side by side with the plan, for the app's scenario view.

:func:`scenario_names` lists the what-ifs a plan holds; :func:`compared` sequences the plan
and one scenario from a single read of the plan and compares them with the one comparison of
:mod:`roadmap.engine.scenarios` that the command line and the documents use too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from roadmap.store.db import Store
from roadmap.store.repo import NotFoundError

if TYPE_CHECKING:
    from roadmap.engine.inputs import Snapshot
    from roadmap.engine.result import Roadmap
    from roadmap.engine.scenarios import Comparison, ScenarioData

__all__ = ["Compared", "NotFoundError", "compared", "scenario_names"]


@dataclass(frozen=True, slots=True)
class Compared:
    """The plan's roadmap, a scenario's, and how the scenario's differs from the plan's."""

    scenario: ScenarioData
    snapshot: Snapshot
    """The plan as the scenario changes it."""
    plan: Roadmap
    roadmap: Roadmap
    comparison: Comparison


def scenario_names(store: Store, plan_id: int) -> list[tuple[str, str]]:
    """``(key, name)`` of each scenario of plan ``plan_id``, by key."""
    from roadmap.store.scenarios import scenario_names as names

    with store.read() as session:
        return names(session=session, plan_id=plan_id)


def compared(store: Store, plan_id: int, key: str) -> Compared:
    """Scenario ``key`` of plan ``plan_id`` sequenced and compared with the plan itself
    (:class:`NotFoundError` when the plan has no such scenario)."""
    from roadmap.engine.scenarios import apply, compare
    from roadmap.engine.sequence import sequence
    from roadmap.store.scenarios import load_scenario
    from roadmap.store.snapshot import load_snapshot

    with store.read() as session:
        snapshot = load_snapshot(session=session, plan_id=plan_id)
        scenario = load_scenario(session=session, plan_id=plan_id, key=key)
    what_if = apply(snapshot, scenario)
    plan, roadmap = sequence(snapshot), sequence(what_if)
    found = compare(plan, roadmap)
    return Compared(scenario, what_if, plan, roadmap, found)
