"""Scores worked out by hand for each method, with the breakdown that explains them."""

from __future__ import annotations

import pytest

from roadmap.engine.inputs import CriterionData, ItemData
from roadmap.engine.scoring import ScoreModel, score_items

BENEFIT = CriterionData("b", "Benefit", weight=3, scale="1-5")
COST = CriterionData("c", "Cost", weight=1, direction="cost", scale="0-10")
FIB = CriterionData("f", "Size", weight=1, scale="fibonacci")


def test_weighted_normalises_by_scale_turns_cost_round_and_weights() -> None:
    # X: benefit 5 -> 1.0 x 3/5 = 60; cost 2 -> 1 - 0.2 = 0.8 x 1/5 = 16; fib 11 -> 0.5 x 1/5 = 10
    # Y: benefit unscored -> 0.5 x 3/5 = 30; cost 10 -> 0; fib 21 -> 1.0 x 1/5 = 20
    items = [
        ItemData("X", scores={"b": 5, "c": 2, "f": 11}),
        ItemData("Y", scores={"c": 10, "f": 21}),
    ]
    scores = score_items("weighted", [BENEFIT, COST, FIB], items)
    assert scores["X"].score == pytest.approx(86.0)
    assert scores["Y"].score == pytest.approx(50.0)
    parts = scores["X"].parts
    assert [p.label for p in parts] == ["Benefit", "Cost (cost)", "Size"]
    assert [p.contribution for p in parts] == pytest.approx([60.0, 16.0, 10.0])
    assert [p.weight for p in parts] == [3, 1, 1]
    assert scores["Y"].parts[0].value is None
    assert scores["Y"].notes == ("not scored on Benefit: counted as the middle of its scale",)
    assert scores["X"].notes == ()


def test_values_outside_the_scale_are_clamped() -> None:
    scores = score_items("weighted", [COST], [ItemData("A", scores={"c": 14})])
    assert scores["A"].score == 0.0


def test_workshop_mean_scores_use_the_scale_and_vote_totals_the_largest_total() -> None:
    means = CriterionData("w", "Workshop", scale="1-5", workshop=True)
    scores = score_items("weighted", [means], [ItemData("A", scores={"w": 3.5})])
    assert scores["A"].score == pytest.approx(62.5)  # (3.5 - 1) / 4

    items = [
        ItemData("A", scores={"w": 12}),
        ItemData("B", scores={"w": 6}),
        ItemData("C", scores={"w": 0}),
        ItemData("D"),
    ]
    scores = score_items("weighted", [means], items)
    assert [scores[k].score for k in "ABCD"] == pytest.approx([100, 50, 0, 0])
    assert scores["A"].parts[0].label == "Workshop (workshop votes)"
    assert scores["D"].notes == ("no votes on Workshop: counted as 0",)


def test_workshop_votes_weigh_in_among_the_other_criteria() -> None:
    votes = CriterionData("w", "Votes", weight=1, workshop=True)
    lead = CriterionData("v", "Value", weight=1, scale="0-10")
    items = [ItemData("A", scores={"w": 10, "v": 0}), ItemData("B", scores={"w": 5, "v": 10})]
    scores = score_items("weighted", [votes, lead], items)
    assert scores["A"].score == pytest.approx(50.0)
    assert scores["B"].score == pytest.approx(75.0)


def test_weightless_criteria_are_left_out_and_no_criteria_score_zero() -> None:
    idle = CriterionData("i", "Idle", weight=0)
    scores = score_items("weighted", [idle], [ItemData("A", scores={"i": 5})])
    assert scores["A"].score == 0.0
    assert scores["A"].notes == ("no weighted criteria: every item scores 0",)


def test_rice_is_a_share_of_the_plans_highest() -> None:
    items = [
        ItemData("A", effort=2, reach=100, impact=2, confidence=0.5),  # 50
        ItemData("B", effort=1, reach=200, impact=1, confidence=1.0),  # 200
        ItemData("C", effort=1, impact=3),  # no reach: 0
    ]
    scores = score_items("rice", [], items)
    assert [scores[k].score for k in "ABC"] == pytest.approx([25.0, 100.0, 0.0])
    a = scores["A"]
    assert [p.label for p in a.parts] == ["reach", "impact", "confidence", "effort", "RICE"]
    assert a.parts[-1].value == pytest.approx(50.0)
    assert sum(p.contribution for p in a.parts) == pytest.approx(a.score)
    assert "RICE = reach 100 x impact 2 x confidence 0.5 / effort 2 = 50" in a.notes
    assert "no reach: counted as 0" in scores["C"].notes


def test_zero_effort_counts_as_the_smallest_effort_of_the_plan() -> None:
    items = [
        ItemData("A", effort=0, reach=10, impact=1),
        ItemData("B", effort=0.5, reach=10, impact=1),
        ItemData("C", effort=2, reach=10, impact=1),
    ]
    scores = score_items("rice", [], items)
    assert scores["A"].score == scores["B"].score == 100.0
    assert scores["C"].score == pytest.approx(25.0)
    assert "no effort: counted as the plan's smallest (0.5)" in scores["A"].notes


def test_wsjf_is_cost_of_delay_over_job_size() -> None:
    items = [
        ItemData("A", effort=2, cost_of_delay=10),  # 5
        ItemData("B", effort=3, cost_of_delay=30),  # 10
        ItemData("C", effort=1),
    ]
    scores = score_items("wsjf", [], items)
    assert [scores[k].score for k in "ABC"] == pytest.approx([50.0, 100.0, 0.0])
    assert "no cost of delay: counted as 0" in scores["C"].notes


def test_moscow_bands_come_first_and_the_weighted_score_orders_within() -> None:
    value = CriterionData("v", "Value", scale="0-10")
    items = [
        ItemData("must-low", moscow="must", scores={"v": 0}),
        ItemData("must-high", moscow="must", scores={"v": 10}),
        ItemData("should-high", moscow="should", scores={"v": 10}),
        ItemData("could-mid", moscow="could", scores={"v": 5}),
        ItemData("unclassified", scores={"v": 5}),
        ItemData("wont-high", moscow="wont", scores={"v": 10}),
    ]
    scores = score_items("moscow", [value], items)
    got = {k: s.score for k, s in scores.items()}
    assert got == pytest.approx(
        {
            "must-low": 75,
            "must-high": 99,
            "should-high": 74,
            "could-mid": 37,
            "unclassified": 37,
            "wont-high": 24,
        }
    )
    assert scores["must-high"].parts[0].label == "MoSCoW: must"
    assert scores["unclassified"].notes[1] == "not classified by MoSCoW: counted as could"
    assert sum(p.contribution for p in scores["could-mid"].parts) == pytest.approx(37)


def test_mandatory_items_say_so() -> None:
    scores = score_items("weighted", [BENEFIT], [ItemData("A", mandatory=True, scores={"b": 1})])
    assert scores["A"].notes[-1].startswith("mandatory")


def test_unknown_method_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown scoring method 'kano'"):
        ScoreModel.fit("kano", [], [])


def test_same_values_score_alike_and_models_compare_by_their_figures() -> None:
    model = ScoreModel.fit("weighted", [BENEFIT], [])
    a = model.score(ItemData("A", scores={"b": 4}))
    b = model.score(ItemData("B", scores={"b": 4}))
    assert (a.score, a.parts) == (b.score, b.parts)
    assert model == ScoreModel.fit("weighted", [BENEFIT], [ItemData("Z", scores={"b": 1})])
    assert model != ScoreModel.fit("weighted", [COST], [])
