"""The facilitator tidies the room's ideas on the projector by keyboard: an idea sent twice is
merged into the other (both texts kept), and an idea is kept as the plan's evidence, gathered at
this workshop on the day it was held."""

from __future__ import annotations

from datetime import date

from sqlmodel import select
from textual.widgets import DataTable, Static

from roadmap.model import evidence_tables as e
from roadmap.store import workshop_sessions
from roadmap.store.db import Store
from roadmap.tui.workshop.facilitator import make_facilitator_app
from roadmap.tui.workshop.ideas import IdeasScreen
from roadmap.workshop.agenda import STEPS

from .plans import seed
from .test_participant_app import settle

SENT = ("One contact person for families", "A shared calendar", "one contact person")


def _room_sends_ideas(store: Store) -> int:
    _, session_id, code = seed(store)
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=STEPS.index("items"))
        for n, text in enumerate(SENT):
            who, _token = workshop_sessions.join(session=s, code=code, name=f"P{n}")
            workshop_sessions.submit_idea(
                session=s, session_id=session_id, participant_id=who.id, text=text
            )
    return session_id


def _rows(screen: IdeasScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(n)[0]) for n in range(table.row_count)]


def _note(screen: IdeasScreen) -> str:
    return str(screen.query_one("#ideas-note", Static).render())


async def test_ideas_are_merged_and_kept_as_evidence(sqlite_store: Store) -> None:
    session_id = _room_sends_ideas(sqlite_store)
    app = make_facilitator_app(sqlite_store, name="Kick-off", poll=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IdeasScreen)
        table = screen.query_one(DataTable)
        assert table.display and table.size.height >= 3
        assert _rows(screen) == list(SENT)

        await pilot.press("down", "down", "m")  # the repeat...
        await settle(pilot)
        assert "press m again" in _note(screen)
        await pilot.press("up", "up", "m")  # ...merged into the first
        await settle(pilot)
        assert _rows(screen) == [
            "One contact person for families · one contact person",
            "A shared calendar",
        ]
        assert "both texts are kept" in _note(screen)

        await pilot.press("down", "e")
        await settle(pilot)
        assert _note(screen) == "Kept as evidence EV-1."
        await pilot.press("e")  # the same idea again: refused, nothing new
        await settle(pilot)
        assert _note(screen) == "Kept as evidence EV-1."
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, IdeasScreen)
    with sqlite_store.read() as s:
        kept = s.exec(select(e.Evidence)).all()
    assert [(ev.key, ev.method, ev.date) for ev in kept] == [("EV-1", "workshop", date(2027, 2, 3))]
    assert kept[0].summary == "An idea from the workshop Kick-off: A shared calendar"
    assert kept[0].stakeholder_id is None and kept[0].person_id is None  # anonymous
    with sqlite_store.read() as s:
        left = [n.text for n in workshop_sessions.notes(session=s, session_id=session_id)]
    assert left == ["One contact person for families · one contact person", "A shared calendar"]
