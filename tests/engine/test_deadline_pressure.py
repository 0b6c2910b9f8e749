"""Deadline pressure as a scoring input: a plan that opts in (a criterion ``derived:
deadline``) raises the items whose deadlines are at risk, and says so."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings

from roadmap.engine.deadlines import AT_RISK, pressures
from roadmap.engine.explanations import explain
from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.inputs import CriterionData, MilestoneData, with_milestones
from roadmap.engine.sequence import sequence
from roadmap.i18n import set_language
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan

from .build import VALUE, item, snapshot
from .random_plans import snapshots

URGENCY = CriterionData("urgency", "Urgency", scale="0-10", derived="deadline")


def _plan(*criteria: CriterionData, b_scores: dict | None = None):
    b = item("B", 5, effort=2, deadline=date(2027, 6, 30))
    return snapshot(
        item("A", 9),
        b if b_scores is None else b._replace(scores=b_scores),
        item("C", 1, deadline=date(2028, 12, 31)),
        criteria=criteria,
    )


def test_a_deadline_at_risk_raises_the_item_and_it_is_met() -> None:
    plain = sequence(_plan(VALUE))
    assert (plain.placements["A"].start, plain.placements["B"].end) == (0, 2)
    assert [w.items for w in plain.warnings if w.kind == "deadline"] == [("B",)]
    pressed = sequence(_plan(VALUE, URGENCY))
    # B needs both periods left before its deadline: full pressure, the top of Urgency.
    score = pressed.scores["B"]
    part = next(p for p in score.parts if p.label == "Urgency (from deadline pressure)")
    assert (part.value, round(part.contribution, 1)) == (10.0, 50.0)
    assert score.score == 75.0 and pressed.scores["A"].score == 45.0
    note = "deadline 30 Jun 2027: needs 2 of the 2 periods left, at risk: deadline pressure 1.00"
    assert note in score.notes
    assert (pressed.placements["B"].start, pressed.placements["B"].end) == (0, 1)
    assert not [w for w in pressed.warnings if w.kind == "deadline"]
    # C has years to spare: no pressure, said in its notes.
    c = pressed.scores["C"]
    assert "deadline 31 Dec 2028: needs 1 of the 8 periods left, not at risk" in c.notes
    assert next(p for p in c.parts if p.label.startswith("Urgency")).value == 0.0


def test_the_explanation_says_how_the_deadline_raised_it() -> None:
    snap = _plan(VALUE, URGENCY)
    roadmap = sequence(snap)
    assert explain(snap, roadmap, "B").deadline == (
        "It meets its deadline 30 Jun 2027, in its last period. Its deadline 30 Jun 2027 is at "
        "risk: it needs 2 of the 2 periods left, which raises it on Urgency."
    )
    assert explain(snap, roadmap, "C").deadline.endswith("with 4 periods to spare.")
    set_language("sv")
    assert "Dess tidsfrist 30 juni 2027 är i fara: den behöver 2 av de 2 perioder som återstår" in (
        explain(snap, roadmap, "B").deadline
    )


def test_a_typed_value_wins_and_the_plan_without_the_criterion_is_untouched() -> None:
    typed = sequence(_plan(VALUE, URGENCY, b_scores={"value": 5, "urgency": 2}))
    part = next(p for p in typed.scores["B"].parts if p.label == "Urgency")
    assert part.value == 2
    assert "Urgency: the typed 2 counts; deadline pressure: 10" in typed.scores["B"].notes
    assert not any("deadline" in n for n in sequence(_plan(VALUE)).scores["B"].notes)


def test_work_leading_to_a_deadline_milestone_and_its_blockers_are_pressed() -> None:
    items = [item("A", 9), item("P", 2), item("L", 5, effort=1)]
    deps = [("P", "L", "hard")]
    points = with_milestones(
        items, deps, [MilestoneData("M", "Decision", date(2027, 6, 30), ("L",), deadline=True)]
    )
    snap = dataclasses.replace(
        snapshot(*items, deps=deps, criteria=(VALUE, URGENCY)), milestones=points
    )
    found = pressures(snap)
    assert (found["L"].needed, found["L"].left, found["L"].value) == (2, 2, 1.0)
    roadmap = sequence(snap)
    # P waits for nothing but L waits for it: it inherits L's raised rank and goes first.
    assert roadmap.placements["P"].start == 0 and roadmap.placements["L"].start == 1
    assert roadmap.placements["P"].inherited_from == "L"


def test_the_pressure_counts_from_today() -> None:
    snap = dataclasses.replace(_plan(VALUE, URGENCY), today=date(2027, 5, 1))
    found = pressures(snap)["B"]
    assert (found.needed, found.left, found.value) == (2, 1, 1.0)
    late = dataclasses.replace(snap, today=date(2027, 8, 1))
    assert pressures(late)["B"].left == 0
    assert "deadline 30 Jun 2027 has passed: deadline pressure 1" in (
        sequence(late).scores["B"].notes
    )


def test_plan_files_and_the_store_carry_the_criterion(store: Store) -> None:
    doc = PlanDoc.model_validate(
        {
            "plan": {"name": "P", "start_date": "2027-01-01"},
            "organisations": [{"key": "O", "name": "Org"}],
            "teams": [{"key": "dev", "organisation": "O", "name": "Dev", "capacity": 1}],
            "criteria": [
                {"key": "value", "name": "Value", "scale": "0-10"},
                {"key": "urgency", "name": "Urgency", "scale": "0-10", "derived": "deadline"},
            ],
            "items": [
                {"key": "A", "title": "A", "team": "dev", "scores": {"value": 9}},
                {"key": "B", "title": "B", "team": "dev", "effort": 2,
                 "scores": {"value": 5}, "deadline": "2027-06-30"},
            ],
        }
    )  # fmt: skip
    with store.write() as session:
        plan_id = write_plan(session=session, doc=doc).id
    with store.read() as session:
        back = read_plan(session=session, plan_id=plan_id)
    assert back.criteria == doc.criteria
    assert sequence(snapshot_of(doc)).placements["B"].start == 0


@settings(max_examples=60, deadline=None)
@given(snapshots())
def test_pressure_is_a_share_and_only_deadlines_at_risk_press(snap) -> None:
    for key, found in pressures(snap).items():
        assert 0.0 <= found.value <= 1.0, key
        if found.left <= 0:
            assert found.value == 1.0
        elif found.needed < AT_RISK * found.left:
            assert found.value == 0.0
        else:
            assert found.value == round(min(found.needed / found.left, 1.0), 2)
