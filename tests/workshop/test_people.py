"""The facilitator's list of participants: votes left, renaming, merging and removing."""

from __future__ import annotations

import pytest
from sqlmodel import select

from roadmap.model.workshop_tables import WorkshopParticipant
from roadmap.store import workshop_people, workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.workshop.rules import Refused

from .plans import seed


def test_list_rename_merge_and_remove(store: Store) -> None:
    _, session_id, code = seed(store)
    with store.write() as s:
        rnd = workshop_rounds.new_round(session=s, session_id=session_id, method="dots", budget=3)
        (anna, token), (again, _) = (
            workshop_sessions.join(session=s, code=code, name=n) for n in ("Anna", "Anna")
        )
        bo, _ = workshop_sessions.join(session=s, code=code, name="Bo")
        ids = anna.id, again.id, bo.id
    for who, item, value in [
        (ids[0], "A", 2),
        (ids[1], "A", 1),
        (ids[1], "B", 1),
        (ids[2], "C", 1),
    ]:
        with store.write() as s:
            workshop_rounds.cast_vote(
                session=s, round_id=rnd.id, participant_id=who, item_key=item, value=value
            )
    with store.read() as s:
        listed = workshop_people.people(session=s, session_id=session_id)
    assert [(p.name, p.left, p.voted) for p in listed] == [
        ("Anna", 1, True),
        ("Anna (2)", 1, True),
        ("Bo", 2, True),
    ]
    with pytest.raises(Refused, match="taken"), store.write() as s:
        workshop_people.rename(session=s, participant_id=ids[2], name="anna")
    with store.write() as s:
        workshop_people.rename(session=s, participant_id=ids[2], name="Bo Ek")
        moved = workshop_people.merge(session=s, keep_id=ids[0], other_id=ids[1])
    assert moved == 1  # B moved over; A was Anna's own already
    with store.read() as s:
        mine = workshop_rounds.allocation(session=s, round_id=rnd.id, participant_id=ids[0])
        assert mine == {("A", ""): 2, ("B", ""): 1}
        assert (
            workshop_sessions.participant_by_token(session=s, session_id=session_id, token=token).id
            == ids[0]
        )
    with store.write() as s:
        workshop_people.remove(session=s, participant_id=ids[2])
    with store.read() as s:
        assert s.exec(select(WorkshopParticipant.name)).all() == ["Anna"]
        assert workshop_rounds.voted_count(session=s, round_id=rnd.id) == 1


async def test_the_facilitator_merges_and_removes_from_the_list(sqlite_store: Store) -> None:
    from textual.widgets import DataTable

    from roadmap.tui.workshop.facilitator import make_facilitator_app
    from roadmap.tui.workshop.people import PeopleScreen

    from .test_participant_app import settle

    _, _, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        for name in ("Anna", "Anna", "Bo"):
            workshop_sessions.join(session=s, code=code, name=name)
    app = make_facilitator_app(sqlite_store, plan="small", lang="en", poll=0.1)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert isinstance(app.screen, PeopleScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3 and str(table.get_row_at(1)[0]) == "Anna (2)"
        await pilot.press("down", "m", "up", "m")  # Anna (2) is Anna
        await settle(pilot)
        assert table.row_count == 2
        await pilot.press("down", "d")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Anna"
    with sqlite_store.read() as s:
        assert s.exec(select(WorkshopParticipant.name)).all() == ["Anna"]
