"""``roadmap join URL``: the terminal participant as a client of the web server, with no
database of its own; its token is what it rejoins with."""

from __future__ import annotations

import contextlib

from sqlmodel import select
from tests.workshop.plans import seed
from textual.worker import WorkerCancelled

from roadmap.model.workshop_tables import WorkshopVote
from roadmap.store import workshop_rounds
from roadmap.store.db import Store
from roadmap.tui.workshop.participant import ItemRow, make_participant_app
from roadmap.tui.workshop.remote import Remote
from roadmap.tui.workshop.tokens import TokenBook
from tui.conftest import until


async def _settle(pilot) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_a_terminal_participant_votes_through_the_server(
    sqlite_store: Store, serve, tmp_path
):
    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        rnd = workshop_rounds.new_round(session=s, session_id=session_id, method="dots", budget=3)
    url = serve(sqlite_store, session_id)
    annas = TokenBook(tmp_path / "anna")
    app = make_participant_app(
        None, remote=Remote(url), code=code, name="Anna", tokens=annas, poll=0.1
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        assert app.sub_title == "Anna"
        await pilot.click(app.screen.query(ItemRow).first().query_one(".more"))
        await _settle(pilot)
        assert "2 of 3 dots left" in str(app.screen.query_one("#status").render())
        with sqlite_store.write() as s:  # the facilitator reveals: the window follows
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state="revealed")
        await until(pilot, lambda: "Results" in str(app.screen.query_one("#status").render()))
        assert "Item A" in str(app.screen.query_one("#status").render())
    other = make_participant_app(
        None, remote=Remote(url), code=code, name="anna", tokens=TokenBook(tmp_path / "x")
    )
    async with other.run_test(size=(100, 40)) as pilot:
        await _settle(pilot)
        assert other.sub_title == "anna (2)"
    with sqlite_store.read() as s:
        assert s.exec(select(WorkshopVote.item_key, WorkshopVote.value)).all() == [("A", 1)]
