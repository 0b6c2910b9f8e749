"""Durations, caps, lags and milestones that items wait for, from a plan file through the store
to the roadmap, and the problems a plan file with them can have."""

from __future__ import annotations

from typing import Any

from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.sequence import sequence
from roadmap.model.inputs import PlanDoc, check_references
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.snapshot import load_snapshot

LONG_KEY = "release-2027-04-data-warehouse-migration-acceptance-testing-round-two"


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "plan": {"name": "Shapes", "slug": "shapes", "start_date": "2027-01-01"},
        "organisations": [{"key": "O", "name": "Org"}],
        "teams": [{"key": "dev", "organisation": "O", "name": "Developers", "capacity": 2}],
        "items": [
            {"key": "A", "title": "Build", "team": "dev", "effort": 2, "deadline": "2027-12-31"},
            {"key": LONG_KEY, "title": "Acceptance", "team": "dev", "effort": 1,
             "duration": 2, "depends_on": ["A"], "lags": {"A": 1}},
            {"key": "C", "title": "Launch", "team": "dev", "effort": 2, "max_share": 0.5},
        ],
        "milestones": [
            {"key": "ready", "name": "Ready for launch", "date": "2027-06-30",
             "items": ["A", LONG_KEY], "waiting": ["C"], "deadline": True},
        ],
    }  # fmt: skip
    doc.update(changes)
    return doc


def test_the_new_fields_survive_the_store_and_reach_the_roadmap(store: Store) -> None:
    doc = PlanDoc.model_validate(_doc())
    assert check_references(doc) == []
    with store.write() as session:
        plan_id = write_plan(session=session, doc=doc).id
    with store.read() as session:
        assert read_plan(session=session, plan_id=plan_id) == doc
        snap = load_snapshot(session=session, plan_id=plan_id)
    from_file = snapshot_of(doc)
    assert sorted(snap.items) == sorted(from_file.items)
    assert set(snap.dependencies) == set(from_file.dependencies)
    assert (snap.lags, snap.milestones) == (from_file.lags, from_file.milestones) != ({}, set())
    roadmap = sequence(snap)
    # A fills dev in Q1; a quarter's lag; the acceptance round takes Q3 and Q4; the milestone
    # is reached when it ends, and C, waiting for it, starts in 2028-Q1 at half of dev.
    spans = {k: (p.start, p.end) for k, p in roadmap.placements.items()}
    assert spans == {"A": (0, 0), LONG_KEY: (2, 3), "C": (4, 5)}
    assert roadmap.placements["C"].load == ((4, 1.0), (5, 1.0))
    ready = roadmap.milestones["ready"]
    assert (ready.start, ready.reached) == (3, 4)
    # The milestone's date (2027-06-30) is a deadline for what leads to it.
    missed = {w.items[0] for w in roadmap.warnings if w.kind == "deadline"}
    assert missed == {LONG_KEY, "ready"}


def test_lags_on_soft_or_unknown_dependencies_and_milestone_mistakes_are_named() -> None:
    doc = _doc()
    doc["items"][2]["lags"] = {"A": 2}
    doc["milestones"][0]["waiting"] = ["C", "A"]
    doc["milestones"].append({"key": "C", "name": "Clash", "date": "2027-03-31"})
    problems = {(p.where(), p.message) for p in check_references(PlanDoc.model_validate(doc))}
    assert problems == {
        ("items[2].lags.A", "A is not a hard dependency"),
        ("milestones[0].waiting[1]", "A both leads to and waits for ready"),
        ("milestones[1].key", "C is also an item's key"),
    }


def test_a_cycle_through_a_milestone_is_named() -> None:
    doc = _doc()
    doc["items"][0]["depends_on"] = ["C"]
    problems = check_references(PlanDoc.model_validate(doc))
    assert [p.message for p in problems] == [
        f"dependency cycle: A -> {LONG_KEY} -> ready -> C -> A"
    ]


def test_roadmap_plan_lists_milestones_and_explains_one(tmp_path) -> None:
    from click.testing import CliRunner

    from roadmap.cli import cli

    db = tmp_path / "plan.db"
    store = Store.open(db)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(_doc()))
    store.close()
    out = CliRunner().invoke(cli, ["--db", str(db), "plan"])
    assert out.exit_code == 0, out.output
    flat = " ".join(out.output.split())
    assert "Milestones: - Ready for launch (ready*): reached at the start of 2028 Q1" in flat
    out = CliRunner().invoke(cli, ["--db", str(db), "plan", "--explain", "ready"])
    flat = " ".join(out.output.split())
    assert "A milestone takes no time: it is reached at the start of 2028 Q1." in flat
    assert "It misses its deadline 30 Jun 2027 (2027 Q2) by 2 periods." in flat
    assert f"Waits for (hard): A, {LONG_KEY}" in flat
