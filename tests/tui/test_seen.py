"""What the person sees after everyday actions: messages, dialogs, the tab bar, sorting.

Each test reads the screen back as the terminal shows it (:func:`~tui.conftest.seen`), so a
message that is set but hidden, cut or covered fails the test.
"""

from __future__ import annotations

from roadmap.store.items import update_item
from tui.conftest import open_view, seen, settle


def shown(widget) -> bool:
    """The widget is displayed, on screen, and has room for its text."""
    return widget.display and widget.region.width > 0 and widget.region.height > 0


async def test_form_errors_are_shown_under_their_fields(app, plan_store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        assert not shown(editor.query_one("#e-effort"))
        assert not shown(editor.query_one("#banner"))
        editor.query_one("#f-effort").value = "abc"
        editor.query_one("#f-confidence").value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is editor
        for name in ("#banner", "#e-effort"):
            assert shown(editor.query_one(name)), name
        text = seen(app)
        assert "Please correct the fields marked below." in text
        assert "Input should be a valid number" in text


async def test_changed_elsewhere_banner_is_shown(app, plan_store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                key="CI-1",
                expected_version=1,
                changes={"title": "Changed elsewhere"},
            )
        app.screen.query_one("#f-title").value = "Mine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app.screen.query_one("#banner"))
        assert "changed by someone else" in seen(app)


async def test_new_need_with_empty_key_says_so(app) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await open_view(pilot, "6")
        await pilot.press("tab", "n")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-text").load_text("Tieto kulkee")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert shown(form.query_one("#e-key"))
        assert "Please correct the fields marked below." in seen(app)


async def test_tab_bar_follows_mouse_clicks(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "2")
        for tab, mode in (("#view-items", "items"), ("#view-priorities", "priorities")) * 2:
            await pilot.click(tab)
            await settle(pilot)
            assert mode == app.screen.MODE
            bar = app.screen.query_one("NavBar")
            assert bar.active == f"view-{mode}"
            underlined = bar.query_one("Underline")
            active = bar.query_one(f"#view-{mode}")
            # The underline's highlight sits under the active tab's label.
            assert active.has_class("-active") and shown(active)
            assert underlined.highlight_start <= active.region.x - bar.region.x + 1
            assert underlined.highlight_end >= active.region.right - bar.region.x - 1


async def test_escape_in_the_editor_asks_before_throwing_typed_changes_away(
    app, plan_store
) -> None:
    from roadmap.tui.dialogs.confirm import Confirm

    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        await pilot.press("end", *" uusi")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "Throw away the changes you typed?" in seen(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is editor
        assert editor.query_one("#f-title").value == "Yhteinen asiakasnäkymä uusi"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert app.screen.MODE == "items"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.screen.MODE == "items"
    with plan_store.read() as session:
        from roadmap.store.items import read_item

        item, _version = read_item(session=session, plan_id=1, key="CI-1")
    assert item.title == "Yhteinen asiakasnäkymä"
