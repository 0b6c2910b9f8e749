"""Spreadsheet imports beside other writers of the same items: every acknowledged change is
kept, and a field changed since the import read it refuses the import by name.

The imports run in threads; a barrier after each import has read the plan makes the race that
loses updates happen every time: both read before either writes. On PostgreSQL the writes then
wait for each other's row locks. On SQLite the first write transaction holds the database, so
there the imports run side by side without the barrier and the second waits for the busy
timeout (and is tried again), as the product does.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator

import pytest

import roadmap.services.importing as importing
from roadmap.model.inputs import PlanDoc
from roadmap.services.importing import import_items
from roadmap.store.db import Store
from roadmap.store.item_write import ItemWrite, WriteConflict, update_item
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import find_item

ITEMS = 3_000
KEYS = [f"I-{n:04d}" for n in range(1, ITEMS + 1)]
WAIT = 120
"""Seconds a thread waits for the other before the test fails (a hang, not a timing)."""


def _plan() -> PlanDoc:
    return PlanDoc.model_validate(
        {
            "plan": {"name": "Big", "slug": "big", "start_date": "2027-01-01"},
            "items": [{"key": key, "title": f"old {key}", "effort": 1} for key in KEYS],
        }
    )


@pytest.fixture
def big(db_url: str) -> Iterator[Store]:
    store = Store.open(db_url)
    with store.write() as session:
        write_plan(session=session, doc=_plan())
    yield store
    store.close()


def _sheet(header: str, value: Callable[[str], str]) -> bytes:
    return ("key," + header + "\n" + "".join(f"{k},{value(k)}\n" for k in KEYS)).encode()


def _import(store: Store, data: bytes):
    from roadmap.io.csv_items import read_items_csv
    from roadmap.io.sheet import import_sheet

    def read(doc):
        criteria = [c.key for c in doc.criteria]
        sheet = read_items_csv(data, name="items.csv", criteria=criteria, mapping={})
        return import_sheet(doc, sheet), sheet

    return import_items(lambda: store, read, slug="big")


def _after_reading(monkeypatch, hook: Callable[[], None]) -> None:
    """Run ``hook`` in each import right after it read the plan."""

    def read_then_wait(**kw):
        doc = read_plan(**kw)
        hook()
        return doc

    monkeypatch.setattr(importing, "read_plan", read_then_wait)


def _run(*targets: Callable[[], object]) -> list[object]:
    """Run ``targets`` in threads; their results, or the first exception raised."""
    results: list[object] = [None] * len(targets)
    errors: list[BaseException] = []

    def call(n: int, target: Callable[[], object]) -> None:
        try:
            results[n] = target()
        except BaseException as exc:  # handed to the test's thread below
            errors.append(exc)

    threads = [threading.Thread(target=call, args=(n, t)) for n, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT * 2)
        assert not thread.is_alive(), "a writer hung"
    if errors:
        raise errors[0]
    return results


def _items(store: Store):
    with store.read() as session:
        return {i.key: i for i in read_plan(session=session, plan_id=1).items}


@pytest.mark.slow
def test_two_imports_of_different_columns_both_land(big: Store, monkeypatch) -> None:
    if big.engine.dialect.name == "postgresql":
        both_read = threading.Barrier(2, timeout=WAIT)
        _after_reading(monkeypatch, both_read.wait)
    efforts = _sheet("effort", lambda k: "3")
    texts = _sheet("description", lambda k: f"text of {k}")
    done = _run(lambda: _import(big, efforts), lambda: _import(big, texts))
    assert [d.counts for d in done] == [(0, ITEMS), (0, ITEMS)]
    items = _items(big)
    assert {i.effort for i in items.values()} == {3.0}
    assert all(items[k].description == f"text of {k}" for k in KEYS)
    with big.read() as session:
        assert find_item(session=session, plan_id=1, key="I-0001").version == 3


@pytest.mark.slow
@pytest.mark.pg
def test_title_import_beside_store_edits_loses_no_acknowledged_edit(
    pg_url: str, monkeypatch
) -> None:
    store = Store.open(pg_url)
    with store.write() as session:
        write_plan(session=session, doc=_plan())
    read, edited = threading.Event(), threading.Event()
    acknowledged: dict[str, float] = {}
    importing_done = threading.Event()

    def hold_import() -> None:
        read.set()
        assert edited.wait(WAIT)  # edits acknowledged after the import read the plan

    _after_reading(monkeypatch, hold_import)

    def edit() -> None:
        assert read.wait(WAIT)
        pick = random.Random(7)
        n = 0
        while n < 200 or not importing_done.is_set():
            key = pick.choice(KEYS)

            def bump(session, key=key) -> float:
                effort = find_item(session=session, plan_id=1, key=key, lock=True).effort
                change = ItemWrite(key, {"effort": effort + 1}, {"effort": effort})
                update_item(session=session, plan_id=1, write=change)
                return effort + 1

            acknowledged[key] = store.run(bump)
            n += 1
            if n == 50:
                edited.set()

    def title_import():
        try:
            return _import(store, _sheet("title", lambda k: f"new {k}"))
        finally:
            importing_done.set()

    done, _ = _run(title_import, edit)
    assert done.counts == (0, ITEMS)
    items = _items(store)
    assert all(items[k].title == f"new {k}" for k in KEYS)
    lost = {k: (v, items[k].effort) for k, v in acknowledged.items() if items[k].effort != v}
    assert not lost
    assert len(acknowledged) > 50
    store.close()


@pytest.mark.pg
def test_import_over_a_title_changed_since_it_read_is_refused_by_name(
    pg_url: str, monkeypatch
) -> None:
    store = Store.open(pg_url)
    with store.write() as session:
        write_plan(session=session, doc=_plan())

    def change_two_titles() -> None:
        for key in ("I-0007", "I-2999"):
            change = ItemWrite(key, {"title": "mine"}, {"title": f"old {key}"})
            store.run(lambda session, c=change: update_item(session=session, plan_id=1, write=c))

    _after_reading(monkeypatch, change_two_titles)
    with pytest.raises(WriteConflict) as caught:
        _import(store, _sheet("title", lambda k: f"new {k}"))
    assert "I-0007 (title); I-2999 (title)" in str(caught.value)
    assert caught.value.conflicts == [("I-0007", "title"), ("I-2999", "title")]
    items = _items(store)
    assert [k for k in KEYS if items[k].title != f"old {k}"] == ["I-0007", "I-2999"]
    store.close()
