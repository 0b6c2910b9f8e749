"""Worked examples of whole explanations: why an item starts and ends when it does, its
deadline, and what it waits for near and far, in the interface's language."""

from __future__ import annotations

import dataclasses

import pytest

from roadmap.engine.explanations import Blockers, explain
from roadmap.engine.sequence import sequence
from roadmap.i18n import set_language

from .build import CAL, item, snapshot


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("en")


def test_the_end_names_the_capacity_higher_ranked_work_took_with_its_share(english) -> None:
    # Team digi has 6 a quarter. H (ranked higher) takes 4 of them in Q1; L needs 10, so it
    # gets 2 in Q1, 6 in Q2 and the last 2 in Q3.
    snap = snapshot(item("H", 9, effort=4, team="digi"), item("L", 5, effort=10, team="digi"),
                    teams={"digi": 6})  # fmt: skip
    ex = explain(snap, sequence(snap), "L")
    assert (ex.placement.start, ex.placement.end) == (0, 2)
    assert ex.starts == ("Nothing holds it back: it starts in 2027 Q1.",)
    assert ex.ends == (
        "It needs 10 of Digi, which has 6 a period: it ends in 2027 Q3.",
        "In 2027 Q1 it got 2; work ranked higher took the rest: Item H (H): 4 of 6.",
    )


def test_a_deadline_is_met_with_time_to_spare_or_missed_by_how_much(english) -> None:
    snap = snapshot(item("A", 9, effort=3, deadline=CAL.end_of(0)),
                    item("B", 5, deadline=CAL.end_of(6)))  # fmt: skip
    roadmap = sequence(snap)
    assert explain(snap, roadmap, "A").deadline == (
        "It misses its deadline 31 Mar 2027 (2027 Q1) by 2 periods."
    )
    assert explain(snap, roadmap, "B").deadline == (
        "It meets its deadline 30 Sept 2028 (2028 Q3) with 3 periods to spare."
    )
    assert explain(snap, roadmap, "B").starts[0].startswith("Dev is fully booked in 2027 Q3")


def test_blockers_are_split_into_hard_and_soft_direct_and_further(english) -> None:
    snap = snapshot(
        item("A"), item("B"), item("C"), item("D"), item("E"), item("X"),
        deps=[("A", "B", "hard"), ("B", "X", "hard"), ("C", "X", "soft"), ("D", "C", "hard"),
              ("E", "A", "soft")],
    )  # fmt: skip
    ex = explain(snap, sequence(snap), "X")
    assert ex.waits_for == Blockers(hard=("B",), soft=("C",), hard_further=("A",),
                                    soft_further=("D", "E"))  # fmt: skip
    assert ex.blocked_by == ("A", "B", "C", "D", "E")


def test_a_lag_and_a_milestone_are_explained(english) -> None:
    snap = snapshot(item("A", 5, effort=2), item("M", 5, effort=0), item("B", 5),
                    deps=[("A", "M", "hard"), ("M", "B", "hard")])  # fmt: skip
    snap = dataclasses.replace(snap, lags={("M", "B"): 1})
    roadmap = sequence(snap)
    assert explain(snap, roadmap, "M").ends == (
        "A milestone takes no time: it is reached at the start of 2027 Q3.",
    )
    assert explain(snap, roadmap, "B").starts == (
        "It starts 1 period after Item M (M) ends in 2027 Q2, as planned.",
    )


def test_work_waiting_for_a_pinned_milestone_names_the_milestone_s_own_period(english) -> None:
    # P is pinned to Q3 and reached at its start: B starts in Q3 and L, a period later, in Q4.
    snap = snapshot(item("P", 5, effort=0, pinned_period=2), item("B", 5), item("L", 5),
                    deps=[("P", "B", "hard"), ("P", "L", "hard")], teams={"dev": 2})  # fmt: skip
    snap = dataclasses.replace(snap, lags={("P", "L"): 1})
    roadmap = sequence(snap)
    assert (roadmap.placements["B"].start, roadmap.placements["L"].start) == (2, 3)
    assert explain(snap, roadmap, "B").starts == (
        "It waits for Item P (P), which ends in 2027 Q3.",
    )
    assert explain(snap, roadmap, "L").starts == (
        "It starts 1 period after Item P (P) ends in 2027 Q3, as planned.",
    )


def test_explanations_are_worded_in_the_interface_language(english) -> None:
    snap = snapshot(item("A", 9), item("B", 5), deps=[("A", "B", "hard")])
    set_language("fi")
    ex = explain(snap, sequence(snap), "B")
    assert ex.starts == ("Se odottaa kohdetta Item A (A), joka päättyy jaksolla Q1/2027.",)
    set_language("sv")
    ex = explain(snap, sequence(snap), "B")
    assert ex.starts == ("Den väntar på Item A (A), som slutar under Q1/2027.",)


def test_periods_in_an_explanation_are_worded_as_the_documents_word_them(english) -> None:
    from roadmap.model.periods import Calendar

    weeks = Calendar(CAL.start, "week")  # 2027-01-01 is a Friday: week 53 of 2026 comes first
    snap = dataclasses.replace(
        snapshot(item("A", 9), item("B", 5), deps=[("A", "B", "hard")]), calendar=weeks
    )
    roadmap = sequence(snap)
    set_language("fi")
    assert explain(snap, roadmap, "B").starts == (
        "Se odottaa kohdetta Item A (A), joka päättyy jaksolla vko 53/2026.",
    )
    set_language("sv")
    assert explain(snap, roadmap, "A").ends == (
        "Den slutar under v. 53/2026, samma period som den börjar.",
    )
    set_language("en")
    assert "2026-W53" not in " ".join(explain(snap, roadmap, "B").starts)
