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
from tui.conftest import until

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
        await until(pilot, lambda: str(app.query_one("#voted").value) == "3", "three voters")
        await pilot.press("f7")
        await settle(pilot)
        assert app.live.round.applied is False
        await pilot.press("f5", "f6")
        await settle(pilot)
        assert app.live.round.state == "locked"  # revealing asks first
        assert "Show the results of round 1" in str(app.screen.query_one(".question").render())
        await pilot.press("y")
        await settle(pilot)
        assert app.live.round.state == "revealed"
        assert app.live.results[0].key == last
        with demo_store.read() as s:
            before = sequence(load_snapshot(session=s, plan_id=workshop.plan_id))
        await pilot.press("f7")
        await settle(pilot)
        preview = str(app.screen.query_one("#preview").source)
        assert f"{last} " in preview and "5" in preview and "→" in preview
        with demo_store.read() as s:  # the preview wrote nothing
            assert sequence(load_snapshot(session=s, plan_id=workshop.plan_id)) == before
        await pilot.press("y")
        await settle(pilot)
        assert app.outcome is not None
    with demo_store.read() as s:
        crit = s.exec(select(t.Criterion).where(t.Criterion.key == "workshop-r1")).one()
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
    assert crit.workshop and values[last] == 5.0  # a criterion of the round's own
    assert after.scores[last].score > before.scores[last].score
    moved = {c.key for c in app.outcome.changes if c.kind in ("earlier", "later")}
    starts = {key: p.start for key, p in before.placements.items()}
    assert moved and moved == {k for k, p in after.placements.items() if p.start != starts[k]}
    assert decisions and "results of round 1" in decisions[0]


async def test_reopen_asks_and_applying_can_be_undone_and_the_round_deleted(
    demo_store: Store,
) -> None:
    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        workshop = _session(demo_store)
        app.start_round("dots", budget=3, per_item=3, text="CI-2")
        await settle(pilot)
        rnd = app.live.round
        with demo_store.write() as s:
            who = workshop_sessions.join(session=s, code=workshop.code, name="P")[0].id
            workshop_rounds.cast_vote(
                session=s, round_id=rnd.id, participant_id=who, item_key=rnd.items[0], value=2
            )
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state="revealed")
        with demo_store.read() as s:
            before = sequence(load_snapshot(session=s, plan_id=workshop.plan_id))
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert "Reopen voting on round 1" in str(app.screen.query_one(".question").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.live.round.state == "revealed"
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.live.round.applied
        await pilot.press("f9", "y")
        await settle(pilot)
        assert app.live.round is not None  # refused: results are in the plan
        await pilot.press("f8")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not app.live.round.applied
        with demo_store.read() as s:
            assert sequence(load_snapshot(session=s, plan_id=workshop.plan_id)) == before
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.live.round is None


async def test_the_capture_box_has_the_focus_and_time_up_shows(demo_store: Store) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"first words")
        assert app.query_one("#capture").value == "first words"
        past = datetime.now(UTC) - timedelta(seconds=65)
        with demo_store.write() as s:
            s.execute(update(WorkshopSession).values(timer_deadline=past, revision=99))
        await until(pilot, lambda: app.live.workshop.revision == 99, "the new deadline read")
        app._tick()
        timer = app.query_one("#timer")
        assert timer.has_class("time-up") and str(timer.value).startswith("+01:0")


async def test_f4_opens_one_round_dialog(demo_store: Store) -> None:
    from roadmap.tui.workshop.round_dialog import RoundDialog

    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, RoundDialog)
        assert sum(isinstance(s, RoundDialog) for s in app.screen_stack) == 1


async def test_a_step_change_or_reveal_shows_the_round_with_the_title(demo_store: Store) -> None:
    """The round's table is drawn with the new title, not by a reader that comes later."""
    from roadmap.store import workshop_results

    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        workshop = _session(demo_store)
        with demo_store.write() as s:
            workshop_sessions.set_step(session=s, session_id=workshop.id, step=4)
            rnd = workshop_rounds.new_round(
                session=s, session_id=workshop.id, method="dots", filter_text="CI-2"
            )
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state="revealed")
        with demo_store.read() as s:
            live = workshop_results.load_live(session=s, session_id=workshop.id, lang="en")
        app._loaded(live)  # no pause, no worker: what the window shows right away
        assert "Step 5/7" in str(app.query_one("#step-title").render())
        assert "Round 1: REVEALED" in app.query_one("#content").source


async def test_the_round_dialog_cancels_and_starts_over_chosen_items(demo_store: Store) -> None:
    from textual.widgets import Input, Select

    from roadmap.tui.workshop.round_dialog import RoundDialog

    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.click("#cancel")
        await pilot.pause()
        assert not isinstance(app.screen, RoundDialog)
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#choose", Select).value = "keys"
        app.screen.query_one("#filter", Input).value = "CI-3 CI-5"
        await pilot.click("#start")
        await settle(pilot)
        assert app.live.round is not None and app.live.round.items == ["CI-3", "CI-5"]


async def test_ideas_from_the_room_show_and_f12_takes_them_in(sqlite_store: Store) -> None:
    from .plans import seed

    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=1)  # needs
        who = workshop_sessions.join(session=s, code=code, name="Anna")[0].id
        workshop_sessions.submit_idea(
            session=s, session_id=session_id, participant_id=who, text="One contact person"
        )
    app = make_facilitator_app(sqlite_store, plan="small", lang="en", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        source = app.query_one("#content").source
        assert "Ideas from the room" in source and "One contact person" in source
        await pilot.press("f12")
        await settle(pilot)
        assert "Ideas from the room" not in app.query_one("#content").source
    with sqlite_store.read() as s:
        kinds = s.exec(select(WorkshopNote.kind, WorkshopNote.text)).all()
    assert kinds == [("need", "One contact person")]


async def test_big_view_bars_and_a_bell_when_time_is_up(demo_store: Store) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from roadmap.tui.workshop.facilitator import BigView

    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=0.1, bell=True)
    rings = []
    async with app.run_test(size=SIZE) as pilot:
        app.bell = lambda: rings.append(1)
        await settle(pilot)
        workshop = _session(demo_store)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, BigView)
        assert str(app.screen.query_one("#big-code").value) == workshop.code
        past = datetime.now(UTC) - timedelta(seconds=5)
        with demo_store.write() as s:
            s.execute(update(WorkshopSession).values(timer_deadline=past, revision=99))
        await until(pilot, lambda: app.live.workshop.revision == 99, "the new deadline read")
        app._tick()
        app._tick()
        assert app.screen.query_one("#timer").has_class("time-up") and rings == [1]
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, BigView)
        with demo_store.write() as s:
            workshop_sessions.set_step(session=s, session_id=workshop.id, step=4)
            rnd = workshop_rounds.new_round(
                session=s, session_id=workshop.id, method="dots", filter_text="CI-2"
            )
            who = workshop_sessions.join(session=s, code=workshop.code, name="P")[0].id
            workshop_rounds.cast_vote(
                session=s, round_id=rnd.id, participant_id=who, item_key=rnd.items[0], value=3
            )
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state="revealed")
        await until(pilot, lambda: "█" * 20 in app.query_one("#content").source, "the results")


async def test_the_results_and_the_moves_word_their_periods_as_the_window_speaks(
    demo_store: Store,
) -> None:
    """The preview of a round's results and the moves after them name periods as the
    documents do (Q3/2027 in Finnish), never in the form typed back (2027-Q3)."""
    import re

    canonical, worded = re.compile(r"\b20\d\d-Q[1-4]\b"), re.compile(r"\bQ[1-4]/20\d\d\b")
    app = make_facilitator_app(demo_store, name="Työpaja", lang="fi", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        workshop = _session(demo_store)
        with demo_store.write() as s:
            workshop_sessions.set_step(session=s, session_id=workshop.id, step=4)
        app.start_round("dots", budget=3, per_item=3, text="CI-2")
        await settle(pilot)
        rnd = app.live.round
        with demo_store.write() as s:
            voters = [
                workshop_sessions.join(session=s, code=workshop.code, name=f"P{n}")[0].id
                for n in range(3)
            ]
        for who in voters:
            with demo_store.write() as s:
                workshop_rounds.cast_vote(
                    session=s, round_id=rnd.id, participant_id=who, item_key=max(rnd.items),
                    value=3,
                )  # fmt: skip
        await until(pilot, lambda: str(app.query_one("#voted").value) == "3", "three voters")
        await pilot.press("f5", "f6", "y")
        await until(pilot, lambda: app.live.round.state == "revealed", "the results")
        await pilot.press("f7")
        await until(pilot, lambda: app.screen.query("#preview"), "the preview")
        preview = str(app.screen.query_one("#preview").source)
        assert "| Kohde |" in preview and "| Pisteet |" in preview
        assert worded.search(preview) and not canonical.search(preview)
        await pilot.press("y")
        await until(pilot, lambda: app.outcome is not None, "the results in the plan")
        with demo_store.write() as s:
            workshop_sessions.set_step(session=s, session_id=workshop.id, step=6)
        content = app.query_one("#content")
        await until(
            pilot, lambda: "Tulokset kirjattiin" in str(content.source), "the moves in the plan"
        )
        moves = str(content.source).split("\n\n")[:2]
        assert worded.search(moves[1]) and not canonical.search(str(content.source))
