"""Properties every roadmap keeps, on random plans: dependencies, capacity, pins, determinism."""

from __future__ import annotations

import dataclasses
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
from roadmap.engine.result import Placement, Roadmap
from roadmap.engine.sequence import sequence

from . import build
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
    items = [item.key for item in snap.items if item.key not in snap.milestones]
    assert sum(len(g) for g in groups) == len(items)
    assert set().union(*groups) == set(items)
    for key in snap.milestones:  # the plan's milestones are reached, or named as not
        assert key in roadmap.milestones or _warned(roadmap, "unplaced", key)
    assert set(roadmap.scores) == set(roadmap.placements) | set(roadmap.unplaced)
    for key in roadmap.unplaced:
        assert _warned(roadmap, "unplaced", key)


def _begin(p: Placement) -> int:
    """The period an item starts in, or a milestone is reached at."""
    return p.start if p.reached is None else p.reached


def _finish(p: Placement) -> int:
    """The period from which the items that wait for it may start."""
    return p.end + 1 if p.reached is None else p.reached


@PROPERTIES
@given(snapshots())
def test_hard_dependencies_and_lags_hold_unless_a_pin_overrides_them(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    placed = {**roadmap.placements, **roadmap.milestones}
    pinned = {item.key for item in snap.items if item.pinned_period is not None}
    for blocker, blocked, kind in snap.dependencies:
        if kind != "hard" or blocked not in placed:
            continue
        assert blocker not in roadmap.unplaced or blocked in pinned
        if blocker in roadmap.unplaced:
            assert _warned(roadmap, "pin_conflict", blocked, blocker)
        lag = snap.lags.get((blocker, blocked), 0)
        if blocker in placed and _begin(placed[blocked]) < _finish(placed[blocker]) + lag:
            assert blocked in pinned
            if _begin(placed[blocked]) < _finish(placed[blocker]):
                assert _warned(roadmap, "pin_conflict", blocked, blocker)


@PROPERTIES
@given(snapshots())
def test_soft_dependencies_hold_or_are_reported(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    placed = {**roadmap.placements, **roadmap.milestones}
    pinned = {item.key for item in snap.items if item.pinned_period is not None}
    for blocker, blocked, kind in snap.dependencies:
        if kind != "soft" or blocked not in placed or blocker not in placed or blocked in pinned:
            continue
        if _begin(placed[blocked]) < _finish(placed[blocker]):
            assert _warned(roadmap, "soft_dependency", blocked, blocker)


@PROPERTIES
@given(snapshots())
def test_milestones_take_no_period_and_are_reached_when_their_last_blocker_ends(
    snap: Snapshot,
) -> None:
    roadmap = sequence(snap)
    placed = {**roadmap.placements, **roadmap.milestones}
    milestones = {x.key for x in snap.items if x.effort == 0 and not x.duration}
    hard = {(a, b) for a, b, kind in snap.dependencies if kind == "hard"}
    for key, p in placed.items():
        assert (p.reached is not None) == (key in milestones)
        if p.reached is None:
            continue
        assert p.load == () and p.start == p.end and p.reached in (p.start, p.start + 1)
        item = next(x for x in snap.items if x.key == key)
        if item.pinned_period is not None:
            continue
        for a, b in hard:  # never shown before the period of what it waits for
            if b == key and a in placed:
                assert p.start >= placed[a].end
        if item.earliest_start is not None:
            continue
        ends = [
            _finish(placed[a]) + snap.lags.get((a, b), 0)
            for a, b in hard
            if b == key and a in placed
        ]
        softs = [_finish(placed[a]) for a, b, kind in snap.dependencies
                 if b == key and kind == "soft" and a in placed]  # fmt: skip
        assert p.reached == max([0, *ends, *softs]) or _warned(roadmap, "soft_dependency", key)


@st.composite
def _milestone_chains(draw: st.DrawFn) -> Snapshot:
    """Plans of milestones and small items in which milestones wait for pinned and dated
    milestones, with and without lags: rare in :func:`snapshots`."""
    n = draw(st.integers(2, 8))
    items, deps, lags = [], [], {}
    for i in range(n):
        kind = draw(st.sampled_from(("pinned", "dated", "milestone", "work")))
        fields: dict = {"effort": 1.0 if kind == "work" else 0.0}
        if kind == "pinned":
            fields["pinned_period"] = draw(st.integers(0, 4))
        elif kind == "dated":
            fields["earliest_start"] = build.CAL.start_of(draw(st.integers(0, 4)))
        items.append(build.item(f"K{i}", 5, **fields))
        if i and kind != "pinned":
            for b in sorted(set(draw(st.lists(st.integers(0, i - 1), min_size=1, max_size=2)))):
                deps.append((f"K{b}", f"K{i}", "hard"))
                if draw(st.booleans()):
                    lags[(f"K{b}", f"K{i}")] = 1
    return dataclasses.replace(build.snapshot(*items, deps=deps), lags=lags)


@PROPERTIES
@given(_milestone_chains())
def test_a_milestone_is_never_shown_before_a_milestone_it_waits_for(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    placed = roadmap.placements
    for blocker, blocked, _kind in snap.dependencies:
        p, b = placed[blocked], placed[blocker]
        if p.reached is None:
            continue
        assert p.start >= b.end
        assert p.reached >= _finish(b) + snap.lags.get((blocker, blocked), 0)
        assert p.reached in (p.start, p.start + 1)


@PROPERTIES
@given(snapshots())
def test_critical_means_no_slack_and_unplaced_items_are_never_critical(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    placed = {**roadmap.placements, **roadmap.milestones}
    critical = {key for key, p in placed.items() if p.critical}
    assert critical == {key for key, p in placed.items() if p.slack == 0}
    assert set(roadmap.critical_path) == critical
    assert not set(roadmap.critical_path) & set(roadmap.unplaced)
    for p in placed.values():  # slipping by its slack keeps the roadmap's end
        assert _begin(p) + p.slack <= roadmap.periods


@PROPERTIES
@given(snapshots())
def test_capacity_is_never_exceeded_and_every_effort_is_carried_out(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    used: dict[tuple[str, int], float] = defaultdict(float)
    efforts = {item.key: item.effort for item in snap.items}
    items = {item.key: item for item in snap.items}
    for key, p in roadmap.placements.items():
        assert 0 <= p.start <= p.end
        assert p.slack >= 0
        if p.team is None:
            continue
        for period, amount in p.load:
            assert p.start <= period <= p.end and amount > 0
            used[(p.team, period)] += amount
            if items[key].max_share and not items[key].duration:
                cap = items[key].max_share * snap.teams[p.team].capacity_at(period)
                assert amount <= cap + EPS
        assert sum(a for _, a in p.load) == pytest.approx(efforts[key])
        if items[key].duration and p.load:
            periods = [period for period, _ in p.load]
            assert periods == list(range(p.start, p.start + items[key].duration))
            assert {round(a, 6) for _, a in p.load} == {round(efforts[key] / len(periods), 6)}
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
@given(snapshots())
def test_work_not_started_is_never_placed_before_today(snap: Snapshot) -> None:
    roadmap = sequence(snap)
    floor = max(snap.calendar.index_of(snap.today), 0) if snap.today else 0
    for item in snap.items:
        placement = roadmap.placements.get(item.key)
        milestone = item.effort == 0 and not item.duration
        if placement is None or item.pinned_period is not None or milestone:
            continue
        if item.status != "in_progress":
            assert placement.start >= floor, item.key
            if placement.start == floor > 0 and placement.start > (
                snap.calendar.index_of(item.earliest_start) if item.earliest_start else 0
            ):
                kinds = [r.kind for r in placement.reasons]
                assert "not_started" in kinds or "dependency" in kinds or "capacity" in kinds, (
                    item.key,
                    kinds,
                )


@PROPERTIES
@given(snapshots(), st.randoms(use_true_random=False))
def test_the_roadmap_does_not_depend_on_input_order(snap: Snapshot, rng: random.Random) -> None:
    items, deps = list(snap.items), list(snap.dependencies)
    rng.shuffle(items)
    rng.shuffle(deps)
    teams = dict(sorted(snap.teams.items(), reverse=True))
    shuffled = Snapshot(snap.calendar, tuple(items), tuple(deps), teams, snap.criteria,
                        snap.scoring_method, snap.horizon,
                        dict(reversed(snap.lags.items())), snap.milestones,
                        today=snap.today)  # fmt: skip
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
