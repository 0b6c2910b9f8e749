"""Narrative sections typed in the app are stored by themselves, per language."""

from __future__ import annotations

from sqlmodel import select

from roadmap.model.tables import Section
from tui.conftest import open_view, settle, until


def section(store, key: str) -> Section | None:
    with store.read() as session:
        return session.exec(select(Section).where(Section.key == key)).first()


async def type_body(pilot, text: str) -> None:
    view = pilot.app.screen
    view.body.focus()
    view.body.move_cursor(view.body.document.end)
    await pilot.press(*text)


async def test_typed_text_is_saved_after_a_pause(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "5")
        assert view.body.text == "# Tausta\n"
        await type_body(pilot, "Lisää")
        assert "editing" in str(view.query_one("#narr-status").render())
        # Whether a save already happened while the keys were being typed depends on how fast
        # the machine typed them; once typing rests, the whole text must be stored.
        await until(pilot, lambda: section(plan_store, "background").body == "# Tausta\nLisää")
        await until(pilot, lambda: "saved" in str(view.query_one("#narr-status").render()))
        # The preview shows the text as Markdown.
        assert view.query_one("#narr-md").source == "# Tausta\nLisää"


async def test_translation_goes_to_i18n_and_default_text_stays(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "5")
        await pilot.press("down")  # vision
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.ctx.language == "en"
        assert view.body.text == ""
        await type_body(pilot, "Information moves.")
        view.title_box.value = "Vision"
        english = {"en": {"body": "Information moves.", "title": "Vision"}}
        await until(pilot, lambda: section(plan_store, "vision").i18n == english)
    stored = section(plan_store, "vision")
    assert stored.body == "Tieto liikkuu."
    assert stored.title == "Visio"
    assert stored.i18n == english


async def test_nothing_typed_is_lost_when_the_app_closes_at_once(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "5")
        await type_body(pilot, " X")
    assert section(plan_store, "background").body == "# Tausta\n X"


async def test_custom_section_is_added_and_shown_literally(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "5")
        await pilot.press("ctrl+n")
        form = app.screen
        form.query_one("#f-key").value = "budget"
        form.query_one("#f-title").value = "Talous [bold]x[/"
        form.query_one("#f-en-title").value = "Budget"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is view
        assert "Talous [bold]x[/" in view.query_one("#sections").render_line(3).text
        assert view.key == "budget"
    stored = section(plan_store, "budget")
    assert (stored.kind, stored.position, stored.title) == ("custom", 2, "Talous [bold]x[/")
    assert stored.i18n == {"en": {"title": "Budget"}}


async def test_undo_right_after_typing_undoes_the_typed_text(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "5")
        view.title_box.focus()  # The body's text area keeps its own Ctrl+Z.
        await pilot.press("X")  # over the title, selected as the box takes the focus
        await pilot.press("ctrl+z")  # before the pause that saves it: saved, then undone
        await settle(pilot)
        assert section(plan_store, "background").title == "Tausta"
        assert view.title_box.value == "Tausta"
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert section(plan_store, "background").title == "X"
        assert view.title_box.value == "X"
