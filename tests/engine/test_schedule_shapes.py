"""Worked examples of milestones, lags, fixed durations, caps per period, the critical path by
slack, and the limit the roadmap's horizon grows to."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from roadmap.engine.capacity import LIMIT
from roadmap.engine.inputs import TeamData
from roadmap.engine.sequence import sequence
from roadmap.model.periods import Calendar

from .build import item, snapshot


def _spans(roadmap) -> dict[str, tuple[int, int]]:
    return {k: (p.start, p.end) for k, p in roadmap.placements.items()}


def test_a_milestone_costs_no_period() -> None:
    # A (effort 2 on a team of 1) ends in Q2; M is reached then; B starts in Q3, right after A.
    snap = snapshot(item("A", 5, effort=2), item("M", 5, effort=0), item("B", 5),
                    deps=[("A", "M", "hard"), ("M", "B", "hard")])  # fmt: skip
    roadmap = sequence(snap)
    assert _spans(roadmap) == {"A": (0, 1), "M": (1, 1), "B": (2, 2)}
    assert roadmap.placements["M"].reached == 2
    assert roadmap.placements["M"].load == ()
    assert roadmap.placements["A"].reached is None


def test_a_chain_of_milestones_adds_no_period() -> None:
    chain = [("A", "M1", "hard"), ("M1", "M2", "hard"), ("M2", "B", "hard")]
    snap = snapshot(item("A", 5), item("M1", 5, effort=0), item("M2", 5, effort=0),
                    item("B", 5), deps=chain)  # fmt: skip
    assert _spans(sequence(snap)) == {"A": (0, 0), "M1": (0, 0), "M2": (0, 0), "B": (1, 1)}


def test_a_milestone_without_blockers_is_reached_at_the_start_and_holds_nothing_back() -> None:
    snap = snapshot(item("M", 5, effort=0), item("B", 5), deps=[("M", "B", "hard")])
    roadmap = sequence(snap)
    assert _spans(roadmap) == {"M": (0, 0), "B": (0, 0)}
    assert roadmap.placements["M"].reached == 0


def test_a_milestone_waiting_for_a_pinned_milestone_is_shown_with_it_not_before() -> None:
    # P is pinned to Q3 (period 2) and reached at its start; M waits for P alone, so it is
    # reached then too and shown in Q3 beside it, not at the end of Q2. B, waiting for M,
    # starts in Q3; N waits for work that ends in Q3, so it is shown there and reached at Q4.
    snap = snapshot(
        item("P", 5, effort=0, pinned_period=2),
        item("M", 5, effort=0),
        item("B", 5),
        item("N", 5, effort=0),
        deps=[("P", "M", "hard"), ("M", "B", "hard"), ("B", "N", "hard")],
    )
    roadmap = sequence(snap)
    assert _spans(roadmap) == {"P": (2, 2), "M": (2, 2), "B": (2, 2), "N": (2, 2)}
    reached = {k: p.reached for k, p in roadmap.placements.items()}
    assert reached == {"P": 2, "M": 2, "B": None, "N": 3}


def test_a_milestone_waiting_for_a_dated_milestone_is_not_shown_before_it() -> None:
    # D may be reached no earlier than Q2 (period 1) and waits for nothing: it is reached at
    # the start of Q2 and shown there. M waits for D: reached then too, shown beside it in Q2,
    # not in Q1. L waits a period after D: reached at the start of Q3, at the end of Q2.
    snap = snapshot(
        item("D", 5, effort=0, earliest_start=date(2027, 4, 1)),
        item("M", 5, effort=0),
        item("L", 5, effort=0),
        deps=[("D", "M", "hard"), ("D", "L", "hard")],
    )
    roadmap = sequence(dataclasses.replace(snap, lags={("D", "L"): 1}))
    assert _spans(roadmap) == {"D": (1, 1), "M": (1, 1), "L": (1, 1)}
    reached = {k: p.reached for k, p in roadmap.placements.items()}
    assert reached == {"D": 1, "M": 1, "L": 2}


def test_a_lag_keeps_periods_between_the_end_of_a_blocker_and_the_start_of_its_dependant() -> None:
    snap = snapshot(
        item("A", 5),
        item("B", 5),
        item("C", 1, team="ops"),
        deps=[("A", "B", "hard"), ("A", "C", "hard")],
        teams={"dev": 1, "ops": 1},
    )
    snap = dataclasses.replace(snap, lags={("A", "B"): 2})
    roadmap = sequence(snap)
    assert _spans(roadmap) == {"A": (0, 0), "B": (3, 3), "C": (1, 1)}
    # B's three periods of waiting count as slack of nothing: B ends last, so A is critical.
    assert roadmap.placements["A"].critical and roadmap.placements["B"].critical
    assert roadmap.placements["C"].slack == 2


def test_a_fixed_duration_spreads_the_effort_over_its_periods() -> None:
    # A review of effort 2 takes four quarters whatever the team could give it at once.
    snap = snapshot(item("R", 5, effort=2, duration=4), teams={"dev": 3})
    placed = sequence(snap).placements["R"]
    assert (placed.start, placed.end) == (0, 3)
    assert placed.load == ((0, 0.5), (1, 0.5), (2, 0.5), (3, 0.5))


def test_a_fixed_duration_waits_for_a_window_with_room_in_every_period() -> None:
    # X takes all of dev in Q2; R needs 1 a quarter for two quarters in a row: Q3 and Q4.
    snap = snapshot(item("X", 9, effort=2, pinned_period=1), item("R", 5, effort=2, duration=2),
                    teams={"dev": 2})  # fmt: skip
    roadmap = sequence(snap)
    assert _spans(roadmap)["R"] == (2, 3)
    assert [r.kind for r in roadmap.placements["R"].reasons] == ["capacity"]


def test_a_duration_without_effort_is_elapsed_time() -> None:
    # A consultation round of two quarters uses no one's capacity but holds B back.
    snap = snapshot(item("C", 5, effort=0, duration=2), item("B", 5), deps=[("C", "B", "hard")])
    roadmap = sequence(snap)
    assert _spans(roadmap) == {"C": (0, 1), "B": (2, 2)}
    assert roadmap.placements["C"].load == () and roadmap.placements["C"].reached is None


def test_more_per_period_than_the_team_ever_has_is_reported() -> None:
    snap = snapshot(item("R", 5, effort=4, duration=2), teams={"dev": 1})
    roadmap = sequence(snap)
    assert roadmap.unplaced == ("R",)
    found = [(w.cause, w.team, w.count, w.amount) for w in roadmap.warnings]
    assert ("too_much", "dev", 2, 2.0) in found


def test_a_cap_limits_an_items_share_of_its_team_per_period() -> None:
    # A may use half of dev's 4 per quarter: effort 6 takes three quarters, and B, ranked
    # lower, uses the other half meanwhile.
    snap = snapshot(item("A", 9, effort=6, max_share=0.5), item("B", 1, effort=2),
                    teams={"dev": 4})  # fmt: skip
    roadmap = sequence(snap)
    assert roadmap.placements["A"].load == ((0, 2.0), (1, 2.0), (2, 2.0))
    assert roadmap.placements["B"].load == ((0, 2.0),)


def test_critical_means_no_slack_within_the_capacity_left_free() -> None:
    # dev (1 a quarter): A then C, ending in Q2. ops (2 a quarter): B (1) in Q1 beside nothing.
    # B could slip to Q2 in the room ops has left: slack 1. A cannot slip without moving C.
    snap = snapshot(item("A", 9), item("C", 8), item("B", 1, team="ops"),
                    deps=[("A", "C", "hard")], teams={"dev": 1, "ops": 2})  # fmt: skip
    roadmap = sequence(snap)
    slack = {k: p.slack for k, p in roadmap.placements.items()}
    assert slack == {"A": 0, "C": 0, "B": 1}
    assert roadmap.critical_path == ("A", "C")
    assert [k for k, p in roadmap.placements.items() if p.critical] == ["A", "C"]


def test_an_item_is_critical_when_its_team_has_no_room_to_let_it_slip() -> None:
    # X and Y fill dev in Q1 and Q2; Y waits for nothing but the capacity X takes, and the
    # roadmap ends with Y: neither can slip, although no dependency joins them.
    snap = snapshot(item("X", 9), item("Y", 5), item("Z", 1, team="ops"),
                    teams={"dev": 1, "ops": 1})  # fmt: skip
    roadmap = sequence(snap)
    assert {k: p.slack for k, p in roadmap.placements.items()} == {"X": 0, "Y": 0, "Z": 1}


def test_a_pinned_item_after_a_blocker_that_can_never_be_placed_is_named_and_not_critical() -> None:
    # Team t has 1 in the first quarter and none after: A (effort 3) can never be done. B, on
    # another team, depends on A and is pinned to the third quarter.
    t = TeamData("t", "T", 1.0, ((1, 0.0),))
    snap = snapshot(item("A", 5, effort=3, team="t"), item("B", 5, team="dev", pinned_period=2),
                    deps=[("A", "B", "hard")], teams={"t": t, "dev": 1})  # fmt: skip
    roadmap = sequence(snap)
    assert roadmap.unplaced == ("A",)
    assert "A" not in roadmap.critical_path
    warned = [w for w in roadmap.warnings if w.kind == "pin_conflict"]
    assert [w.items for w in warned] == [("B", "A")]
    assert (warned[0].cause, warned[0].period) == ("unplaced", 2)


def test_work_that_cannot_fit_within_the_limit_is_reported_not_sequenced_without_end() -> None:
    # A team of a millionth a day would take about three thousand years for effort 1000.
    tiny = TeamData("dev", "Dev", 1e-6)
    snap = snapshot(item("A", 5, effort=1000), teams={"dev": tiny})
    roadmap = sequence(snap)
    assert roadmap.unplaced == ("A",)
    warning = next(w for w in roadmap.warnings if w.kind == "unplaced")
    assert (warning.cause, warning.count) == ("beyond_limit", LIMIT)


@pytest.mark.parametrize("effort", [0.5, 2.0])
def test_work_reaching_past_the_horizon_is_placed_and_reported(effort: float) -> None:
    snap = snapshot(item("A", 5, effort=effort * 12), horizon=4, teams={"dev": effort})
    roadmap = sequence(snap)
    assert roadmap.placements["A"].end == 11 and roadmap.periods == 12
    assert any(w.kind == "overload" and "A" in w.items for w in roadmap.warnings)


def test_a_plan_in_iso_weeks_with_a_lag_reads_as_weeks() -> None:
    # A review (effort 3, one a week) from the week of 2027-01-01 (2026-W53), a week's lag,
    # then the decision: ISO weeks, Monday to Sunday.
    weeks = Calendar(date(2027, 1, 1), "week")
    snap = dataclasses.replace(
        snapshot(item("R", 5, effort=3), item("D", 5), deps=[("R", "D", "hard")]),
        calendar=weeks,
        lags={("R", "D"): 1},
    )
    placed = sequence(snap).placements
    assert [weeks.label(placed["R"].start), weeks.label(placed["R"].end)] == [
        "2026-W53",
        "2027-W02",
    ]
    assert weeks.label(placed["D"].start) == "2027-W04"
    assert weeks.start_of(placed["D"].start) == date(2027, 1, 25)


def test_re_sequencing_after_a_change_of_duration_or_cap_gives_a_full_run() -> None:
    from roadmap.engine.sequence import Sequencer

    snap = snapshot(item("A", 9, effort=2), item("B", 5, effort=2), teams={"dev": 2})
    sequencer = Sequencer(snap)
    sequencer.roadmap()
    for change in ({"duration": 4}, {"max_share": 0.25}, {"duration": None}):
        new = sequencer.item("A")._replace(**change)
        snap = dataclasses.replace(
            snap, items=tuple(new if x.key == "A" else x for x in snap.items)
        )
        assert sequencer.update_item(new) == sequence(snap)
    assert sequence(snap).placements["A"].load == ((0, 0.5), (1, 0.5), (2, 0.5), (3, 0.5))


def test_a_milestone_whose_key_an_item_took_later_is_told_apart() -> None:
    from roadmap.engine.inputs import MilestoneData, with_milestones

    items, deps = [item("A", 5), item("M", 5)], []
    keys = with_milestones(items, deps, [MilestoneData("M", "Pilot", date(2027, 6, 30), ("A",))])
    assert keys == {"milestone:M"}
    roadmap = sequence(dataclasses.replace(snapshot(*items, deps=deps), milestones=keys))
    assert set(roadmap.placements) == {"A", "M"} and set(roadmap.milestones) == {"milestone:M"}
