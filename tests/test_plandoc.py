"""Whole plans in and out of the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from roadmap.io.planfile import dump_json
from roadmap.model import tables as t
from roadmap.model.inputs import ItemIn, PlanDoc
from roadmap.model.periods import Calendar, PeriodError, period_index
from roadmap.model.storable import storage_problems
from roadmap.store import bulk
from roadmap.store.db import Store
from roadmap.store.item_write import diff, update_items
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import add_items, write_plan
from roadmap.store.repo import count_rows, list_plans
from sample_plans import rich_plan, rich_plan_data, small_plan


def _write(store: Store, doc: PlanDoc, **kwargs) -> int:
    with store.write() as session:
        return write_plan(session=session, doc=doc, **kwargs).id


def _read(store: Store, plan_id: int) -> PlanDoc:
    with store.read() as session:
        return read_plan(session=session, plan_id=plan_id)


def test_round_trip_gives_an_equal_document(store: Store) -> None:
    doc = rich_plan()
    back = _read(store, _write(store, doc))
    assert back == doc
    assert dump_json(back) == dump_json(doc)


def test_reading_without_scores_leaves_only_the_scores_out(store: Store) -> None:
    doc = rich_plan()
    assert any(item.scores for item in doc.items)
    with store.read() as session:
        back = read_plan(session=session, plan_id=_write(store, doc), scores=False)
    assert all(item.scores == {} for item in back.items)
    unscored = [item.model_copy(update={"scores": {}}) for item in doc.items]
    assert back == doc.model_copy(update={"items": unscored})


def test_rows_are_stored_with_ids_indexes_and_timestamps(store: Store) -> None:
    plan_id = _write(store, rich_plan())
    with store.read() as session:
        items = session.execute(
            select(t.Item.key, t.Item.pinned_period, t.Item.created_at, t.Item.version)
            .where(t.Item.plan_id == plan_id)
            .order_by(t.Item.id)
        ).all()
        assert [row.key for row in items] == ["Z-1", "A-2", "M-3", "B-4"]
        # 2027-02-10 is in 2027-Q1 (index 0), so 2027-Q4 is index 3
        assert items[0].pinned_period == 3
        assert all(row.created_at is not None and row.version == 1 for row in items)
        capacities = session.execute(
            select(t.TeamCapacity.from_period).order_by(t.TeamCapacity.id)
        ).scalars()
        assert list(capacities) == [2, 4]
        assert count_rows(session=session, plan_id=plan_id, table=t.Dependency) == 4
        stamps = session.execute(select(func.count()).where(t.Dependency.created_at.is_(None)))
        assert stamps.scalar_one() == 0


@pytest.mark.parametrize("per", [1, 2, 3], ids=lambda n: f"{n} rows a statement")
def test_rows_split_over_statements_come_back_whole(store: Store, per: int, monkeypatch) -> None:
    monkeypatch.setattr(bulk, "_ROWS_PER_STATEMENT", per)
    doc = rich_plan()
    back = _read(store, _write(store, doc))
    assert dump_json(back) == dump_json(doc)


def test_links_come_back_in_stored_order(store: Store) -> None:
    data = rich_plan_data()
    item = data["items"][0]
    item.update(needs=["N2", "N1"], organisations=["ASIK", "LAHTI"], pinned_period=3)
    item["scores"] = {"cost": 2.0, "impact": 4.0}
    data["milestones"][0]["items"] = ["M-3", "Z-1"]
    back = _read(store, _write(store, PlanDoc.model_validate(data)))
    first = back.items[0]
    assert first.needs == ("N1", "N2")
    assert first.organisations == ("LAHTI", "ASIK")
    assert list(first.scores) == ["impact", "cost"]
    assert first.pinned_period == "2027-Q4"
    assert back.milestones[0].items == ["Z-1", "M-3"]
    # dependencies keep the order they were written in
    assert back.items[2].depends_on == ("A-2", "Z-1")


def test_slug_is_made_unique_unless_replacing(store: Store) -> None:
    first = _write(store, rich_plan())
    second = _write(store, rich_plan())
    other = _write(store, small_plan("other"))
    with store.read() as session:
        assert [p.slug for p in list_plans(session=session)] == ["lahti", "lahti-2", "other"]
    replaced = _write(store, small_plan("lahti", n_items=2), replace=True)
    with store.read() as session:
        assert [p.slug for p in list_plans(session=session)] == ["lahti", "lahti-2", "other"]
        assert session.get(t.Plan, first) is None
        assert count_rows(session=session, plan_id=replaced, table=t.Item) == 2
        assert count_rows(session=session, plan_id=second, table=t.Item) == 4
        assert count_rows(session=session, plan_id=other, table=t.Item) == 3


@pytest.mark.parametrize("few", [500, 0], ids=["keys by name", "whole key table"])
def test_items_are_added_and_changed_in_place(store: Store, few: int, monkeypatch) -> None:
    monkeypatch.setattr(bulk, "_FEW", few)
    plan_id = _write(store, rich_plan())
    with store.read() as session:
        old_id = session.execute(select(t.Item.id).where(t.Item.key == "Z-1")).scalar_one()
    doc = _read(store, plan_id)
    changed = doc.items[0].model_copy(
        update={"title": "Uusi otsikko", "scores": {"cost": 9.0}, "needs": ("N2",), "tags": ()}
    )
    new = ItemIn(key="N-5", title="Uusi", depends_on=["Z-1"], soft_depends_on=["B-4"])
    with store.write() as session:
        assert add_items(session=session, plan_id=plan_id, items=[new]) == 1
        versions = update_items(
            session=session, plan_id=plan_id, writes=[diff(doc.items[0], changed)]
        )
        assert versions == {"Z-1": 2}
    back = _read(store, plan_id)
    assert back.items[0] == changed
    assert back.items[-1] == new
    assert back.items[1:4] == doc.items[1:4]
    assert back.milestones == doc.milestones
    with store.read() as session:
        row = session.execute(select(t.Item.id, t.Item.version).where(t.Item.key == "Z-1")).one()
    assert row == (old_id, 2)


def test_reading_a_missing_plan_fails(store: Store) -> None:
    with pytest.raises(LookupError), store.read() as session:
        read_plan(session=session, plan_id=12345)


def test_storage_problems_name_what_the_store_cannot_hold() -> None:
    data = rich_plan_data()
    data["teams"][0]["capacity_changes"].append({"from_period": "2027-08-01", "capacity": 1.0})
    data["stakeholders"][0]["sources"].append({"source": "REG"})
    data["items"][1]["pinned_period"] = 10**6
    data["milestones"][0]["items"].append("Z-1")
    found = {(p.where(), p.message) for p in storage_problems(PlanDoc.model_validate(data))}
    assert found == {
        ("teams[0].capacity_changes[2]", "a capacity change from period 2 is listed twice"),
        ("stakeholders[0].sources[2]", "source 'REG' is listed twice"),
        ("items[1].pinned_period", "1000000 is outside the plan's calendar"),
        ("milestones[0].items[2]", "item 'Z-1' is listed twice"),
    }


def test_period_index_needs_a_label_that_reads_back() -> None:
    cal = Calendar(date(2027, 1, 1), "month")
    assert period_index(cal, "2027-03") == 2
    assert period_index(cal, 5) == 5
    with pytest.raises(PeriodError):
        period_index(cal, 10**7)
