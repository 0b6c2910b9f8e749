"""Random plans for property tests: DAGs of hard and soft dependencies with lags, teams, pins,
dates, milestones (effort 0), fixed durations and caps on an item's share of its team; in
quarters or in ISO weeks; seen from the plan's start or from a later today.

One builder serves both a seeded :class:`random.Random` and a hypothesis ``draw``, so that
hypothesis can shrink a failing plan while seeded tests stay reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from hypothesis import strategies as st

from roadmap.engine.inputs import ItemData, MilestoneData, Snapshot, TeamData, with_milestones
from roadmap.model.periods import Calendar

from .build import CAL, START, VALUE

WEEKS = Calendar(START, "week")

Choose = Callable[[int, int], int]
"""``choose(lo, hi)``: an integer from ``lo`` to ``hi``, both included."""
EFFORTS = (0.0, 0.5, 1.0, 2.0, 3.5, 6.0)
STATUSES = ("idea",) * 6 + ("in_progress", "done", "dropped")


def build_snapshot(choose: Choose, n_items: int) -> Snapshot:
    n_teams = choose(1, 4)
    teams = {}
    for t in range(n_teams):
        capacity = choose(1, 6) / 2
        changes = ((choose(1, 6), choose(0, 6) / 2),) if choose(0, 3) == 0 else ()
        teams[f"T{t}"] = TeamData(f"T{t}", f"Team {t}", capacity, changes)
    items, deps, lags = [], [], {}
    for i in range(n_items):
        team = f"T{choose(0, n_teams)}"  # T{n_teams} is unknown: no team
        roll = choose(0, 19)
        items.append(
            ItemData(
                key=f"K{i:03d}",
                effort=EFFORTS[choose(0, len(EFFORTS) - 1)],
                team=team if team in teams else None,
                status=STATUSES[choose(0, len(STATUSES) - 1)],
                mandatory=roll == 0,
                pinned_period=choose(0, 5) if roll in (1, 2) else None,
                earliest_start=START + timedelta(days=40 * choose(0, 12)) if roll == 3 else None,
                deadline=START + timedelta(days=60 * choose(1, 12)) if roll == 4 else None,
                scores={"value": choose(0, 10)},
                duration=choose(1, 3) if roll == 5 else None,
                max_share=choose(1, 3) / 4 if roll == 6 else None,
            )
        )
        for _ in range(choose(0, 2) if i else 0):
            blocker = choose(max(0, i - 8), i - 1)
            kind = "soft" if choose(0, 3) == 0 else "hard"
            deps.append((f"K{blocker:03d}", f"K{i:03d}", kind))
            if kind == "hard" and choose(0, 4) == 0:
                lags[(f"K{blocker:03d}", f"K{i:03d}")] = choose(1, 2)
    points: frozenset[str] = frozenset()
    if n_items > 1 and choose(0, 2) == 0:  # one of the plan's milestones, between two items
        lead = choose(0, n_items - 2)
        waiting = choose(lead + 1, n_items - 1)
        day = START + timedelta(days=60 * choose(1, 12))
        ms = MilestoneData("MS", "Milestone", day, (f"K{lead:03d}",), (f"K{waiting:03d}",),
                           deadline=choose(0, 1) == 1)  # fmt: skip
        deps = [*dict.fromkeys(deps)]
        points = with_milestones(items, deps, [ms])
    cal = CAL if choose(0, 2) else WEEKS
    today = START + timedelta(days=30 * choose(0, 8)) if choose(0, 1) else None
    return Snapshot(
        cal, tuple(items), tuple(dict.fromkeys(deps)), teams, (VALUE,), horizon=6, lags=lags,
        milestones=points, today=today,
    )  # fmt: skip


def random_snapshot(rng: random.Random, n_items: int) -> Snapshot:
    return build_snapshot(rng.randint, n_items)


@st.composite
def snapshots(draw: st.DrawFn, max_items: int = 30) -> Snapshot:
    n_items = draw(st.integers(0, max_items))
    return build_snapshot(lambda lo, hi: draw(st.integers(lo, hi)), n_items)
