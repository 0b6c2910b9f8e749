"""User text in both workshop apps is shown as typed: never read as markup or as an action."""

from __future__ import annotations

from sqlalchemy import update

from roadmap.model import tables as t
from roadmap.model.workshop_tables import WorkshopSession
from roadmap.store import workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.tui.workshop.facilitator import make_facilitator_app
from roadmap.tui.workshop.participant import ItemRow, make_participant_app
from tui.conftest import until

from .plans import seed
from .test_participant_app import settle

BROKEN = "Broken [/] markup"
ACTION = "[@click=app.quit]x[/]"


def _hostile(store: Store) -> tuple[int, str]:
    """A workshop whose items, name and captures hold markup; a round open on them."""
    _, session_id, code = seed(store)
    with store.write() as s:
        s.execute(update(t.Item).where(t.Item.key == "A").values(title=BROKEN))
        s.execute(update(t.Item).where(t.Item.key == "B").values(title=ACTION))
        s.execute(
            update(WorkshopSession).where(WorkshopSession.id == session_id).values(name=ACTION)
        )
        workshop_sessions.set_step(session=s, session_id=session_id, step=4)
        workshop_sessions.capture(session=s, session_id=session_id, text="note: [/] " + ACTION)
        workshop_rounds.new_round(session=s, session_id=session_id, method="dots")
    return session_id, code


async def test_participant_shows_markup_as_typed(sqlite_store: Store) -> None:
    session_id, code = _hostile(sqlite_store)
    app = make_participant_app(sqlite_store, code=code, name="[b]Anna[/]", poll=0.1)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        titles = [str(row.query_one(".item-title").render()) for row in app.screen.query(ItemRow)]
        assert titles[:2] == [BROKEN, ACTION]
        await pilot.click(app.screen.query(ItemRow)[1].query_one(".item-title"))
        await settle(pilot)
        assert app.is_running
        with sqlite_store.write() as s:
            rnd = workshop_rounds.current_round(session=s, session_id=session_id)
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state="revealed")
        # the window polls the database: wait until it shows the reveal
        await until(pilot, lambda: BROKEN in str(app.screen.query_one("#status").render()))
        assert ACTION in str(app.screen.query_one("#status").render())
        assert app.is_running


async def test_facilitator_shows_markup_as_typed(sqlite_store: Store) -> None:
    _hostile(sqlite_store)
    app = make_facilitator_app(sqlite_store, plan="small", lang="en", poll=0.1)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert str(app.query_one("#session-name").render()) == ACTION
        await pilot.click("#session-name")
        await settle(pilot)
        assert app.is_running
        source = app.query_one("#content").source
        assert "Broken \\[/\\] markup" in source or BROKEN in source
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.is_running
