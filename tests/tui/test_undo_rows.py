"""Ctrl+Z and Ctrl+Y over the edits of the row views and the narratives, checked in the database:
rows come back with their keys, translations and links, and a replay that would overwrite what
is stored now is refused."""

from __future__ import annotations

from sqlmodel import select

from roadmap.model import tables as t
from roadmap.store.rows import add_row, delete_row, row_state, rows_of
from test_edits_undo import links, state
from tui.conftest import open_view, save_form, settle, until


def stored(store) -> tuple[dict, dict]:
    """Every row of the tables the views edit (by table and key), and every link."""
    with store.read() as session:
        rows = {
            model.__tablename__: {
                row.key: row_state(session=session, plan_id=1, model=model, key=row.key)
                for row in rows_of(session=session, plan_id=1, model=model)
            }
            for model in (t.Stakeholder, t.Need, t.InfoSource, t.Team, t.Section)
        }
    return rows, links(store)


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def toasts(app) -> list[str]:
    """The sentences of the notices shown (an edit's notice says what moved, too)."""
    return [
        sentence.removesuffix(".") for n in app._notifications for sentence in n.message.split(". ")
    ]


async def test_stakeholder_deleted_then_undone_and_redone(app, plan_store) -> None:
    start = stored(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "6")
        await press(pilot, "x", "y")
        assert "sw" not in stored(plan_store)[0]["stakeholder"]
        assert stored(plan_store)[1]["needs"] == set()
        await press(pilot, "ctrl+z")
        assert "Undone: stakeholder sw deleted" in toasts(app)
        assert stored(plan_store) == start
        await press(pilot, "ctrl+y")
        assert "Redone: stakeholder sw deleted" in toasts(app)
        rows, linked = stored(plan_store)
        assert rows["stakeholder"] == {} and rows["need"] == {}
        assert linked["silo"] == set() and linked["needs"] == set()
        await press(pilot, "ctrl+z")
    assert stored(plan_store) == start


async def test_stakeholder_created_and_edited_then_undone_and_redone(app, plan_store) -> None:
    start = stored(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "6")
        await pilot.press("n")
        await save_form(pilot, key="vaka", name="Varhaiskasvatus", organisation="ASI")
        view.query_one("#stakeholders").move_to(lambda row: row[0] == "vaka")
        await pilot.press("e")
        await save_form(pilot, key="early", en__name="Early education", organisation="LAH")
        edited = state(plan_store, t.Stakeholder, "early")
        assert (edited["organisation_id"], edited["i18n"]) == (
            "LAH",
            {"en": {"name": "Early education"}},
        )
        await press(pilot, "ctrl+z")
        assert "Undone: stakeholder early edited" in toasts(app)
        assert state(plan_store, t.Stakeholder, "vaka")["i18n"] == {}
        await press(pilot, "ctrl+z")
        assert stored(plan_store) == start
        await press(pilot, "ctrl+y", "ctrl+y")
    assert state(plan_store, t.Stakeholder, "early") == edited


async def test_need_of_an_item_deleted_and_edited_then_undone(app, plan_store) -> None:
    start = stored(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "6")
        await pilot.press("tab", "e")
        await save_form(pilot, importance="2", en__text="Sees the services")
        await press(pilot, "n")
        await save_form(pilot, key="N2", text="Saa tiedon kerran", importance="4")
        assert stored(plan_store)[1]["owners"] == {("N1", "sw"), ("N2", "sw")}
        await press(pilot, "up", "x", "y")
        assert stored(plan_store)[1]["needs"] == set()
        await press(pilot, "ctrl+z")
        assert "Undone: need N1 deleted" in toasts(app)
        assert stored(plan_store)[1]["needs"] == {("CI-1", "N1")}
        assert state(plan_store, t.Need, "N1")["i18n"] == {"en": {"text": "Sees the services"}}
        await press(pilot, "ctrl+z", "ctrl+z")
        assert stored(plan_store) == start
        await press(pilot, "ctrl+y", "ctrl+y", "ctrl+y")
        assert "Redone: need N1 deleted" in toasts(app)
    assert set(stored(plan_store)[0]["need"]) == {"N2"}


async def test_source_edited_and_deleted_with_its_links_then_undone(app, plan_store) -> None:
    with plan_store.write() as session:
        item = session.exec(select(t.Item).where(t.Item.key == "CI-3")).one()
        session.add(t.ItemSource(item_id=item.id, source_id=1))
    start = stored(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "7")
        await pilot.press("e")
        await save_form(pilot, holds="Asiakkaat", organisation="ASI")
        await press(pilot, "x", "y")
        assert stored(plan_store)[1]["sources"] == set()
        await press(pilot, "ctrl+z")
        assert "Undone: source reg deleted" in toasts(app)
        assert stored(plan_store)[1] == start[1]
        assert state(plan_store, t.InfoSource, "reg")["holds"] == "Asiakkaat"
        await press(pilot, "ctrl+z")
        assert stored(plan_store) == start
        await press(pilot, "n")
        await save_form(pilot, key="kanta", name="Kanta", organisation="LAH")
        await press(pilot, "ctrl+z")
        assert "kanta" not in stored(plan_store)[0]["info_source"]
        await press(pilot, "ctrl+y")
    assert state(plan_store, t.InfoSource, "kanta")["organisation_id"] == "LAH"


async def test_team_and_capacity_changes_undone_together(app, plan_store) -> None:
    start = stored(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "8")
        await pilot.press("e")
        await save_form(pilot, capacity="4", capacity_changes="2028-Q1: 1, 2027-Q3: 3")
        changed = stored(plan_store)
        assert changed[1]["capacity"] == {("dev", ((2, 3.0), (4, 1.0)))}
        await press(pilot, "ctrl+z")
        assert "Undone: team dev edited" in toasts(app)
        assert stored(plan_store) == start
        await press(pilot, "ctrl+y")
        assert stored(plan_store) == changed
        await press(pilot, "x", "y")
        assert stored(plan_store)[1]["teams"] == {("CI-3", "ops"), ("CI-4", "ops")}
        await press(pilot, "ctrl+z")
        assert stored(plan_store) == changed
        await press(pilot, "n")
        await save_form(
            pilot, key="data", name="Data", organisation="LAH", capacity_changes="2027-Q2: 2"
        )
        await press(pilot, "ctrl+z")
        assert stored(plan_store) == changed
        await press(pilot, "ctrl+y")
    assert stored(plan_store)[1]["capacity"] >= {("data", ((1, 2.0),))}


async def test_section_text_added_and_deleted_then_undone(app, plan_store) -> None:
    start = stored(plan_store)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "5")
        view.body.focus()
        view.body.move_cursor(view.body.document.end)
        await pilot.press(*"Uusi")
        typed = "# Tausta\nUusi"
        await until(pilot, lambda: state(plan_store, t.Section, "background")["body"] == typed)
        view.query_one("#sections").focus()
        # A slow machine types the keys further apart than the pause that saves them, and
        # each save is a step of its own to undo.
        steps = 0
        while stored(plan_store) != start and steps < len("Uusi"):
            await press(pilot, "ctrl+z")
            steps += 1
            assert "Undone: section background edited" in toasts(app)
        assert stored(plan_store) == start
        assert view.body.text == "# Tausta\n"
        await press(pilot, *["ctrl+y"] * steps)
        assert view.body.text == typed
        await press(pilot, "ctrl+n")
        await save_form(pilot, key="budget", title="Talous", en__title="Budget")
        await press(pilot, "ctrl+z")
        assert "budget" not in stored(plan_store)[0]["section"]
        await press(pilot, "ctrl+y")
        budget = state(plan_store, t.Section, "budget")
        assert budget["i18n"] == {"en": {"title": "Budget"}}
        view.query_one("#sections").move_to(lambda row: row[0] == "budget")
        await press(pilot, "delete", "y")
        assert "budget" not in stored(plan_store)[0]["section"]
        await press(pilot, "ctrl+z")
        assert "Undone: section budget deleted" in toasts(app)
    assert state(plan_store, t.Section, "budget") == budget


async def test_undo_refused_when_the_key_was_taken_elsewhere(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "6")
        await press(pilot, "x", "y")
        with plan_store.write() as session:
            add_row(
                session=session,
                plan_id=1,
                model=t.Stakeholder,
                values={"key": "sw", "name": "Other"},
            )
        await press(pilot, "ctrl+z")
        refused = [n for n in app._notifications if n.title == "Not undone"]
        assert "another stakeholder already has the key 'sw'" in refused[-1].message
        assert state(plan_store, t.Stakeholder, "sw")["name"] == "Other"
        assert stored(plan_store)[1]["needs"] == set()
        # The change is still the one to undo once the key is free again.
        with plan_store.write() as session:
            delete_row(session=session, plan_id=1, model=t.Stakeholder, key="sw")
        await press(pilot, "ctrl+z")
    assert state(plan_store, t.Stakeholder, "sw")["name"] == "Sosiaalityö"
    assert stored(plan_store)[1]["needs"] == {("CI-1", "N1")}
