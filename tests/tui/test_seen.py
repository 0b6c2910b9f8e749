"""What the person sees after everyday actions: messages, dialogs, the tab bar, sorting.

Each test reads the screen back as the terminal shows it (:func:`~tui.conftest.seen`), so a
message that is set but hidden, cut or covered fails the test.
"""

from __future__ import annotations

from roadmap.store.item_write import ItemWrite, update_item
from tui.conftest import notices, open_view, seen, settle, until


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
        assert "'abc' is not a number" in text


async def test_changed_elsewhere_banner_is_shown(app, plan_store) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                write=ItemWrite("CI-1", {"title": "Changed elsewhere"}),
            )
        app.screen.query_one("#f-title").value = "Mine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app.screen.query_one("#banner"))
        assert "Changed by someone else" in seen(app) and "CI-1 (title)" in seen(app)


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


async def test_new_item_offers_the_next_free_key(demo_app) -> None:
    async with demo_app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        editor = demo_app.screen
        assert editor.query_one("#f-key").value == "CI-39"
        assert "CI-39" in seen(demo_app)
        assert editor.query_one("#f-title").has_focus


async def test_roadmap_details_never_show_a_deleted_item(app, plan_store) -> None:
    from roadmap.store.items import delete_item
    from tui.conftest import rested, until

    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "4")
        await rested(pilot)
        timeline = view.query_one("Timeline")
        key = timeline.selected_bar.key
        why = view.query_one("#why-text")
        await until(pilot, lambda: str(why.render()).startswith(key), "the explanation")
        with plan_store.write() as session:
            delete_item(session=session, plan_id=1, key=key)
        app.plan_changed(own=False)  # as when another process deleted it
        await until(pilot, lambda: key not in app.roadmap.placements, "the new roadmap")
        await rested(pilot)
        assert timeline.selected_bar is not None and timeline.selected_bar.key != key
        shown = seen(app)
        assert f"{key} " not in shown
        assert str(why.render()).startswith(timeline.selected_bar.key)


async def test_one_notice_per_edit_with_the_edited_items_move_first(app) -> None:
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        view = await open_view(pilot, "1")
        assert app.roadmap.placements["CI-5"].start == 1
        view.grid.move_to(lambda row: row[1] == "CI-5")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#f-pinned_period").value = "2027-Q1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.roadmap.placements["CI-5"].start == 0
        await until(pilot, lambda: app.screen.query("Toast"), "a notice on screen")
        await settle(pilot)
        assert notices(app) == [
            "CI-5 saved. CI-5 moved from 2027 Q2 to 2027 Q1. CI-1 moved from 2027 Q1 to 2027 Q2."
        ]


async def test_over_capacity_names_the_team_and_by_how_much(tmp_path, config_dir) -> None:
    import copy

    from roadmap.tui.app import make_app
    from tui.conftest import PLAN, make_store

    doc = copy.deepcopy(PLAN)
    for item in doc["items"]:
        if item["key"] in ("CI-1", "CI-5"):
            item["pinned_period"] = "2027-Q1"  # both of team dev, effort 2 each, capacity 2
    store = make_store(tmp_path / "over.db", doc)
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    sentence = "Kehitys in 2027 Q1: 4 planned, capacity 2 (2 over)"
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "8")
        load = view.query_one("#load")
        assert shown(load)
        text = seen(app)
        assert "Load per period: effort planned / capacity" in text
        assert "4/2 ⚠" in text and "Palvelut" in text
        assert sentence in text
        await open_view(pilot, "4")
        assert shown(app.screen.query_one("#overload"))
        assert sentence in seen(app)
    store.close()


async def test_no_overload_line_when_every_team_has_room(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "4")
        assert not view.query_one("#overload").display
        await open_view(pilot, "8")
        assert "No team has more work than capacity." in seen(app)


async def test_stakeholders_show_the_items_answering_their_needs(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "6")
        assert shown(view.query_one("#answers"))
        text = seen(app)
        assert "Items answering the needs of sw" in text
        assert "N1: CI-1 Yhteinen asiakasnäkymä" in text


async def test_sources_show_the_needs_relying_on_them(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "7")
        assert shown(view.query_one("#relying"))
        text = seen(app)
        assert "Needs relying on reg" in text
        assert "Sosiaalityö (has access): N1 Näkee asiakkaan palvelut" in text
        await pilot.press("down")
        await settle(pilot)
        assert "Sosiaalityö (no access today)" in seen(app)


async def test_detail_panes_name_items_in_the_language_shown(app, plan_store) -> None:
    with plan_store.write() as session:
        change = ItemWrite("CI-1", {"i18n": {"en": {"title": "Shared client view"}}})
        update_item(session=session, plan_id=1, write=change)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await app.set_language("en")
        await open_view(pilot, "6")
        assert "N1: CI-1 Shared client view" in seen(app)
