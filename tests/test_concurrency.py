"""Many processes writing through the store at once: no update lost, stale edits refused."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlmodel import select

from roadmap.model.tables import Item, Plan
from roadmap.store.db import Store
from roadmap.store.item_write import ItemWrite, WriteConflict, update_item
from roadmap.store.repo import find_item

PROCESSES = 20
WRITES = 50

WRITER = """
import sys
from roadmap.store.db import Store
from roadmap.store.item_write import ItemWrite, update_item
from roadmap.store.repo import find_item

store = Store(sys.argv[1])


def increment(s):
    # Read under the row's lock: no other writer can change it before this write.
    effort = find_item(session=s, plan_id=1, key="COUNTER", lock=True).effort
    write = ItemWrite("COUNTER", {"effort": effort + 1}, {"effort": effort})
    update_item(session=s, plan_id=1, write=write)


for _ in range(int(sys.argv[2])):
    store.run(increment)
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


def test_a_field_changed_since_it_was_read_is_refused_by_name(store: Store) -> None:
    _seed(store)
    with store.write() as s:
        update_item(session=s, plan_id=1, write=ItemWrite("COUNTER", {"effort": 5}, {"effort": 0}))
    mine = ItemWrite("COUNTER", {"effort": 7, "title": "mine"}, {"effort": 0, "title": "counter"})
    with pytest.raises(WriteConflict, match=r"COUNTER \(effort\)") as caught, store.write() as s:
        update_item(session=s, plan_id=1, write=mine)
    assert caught.value.conflicts == [("COUNTER", "effort")]
    with store.read() as s:
        item = find_item(session=s, plan_id=1, key="COUNTER")
    assert (item.title, item.effort, item.version) == ("counter", 5, 2)


def test_other_fields_changed_since_reading_do_not_stop_a_write(store: Store) -> None:
    _seed(store)
    with store.write() as s:
        update_item(session=s, plan_id=1, write=ItemWrite("COUNTER", {"effort": 5}, {"effort": 0}))
    with store.write() as s:
        write = ItemWrite("COUNTER", {"title": "mine"}, {"title": "counter"})
        assert update_item(session=s, plan_id=1, write=write) == 3
    with store.read() as s:
        item = find_item(session=s, plan_id=1, key="COUNTER")
    assert (item.title, item.effort, item.version) == ("mine", 5, 3)


def test_item_edit_refuses_fields_that_are_not_editable(store: Store) -> None:
    _seed(store)
    with pytest.raises(ValueError, match="version"), store.write() as s:
        update_item(session=s, plan_id=1, write=ItemWrite("COUNTER", {"version": 9}))
