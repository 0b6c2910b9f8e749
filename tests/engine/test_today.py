"""Work not yet started is placed from today's period on; work under way keeps its history."""

from __future__ import annotations

import dataclasses
from datetime import date

from roadmap.clock import set_today
from roadmap.engine.explanations import explain
from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.sequence import sequence
from roadmap.i18n import set_language
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import reason_text
from roadmap.model.inputs import PlanDoc

from .build import item, snapshot

TODAY = date(2027, 8, 15)
"""In the plan's third quarter (index 2)."""


def _plan():
    return snapshot(
        item("A", 9, effort=2, status="in_progress"),
        item("B", 5),
        item("C", 7, status="done"),
        item("D", 3, earliest_start=date(2028, 1, 1)),
        item("E", 1, pinned_period=0),
        item("F", 8, effort=0),  # a milestone: reached when its (no) blockers end
        teams={"dev": 4.0},
    )


def test_unstarted_items_start_in_the_current_period_at_the_earliest() -> None:
    plain = _plan()
    now = dataclasses.replace(plain, today=TODAY)
    before, after = sequence(plain), sequence(now)
    starts = lambda r: {k: p.start for k, p in r.placements.items() if k != "F"}  # noqa: E731
    assert starts(before) == {"A": 0, "B": 0, "D": 4, "E": 0}
    # A is under way: it keeps its place; B waits for today; D's own date is later still;
    # E is pinned where the plan put it.
    assert starts(after) == {"A": 0, "B": 2, "D": 4, "E": 0}
    assert after.placements["F"].reached == 0 and after.done == ("C",)
    assert [r.kind for r in after.placements["B"].reasons] == ["not_started"]
    assert [r.kind for r in after.placements["D"].reasons] == ["earliest_start"]
    label = now.calendar.label
    reason = after.placements["B"].reasons[0]
    assert reason_text(reason, label) == "not started; the earliest is the current period, 2027-Q3"
    assert reason_text(reason, label, Lang("sv")) == (
        "inte påbörjat; tidigast under den pågående perioden 2027-Q3"
    )


def test_the_explanation_says_why_in_the_readers_language() -> None:
    now = dataclasses.replace(_plan(), today=TODAY)
    roadmap = sequence(now)
    assert explain(now, roadmap, "B").starts == (
        "It has not started; the earliest is the current period, 2027 Q3.",
    )
    set_language("fi")
    assert (
        explain(now, roadmap, "B")
        .starts[0]
        .startswith("Se ei ole alkanut; aikaisintaan se voi alkaa kuluvalla jaksolla")
    )


def test_a_blocker_started_long_ago_does_not_pull_unstarted_work_back() -> None:
    snap = snapshot(
        item("A", 9, effort=1, status="in_progress"),
        item("B", 5),
        deps=[("A", "B", "hard")],
    )
    roadmap = sequence(dataclasses.replace(snap, today=TODAY))
    assert roadmap.placements["A"].start == 0
    assert roadmap.placements["B"].start == 2


def test_plans_are_seen_from_the_products_today() -> None:
    doc = PlanDoc.model_validate(
        {
            "plan": {"name": "P", "start_date": "2026-01-01"},
            "organisations": [{"key": "O", "name": "Org"}],
            "teams": [{"key": "dev", "organisation": "O", "name": "Dev", "capacity": 1}],
            "items": [{"key": "A", "title": "A", "team": "dev", "effort": 1}],
        }
    )
    set_today(date(2026, 11, 2))
    try:
        assert sequence(snapshot_of(doc)).placements["A"].start == 3
    finally:
        set_today(None)
    # ROADMAP_TODAY=2027-01-04, as every test sees it: the fifth quarter.
    assert sequence(snapshot_of(doc)).placements["A"].start == 4
