"""The one write path of items: only what changed is written, the version goes up once per
write, and a conflict is a field changed since it was read, named with its item."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from roadmap.model import tables as t
from roadmap.store.db import Store
from roadmap.store.item_write import ItemWrite, WriteConflict, diff, update_item, update_items
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import KeyTakenError
from sample_plans import rich_plan


@pytest.fixture
def plan(store: Store) -> Store:
    with store.write() as session:
        write_plan(session=session, doc=rich_plan())
    return store


def _items(store: Store):
    with store.read() as session:
        return {i.key: i for i in read_plan(session=session, plan_id=1).items}


def _versions(store: Store) -> dict[str, int]:
    with store.read() as session:
        c = t.Item.__table__.c
        return dict(session.execute(select(c.key, c.version)).all())


def test_every_kind_of_field_in_one_write_raises_the_version_once(plan: Store) -> None:
    before = _items(plan)["Z-1"]
    after = before.model_copy(
        update={
            "title": "Uusi",
            "team": "ICT",
            "pinned_period": "2028-Q1",
            "tags": ("x",),
            "scores": {"impact": 5.0},  # cost cleared
            "needs": ("N2",),
            "soft_depends_on": ("B-4",),
        }
    )
    write = diff(before, after)
    assert write is not None
    assert write.changes["scores"] == {"impact": 5.0, "cost": None}
    assert write.read["scores"] == {"impact": 4.0, "cost": 2.0}
    with plan.write() as session:
        assert update_item(session=session, plan_id=1, write=write) == 2
    assert _items(plan)["Z-1"] == after
    assert _versions(plan) == {"Z-1": 2, "A-2": 1, "M-3": 1, "B-4": 1}


def test_nothing_to_change_writes_nothing(plan: Store) -> None:
    z = _items(plan)["Z-1"]
    assert diff(z, z) is None
    read = {"title": z.title, "needs": ["N1", "N2"]}
    same = ItemWrite("Z-1", {"title": z.title, "needs": ["N2", "N1"]}, read)  # links: a set
    with plan.write() as session:
        assert update_items(session=session, plan_id=1, writes=[same]) == {"Z-1": 1}


def test_conflicts_name_every_item_and_field_and_write_nothing(plan: Store) -> None:
    items = _items(plan)
    with plan.write() as session:  # someone else, meanwhile
        update_items(
            session=session,
            plan_id=1,
            writes=[
                ItemWrite("A-2", {"effort": 3.0}),
                ItemWrite("B-4", {"scores": {"cost": 5.0}, "title": "Muu"}),
            ],
        )
    mine = [
        diff(items["A-2"], items["A-2"].model_copy(update={"effort": 2.0, "title": "Oma"})),
        diff(items["B-4"], items["B-4"].model_copy(update={"scores": {"cost": 2.0}})),
        diff(items["M-3"], items["M-3"].model_copy(update={"title": "Oma"})),
    ]
    with pytest.raises(WriteConflict) as caught, plan.write() as session:
        update_items(session=session, plan_id=1, writes=mine)
    assert caught.value.conflicts == [("A-2", "effort"), ("B-4", "scores.cost")]
    assert "A-2 (effort); B-4 (scores.cost)" in str(caught.value)
    after = _items(plan)
    assert (after["A-2"].title, after["M-3"].title) == (items["A-2"].title, items["M-3"].title)


def test_a_new_key_must_be_free(plan: Store) -> None:
    with pytest.raises(KeyTakenError, match="A-2"), plan.write() as session:
        update_item(session=session, plan_id=1, write=ItemWrite("Z-1", {"key": "A-2"}))
    with plan.write() as session:
        update_item(
            session=session, plan_id=1, write=ItemWrite("Z-1", {"key": "Z-9"}, {"key": "Z-1"})
        )
    items = _items(plan)
    assert "Z-9" in items and items["A-2"].depends_on == ("Z-9",)
