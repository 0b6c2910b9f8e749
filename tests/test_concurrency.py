"""Many processes writing through the store at once: no update lost, stale edits refused."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlmodel import select

from roadmap.model.tables import Item, Plan
from roadmap.store.db import Store
from roadmap.store.repo import StaleEditError, find_item, update_item

PROCESSES = 20
WRITES = 50

WRITER = """
import sys
from roadmap.store.db import Store
from roadmap.store.repo import StaleEditError, find_item, update_item

store = Store(sys.argv[1])
for _ in range(int(sys.argv[2])):
    while True:
        try:
            with store.write() as s:
                item = find_item(session=s, plan_id=1, key="COUNTER", lock=True)
                update_item(session=s, plan_id=1, key="COUNTER", expected_version=item.version,
                            changes={"effort": item.effort + 1})
            break
        except StaleEditError:
            continue  # another writer won the race; read again and retry
"""


def _seed(store: Store) -> None:
    with store.write() as s:
        plan = Plan(name="P", slug="p", start_date=date(2027, 1, 1))
        s.add(plan)
        s.flush()
        s.add(Item(plan_id=plan.id, key="COUNTER", title="counter", effort=0))


@pytest.mark.slow
def test_concurrent_increments_lose_nothing(store: Store) -> None:
    _seed(store)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, store.url, str(WRITES)])
        for _ in range(PROCESSES)
    ]
    codes = [p.wait(timeout=300) for p in procs]
    assert codes == [0] * PROCESSES
    with store.read() as s:
        item = s.exec(select(Item).where(Item.key == "COUNTER")).one()
    assert item.effort == PROCESSES * WRITES
    assert item.version == PROCESSES * WRITES + 1


def test_stale_edit_is_refused_and_nothing_written(store: Store) -> None:
    _seed(store)
    with store.write() as s:
        update_item(session=s, plan_id=1, key="COUNTER", expected_version=1, changes={"effort": 5})
    with pytest.raises(StaleEditError, match=r"COUNTER.*version 1.*version 2"), store.write() as s:
        update_item(
            session=s, plan_id=1, key="COUNTER", expected_version=1, changes={"title": "mine"}
        )
    with store.read() as s:
        item = find_item(session=s, plan_id=1, key="COUNTER")
    assert (item.title, item.effort, item.version) == ("counter", 5, 2)


def test_item_edit_refuses_fields_that_are_not_editable(store: Store) -> None:
    _seed(store)
    with pytest.raises(ValueError, match="version"), store.write() as s:
        update_item(session=s, plan_id=1, key="COUNTER", expected_version=1, changes={"version": 9})
