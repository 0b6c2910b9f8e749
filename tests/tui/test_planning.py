"""The engine as the app drives it from its worker threads."""

from __future__ import annotations

import dataclasses
import threading

from roadmap.engine.sequence import sequence
from roadmap.store.db import Store
from roadmap.store.snapshot import load_snapshot
from roadmap.tui.planning import Planner


def test_a_change_waits_for_the_run_in_progress_and_then_counts(plan_store: Store) -> None:
    planner = Planner(plan_store, 1)
    planner.full()
    planner.prepare()
    scores = {"value": 1, "risk": 5}
    done: list = []
    with planner._lock:  # a run in progress in another worker
        worker = threading.Thread(
            target=lambda: done.append(planner.scores_changed("CI-2", scores))
        )
        worker.start()
        worker.join(0.3)
        assert worker.is_alive() and not done
    worker.join(10)
    [roadmap] = done
    with plan_store.read() as session:
        snap = load_snapshot(session=session, plan_id=1)
    items = tuple(
        dataclasses.replace(x, scores=scores) if x.key == "CI-2" else x for x in snap.items
    )
    assert roadmap == sequence(dataclasses.replace(snap, items=items))
    assert roadmap != sequence(snap)
