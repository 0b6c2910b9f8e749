"""Stakeholders and needs added, edited and deleted in the app; results read from the database."""

from __future__ import annotations

from sqlmodel import select

from roadmap.model.tables import Need, Organisation, Stakeholder
from tui.conftest import open_view, save_form, settle


def stakeholder(store, key: str) -> Stakeholder | None:
    with store.read() as session:
        return session.exec(select(Stakeholder).where(Stakeholder.key == key)).first()


def needs(store) -> dict[str, tuple[str, int, str]]:
    """``need key -> (text, importance, stakeholder key)``."""
    with store.read() as session:
        rows = session.exec(
            select(Need.key, Need.text, Need.importance, Stakeholder.key).join(
                Stakeholder, Stakeholder.id == Need.stakeholder_id
            )
        ).all()
    return {key: (text, importance, owner) for key, text, importance, owner in rows}


async def test_add_edit_and_delete_a_stakeholder(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "6")
        assert str(view.query_one("#rows-status").render()) == "1 stakeholder"
        await pilot.press("n")
        await save_form(pilot, key="vaka", name="Varhaiskasvatus [bold]", organisation="ASI")
        assert app.screen is view
        assert str(view.query_one("#rows-status").render()) == "2 stakeholders"
        grid = view.query_one("#stakeholders")
        assert "Varhaiskasvatus [bold]" in grid.render_line(2).text
        grid.move_to(lambda row: row[0] == "vaka")
        await pilot.press("e")
        await save_form(pilot, name="Varhaiskasvatus", en__name="Early education")
        await pilot.press("x", "y")
        await settle(pilot)
        assert stakeholder(plan_store, "vaka") is None
        assert [row[0] for row in grid.rows] == ["sw"]


async def test_edit_is_stored_with_translation_and_organisation(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "6")
        await pilot.press("enter")
        await save_form(pilot, name="Aikuissosiaalityö", en__name="Social work", organisation="LAH")
    stored = stakeholder(plan_store, "sw")
    assert stored.name == "Aikuissosiaalityö"
    assert stored.i18n == {"en": {"name": "Social work"}}
    with plan_store.read() as session:
        assert session.get(Organisation, stored.organisation_id).key == "LAH"


async def test_invalid_or_taken_key_is_refused(app, plan_store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_view(pilot, "6")
        await pilot.press("n")
        form = app.screen
        await save_form(pilot, key="sw", name="Toinen")
        assert app.screen is form
        assert "already has the key 'sw'" in str(form.query_one("#e-key").render())
        await save_form(pilot, key="uusi", name="")
        assert "at least 1" in str(form.query_one("#e-name").render())
        await pilot.press("escape")
    assert stakeholder(plan_store, "uusi") is None
    assert stakeholder(plan_store, "sw").name == "Sosiaalityö"


async def test_needs_of_the_selected_stakeholder(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "6")
        await pilot.press("tab")
        assert view.query_one("#needs").has_focus
        await pilot.press("n")
        await save_form(pilot, key="N2", text="Saa tiedon kerran", importance="4")
        assert needs(plan_store)["N2"] == ("Saa tiedon kerran", 4, "sw")
        view.query_one("#needs").move_to(lambda row: row[0] == "N2")
        await pilot.press("e")
        form = app.screen
        await save_form(pilot, importance="9")
        assert "should be at most 5" in str(form.query_one("#e-importance").render())
        await save_form(pilot, importance="2", en__text="Gets the information once")
        assert needs(plan_store)["N2"] == ("Saa tiedon kerran", 2, "sw")
        with plan_store.read() as session:
            need = session.exec(select(Need).where(Need.key == "N2")).one()
        assert need.i18n == {"en": {"text": "Gets the information once"}}
        await pilot.press("x", "y")
        await settle(pilot)
        assert "N2" not in needs(plan_store)
        # Deleting the stakeholder takes its needs with it.
        await pilot.press("shift+tab", "x", "y")
        await settle(pilot)
    assert needs(plan_store) == {}
    assert stakeholder(plan_store, "sw") is None


async def test_a_new_need_belongs_to_the_stakeholder_it_was_opened_under(app, plan_store) -> None:
    """The stakeholder is the one under the cursor when the form opened, even if the cursor
    moves (a refresh after another person's change) before the need is saved."""
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "6")
        await pilot.press("n")
        await save_form(pilot, key="vaka", name="Varhaiskasvatus", organisation="ASI")
        grid = view.query_one("#stakeholders")
        grid.move_to(lambda row: row[0] == "sw")
        await pilot.press("tab", "n")
        form = app.screen
        assert form is not view
        grid.move_to(lambda row: row[0] == "vaka")  # the cursor moves while the form is open
        await save_form(pilot, key="N3", text="Tieto siirtyy kouluun", importance="3")
        assert app.screen is view
        assert needs(plan_store)["N3"] == ("Tieto siirtyy kouluun", 3, "sw")
