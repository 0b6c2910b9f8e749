"""What a person types into the item editor stays as typed: keys that arrive in a burst (a busy
app, a fast typist, a paste of keystrokes) edit the field in their order, and a change another
process makes meanwhile is announced on the form without touching the typed values."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from roadmap.store.item_write import ItemWrite, update_item
from roadmap.store.repo import find_item
from roadmap.tui.dialogs.item_editor import ItemEditor
from tui.conftest import loaded, seen, until


def burst(app, keys: list[str]) -> None:
    """Post ``keys`` to the app at once, as a terminal hands over what was typed while the app
    was busy: the app gets them all before it handles the first."""
    for key in keys:
        char = key if len(key) == 1 else " " if key == "space" else None
        app.post_message(events.Key(key, char))


async def open_editor(pilot, key: str) -> ItemEditor:
    app = pilot.app
    await until(pilot, lambda: loaded(app), "the first view with its data")
    app.edit_item(key)
    await until(pilot, lambda: isinstance(app.screen, ItemEditor), "the editor")
    return app.screen


async def test_keys_typed_in_a_burst_edit_the_title_in_order(app) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_editor(pilot, "CI-4")
        title = editor.query_one("#f-title", Input)
        await until(pilot, lambda: title.has_focus, "the title field focused")
        assert title.value == "Raportointi"
        # Clear the field, type, correct a typo, move back and insert: as one burst.
        burst(app, ["ctrl+u", *"Raportx", "backspace", *"it", "home", "right", "space", "end"])
        burst(app, [*" ja mittarit"])
        expected = "R aportit ja mittarit"
        await until(pilot, lambda: title.value == expected, f"the title {expected!r}")
        assert expected in seen(app)


async def test_keys_typed_in_a_burst_edit_the_description_in_order(app) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_editor(pilot, "CI-4")
        area = editor.query_one("#f-description", TextArea)
        await until(pilot, lambda: editor.query_one("#f-title").has_focus, "the form focused")
        area.focus()
        await until(pilot, lambda: area.has_focus, "the description focused")
        burst(app, [*"Kuvax", "backspace", *"us", "left", "left", "backspace", "end", "!"])
        await until(pilot, lambda: area.text == "Kuvus!", "the description 'Kuvus!'")


async def test_a_change_elsewhere_keeps_what_was_typed(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=0.2
    )
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_editor(pilot, "CI-4")
        title = editor.query_one("#f-title", Input)
        await until(pilot, lambda: title.has_focus, "the title field focused")
        await pilot.press("ctrl+u", *"Raportit")
        assert title.value == "Raportit"
        version = app.data_version
        with plan_store.write() as session:  # another connection writes two items
            for key, title_elsewhere in (("CI-4", "Raportointi 2"), ("CI-1", "Näkymä")):
                update_item(
                    session=session,
                    plan_id=1,
                    write=ItemWrite(key, {"title": title_elsewhere, "effort": 3.0}),
                )
        banner = editor.query_one("#banner")
        await until(
            pilot,
            lambda: app.data_version > version and banner.display,
            "the watcher's refresh and the form's banner",
        )
        assert app.screen is editor and title.value == "Raportit"
        shown = seen(app)
        assert "Raportit" in shown and "Raportointi 2" not in shown
        assert "CI-4 was changed elsewhere (Title, Effort)" in " ".join(shown.split())
        assert "What you typed is kept" in " ".join(shown.split())
        # Saving names the field changed on both sides and writes nothing.
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "CI-4 (title)" in str(banner.render()), "the conflict")
        assert app.screen is editor and title.value == "Raportit"
    with plan_store.read() as session:
        assert find_item(session=session, plan_id=1, key="CI-4").title == "Raportointi 2"
