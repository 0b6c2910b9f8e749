"""The engine as the app drives it from its worker threads."""

from __future__ import annotations

import dataclasses
import threading

from roadmap.engine.sequence import sequence
from roadmap.services.planning import Planner
from roadmap.store.db import Store
from roadmap.store.snapshot import load_snapshot


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
    [result] = done
    roadmap = result.roadmap
    with plan_store.read() as session:
        snap = load_snapshot(session=session, plan_id=1)
    items = tuple(x._replace(scores=scores) if x.key == "CI-2" else x for x in snap.items)
    assert roadmap == sequence(dataclasses.replace(snap, items=items))
    assert roadmap != sequence(snap)


def test_explanations_link_the_items_once_per_set_of_dependencies(
    plan_store: Store, monkeypatch
) -> None:
    from roadmap.engine import graph

    built = []

    class Counted(graph.Links):
        def __init__(self, edges) -> None:
            built.append(edges)
            super().__init__(edges)

    monkeypatch.setattr(graph, "Links", Counted)
    planner = Planner(plan_store, 1)
    roadmap = planner.full().roadmap
    first = planner.explain(roadmap, "CI-2")
    assert first.blocked_by == ("CI-1",) and first.placement == roadmap.placements["CI-2"]
    planner.explain(roadmap, "CI-1")
    assert len(built) == 1
    changed = planner.scores_changed("CI-2", {"value": 1, "risk": 5}).roadmap
    assert planner.explain(changed, "CI-2").score == changed.scores["CI-2"]
    assert len(built) == 1  # a score change keeps the dependencies
    planner.explain(planner.full().roadmap, "CI-1")
    assert len(built) == 2  # a full run reads them anew
    assert planner.explain(changed, "NO-SUCH") is None
    assert Planner(plan_store, 1).explain(changed, "CI-1") is None  # nothing sequenced yet


def test_full_and_incremental_runs_give_the_same_result_as_a_command(plan_store: Store) -> None:
    from roadmap.services.planning import Sequenced, sequenced
    from roadmap.store.item_write import ItemWrite, update_item

    planner = Planner(plan_store, 1)
    first = planner.full()
    assert first == sequenced(plan_store, 1)
    scores = {"value": 1.0, "risk": 5.0}
    with plan_store.write() as session:
        update_item(session=session, plan_id=1, write=ItemWrite("CI-2", {"scores": scores}))
    incremental = planner.scores_changed("CI-2", scores)
    assert type(incremental) is type(first) is Sequenced
    assert incremental.roadmap == sequenced(plan_store, 1).roadmap
    assert incremental.roadmap != first.roadmap
