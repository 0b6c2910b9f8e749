"""The engine's snapshot of a stored plan, on SQLite and PostgreSQL; the demo plan sequenced."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from roadmap.engine.inputs import CriterionData, ItemData, TeamData
from roadmap.engine.sequence import sequence
from roadmap.io.planfile import load_plan
from roadmap.model.inputs import PlanDoc
from roadmap.model.periods import Calendar
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import NotFoundError
from roadmap.store.snapshot import load_snapshot

DEMO_PLAN = Path(__file__).resolve().parent.parent / "data" / "demo" / "plan.yaml"


def plan_doc(slug: str = "snap", **plan: Any) -> dict[str, Any]:
    return {
        "plan": {"name": f"Plan {slug}", "slug": slug, "start_date": "2027-02-10", **plan},
        "organisations": [{"key": "O", "name": "Org"}],
        "teams": [
            {"key": "dev", "organisation": "O", "name": "Developers", "capacity": 2,
             "capacity_changes": [{"from_period": "2027-Q3", "capacity": 3}]},
            {"key": "ops", "organisation": "O", "name": "Operations", "capacity": 1},
        ],
        "criteria": [
            {"key": "value", "name": "Value", "weight": 2, "scale": "0-10"},
            {"key": "votes", "name": "Votes", "workshop": True},
            {"key": "cost", "name": "Cost", "direction": "cost", "scale": "fibonacci"},
        ],
        "items": [
            {"key": "A", "title": "First", "team": "dev", "effort": 3,
             "scores": {"value": 8, "votes": 4}, "moscow": "must", "reach": 100, "impact": 2,
             "confidence": 0.5, "cost_of_delay": 7,
             "status": "planned", "mandatory": True},
            {"key": "B", "title": "Second", "team": "ops", "depends_on": ["A"],
             "pinned_period": "2027-Q4", "deadline": "2028-01-31"},
            {"key": "C", "title": "Third", "soft_depends_on": ["B"], "earliest_start": "2027-05-02",
             "status": "done"},
        ],
    }  # fmt: skip


def _store(store: Store, doc: dict[str, Any]) -> int:
    with store.write() as session:
        return write_plan(session=session, doc=PlanDoc.model_validate(doc)).id


def test_the_snapshot_holds_what_the_engine_needs(store: Store) -> None:
    plan_id = _store(store, plan_doc(scoring_method="rice", horizon=6, period_unit="month"))
    with store.read() as session:
        snap = load_snapshot(session=session, plan_id=plan_id)
    assert snap.calendar == Calendar(date(2027, 2, 10), "month")
    assert (snap.scoring_method, snap.horizon) == ("rice", 6)
    assert snap.teams == {
        "dev": TeamData("dev", "Developers", 2.0, ((5, 3.0),)),  # 2027-Q3 starts in month 5
        "ops": TeamData("ops", "Operations", 1.0, ()),
    }
    assert snap.criteria == (
        CriterionData("value", "Value", 2.0, "benefit", "0-10", False),
        CriterionData("votes", "Votes", 1.0, "benefit", "1-5", True),
        CriterionData("cost", "Cost", 1.0, "cost", "fibonacci", False),
    )
    items = {item.key: item for item in snap.items}
    assert items["A"] == ItemData(
        "A", "First", 3.0, "dev", "planned", True, "must", 0.5, 100.0, 2.0, 7.0, None, None, None,
        {"value": 8.0, "votes": 4.0},
    )  # fmt: skip
    assert items["B"] == ItemData(
        "B", "Second", team="ops", pinned_period=8, deadline=date(2028, 1, 31)
    )
    assert items["C"] == ItemData("C", "Third", status="done", earliest_start=date(2027, 5, 2))
    assert sorted(snap.dependencies) == [("A", "B", "hard"), ("B", "C", "soft")]


def test_each_plan_gets_its_own_snapshot(store: Store) -> None:
    first = _store(store, plan_doc("one"))
    other = plan_doc("two")
    other["items"] = [{"key": "Z", "title": "Only here"}]
    second = _store(store, other)
    with store.read() as session:
        one = load_snapshot(session=session, plan_id=first)
        two = load_snapshot(session=session, plan_id=second)
    assert [item.key for item in two.items] == ["Z"]
    assert two.dependencies == () and sorted(two.teams) == ["dev", "ops"]
    assert sorted(item.key for item in one.items) == ["A", "B", "C"]


def test_a_stored_plan_sequences(store: Store) -> None:
    plan_id = _store(store, plan_doc())
    with store.read() as session:
        roadmap = sequence(load_snapshot(session=session, plan_id=plan_id))
    assert {k: (p.start, p.end) for k, p in roadmap.placements.items()} == {
        "A": (0, 1),  # 3 units at 2 per quarter
        "B": (3, 3),  # pinned to 2027-Q4
    }
    assert roadmap.done == ("C",)


def test_an_unknown_plan_is_named(store: Store) -> None:
    with store.read() as session, pytest.raises(NotFoundError, match="no plan with id 999"):
        load_snapshot(session=session, plan_id=999)


def test_the_demo_plan_sequences_without_warnings(sqlite_store: Store) -> None:
    doc = load_plan(DEMO_PLAN)
    with sqlite_store.write() as session:
        plan_id = write_plan(session=session, doc=doc).id
    with sqlite_store.read() as session:
        snap = load_snapshot(session=session, plan_id=plan_id)
    roadmap = sequence(snap)
    assert roadmap.warnings == ()
    assert roadmap.unplaced == ()
    assert len(roadmap.placements) + len(roadmap.done) + len(roadmap.dropped) == len(doc.items)
    assert roadmap.periods <= doc.plan.horizon
    assert roadmap.critical_path
