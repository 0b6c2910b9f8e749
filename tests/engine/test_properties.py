"""Properties every roadmap keeps, on random plans: dependencies, capacity, pins, determinism."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.engine.inputs import Snapshot
from roadmap.engine.result import Roadmap
from roadmap.engine.sequence import sequence

from .random_plans import snapshots

PROPERTIES = settings(max_examples=60, deadline=None)
EPS = 1e-6


def _warned(roadmap: Roadmap, kind: str, *keys: str) -> bool:
    return any(w.kind == kind and set(keys) <= set(w.items) for w in roadmap.warnings)


@PROPERTIES
@given(snapshots())
def test_every_item_is_placed_or_reported_once(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    groups = [
        set(roadmap.placements),
        set(roadmap.unplaced),
        set(roadmap.done),
        set(roadmap.dropped),
    ]
    assert sum(len(g) for g in groups) == len(snap.items)
    assert set().union(*groups) == {item.key for item in snap.items}
    assert set(roadmap.scores) == set(roadmap.placements) | set(roadmap.unplaced)
    for key in roadmap.unplaced:
        assert _warned(roadmap, "unplaced", key)


@PROPERTIES
@given(snapshots())
def test_hard_dependencies_hold_unless_a_pin_overrides_them(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    placed = roadmap.placements
    pinned = {item.key for item in snap.items if item.pinned_period is not None}
    for blocker, blocked, kind in snap.dependencies:
        if kind != "hard" or blocked not in placed:
            continue
        assert blocker not in roadmap.unplaced or blocked in pinned
        if blocker in placed and placed[blocked].start <= placed[blocker].end:
            assert blocked in pinned
            assert _warned(roadmap, "pin_conflict", blocked, blocker)


@PROPERTIES
@given(snapshots())
def test_soft_dependencies_hold_or_are_reported(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    placed = roadmap.placements
    pinned = {item.key for item in snap.items if item.pinned_period is not None}
    for blocker, blocked, kind in snap.dependencies:
        if kind != "soft" or blocked not in placed or blocker not in placed or blocked in pinned:
            continue
        if placed[blocked].start <= placed[blocker].end:
            assert _warned(roadmap, "soft_dependency", blocked, blocker)


@PROPERTIES
@given(snapshots())
def test_capacity_is_never_exceeded_and_every_effort_is_carried_out(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    used: dict[tuple[str, int], float] = defaultdict(float)
    efforts = {item.key: item.effort for item in snap.items}
    for key, p in roadmap.placements.items():
        assert 0 <= p.start <= p.end
        assert p.slack >= 0
        if p.team is None:
            continue
        for period, amount in p.load:
            assert p.start <= period <= p.end and amount > 0
            used[(p.team, period)] += amount
        assert sum(a for _, a in p.load) == pytest.approx(efforts[key])
        if p.load:
            assert p.end == p.load[-1][0]
    for (team, period), amount in used.items():
        assert amount <= snap.teams[team].capacity_at(period) + EPS


@PROPERTIES
@given(snapshots())
def test_pins_and_earliest_starts_are_kept(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    for item in snap.items:
        placement = roadmap.placements.get(item.key)
        if placement is None:
            continue
        if item.pinned_period is not None:
            assert placement.start == item.pinned_period
            assert [r.kind for r in placement.reasons] == ["pinned"]
        else:
            if item.earliest_start is not None:
                assert placement.start >= snap.calendar.index_of(item.earliest_start)
            if item.team is not None and item.team in snap.teams and item.effort > 0:
                assert placement.load[0][0] == placement.start


@PROPERTIES
@given(snapshots(), st.randoms(use_true_random=False))
def test_the_roadmap_does_not_depend_on_input_order(snap: Snapshot, rng: random.Random) -> None:
    items, deps = list(snap.items), list(snap.dependencies)
    rng.shuffle(items)
    rng.shuffle(deps)
    teams = dict(sorted(snap.teams.items(), reverse=True))
    shuffled = Snapshot(snap.calendar, tuple(items), tuple(deps), teams, snap.criteria,
                        snap.scoring_method, snap.horizon)  # fmt: skip
    assert sequence(shuffled) == sequence(snap)


def test_the_roadmap_does_not_depend_on_the_hash_seed() -> None:
    root = str(Path(__file__).resolve().parents[2])
    code = (
        f"import json, random, sys; sys.path.insert(0, {root!r});"
        "from tests.engine.random_plans import random_snapshot;"
        "from roadmap.engine.baseline import to_data;"
        "from roadmap.engine.sequence import sequence;"
        "roadmap = sequence(random_snapshot(random.Random(7), 200));"
        "print(json.dumps(to_data(roadmap), sort_keys=True))"
    )
    outputs = set()
    for seed in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["placements"]
