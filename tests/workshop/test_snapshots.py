"""SVG snapshots of the projector view and the participant's view on the demo plan.

The theme, join code, clock and data are fixed and nothing polls or blinks, so the pictures
change only when the views do. ``pytest --snapshot-update`` rewrites them.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from roadmap.model.workshop_tables import WorkshopSession
from roadmap.store import workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.tui.workshop.facilitator import make_facilitator_app
from roadmap.tui.workshop.participant import ItemRow, make_participant_app
from roadmap.tui.workshop.tokens import TokenBook

SIZES = [(120, 36), (80, 24)]
CODE = "4C7E2A"


def _workshop(store: Store, state: str | None) -> int:
    """The demo plan's workshop, at the voting step with a round in ``state`` (None: none)."""
    app = make_facilitator_app(store, name="Aloitustyöpaja", poll=None)
    session_id = app._session
    with store.write() as s:
        s.execute(
            update(WorkshopSession)
            .where(WorkshopSession.id == session_id)
            .values(code=CODE, timer_remaining=754.0)
        )
    if state is None:
        return session_id
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=4)
        s.execute(
            update(WorkshopSession)
            .where(WorkshopSession.id == session_id)
            .values(timer_remaining=331.0)
        )
        rnd = workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", filter_text="CI-2"
        )
        joined = [
            workshop_sessions.join(session=s, code=CODE, name=name)
            for name in ("Anna", "Bo", "Eino")
        ]
    people = [who.id for who, _ in joined]
    TokenBook().put(CODE, "Anna", joined[0][1])  # Anna's terminal rejoins as her
    for who, (item, value) in zip(people[:2], [(0, 3), (1, 2)], strict=True):
        with store.write() as s:
            workshop_rounds.cast_vote(
                session=s,
                round_id=rnd.id,
                participant_id=who,
                item_key=rnd.items[item],
                value=value,
            )
    if state != "open":
        with store.write() as s:
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state=state)
    return session_id


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _before(*clicks: int):
    """Press ``+`` on the item rows numbered ``clicks`` (from 0)."""

    async def run_before(pilot) -> None:
        pilot.app.animation_level = "none"
        await _settle(pilot)
        for row in clicks:
            await pilot.click(pilot.app.screen.query(ItemRow)[row].query_one(".more"))
            await _settle(pilot)
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


FACILITATOR = {"agenda": None, "voting": "open", "results": "revealed"}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(FACILITATOR))
def test_projector(snap_compare, demo_store: Store, view: str, size: tuple[int, int]) -> None:
    _workshop(demo_store, FACILITATOR[view])
    app = make_facilitator_app(demo_store, name="Aloitustyöpaja", poll=None)
    assert snap_compare(app, terminal_size=size, run_before=_before())


PARTICIPANT = {"voting": (), "saved": (1,)}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(PARTICIPANT))
def test_participant(snap_compare, demo_store: Store, view: str, size: tuple[int, int]) -> None:
    _workshop(demo_store, "open")
    app = make_participant_app(demo_store, code=CODE, name="Anna", poll=None)
    assert snap_compare(app, terminal_size=size, run_before=_before(*PARTICIPANT[view]))
