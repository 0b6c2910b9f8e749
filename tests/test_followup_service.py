"""Follow-up recorded through the services: evidence, progress and measure readings are
stored as the command line records them, and the app's change watcher notices each of them
on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from roadmap.model.evidence import MeasureValueIn, ProgressUpdateIn
from roadmap.model.inputs import PlanDoc
from roadmap.services.followup import (
    NotFoundError,
    add_evidence,
    plan_evidence,
    record_measure,
    record_progress,
)
from roadmap.services.plans import read_document
from roadmap.services.watch import ChangeWatcher
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

PLAN = {
    "plan": {"name": "Follow", "slug": "follow", "start_date": "2027-01-01"},
    "organisations": [{"key": "O", "name": "Org"}],
    "teams": [{"key": "dev", "organisation": "O", "name": "Dev", "capacity": 1}],
    "stakeholders": [{"key": "sw", "name": "Social work",
                      "needs": [{"key": "N1", "text": "Sees the services", "importance": 4}]}],
    "items": [{"key": "A", "title": "Survey", "team": "dev", "needs": ["N1"]}],
    "goals": [{"key": "G1", "text": "Information moves", "items": ["A"],
               "measures": [{"key": "M1", "name": "Sources", "unit": "%",
                             "baseline": {"value": 20, "date": "2026-12-31"},
                             "target": {"value": 80, "date": "2028-12-31"}}]}],
}  # fmt: skip


@pytest.fixture
def plan_id(store: Store) -> int:
    with store.write() as session:
        return write_plan(session=session, doc=PlanDoc.model_validate(PLAN)).id


def test_each_record_is_stored_and_noticed_by_the_watcher(store: Store, plan_id: int) -> None:
    watcher = ChangeWatcher(store, plan_id)
    try:
        assert not watcher.changed()
        values = {"date": date(2027, 1, 4), "method": "interview", "stakeholder": "sw",
                  "needs": ["N1"], "summary": "Asked twice"}  # fmt: skip
        key = add_evidence(store, plan_id, values)
        assert key == "EV-1" and watcher.changed()
        record_progress(store, plan_id, "A", ProgressUpdateIn(date=date(2027, 1, 4), done=0.3))
        assert watcher.changed()
        record_measure(store, plan_id, "M1", MeasureValueIn(date=date(2027, 3, 31), value=33))
        assert watcher.changed()
        assert not watcher.changed()
    finally:
        watcher.close()
    assert [ev.key for ev in plan_evidence(store, plan_id)] == ["EV-1"]
    doc = read_document(store, plan_id)
    assert doc.goals[0].measures[0].values[-1].value == 33
    assert doc.progress[0].updates[-1].done == 0.3


def test_bad_records_are_refused_and_nothing_is_stored(store: Store, plan_id: int) -> None:
    with pytest.raises(ValidationError):
        add_evidence(store, plan_id, {"date": "not a date"})
    with pytest.raises(NotFoundError):
        add_evidence(
            store, plan_id, {"date": date(2027, 1, 4), "method": "survey", "needs": ["NOPE"]}
        )
    with pytest.raises(NotFoundError):
        record_measure(store, plan_id, "M9", MeasureValueIn(date=date(2027, 3, 31), value=1))
    assert plan_evidence(store, plan_id) == []
