"""Undoing the deletion of an item brings back everything that hung on it: the goals it
serves, the perspectives it raises, the milestones it leads to or waits for, and its
progress with the person responsible."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap.io.planfile import load_plan
from roadmap.services.history import History, ItemChange
from roadmap.services.items import remove_item
from roadmap.services.plans import read_document
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / "plan.yaml"


@pytest.fixture(scope="module")
def demo_doc():
    return load_plan(DEMO)


def _links(doc, key: str) -> dict:
    return {
        "goals": [g.key for g in doc.goals if key in g.items],
        "perspectives": [p.key for p in doc.perspectives if key in p.items],
        "milestones": [(m.key, key in m.waiting) for m in doc.milestones
                       if key in m.items or key in m.waiting],
        "progress": [p for p in doc.progress if p.item == key],
    }  # fmt: skip


def test_undo_of_a_deletion_restores_the_items_links(store: Store, demo_doc) -> None:
    key = "CI-3"
    with store.write() as session:
        plan_id = write_plan(session=session, doc=demo_doc).id
    before = read_document(store, plan_id)
    links = _links(before, key)
    assert all(links.values())  # the item has every kind of link the test is about
    history = History(store, plan_id)
    history.record(ItemChange(remove_item(store, plan_id, key), None))
    gone = read_document(store, plan_id)
    assert _links(gone, key) == {"goals": [], "perspectives": [], "milestones": [],
                                 "progress": []}  # fmt: skip
    history.undo()
    after = read_document(store, plan_id)
    assert _links(after, key) == links
    item = lambda doc: next(x for x in doc.items if x.key == key)  # noqa: E731
    assert item(after) == item(before)
