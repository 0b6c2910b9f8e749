"""Needs that weigh: the derived reach of the needs an item answers, in every scoring method."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.cli import cli
from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.inputs import CriterionData, ItemData
from roadmap.engine.needs import NeedData, need_values, on_scale
from roadmap.engine.scoring import ScoreModel
from roadmap.model.check import check_plan
from roadmap.model.inputs import PlanDoc
from roadmap.store.check import check_stored
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.store.snapshot import load_snapshot

OCT = date(2026, 10, 5)
NEEDS = "needs"


def doc(method: str = "weighted", **item_b: object) -> PlanDoc:
    """Two actors, one gap; A answers a well-backed need and closes the gap."""
    return PlanDoc.model_validate(
        {
            "format": "roadmap/2",
            "plan": {"name": "P", "start_date": "2027-01-01", "scoring_method": method},
            "sources": [{"key": "reg", "name": "Register"}],
            "stakeholders": [
                {
                    "key": "NEUVOLA",
                    "name": "Child health clinic",
                    "needs": [{"key": "NEUVOLA-1", "text": "See the family", "importance": 5}],
                    "sources": [{"source": "reg", "has_access": False}],
                },
                {
                    "key": "PERHE",
                    "name": "Family",
                    "needs": [{"key": "PERHE-2", "text": "Tell once", "importance": 3}],
                },
            ],
            "criteria": [
                {"key": "value", "name": "Value"},
                {"key": NEEDS, "name": "Needs", "weight": 2, "derived": "needs"},
            ],
            "items": [
                {"key": "A", "title": "A", "needs": ["NEUVOLA-1", "PERHE-2"], "sources": ["reg"],
                 "scores": {"value": 3}, "impact": 2},
                {"key": "B", "title": "B", "scores": {"value": 3}, "impact": 2, **item_b},
            ],
            "evidence": [
                {"key": f"E{n}", "method": "interview", "date": f"2026-{8 + n:02d}-05",
                 "stakeholder": "NEUVOLA", "needs": ["NEUVOLA-1"]}
                for n in range(3)
            ],
        }
    )  # fmt: skip


def test_the_worked_example_of_the_readme() -> None:
    interviews = (("interview", OCT),) * 3
    needs = [NeedData("NEUVOLA-1", "NEUVOLA", 5, interviews), NeedData("PERHE-2", "PERHE", 3)]
    value = need_values(
        needs, {"A": ["PERHE-2", "NEUVOLA-1"]}, {"A": ["reg"]}, [("NEUVOLA", "reg")]
    )
    a = value["A"]
    assert a.reach == pytest.approx(0.9375 + 0.3 + 0.5)
    assert [n.key for n in a.needs] == ["NEUVOLA-1", "PERHE-2"]
    assert a.notes == (
        "answers NEUVOLA-1, backed by 3 interviews, latest 2026-10",
        "answers PERHE-2, no evidence yet",
        "closes 1 access gap: NEUVOLA to reg",
    )
    assert on_scale(a.reach, 1, 5) == pytest.approx(1 + 4 * 1.7375 / 2.7375)


def test_an_actor_counts_once_however_many_of_its_needs_an_item_answers() -> None:
    needs = [NeedData("N1", "X", 5), NeedData("N2", "X", 2)]
    assert need_values(needs, {"A": ["N1", "N2"]})["A"].reach == pytest.approx(0.5)


def test_weighted_score_takes_the_derived_value_where_none_is_typed() -> None:
    snap = snapshot_of(doc())
    model = ScoreModel.fit("weighted", snap.criteria, snap.items, snap.needs)
    a, b = model.score(snap.items[0]), model.score(snap.items[1])
    assert a.score > b.score
    part = a.parts[1]
    assert part.label == "Needs (from needs)"
    assert part.value == round(on_scale(1.7375, 1, 5), 2)
    assert "answers NEUVOLA-1, backed by 3 interviews, latest 2026-10" in a.notes
    assert b.parts[1].value == 1.0
    assert "answers no need: counted at the bottom of Needs" in b.notes


def test_a_typed_value_wins_and_the_derived_one_is_shown_beside_it() -> None:
    snap = snapshot_of(doc())
    items = (snap.items[0]._replace(scores={"value": 3, NEEDS: 2}), snap.items[1])
    score = ScoreModel.fit("weighted", snap.criteria, items, snap.needs).score(items[0])
    assert (score.parts[1].label, score.parts[1].value) == ("Needs", 2)
    assert "Needs: the typed 2 counts; derived from needs: 3.54" in score.notes


@pytest.mark.parametrize(("method", "field"), [("rice", "reach"), ("wsjf", "cost of delay")])
def test_ratio_methods_take_the_derived_reach_unless_typed(method: str, field: str) -> None:
    snap = snapshot_of(doc(method))
    model = ScoreModel.fit(method, snap.criteria, snap.items, snap.needs)
    a = model.score(snap.items[0])
    assert (a.parts[0].label, a.parts[0].value) == (f"{field} (from needs)", 1.738)
    assert a.score == pytest.approx(100.0)
    typed = snap.items[0]._replace(reach=7.0, cost_of_delay=7.0)
    score = model.score(typed)
    assert score.parts[0].label == field
    assert f"(the typed {field} counts; derived from needs: 1.74)" in score.notes[0]


MORE = st.lists(st.integers(0, 3), min_size=4, max_size=4)


@settings(max_examples=60, deadline=None)
@given(
    method=st.sampled_from(["weighted", "moscow"]),
    importance=st.lists(st.integers(1, 5), min_size=4, max_size=4),
    before=MORE,
    added=MORE,
    answers=st.lists(st.lists(st.integers(0, 3), max_size=4), min_size=1, max_size=6),
    typed=st.lists(st.none() | st.integers(1, 5), min_size=6, max_size=6),
)
def test_more_evidence_never_lowers_a_score(
    method: str, importance: list, before: list, added: list, answers: list, typed: list
) -> None:
    actors = ["X", "X", "Y", "Z"]

    def needs(counts: list[int]) -> list[NeedData]:
        return [
            NeedData(f"N{i}", actors[i], importance[i], (("survey", OCT),) * n)
            for i, n in enumerate(counts)
        ]

    criteria = (CriterionData("v"), CriterionData(NEEDS, derived="needs"))
    items = [
        ItemData(f"I{j}", scores={"v": 3} if typed[j] is None else {"v": 3, NEEDS: typed[j]})
        for j in range(len(answers))
    ]
    links = {f"I{j}": [f"N{i}" for i in set(a)] for j, a in enumerate(answers)}
    old = need_values(needs(before), links)
    new = need_values(needs([b + a for b, a in zip(before, added, strict=True)]), links)
    old_model = ScoreModel.fit(method, criteria, items, old)
    new_model = ScoreModel.fit(method, criteria, items, new)
    for item in items:
        if item.key in old:
            assert new[item.key].reach >= old[item.key].reach
        assert new_model.score(item).score >= old_model.score(item).score - 1e-9


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=doc())
    store.close()
    return path


def test_a_stored_plan_derives_what_its_document_does(stored: Path) -> None:
    store = Store.open(stored)
    with store.read() as session:
        snap = load_snapshot(session=session, plan_id=1)
        findings = check_stored(session=session, plan_id=1)
    store.close()
    assert snap.needs == snapshot_of(doc()).needs
    assert [str(f) for f in findings] == [str(f) for f in check_plan(doc())]


def test_check_flags_needs_without_evidence_and_items_answering_none() -> None:
    found = [str(f) for f in check_plan(doc())]
    assert "warning: need PERHE-2: no evidence backs it (Family: Tell once)" in found
    assert "warning: item B: answers no need" in found
    assert not any("NEUVOLA-1: no evidence" in f or "item A: answers" in f for f in found)


def test_plan_explain_names_the_needs_and_evidence_behind_a_score(stored: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(stored), "plan", "--explain", "A"])
    assert result.exit_code == 0, result.output
    assert "Needs (from needs)" in result.output
    assert "- answers NEUVOLA-1, backed by 3 interviews, latest 2026-10" in result.output
    assert "- closes 1 access gap: NEUVOLA to reg" in result.output
