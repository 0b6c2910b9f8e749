"""The participant's app through Pilot: joining, voting within the budget, seeing it saved."""

from __future__ import annotations

import contextlib

from sqlmodel import select
from textual.worker import WorkerCancelled

from roadmap.model.workshop_tables import WorkshopParticipant, WorkshopVote
from roadmap.store import workshop_rounds
from roadmap.store.db import Store
from roadmap.tui.workshop.participant import ItemRow, JoinScreen, make_participant_app
from tui.conftest import until

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


async def test_a_wrong_code_on_the_command_line_asks_again_in_the_rooms_language(
    demo_store: Store,
) -> None:
    """The demo workshop speaks Finnish: the refusal does too, and the code can be retyped."""
    from roadmap.tui.workshop.facilitator import make_facilitator_app

    make_facilitator_app(demo_store, name="Kick-off")  # a Finnish workshop
    with demo_store.read() as s:
        from roadmap.model.workshop_tables import WorkshopSession

        code = s.exec(select(WorkshopSession.code)).one()
    app = make_participant_app(demo_store, code="ZZZZZZ", name="Anna", poll=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen)
        assert (
            "millään työpajalla ei ole tätä koodia"
            in str(app.screen.query_one("#join-error").render()).lower()
        )
        field = app.screen.query_one("#code")
        assert field.value == "ZZZZZZ" and app.screen.query_one("#name").value == "Anna"
        field.value = code
        await pilot.click("#join-button")
        await settle(pilot)
        assert not isinstance(app.screen, JoinScreen)


async def test_fast_presses_all_count_and_numbers_can_be_typed(sqlite_store: Store) -> None:
    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        workshop_rounds.new_round(session=s, session_id=session_id, method="points")
    app = make_participant_app(sqlite_store, code=code, name="Anna", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = list(app.screen.query(ItemRow))
        for _ in range(7):  # no pause between presses
            await pilot.click(rows[0].query_one(".more"))
        await settle(pilot)
        amount = rows[1].query_one(".amount")
        amount.focus()
        amount.value = "37"
        await pilot.press("enter")
        await settle(pilot)
        assert "28 of 100 points left" in str(app.screen.query_one("#status").render())
        assert _votes(sqlite_store) == [("A", 35), ("B", 37)]


async def test_a_refusal_is_cleared_when_the_next_round_opens(sqlite_store: Store) -> None:
    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        workshop_rounds.new_round(session=s, session_id=session_id, method="dots", budget=1)
    app = make_participant_app(sqlite_store, code=code, name="Anna", poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for _ in range(2):
            await pilot.click(app.screen.query(ItemRow).first().query_one(".more"))
            await settle(pilot)
        assert "Not saved" in str(app.screen.query_one("#saved").render())
        with sqlite_store.write() as s:
            workshop_rounds.new_round(session=s, session_id=session_id, method="dots")
        await until(pilot, lambda: str(app.screen.query_one("#saved").render()) == "", "cleared")
        assert str(app.screen.query_one("#saved").render()) == ""
