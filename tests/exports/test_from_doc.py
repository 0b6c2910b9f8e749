"""The engine's snapshot built from a plan document read back from the database holds what the
one read from the database directly holds, and sequences to the same roadmap."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from operator import attrgetter
from pathlib import Path

import pytest

from roadmap.config import demo_plan_file
from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.inputs import Snapshot
from roadmap.engine.sequence import sequence
from roadmap.io.planfile import load_plan
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.snapshot import load_snapshot

from .plans import rich_plan

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def _generated(n_items: int) -> PlanDoc:
    spec = importlib.util.spec_from_file_location("_bench_generate", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return PlanDoc.model_validate(module.generate_plan(n_items, seed=3))


@pytest.mark.parametrize(
    "make",
    [lambda: load_plan(demo_plan_file()), rich_plan, lambda: _generated(400)],
    ids=["demo", "rich", "generated"],
)
def test_snapshot_of_stored_document_equals_loaded_snapshot(tmp_path: Path, make) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'plan.db'}")
    try:
        with store.write() as session:
            plan = write_plan(session=session, doc=make())
        with store.read() as session:
            doc = read_plan(session=session, plan_id=plan.id)
            loaded = load_snapshot(session=session, plan_id=plan.id)
    finally:
        store.close()
    built = snapshot_of(doc)
    assert _ordered(built) == _ordered(loaded)
    assert sequence(built) == sequence(loaded)


def _ordered(snap: Snapshot) -> Snapshot:
    """``snap`` with its items and dependencies in key order: the database gives them in an
    order of its choosing, which the engine does not depend on."""
    return replace(
        snap,
        items=tuple(sorted(snap.items, key=attrgetter("key"))),
        dependencies=tuple(sorted(snap.dependencies)),
    )
