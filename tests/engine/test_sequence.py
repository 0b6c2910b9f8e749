"""Small plans whose right roadmap can be stated by hand (quarters from 2027-Q1)."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.engine import sequence as sequence_module
from roadmap.engine.inputs import TeamData
from roadmap.engine.sequence import Sequencer, sequence

from .build import item, snapshot
from .random_plans import random_snapshot, snapshots


def _starts(roadmap) -> dict[str, int]:
    return {key: p.start for key, p in roadmap.placements.items()}


def _kinds(placement) -> list[str]:
    return [r.kind for r in placement.reasons]


def test_hard_dependencies_finish_before_their_dependants_start() -> None:
    snap = snapshot(
        item("A"), item("B"), item("C"),
        deps=[("A", "B", "hard"), ("B", "C", "hard")],
        teams={"dev": 10},
    )  # fmt: skip
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"A": 0, "B": 1, "C": 2}
    b = roadmap.placements["B"].reasons[0]
    assert (b.kind, b.items, b.period) == ("dependency", ("A",), 0)
    a = roadmap.placements["A"].reasons[0]
    assert (a.kind, a.items, a.period) == ("start", (), 0)
    assert roadmap.critical_path == ("A", "B", "C")
    assert roadmap.periods == 3
    assert roadmap.warnings == ()


def test_a_full_team_takes_the_higher_ranked_items_first_and_says_who_holds_the_rest() -> None:
    snap = snapshot(item("A", 9), item("B", 5), item("C", 7), item("D", 1), teams={"dev": 2})
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"A": 0, "B": 1, "C": 0, "D": 1}
    reason = roadmap.placements["B"].reasons[0]
    assert (reason.kind, reason.items, reason.period, reason.team) == (
        "capacity",
        ("A", "C"),
        0,
        "dev",
    )
    assert (reason.first, reason.pinned) == (0, ())
    assert roadmap.placements["A"].load == ((0, 1.0),)
    assert roadmap.placements["A"].effective_priority == pytest.approx(90.0)


def test_an_item_larger_than_a_period_spans_periods() -> None:
    roadmap = sequence(snapshot(item("X", effort=5), teams={"dev": 2}))
    x = roadmap.placements["X"]
    assert (x.start, x.end, x.load) == (0, 2, ((0, 2.0), (1, 2.0), (2, 1.0)))


def test_blockers_of_important_work_inherit_its_priority() -> None:
    # H (90) waits for L (10); M (50) stands alone. L goes first as if it were worth 90.
    snap = snapshot(item("H", 9), item("L", 1), item("M", 5), deps=[("L", "H", "hard")])
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"L": 0, "H": 1, "M": 2}
    low = roadmap.placements["L"]
    assert (low.score, low.effective_priority, low.inherited_from) == pytest.approx((10, 90, "H"))
    assert "inherits priority 90 from H, which it blocks" in roadmap.scores["L"].notes
    assert roadmap.placements["H"].inherited_from is None
    m = roadmap.placements["M"].reasons[0]
    assert (m.kind, m.team, m.first, m.period, m.items) == ("capacity", "dev", 0, 1, ("H",))


def test_pinned_items_stay_where_pinned_and_others_work_around_them() -> None:
    snap = snapshot(item("P", 0, pinned_period=2), item("A", 9, effort=3))
    roadmap = sequence(snap)
    p, a = roadmap.placements["P"], roadmap.placements["A"]
    assert (p.start, p.end, _kinds(p)) == (2, 2, ["pinned"])
    assert p.reasons[0].period == 2
    assert (a.start, a.end, a.load) == (0, 3, ((0, 1.0), (1, 1.0), (3, 1.0)))
    assert p.committed


def test_pinned_work_beyond_capacity_starts_as_pinned_and_is_reported() -> None:
    snap = snapshot(item("P1", 5, pinned_period=1), item("P2", 1, pinned_period=1))
    roadmap = sequence(snap)
    p1, p2 = roadmap.placements["P1"], roadmap.placements["P2"]
    assert (p1.start, p1.load) == (1, ((1, 1.0),))
    assert (p2.start, p2.load) == (1, ((2, 1.0),))
    (warning,) = roadmap.warnings
    assert (warning.kind, warning.items, warning.team, warning.period) == (
        "overload",
        ("P2",),
        "dev",
        1,
    )
    assert warning.cause == "pinned"


def test_nothing_starts_before_its_earliest_start() -> None:
    roadmap = sequence(snapshot(item("E", earliest_start=date(2027, 8, 15))))
    e = roadmap.placements["E"]
    assert e.start == 2
    assert (e.reasons[0].kind, e.reasons[0].period) == ("earliest_start", 2)
    assert e.reasons[0].day == date(2027, 8, 15)


def test_soft_dependencies_are_followed_when_capacity_allows() -> None:
    snap = snapshot(
        item("S", team="ops"), item("T"),
        deps=[("S", "T", "soft")], teams={"dev": 1, "ops": 1},
    )  # fmt: skip
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"S": 0, "T": 1}
    t = roadmap.placements["T"].reasons[0]
    assert (t.kind, t.items, t.period) == ("soft_dependency", ("S",), 0)


def test_soft_dependencies_give_way_when_the_blocker_is_held_back_by_capacity() -> None:
    # ops is busy with O (90) in 2027-Q1, so S waits until 2027-Q2; T does not wait for it.
    snap = snapshot(
        item("O", 9, team="ops"), item("S", 1, team="ops"), item("T", 5),
        deps=[("S", "T", "soft")], teams={"dev": 1, "ops": 1},
    )  # fmt: skip
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"O": 0, "S": 1, "T": 0}
    (warning,) = roadmap.warnings
    assert (warning.kind, warning.items) == ("soft_dependency", ("T", "S"))
    assert (warning.team, warning.period) == ("ops", 1)


def test_done_items_count_as_finished_and_dropped_ones_are_left_out_with_a_warning() -> None:
    snap = snapshot(
        item("D", status="done"), item("X"),
        item("R", status="dropped"), item("Y"),
        deps=[("D", "X", "hard"), ("R", "Y", "hard")], teams={"dev": 2},
    )  # fmt: skip
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"X": 0, "Y": 0}
    assert (roadmap.done, roadmap.dropped) == (("D",), ("R",))
    assert set(roadmap.scores) == {"X", "Y"}
    (warning,) = roadmap.warnings
    assert (warning.kind, warning.items) == ("dropped_dependency", ("Y", "R"))


def test_items_without_a_team_are_placed_without_capacity_and_reported() -> None:
    snap = snapshot(item("A", team=None, effort=40), item("B", team="ghost"), item("C"))
    roadmap = sequence(snap)
    a = roadmap.placements["A"]
    assert (a.start, a.end, a.team, _kinds(a)) == (0, 0, None, ["no_team"])
    (warning,) = roadmap.warnings
    assert (warning.kind, warning.items) == ("no_team", ("A", "B"))
    assert warning.unknown == ("ghost",)


def test_a_deadline_that_cannot_be_met_is_a_warning() -> None:
    snap = snapshot(item("A", 9), item("B", 1, deadline=date(2027, 3, 31)))
    roadmap = sequence(snap)
    assert roadmap.placements["B"].start == 1
    (warning,) = roadmap.warnings
    assert (warning.kind, warning.items, warning.period) == ("deadline", ("B",), 1)
    assert (warning.deadline, warning.due) == (date(2027, 3, 31), 0)


def test_items_a_team_can_never_finish_are_unplaced_and_so_are_their_dependants() -> None:
    gone = TeamData("gone", "Gone", 1.0, ((2, 0.0),))  # no capacity from 2027-Q3 on
    snap = snapshot(
        item("G", effort=5, team="gone"), item("H", effort=1, team="gone"), item("K"),
        deps=[("G", "K", "hard")], teams={"dev": 1, "gone": gone},
    )  # fmt: skip
    roadmap = sequence(snap)
    assert roadmap.unplaced == ("G", "K")
    assert set(roadmap.placements) == {"H"}
    found = [(w.cause, w.items, w.team, w.period) for w in roadmap.warnings if w.kind == "unplaced"]
    assert found == [("no_capacity", ("G",), "gone", 2), ("blocker", ("K", "G"), None, None)]


def test_mandatory_and_in_progress_work_comes_before_optional_work() -> None:
    snap = snapshot(item("A", 9), item("M", 1, mandatory=True), item("W", 0, status="in_progress"))
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"W": 1, "M": 0, "A": 2}
    assert roadmap.placements["M"].committed and not roadmap.placements["A"].committed
    assert "in progress: sequenced ahead of optional work" in roadmap.scores["W"].notes


def test_blockers_of_mandatory_work_are_committed_too() -> None:
    snap = snapshot(item("A", 9), item("B", 0), item("M", 1, mandatory=True),
                    deps=[("B", "M", "hard")])  # fmt: skip
    roadmap = sequence(snap)
    assert _starts(roadmap) == {"B": 0, "M": 1, "A": 2}
    assert roadmap.placements["B"].committed
    assert "blocks M, which is committed: sequenced with it" in roadmap.scores["B"].notes


def test_slack_and_critical_flags() -> None:
    snap = snapshot(
        item("A"), item("B"), item("C"), item("D"),
        deps=[("A", "B", "hard"), ("B", "C", "hard")], teams={"dev": 10},
    )  # fmt: skip
    roadmap = sequence(snap)
    got = {k: (p.critical, p.slack) for k, p in roadmap.placements.items()}
    assert got == {"A": (True, 0), "B": (True, 0), "C": (True, 0), "D": (False, 2)}


def test_capacity_changes_from_their_period_on() -> None:
    dev = TeamData("dev", "Dev", 1.0, ((1, 3.0),))
    snap = snapshot(*(item(k, v) for k, v in zip("ABCD", (9, 8, 7, 6), strict=True)),
                    teams={"dev": dev})  # fmt: skip
    assert _starts(sequence(snap)) == {"A": 0, "B": 1, "C": 1, "D": 1}


def test_work_past_the_horizon_is_reported_per_team() -> None:
    snap = snapshot(item("A", 9), item("B", 8), item("C", 7), horizon=2)
    (warning,) = sequence(snap).warnings
    assert (warning.kind, warning.items, warning.team) == ("overload", ("C",), "dev")
    assert (warning.cause, warning.period) == ("horizon", 1)


def test_unknown_keys_in_dependencies_and_repeated_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="no item Z"):
        sequence(snapshot(item("A"), deps=[("Z", "A", "hard")]))
    with pytest.raises(ValueError, match="item key A is used twice"):
        sequence(snapshot(item("A"), item("A")))


def test_months_and_days_calendars_label_reasons() -> None:
    from roadmap.engine.inputs import Snapshot
    from roadmap.i18n.labels import PeriodLabel
    from roadmap.i18n.lang import Lang
    from roadmap.i18n.terms import reason_text
    from roadmap.model.periods import Calendar

    base = snapshot(item("A"), item("B"), deps=[("A", "B", "hard")])
    en = Lang("en")
    for unit, label in (("month", "January 2027"), ("day", "1 Jan 2027")):
        snap = Snapshot(Calendar(date(2027, 1, 1), unit), base.items, base.dependencies,
                        base.teams, base.criteria)  # fmt: skip
        reason = sequence(snap).placements["B"].reasons[0]
        words = reason_text(reason, PeriodLabel(snap.calendar, en), en)
        assert words == f"after A (ready in {label})"


@pytest.mark.parametrize("resume", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_re_sequencing_after_a_change_gives_what_a_full_run_gives(seed: int, resume: bool) -> None:
    """Whether the sequencer resumes from its copies of the team loads, or keeps none (as
    for a single run) and schedules anew."""
    rng = random.Random(seed)
    snap = random_snapshot(rng, 120)
    sequencer = Sequencer(snap, resume=resume)
    sequencer.roadmap()
    for _ in range(8):
        old = rng.choice(snap.items)
        if rng.random() < 0.75:
            new = old._replace(scores={"value": rng.randint(0, 10)})
        else:
            new = old._replace(effort=rng.choice((0.5, 1, 3)))
        snap = dataclasses.replace(
            snap, items=tuple(new if x.key == new.key else x for x in snap.items)
        )
        assert sequencer.update_item(new) == sequence(snap)


def test_re_sequencing_before_a_first_run_sequences_the_changed_plan() -> None:
    snap = snapshot(item("A", 5), item("B", 3))
    new = snap.items[1]._replace(scores={"value": 9})
    changed = dataclasses.replace(snap, items=(snap.items[0], new))
    assert Sequencer(snap).update_item(new) == sequence(changed)


def test_re_sequencing_takes_in_a_new_item() -> None:
    sequencer = Sequencer(snapshot(item("A", 5)))
    sequencer.roadmap()
    assert sequencer.item("B") is None
    roadmap = sequencer.update_item(item("B", 9))
    assert {k: p.start for k, p in roadmap.placements.items()} == {"A": 1, "B": 0}
    assert sequencer.item("B") == item("B", 9)


def test_re_sequencing_rescores_everything_when_the_plan_wide_figures_change() -> None:
    snap = snapshot(item("A", reach=10, impact=1), item("B", reach=5, impact=1), method="rice",
                    criteria=())  # fmt: skip
    sequencer = Sequencer(snap)
    assert sequencer.roadmap().scores["B"].score == pytest.approx(50)
    new = snap.items[0]._replace(reach=20)
    assert sequencer.update_item(new).scores["B"].score == pytest.approx(25)


@settings(max_examples=150, deadline=None)
@given(snapshots(max_items=40), st.data())
def test_re_sequencing_after_score_changes_gives_what_a_full_run_gives(snap, data) -> None:
    """Rises and falls, one after another, over pins, soft dependencies, capacity changes and
    committed work: every update equals a fresh run of the changed plan, whichever step the
    re-run starts from and meets the previous run at."""
    every = data.draw(st.sampled_from((1, 2, 3, 5, 1024)))
    with mock.patch.object(sequence_module, "CHECKPOINT", every):
        _check_updates(snap, data)


def _check_updates(snap, data) -> None:
    sequencer = Sequencer(snap)
    assert sequencer.roadmap() == sequence(snap)
    if not snap.items:
        return
    for _ in range(data.draw(st.integers(1, 6))):
        old = data.draw(st.sampled_from(snap.items))
        new = old._replace(
            scores={"value": data.draw(st.integers(0, 10))},
            mandatory=data.draw(st.booleans()) if data.draw(st.booleans()) else old.mandatory,
        )
        snap = dataclasses.replace(
            snap, items=tuple(new if x.key == new.key else x for x in snap.items)
        )
        assert sequencer.update_item(new) == sequence(snap)


@pytest.mark.parametrize("seed", range(4))
def test_re_sequencing_a_larger_plan_many_times_gives_what_a_full_run_gives(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sequence_module, "CHECKPOINT", 16)
    rng = random.Random(seed)
    snap = random_snapshot(rng, 400)
    sequencer = Sequencer(snap)
    sequencer.roadmap()
    for _ in range(25):
        old = rng.choice(snap.items)
        new = old._replace(scores={"value": rng.randint(0, 10)})
        snap = dataclasses.replace(
            snap, items=tuple(new if x.key == new.key else x for x in snap.items)
        )
        assert sequencer.update_item(new) == sequence(snap)
