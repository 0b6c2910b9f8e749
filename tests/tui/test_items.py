"""The item table and the item editor, driven with the keyboard; results checked in the database."""

from __future__ import annotations

from sqlmodel import select

from roadmap.model.tables import Item, ItemNeed
from roadmap.store.item_write import ItemWrite, update_item
from roadmap.store.repo import find_item
from roadmap.tui.dialogs.item_editor import ItemEditor
from roadmap.tui.widgets.grid import Grid
from tui.conftest import settle, until


def stored(store, key: str) -> Item | None:
    with store.read() as session:
        return session.exec(select(Item).where(Item.key == key)).first()


async def open_items(pilot) -> Grid:
    await settle(pilot)
    return pilot.app.screen.query_one("#items", Grid)


async def test_filter_sort_and_literal_titles(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_items(pilot)
        assert [r[1] for r in grid.rows] == ["CI-1", "CI-2", "CI-3", "CI-4", "CI-5"]
        assert str(app.screen.query_one("#count").render()) == "5 items"
        await pilot.press("slash", *"pilot")
        assert [grid.rows[i][1] for i in grid.view] == ["CI-3"]
        assert str(app.screen.query_one("#count").render()) == "1 of 5 items"
        line = grid.render_line(1).text
        assert "Palveluohjaus [bold]kokeilu[/]" in line
        await pilot.press("escape")
        assert len(grid.view) == 5
        await pilot.click(Grid, offset=(2, 0))  # the Key column's title
        await pilot.click(Grid, offset=(2, 0))
        assert [grid.rows[i][1] for i in grid.view] == ["CI-5", "CI-4", "CI-3", "CI-2", "CI-1"]


async def test_edit_item_saves_with_new_version(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        editor = app.screen
        title = editor.query_one("#f-title")
        title.value = ""
        await pilot.press(*"Suostumukset ja valtakirjat")
        editor.query_one("#f-en-title").value = "Consents"
        editor.query_one("#f-effort").value = "3"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not editor, "the editor closed")
    item = stored(plan_store, "CI-2")
    assert item.title == "Suostumukset ja valtakirjat"
    assert item.i18n == {"en": {"title": "Consents"}}
    assert item.effort == 3
    assert item.version > 1


async def test_invalid_input_is_shown_and_nothing_saved(app, plan_store) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_items(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#f-title").value = ""
        editor.query_one("#f-confidence").value = "2"
        editor.query_one("#f-pinned_period").value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "at least 1" in str(editor.query_one("#e-title").render())
        assert "should be at most 1" in str(editor.query_one("#e-confidence").render())
        assert "not a period" in str(editor.query_one("#e-pinned_period").render())
        await pilot.press("escape")
    item = stored(plan_store, "CI-1")
    assert item.title == "Yhteinen asiakasnäkymä"
    assert item.version == 1


async def test_stale_edit_is_refused(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                write=ItemWrite("CI-1", {"title": "Changed elsewhere"}),
            )
        editor.query_one("#f-title").value = "Mine"
        await pilot.press("ctrl+s")
        banner = editor.query_one("#banner")
        await until(pilot, lambda: "CI-1 (title)" in str(banner.render()), "the refusal")
        assert app.screen is editor
    assert stored(plan_store, "CI-1").title == "Changed elsewhere"


async def test_new_item_with_links_then_undo_and_redo(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        editor.query_one("#f-key").value = "CI-9"
        editor.query_one("#f-title").value = "Uusi"
        editor.query_one("#f-needs").select("N1")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not editor, "the editor closed")
        item = stored(plan_store, "CI-9")
        assert item is not None
        with plan_store.read() as session:
            links = session.exec(select(ItemNeed).where(ItemNeed.item_id == item.id)).all()
        assert len(links) == 1
        await pilot.press("ctrl+z")
        assert stored(plan_store, "CI-9") is None
        await pilot.press("ctrl+y")
        assert stored(plan_store, "CI-9") is not None


async def test_delete_asks_first_and_undo_restores_links(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("x")
        await pilot.press("n")
        assert stored(plan_store, "CI-1") is not None
        await pilot.press("x", "y")
        await pilot.pause()
        assert stored(plan_store, "CI-1") is None
        await pilot.press("ctrl+z")
        await pilot.pause()
    with plan_store.read() as session:
        from roadmap.store.items import read_item

        item, _ = read_item(session=session, plan_id=1, key="CI-1")
        dependant, _ = read_item(session=session, plan_id=1, key="CI-2")
    assert item.needs == ("N1",)
    assert item.scores == {"value": 5, "risk": 2}
    assert dependant.depends_on == ("CI-1",)


async def test_unsaved_form_is_offered_back(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    first = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with first.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("enter")
        await settle(pilot)
        first.screen.query_one("#f-title").value = "Kesken jäänyt"
    # The app ended without saving (as after a crash): the draft is still there.
    second = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with second.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "unsaved edit of CI-1" in str(second.screen.query_one(".question").render())
        await pilot.press("y")
        await settle(pilot)
        await pilot.pause()
        assert second.screen.query_one("#f-title").value == "Kesken jäänyt"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(second.screen, ItemEditor), "the editor closed")
    assert stored(plan_store, "CI-1").title == "Kesken jäänyt"
    with plan_store.read() as session:
        assert find_item(session=session, plan_id=1, key="CI-1").version == 2


async def test_reload_after_a_refused_save_shows_the_stored_item(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                write=ItemWrite("CI-1", {"title": "Changed elsewhere"}),
            )
        editor.query_one("#f-title").value = "Mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("ctrl+r")  # read in a worker, like the save
        title = editor.query_one("#f-title")
        await until(pilot, lambda: title.value == "Changed elsewhere", "the stored title")
        editor.query_one("#f-effort").value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not editor
    item = stored(plan_store, "CI-1")
    assert (item.title, item.effort) == ("Changed elsewhere", 4)


async def test_reload_of_an_item_deleted_elsewhere_keeps_what_was_typed(app, plan_store) -> None:
    from roadmap.services.items import remove_item

    async with app.run_test(size=(120, 36)) as pilot:
        await open_items(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ItemEditor), "the editor")
        editor = app.screen
        remove_item(plan_store, 1, "CI-1")
        editor.query_one("#f-title").value = "Mine"
        await pilot.press("ctrl+r")
        banner = editor.query_one("#banner")
        await until(pilot, lambda: banner.display, "the banner")
        assert "CI-1 was deleted elsewhere. What you typed is kept." in str(banner.render())
        assert app.screen is editor and editor.query_one("#f-title").value == "Mine"
