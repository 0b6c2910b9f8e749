"""Information sources and team capacity edited in the app; a capacity change re-sequences."""

from __future__ import annotations

from sqlmodel import select

from roadmap.model.tables import InfoSource, Team, TeamCapacity
from tui.conftest import open_view, save_form


def source(store, key: str) -> InfoSource:
    with store.read() as session:
        return session.exec(select(InfoSource).where(InfoSource.key == key)).one()


def team(store, key: str) -> tuple[Team, list[tuple[int, float]]]:
    with store.read() as session:
        row = session.exec(select(Team).where(Team.key == key)).one()
        changes = session.exec(
            select(TeamCapacity.from_period, TeamCapacity.capacity)
            .where(TeamCapacity.team_id == row.id)
            .order_by(TeamCapacity.from_period)
        ).all()
    return row, [tuple(c) for c in changes]


async def test_edit_a_source(app, plan_store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, "7")
        view.query_one("#sources").move_to(lambda row: row[0] == "case")
        await pilot.press("enter")
        await save_form(
            pilot,
            holds="Päätökset ja [/] muistiot",
            access="Sosiaalityö",
            en__holds="Decisions",
            organisation="LAH",
        )
        assert "Päätökset ja [/] muistiot" in view.query_one("#sources").render_line(2).text
    stored = source(plan_store, "case")
    assert (stored.holds, stored.access) == ("Päätökset ja [/] muistiot", "Sosiaalityö")
    assert stored.i18n == {"en": {"holds": "Decisions"}}
    assert stored.name == "Asiakirjat"


async def test_capacity_change_is_stored_and_resequences(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "8")
        assert app.roadmap.placements["CI-5"].start == 1
        await pilot.press("enter")  # team dev, capacity 2: CI-1 fills the first quarter
        form = app.screen
        await save_form(pilot, capacity_changes="2027-Q1 4")
        assert "write period: capacity" in str(form.query_one("#e-capacity_changes").render())
        await save_form(pilot, capacity_changes="someday: 4")
        assert "someday" in str(form.query_one("#e-capacity_changes").render())
        assert team(plan_store, "dev")[1] == []
        await save_form(pilot, capacity="4", capacity_changes="2027-Q3: 1, 2028-Q1: 3")
        assert app.screen is not form
        assert app.roadmap.placements["CI-5"].start == 0
        assert any("moved" in n.message and "CI-5" in n.message for n in app._notifications)
    stored, changes = team(plan_store, "dev")
    assert stored.capacity == 4
    assert changes == [(2, 1.0), (4, 3.0)]
