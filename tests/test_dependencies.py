"""Adding and removing dependencies: refused before anything is written, cycles named."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from roadmap.model import tables as t
from roadmap.model.inputs import PlanDoc
from roadmap.store import dependencies
from roadmap.store.db import Store
from roadmap.store.dependencies import DependencyError, add_dependency, remove_dependency
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import NotFoundError
from roadmap.store.snapshot import load_snapshot


def _plan(
    store: Store, slug: str = "deps", keys: tuple[str, ...] = ("CI-1", "CI-3", "CI-5")
) -> int:
    doc = {
        "plan": {"name": slug, "slug": slug, "start_date": "2027-01-01"},
        "items": [{"key": key, "title": f"Item {key}"} for key in keys],
    }
    with store.write() as session:
        return write_plan(session=session, doc=PlanDoc.model_validate(doc)).id


def _edges(store: Store, plan_id: int) -> list[tuple[str, str, str]]:
    with store.read() as session:
        return sorted(load_snapshot(session=session, plan_id=plan_id).dependencies)


def _add(store: Store, plan_id: int, blocker: str, blocked: str, kind: str = "hard") -> None:
    with store.write() as session:
        add_dependency(
            session=session, plan_id=plan_id, blocker_key=blocker, blocked_key=blocked, kind=kind
        )


def test_dependencies_are_added_and_removed(store: Store) -> None:
    plan_id = _plan(store)
    _add(store, plan_id, "CI-1", "CI-3")
    _add(store, plan_id, "CI-3", "CI-5", "soft")
    assert _edges(store, plan_id) == [("CI-1", "CI-3", "hard"), ("CI-3", "CI-5", "soft")]
    with store.write() as session:
        remove_dependency(session=session, plan_id=plan_id, blocker_key="CI-1", blocked_key="CI-3")
    assert _edges(store, plan_id) == [("CI-3", "CI-5", "soft")]


def test_a_dependency_that_would_close_a_cycle_names_the_existing_path(store: Store) -> None:
    plan_id = _plan(store)
    _add(store, plan_id, "CI-3", "CI-5")
    _add(store, plan_id, "CI-5", "CI-1", "soft")
    before = _edges(store, plan_id)
    with pytest.raises(DependencyError) as exc:
        _add(store, plan_id, "CI-1", "CI-3")
    assert str(exc.value) == (
        "CI-3 -> CI-5 -> CI-1 already leads from CI-3 to CI-1; CI-1 cannot also block CI-3"
    )
    assert _edges(store, plan_id) == before


@pytest.mark.parametrize(
    ("blocker", "blocked", "error", "message"),
    [
        ("CI-1", "CI-1", DependencyError, "CI-1 cannot depend on itself"),
        ("CI-1", "CI-3", DependencyError, r"CI-3 already depends on CI-1 \(hard\)"),
        ("CI-3", "CI-1", DependencyError, "CI-1 -> CI-3 already leads from CI-1 to CI-3"),
        ("CI-9", "CI-1", NotFoundError, "no item 'CI-9'"),
    ],
)
def test_refused_dependencies_write_nothing(
    store: Store, blocker: str, blocked: str, error: type, message: str
) -> None:
    plan_id = _plan(store)
    _add(store, plan_id, "CI-1", "CI-3")
    with pytest.raises(error, match=message):
        _add(store, plan_id, blocker, blocked)
    assert _edges(store, plan_id) == [("CI-1", "CI-3", "hard")]


def test_an_unknown_kind_is_refused(store: Store) -> None:
    plan_id = _plan(store)
    with pytest.raises(ValueError, match="'maybe'"):
        _add(store, plan_id, "CI-1", "CI-3", "maybe")


def test_removing_a_dependency_that_is_not_there_is_an_error(store: Store) -> None:
    plan_id = _plan(store)
    with (
        store.write() as session,
        pytest.raises(NotFoundError, match="CI-3 does not depend on CI-1"),
    ):
        remove_dependency(session=session, plan_id=plan_id, blocker_key="CI-1", blocked_key="CI-3")


def test_other_plans_with_the_same_keys_do_not_interfere(store: Store) -> None:
    first, second = _plan(store, "one"), _plan(store, "two")
    _add(store, first, "CI-1", "CI-3")
    _add(store, second, "CI-3", "CI-1")
    assert _edges(store, first) == [("CI-1", "CI-3", "hard")]
    assert _edges(store, second) == [("CI-3", "CI-1", "hard")]


def test_two_people_adding_the_halves_of_a_cycle_at_once_cannot_both_succeed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = _plan(store)
    check = dependencies.existing_path

    def slow_check(*args, **kwargs):  # widen the window between the check and the write
        time.sleep(0.3)
        return check(*args, **kwargs)

    monkeypatch.setattr(dependencies, "existing_path", slow_check)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def add(blocker: str, blocked: str) -> None:
        start.wait()
        try:
            _add(store, plan_id, blocker, blocked)
            outcomes.append("added")
        except DependencyError:
            outcomes.append("refused")

    threads = [
        threading.Thread(target=add, args=("CI-1", "CI-3")),
        threading.Thread(target=add, args=("CI-3", "CI-1")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["added", "refused"]
    with store.read() as session:
        count = session.execute(
            select(func.count()).select_from(t.Dependency).where(t.Dependency.plan_id == plan_id)
        ).scalar_one()
    assert count == 1


def test_a_dependency_change_is_one_write_of_the_waiting_item(sqlite_store: Store) -> None:
    store = sqlite_store
    plan_id = _plan(store)

    def versions() -> dict[str, int]:
        with store.read() as session:
            c = t.Item.__table__.c
            return dict(session.execute(select(c.key, c.version)).all())

    _add(store, plan_id, "CI-1", "CI-5")
    _add(store, plan_id, "CI-3", "CI-5", "soft")
    assert versions() == {"CI-1": 1, "CI-3": 1, "CI-5": 3}
    with store.write() as session:
        remove_dependency(session=session, plan_id=plan_id, blocker_key="CI-1", blocked_key="CI-5")
    assert versions()["CI-5"] == 4
    assert _edges(store, plan_id) == [("CI-3", "CI-5", "soft")]
