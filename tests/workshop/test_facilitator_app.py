"""The facilitator's app through Pilot on the demo plan: steps, timer, capture, a round from
opening to results in the plan, with the database checked after each."""

from __future__ import annotations

from sqlmodel import select

from roadmap.engine.sequence import sequence
from roadmap.model import tables as t
from roadmap.model.workshop_tables import WorkshopNote, WorkshopSession
from roadmap.store import workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.store.snapshot import load_snapshot
from roadmap.tui.workshop.facilitator import make_facilitator_app

from .test_participant_app import settle

SIZE = (140, 45)


def _session(store: Store) -> WorkshopSession:
    with store.read() as s:
        return s.exec(select(WorkshopSession)).one()


async def test_steps_timer_and_capture(demo_store: Store) -> None:
    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        code = _session(demo_store).code
        assert str(app.query_one("#code").value) == code
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert _session(demo_store).step == 3
        assert "Step 4/7: Development items" in str(app.query_one("#step-title").render())
        await pilot.press("f2")
        await settle(pilot)
        running = _session(demo_store)
        assert running.timer_deadline is not None
        assert 24 * 60 < app.seconds_left() <= 25 * 60
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        paused = _session(demo_store)
        assert paused.timer_deadline is None
        assert 25 * 60 < paused.timer_remaining <= 26 * 60
        await pilot.click("#capture")
        await pilot.press(*"Shared family calendar", "enter")
        await settle(pilot)
    with demo_store.read() as s:
        item = s.exec(select(t.Item).where(t.Item.key == "W1")).one()
    assert item.title == "Shared family calendar"


async def test_round_lock_reveal_and_results_into_the_plan(demo_store: Store) -> None:
    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        workshop = _session(demo_store)
        with demo_store.write() as s:
            workshop_sessions.set_step(session=s, session_id=workshop.id, step=4)
        app.start_round("dots", budget=3, per_item=3, text="CI-2")
        await settle(pilot)
        rnd = app.live.round
        assert rnd is not None and rnd.state == "open"
        voters = []
        with demo_store.write() as s:
            voters = [
                workshop_sessions.join(session=s, code=workshop.code, name=f"P{n}")[0].id
                for n in range(3)
            ]
        ordered = sorted(rnd.items)
        last = ordered[-1]
        for who in voters:
            with demo_store.write() as s:
                workshop_rounds.cast_vote(
                    session=s, round_id=rnd.id, participant_id=who, item_key=last, value=3
                )
        await pilot.pause(0.3)
        await settle(pilot)
        assert str(app.query_one("#voted").value) == "3"
        await pilot.press("f7")
        await settle(pilot)
        assert app.live.round.applied is False
        await pilot.press("f5", "f6")
        await settle(pilot)
        assert app.live.round.state == "revealed"
        assert app.live.results[0].key == last
        with demo_store.read() as s:
            before = sequence(load_snapshot(session=s, plan_id=workshop.plan_id))
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert app.outcome is not None
    with demo_store.read() as s:
        crit = s.exec(select(t.Criterion).where(t.Criterion.workshop)).one()
        values = dict(
            s.exec(
                select(t.Item.key, t.ItemScore.value)
                .join(t.ItemScore, t.ItemScore.item_id == t.Item.id)
                .where(t.ItemScore.criterion_id == crit.id, t.Item.key.in_(ordered))
            ).all()
        )
        after = sequence(load_snapshot(session=s, plan_id=workshop.plan_id))
        decisions = s.exec(select(WorkshopNote.text).where(WorkshopNote.kind == "decision"))
        decisions = decisions.all()
    assert crit.key == "tyopaja"
    assert values == {key: 5.0 if key == last else 1.0 for key in ordered}
    assert after.scores[last].score > before.scores[last].score
    moved = {c.key for c in app.outcome.changes if c.kind in ("earlier", "later")}
    starts = {key: p.start for key, p in before.placements.items()}
    assert moved and moved == {k for k, p in after.placements.items() if p.start != starts[k]}
    assert decisions and "results of round 1" in decisions[0]
