"""Results into the plan: rounds that add up rather than overwrite, previews, undo, delete."""

from __future__ import annotations

import pytest
from sqlmodel import select

from roadmap.model import tables as t
from roadmap.model.workshop_tables import WorkshopRound, WorkshopVote
from roadmap.store import workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.store.item_write import ItemWrite, update_items
from roadmap.store.scores import all_scores
from roadmap.workshop.rules import Refused

from .plans import seed


def _people(store: Store, code: str, n: int) -> list[int]:
    with store.write() as s:
        return [workshop_sessions.join(session=s, code=code, name=f"P{i}")[0].id for i in range(n)]


def _closed_round(store: Store, session_id: int, method: str, votes, **kw) -> int:
    """A locked round with ``votes``: ``(participant, item, criterion, value)``."""
    with store.write() as s:
        round_id = workshop_rounds.new_round(
            session=s, session_id=session_id, method=method, **kw
        ).id
    for who, item, criterion, value in votes:
        with store.write() as s:
            workshop_rounds.cast_vote(
                session=s,
                round_id=round_id,
                participant_id=who,
                item_key=item,
                criterion=criterion,
                value=value,
            )
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=round_id, state="locked")
    return round_id


def _with_workshop_values(store: Store, value: float) -> int:
    """The plan's workshop criterion with every item at ``value`` (an earlier workshop)."""
    with store.write() as s:
        plan_id = s.exec(select(t.Plan.id)).one()
        workshop_results.workshop_criterion(session=s, plan_id=plan_id)
        writes = [ItemWrite(key, {"scores": {"workshop": value}}) for key in "ABCD"]
        update_items(session=s, plan_id=plan_id, writes=writes)
    return plan_id


def _scores(store: Store, plan_id: int) -> dict[str, dict[str, float]]:
    with store.read() as s:
        return all_scores(session=s, plan_id=plan_id)


def test_a_later_round_does_not_undo_what_an_earlier_one_said(store: Store) -> None:
    """The room's favourite in a dot round keeps that round's 5 after a scoring round, and
    items nobody gave a dot keep their standing instead of falling to 1."""
    _, session_id, code = seed(store)
    plan_id = _with_workshop_values(store, 4.0)
    people = _people(store, code, 3)
    dots = _closed_round(store, session_id, "dots", [(p, "A", "", 2) for p in people])
    first = workshop_results.apply_to_plan(store, dots)
    scores = _scores(store, plan_id)
    assert first.applied.criterion == "workshop-r1" and first.applied.created
    assert {k: v["workshop-r1"] for k, v in scores.items()} == {
        "A": 5.0,
        "B": 4.0,
        "C": 4.0,
        "D": 4.0,
    }
    assert all(v["workshop"] == 4.0 for v in scores.values())
    votes = [(p, "A", "benefit", v) for p, v in zip(people, (4, 4, 3), strict=True)]
    scoring = _closed_round(store, session_id, "score", votes)
    workshop_results.apply_to_plan(store, scoring)
    scores = _scores(store, plan_id)
    assert scores["A"]["workshop-r1"] == 5.0 and scores["A"]["workshop-r2"] == 3.67
    assert scores["B"]["workshop-r2"] == 4.0  # nobody scored B: its standing
    with store.read() as s:
        names = dict(s.exec(select(t.Criterion.key, t.Criterion.name)).all())
    assert names["workshop-r2"] == "Kick-off, round 2"


@pytest.mark.parametrize(("mode", "a_after"), [("average", 4.5), ("replace", 5.0)])
def test_average_and_replace_on_request(store: Store, mode: str, a_after: float) -> None:
    _, session_id, code = seed(store)
    plan_id = _with_workshop_values(store, 4.0)
    people = _people(store, code, 2)
    round_id = _closed_round(store, session_id, "dots", [(p, "A", "", 2) for p in people])
    with store.write() as s:
        applied = workshop_results.apply_results(session=s, round_id=round_id, mode=mode)
    assert (applied.criterion, applied.created, applied.before) == ("workshop", False, {"A": 4.0})
    scores = _scores(store, plan_id)
    assert scores["A"]["workshop"] == a_after
    assert [scores[k]["workshop"] for k in "BCD"] == [4.0, 4.0, 4.0]  # nobody voted: kept


def test_preview_writes_nothing_and_shows_each_item(store: Store) -> None:
    _, session_id, code = seed(store)
    plan_id = _with_workshop_values(store, 2.0)
    people = _people(store, code, 2)
    round_id = _closed_round(store, session_id, "dots", [(p, "D", "", 3) for p in people])
    before = _scores(store, plan_id)
    preview = workshop_results.apply_to_plan(store, round_id, "replace", keep=False)
    assert not preview.kept and _scores(store, plan_id) == before
    with store.read() as s:
        assert s.get(WorkshopRound, round_id).applied is False
    effects = {e.key: e for e in preview.effects}
    d = effects["D"]
    assert (d.value_before, d.value_after) == (2.0, 5.0)
    assert d.score_after > d.score_before and d.move == "earlier"
    assert preview.effects[0].key == "D"  # moved items first
    kept = workshop_results.apply_to_plan(store, round_id, "replace")
    assert kept.effects == preview.effects and _scores(store, plan_id)["D"]["workshop"] == 5.0


@pytest.mark.parametrize("mode", ["round", "replace"])
def test_applying_can_be_undone_and_rounds_deleted(store: Store, mode: str) -> None:
    _, session_id, code = seed(store)
    plan_id = _with_workshop_values(store, 3.0)
    people = _people(store, code, 2)
    round_id = _closed_round(store, session_id, "dots", [(p, "B", "", 1) for p in people])
    before = _scores(store, plan_id)
    with store.read() as s:
        criteria = set(s.exec(select(t.Criterion.key)).all())
    workshop_results.apply_to_plan(store, round_id, mode)
    assert _scores(store, plan_id) != before
    with pytest.raises(Refused, match="undo"), store.write() as s:
        workshop_rounds.delete_round(session=s, round_id=round_id)
    with pytest.raises(Refused, match="already"), store.write() as s:
        workshop_results.apply_results(session=s, round_id=round_id)
    with store.write() as s:
        workshop_results.undo_apply(session=s, round_id=round_id)
    assert _scores(store, plan_id) == before
    with store.read() as s:
        assert set(s.exec(select(t.Criterion.key)).all()) == criteria
        assert s.get(WorkshopRound, round_id).applied is False
    with store.write() as s:
        workshop_rounds.delete_round(session=s, round_id=round_id)
    with store.read() as s:
        assert s.get(WorkshopRound, round_id) is None
        assert s.exec(select(WorkshopVote)).all() == []


def test_disagreement_follows_a_stated_rule_and_unscored_items_have_no_rank() -> None:
    from roadmap.workshop.tally import tally

    votes = [(p, "A", "benefit", v) for p, v in enumerate((4, 4, 4, 3))]
    votes += [(p, "B", "benefit", v) for p, v in enumerate((5, 2, 4, 4))]
    results = {r.key: r for r in tally("score", ["A", "B", "C"], votes)}
    assert not results["A"].contested and results["A"].voters == 4
    assert results["B"].contested and (results["B"].low, results["B"].high) == (2, 5)
    assert results["C"].rank is None and results["C"].voters == 0
    assert [r.key for r in tally("score", ["C", "A", "B"], votes)] == ["A", "B", "C"]
    assert results["A"].by_criterion == (("benefit", 3.75),)


def test_rounds_choose_items_by_theme_new_ideas_or_keys(store: Store) -> None:
    plan_id, session_id, _ = seed(store)
    with store.write() as s:
        theme = t.Theme(plan_id=plan_id, key="info", name="Information")
        s.add(theme)
        s.flush()
        for key in ("B", "D"):
            item = s.exec(select(t.Item).where(t.Item.key == key)).one()
            item.theme_id = theme.id
            s.add(item)
        workshop_sessions.set_step(session=s, session_id=session_id, step=3)
        workshop_sessions.capture(session=s, session_id=session_id, text="Shared calendar")

        def chosen(how: str, value: str = "") -> list[str]:
            return workshop_rounds.new_round(
                session=s, session_id=session_id, method="dots", choose=how, filter_text=value
            ).items

        assert chosen("theme", "information") == ["B", "D"]
        assert chosen("new") == ["W1"]
        assert chosen("keys", "D, A nope") == ["A", "D"]
        assert chosen("text", "item c") == ["C"]


def test_the_projector_breaks_scores_down_per_criterion(store: Store) -> None:
    from roadmap.i18n.lang import Lang
    from roadmap.tui.workshop.facilitator import round_markdown

    _, session_id, code = seed(store)
    people = _people(store, code, 2)
    votes = [(p, "A", "benefit", v) for p, v in zip(people, (5, 1), strict=True)]
    votes += [(people[0], "A", "cost", 2)]
    round_id = _closed_round(store, session_id, "score", votes)
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=round_id, state="revealed")
    with store.read() as s:
        live = workshop_results.load_live(session=s, session_id=session_id, lang="en")
    text = round_markdown(live, Lang("en"))
    assert "| Item | Benefit | Cost |" in text and "| Item A | 3 | 2 |" in text
    assert "people disagree: from 1 to 4" in text
