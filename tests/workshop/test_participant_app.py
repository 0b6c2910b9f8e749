"""The participant's app through Pilot: joining, voting within the budget, seeing it saved."""

from __future__ import annotations

import contextlib

from sqlmodel import select
from textual.worker import WorkerCancelled

from roadmap.model.workshop_tables import WorkshopParticipant, WorkshopVote
from roadmap.store import workshop_rounds
from roadmap.store.db import Store
from roadmap.tui.workshop.participant import ItemRow, JoinScreen, make_participant_app

from .plans import seed

SIZE = (100, 40)


async def settle(pilot) -> None:
    """Let the app's reads and writes finish (a newer poll may cancel an older one)."""
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _votes(store: Store) -> list[tuple[str, int]]:
    with store.read() as s:
        return sorted(s.exec(select(WorkshopVote.item_key, WorkshopVote.value)).all())


async def test_wrong_code_is_refused_and_right_code_joins(sqlite_store: Store) -> None:
    _, _, code = seed(sqlite_store)
    app = make_participant_app(sqlite_store, code=None, poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JoinScreen)
        await pilot.click("#code")
        await pilot.press(*"ZZZZZZ", "enter", *"Anna", "enter")
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen)
        assert "No workshop has that code" in str(app.screen.query_one("#join-error").render())
        app.screen.query_one("#code").value = code.lower()
        await pilot.click("#join-button")
        await settle(pilot)
        assert not isinstance(app.screen, JoinScreen)
    with sqlite_store.read() as s:
        assert s.exec(select(WorkshopParticipant.name)).all() == ["Anna"]


async def test_votes_are_saved_and_the_budget_holds(sqlite_store: Store) -> None:
    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=3, per_item=2
        )
    app = make_participant_app(sqlite_store, code=code, name="Anna", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = {row.key: row for row in app.screen.query(ItemRow)}
        assert list(rows) == ["A", "B", "C", "D"]
        for item in ("A", "A", "A", "B", "C"):
            await pilot.click(rows[item].query_one(".more"))
            await settle(pilot)
        saved = str(app.screen.query_one("#saved").render())
        assert "Not saved" in saved and "only 0 of your 3" in saved
        assert "0 of 3 dots left" in str(app.screen.query_one("#status").render())
        await pilot.click(rows["B"].query_one(".less"))
        await settle(pilot)
        assert "✔ Your votes are saved." in str(app.screen.query_one("#saved").render())
        assert str(rows["A"].query_one(".given").render()) == "2"
    assert _votes(sqlite_store) == [("A", 2)]
    again = make_participant_app(sqlite_store, code=code, name="Anna", poll=0.1)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 of 3 dots left" in str(again.screen.query_one("#status").render())


async def test_a_typed_name_cannot_take_over_a_participant(sqlite_store: Store, tmp_path) -> None:
    """Another terminal typing "ANNA" is someone new; Anna's own terminal rejoins."""
    from roadmap.tui.workshop.tokens import TokenBook

    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        workshop_rounds.new_round(session=s, session_id=session_id, method="dots", budget=3)
    annas, others = TokenBook(tmp_path / "anna"), TokenBook(tmp_path / "other")
    app = make_participant_app(sqlite_store, code=code, name="Anna", poll=0.1, tokens=annas)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click(app.screen.query(ItemRow).first().query_one(".more"))
        await settle(pilot)
    intruder = make_participant_app(sqlite_store, code=code, name="ANNA", poll=0.1, tokens=others)
    async with intruder.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert intruder.sub_title == "ANNA (2)"
        assert "3 of 3 dots left" in str(intruder.screen.query_one("#status").render())
        assert [str(r.query_one(".given").render()) for r in intruder.screen.query(ItemRow)] == [
            "0"
        ] * 4
    again = make_participant_app(sqlite_store, code=code, name="anna", poll=0.1, tokens=annas)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.sub_title == "Anna"
        assert "2 of 3 dots left" in str(again.screen.query_one("#status").render())
    assert _votes(sqlite_store) == [("A", 1)]


async def test_the_join_screen_does_not_say_a_first_name_is_enough(sqlite_store: Store) -> None:
    seed(sqlite_store)
    app = make_participant_app(sqlite_store, code=None, lang="en", poll=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#name").placeholder
        assert "First name" not in hint and hint == "The name the room knows you by"
