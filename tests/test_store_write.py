"""Write sessions: a bulk load without SQLite's reference checks leaves them on afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from roadmap.io.planfile import dump_json
from roadmap.model import tables as t
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from sample_plans import rich_plan

DANGLING = text(
    "INSERT INTO item_score (created_at, updated_at, item_id, criterion_id, value) "
    "VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 999999, 999999, 1.0)"
)


def _enforced(store: Store) -> int:
    with store.read() as session:
        return session.execute(text("PRAGMA foreign_keys")).scalar_one()


def test_a_plan_loaded_without_checks_is_whole_and_checks_come_back(sqlite_store: Store) -> None:
    with sqlite_store.write(foreign_keys=False) as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar_one() == 0
        plan_id = write_plan(session=session, doc=rich_plan()).id
    assert _enforced(sqlite_store) == 1
    with sqlite_store.read() as session:
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        assert dump_json(read_plan(session=session, plan_id=plan_id)) == dump_json(rich_plan())
    with pytest.raises(IntegrityError), sqlite_store.write() as session:
        session.execute(DANGLING)
    with sqlite_store.write() as session:  # deleting the plan cascades to its rows again
        session.delete(session.get(t.Plan, plan_id))
    with sqlite_store.read() as session:
        assert session.execute(select(func.count()).select_from(t.Item)).scalar_one() == 0


def test_checks_come_back_after_a_failed_load(sqlite_store: Store) -> None:
    with pytest.raises(RuntimeError), sqlite_store.write(foreign_keys=False) as session:
        write_plan(session=session, doc=rich_plan())
        raise RuntimeError("the load fails half-way")
    assert _enforced(sqlite_store) == 1
    with sqlite_store.read() as session:
        assert session.execute(select(func.count()).select_from(t.Plan)).scalar_one() == 0


@pytest.mark.pg
def test_a_server_database_keeps_its_checks(pg_url: str) -> None:
    """``foreign_keys=False`` only lightens SQLite's inserts; PostgreSQL checks as always."""
    store = Store.open(pg_url)
    try:
        with pytest.raises(IntegrityError), store.write(foreign_keys=False) as session:
            session.execute(DANGLING)
    finally:
        store.close()
