"""Baselines as data, the diff against them, Now/Next/Later, and one item explained."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date

import pytest

from roadmap.clock import set_today
from roadmap.engine.baseline import diff, from_data, to_data
from roadmap.engine.explanations import explain
from roadmap.engine.horizons import horizons
from roadmap.engine.sequence import sequence
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import change_text

from .build import CAL, item, snapshot
from .random_plans import random_snapshot


def english(change) -> str:
    """``change`` as an English reader reads it, periods as typed back (``2027-Q2``)."""
    return change_text(change, CAL.label, Lang("en"))


def test_a_roadmap_survives_json_unchanged() -> None:
    roadmap = sequence(random_snapshot(random.Random(3), 80))
    assert roadmap.warnings and roadmap.placements
    assert from_data(json.loads(json.dumps(to_data(roadmap)))) == roadmap


def test_a_baseline_saved_with_english_sentences_reads_and_is_worded_anew() -> None:
    """Baselines saved before reasons and warnings carried every field held an English
    ``text`` instead: they read, and are worded in the reader's language from what they have."""
    from roadmap.i18n.lang import Lang
    from roadmap.i18n.terms import reason_text, warning_text

    data = to_data(sequence(snapshot(item("A", 9), item("B", 1, deadline=date(2027, 3, 31)))))
    for row in [*data["warnings"], *data["placements"]["B"]["reasons"]]:
        for name in ("first", "pinned", "day", "gap", "cause", "deadline", "due", "unknown"):
            row.pop(name, None)
        row["text"] = "team dev is full in 2027-Q1 with A, ranked higher"
    old = from_data(data)
    fi = Lang("fi")
    (warning,) = old.warnings
    assert warning_text(warning, CAL.label, fi) == "B päättyy jaksolla 2027-Q2, määräajan jälkeen."
    (reason,) = old.placements["B"].reasons
    words = "dev on täysin varattu jaksolla 2027-Q1 korkeammalle sijoittuneilla töillä: A"
    assert reason_text(reason, CAL.label, fi) == words


def test_data_of_another_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="not a saved roadmap"):
        from_data({"format": "roadmap/1"})


def test_diff_names_moves_with_reasons_additions_drops_and_priority_changes() -> None:
    before = snapshot(
        item("A", 9), item("B", 5), item("C", 1), item("D", 2), item("E", 3), item("F", 4),
        item("H", 3, team="ops"),
        teams={"dev": 2, "ops": 1},
    )  # fmt: skip
    # A falls to 0, F and H rise (H alone on its team, so it stays), D is done, E dropped,
    # G is new.
    scores = {"A": 0, "F": 8, "H": 6}
    status = {"D": "done", "E": "dropped"}
    items = [
        x._replace(
            scores={"value": scores.get(x.key, x.scores["value"])},
            status=status.get(x.key, x.status),
        )
        for x in before.items
    ]
    after = dataclasses.replace(before, items=(*items, item("G", 10)))
    old, new = sequence(before), sequence(after)
    assert {k: p.start for k, p in old.placements.items()} == {
        "A": 0, "B": 0, "C": 2, "D": 2, "E": 1, "F": 1, "H": 0,
    }  # fmt: skip
    assert {k: p.start for k, p in new.placements.items()} == {
        "A": 2, "B": 1, "C": 1, "F": 0, "G": 0, "H": 0,
    }  # fmt: skip
    changes = diff(old, new)
    assert [(c.key, c.kind) for c in changes] == [
        ("C", "earlier"),
        ("F", "earlier"),
        ("A", "later"),
        ("B", "later"),
        ("G", "added"),
        ("E", "dropped"),
        ("D", "done"),
        ("H", "priority"),
    ]
    by_key = {c.key: c for c in changes}
    a = by_key["A"]
    assert (a.before, a.after, a.priority_before, a.priority_after) == (0, 2, 90, 0)
    assert english(a) == (
        "moved later from 2027-Q1 to 2027-Q3 (priority 90 → 0): dev is fully booked from "
        "2027-Q1 to 2027-Q2, in 2027-Q2 by work ranked higher: B, C"
    )
    assert a.reasons == new.placements["A"].reasons
    assert english(by_key["B"]).startswith("moved later from 2027-Q1 to 2027-Q2: dev is fully")
    assert english(by_key["G"]) == "added in 2027-Q1"
    assert english(by_key["D"]) == "done (was planned for 2027-Q3)"
    assert english(by_key["E"]) == "dropped (was planned for 2027-Q2)"
    assert english(by_key["H"]) == "priority 30 → 60, still in 2027-Q1"
    assert diff(new, new) == ()


def test_horizons_group_by_start_and_order_committed_then_priority() -> None:
    snap = snapshot(
        item("A", 9), item("B", 2, mandatory=True), item("C", 7), item("D", 5), item("E", 1),
        teams={"dev": 1},
    )  # fmt: skip
    groups = horizons(sequence(snap), CAL, day=CAL.start)
    keys = {name: [p.key for p in rows] for name, rows in groups.items()}
    assert keys == {"now": ["B"], "next": ["A", "C"], "later": ["D", "E"]}
    wide = horizons(sequence(snap), CAL, day=CAL.start, now_periods=2, next_periods=1)
    assert [p.key for p in wide["now"]] == ["B", "A"]


def test_horizons_count_from_today_and_the_clock_can_be_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Five quarters of work from 2027-Q1. On 2027-08-15 (Q3) what starts in Q1-Q3 is Now,
    # Q4 and 2028-Q1 are Next; nothing is Later.
    snap = snapshot(*(item(k, 9 - n) for n, k in enumerate("ABCDE")), teams={"dev": 1})
    roadmap = sequence(snap)
    keys = lambda groups: {name: [p.key for p in rows] for name, rows in groups.items()}  # noqa: E731
    expected = {"now": ["A", "B", "C"], "next": ["D", "E"], "later": []}
    assert keys(horizons(roadmap, CAL, day=date(2027, 8, 15))) == expected
    monkeypatch.setenv("ROADMAP_TODAY", "2027-08-15")
    assert keys(horizons(roadmap, CAL)) == expected
    set_today(date(2026, 6, 1))  # before the plan starts: nothing is Now yet
    try:
        assert keys(horizons(roadmap, CAL))["now"] == []
    finally:
        set_today(None)
    monkeypatch.setenv("ROADMAP_TODAY", "15.8.2027")
    with pytest.raises(ValueError, match=r"ROADMAP_TODAY='15\.8\.2027' is not a date"):
        horizons(roadmap, CAL)


def test_explain_gathers_score_placement_dependencies_and_warnings() -> None:
    snap = snapshot(
        item("A", 9), item("B", 1, deadline=CAL.end_of(0)), item("C"), item("Z", status="done"),
        deps=[("Z", "A", "hard"), ("A", "B", "hard"), ("B", "C", "soft")],
    )  # fmt: skip
    roadmap = sequence(snap)
    ex = explain(snap, roadmap, "B")
    assert (ex.title, ex.status, ex.blocks, ex.blocked_by) == ("Item B", "idea", ("C",), ("A", "Z"))
    assert ex.placement == roadmap.placements["B"]
    assert ex.score == roadmap.scores["B"]
    assert [w.kind for w in ex.warnings] == ["deadline"]
    done = explain(snap, roadmap, "Z")
    assert (done.score, done.placement, done.blocks) == (None, None, ("A", "B", "C"))
    with pytest.raises(KeyError, match="no item 'Q'"):
        explain(snap, roadmap, "Q")


def test_diff_names_changed_ends_efforts_teams_and_periods() -> None:
    # A takes all of dev (2 a quarter) in Q1, so C starts in Q2: tripling its effort moves its
    # end to Q3 though it starts where it did. D moves to another team of the same size; E's
    # effort grows within its quarter.
    before = snapshot(item("A", 9, effort=2), item("C", 5), item("D", 4, team="ops"),
                      item("E", 3, team="qa", effort=0.5),
                      teams={"dev": 2, "ops": 1, "web": 1, "qa": 1})  # fmt: skip
    changed = {"C": {"effort": 3.0}, "D": {"team": "web"}, "E": {"effort": 1.0}}
    after = dataclasses.replace(
        before, items=tuple(x._replace(**changed.get(x.key, {})) for x in before.items)
    )
    old, new = sequence(before), sequence(after)
    changes = {c.key: c for c in diff(old, new)}
    assert [(k, c.kind) for k, c in changes.items()] == [
        ("C", "ends_later"), ("D", "team"), ("E", "effort"),
    ]  # fmt: skip
    c = changes["C"]
    assert (c.before, c.after, c.effort_before, c.effort_after) == (1, 2, 1.0, 3.0)
    assert english(c).startswith(
        "ends in 2027-Q3 rather than 2027-Q2 (1 → 2 periods, effort 1 → 3)"
    )
    assert english(changes["D"]) == "team ops → web, still in 2027-Q1"
    assert (changes["D"].team_before, changes["D"].team_after) == ("ops", "web")
    assert english(changes["E"]) == "effort 0.5 → 1, still in 2027-Q1"
