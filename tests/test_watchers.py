"""The watchers that notice other processes' writes, asked from a worker thread while the app
closes them."""

from __future__ import annotations

import threading
from pathlib import Path

from roadmap.model.inputs import PlanIn
from roadmap.services.watch import ChangeWatcher, DataVersion
from roadmap.store.db import Store
from roadmap.store.repo import create_plan


def test_closing_while_a_thread_reads_waits_for_the_read(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    Store.open(path).close()
    version = DataVersion(str(path))
    seen: list[int | None] = []
    started = threading.Event()

    def poll() -> None:
        while True:
            value = version.read()
            seen.append(value)
            started.set()
            if value is None:
                return

    worker = threading.Thread(target=poll)
    worker.start()
    started.wait(5)
    version.close()
    worker.join(5)
    assert not worker.is_alive()
    assert seen[-1] is None and isinstance(seen[0], int)
    assert version.read() is None
    version.close()  # twice is harmless


def test_another_connections_commit_is_noticed_until_closed(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.db")
    with store.write() as session:
        plan_id = create_plan(session=session, plan_in=PlanIn(name="P", start_date="2027-01-01")).id
    watcher = ChangeWatcher(store, plan_id)
    assert not watcher.changed()
    other = Store.open(tmp_path / "r.db")
    with other.write() as session:
        create_plan(session=session, plan_in=PlanIn(name="Q", start_date="2027-01-01"))
    assert watcher.changed()
    assert not watcher.changed()
    watcher.close()
    with other.write() as session:
        create_plan(session=session, plan_in=PlanIn(name="R", start_date="2027-01-01"))
    assert not watcher.changed()
    other.close()
    store.close()
