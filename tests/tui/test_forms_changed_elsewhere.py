"""Every form keeps what was typed when another process changes the plan, and says so on the
form itself (the item editor names the fields; tests/tui/test_editor_typing.py)."""

from __future__ import annotations

from textual.widgets import Input

from roadmap.model.inputs import PlanDoc
from roadmap.store.item_write import ItemWrite, update_item
from roadmap.tui.dialogs.evidence_form import EvidenceForm
from roadmap.tui.dialogs.form import FormDialog
from tui.conftest import PLAN, loaded, notices, open_view, seen, until

SAID = "The plan was changed elsewhere. What you typed is kept."


async def change_elsewhere_and_look(app, pilot, form: FormDialog, name: str) -> None:
    """Type into field ``name`` of ``form``, change the plan from another connection, and check
    the form's banner, the typed value and that no app-wide notice claims a refill."""
    field = form.query_one(f"#f-{name}", Input)
    field.focus()
    await until(pilot, lambda: field.has_focus, f"{name} focused")
    await pilot.press("ctrl+u", *"Kirjoitettu")
    version = app.data_version
    with app.ctx.store.write() as session:
        update_item(session=session, plan_id=1, write=ItemWrite("CI-1", {"title": "Muualla"}))
    banner = form.query_one("#banner")
    await until(pilot, lambda: app.data_version > version and banner.display, "the form's banner")
    assert app.screen is form and field.value == "Kirjoitettu"
    shown = " ".join(seen(app).split())
    assert SAID in shown and "Kirjoitettu" in shown
    assert not any("showing the stored version" in notice for notice in notices(app))


async def test_a_row_form_keeps_what_was_typed(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=0.2
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        view = await open_view(pilot, "6")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not view, "the stakeholder form")
        await change_elsewhere_and_look(app, pilot, app.screen, "name")


async def test_the_evidence_form_keeps_what_was_typed(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=0.2
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await until(pilot, lambda: loaded(app), "the first view with its data")
        form = EvidenceForm(app.ctx, PlanDoc.model_validate(PLAN))
        app.push_screen(form)
        await until(pilot, lambda: app.screen is form, "the evidence form")
        await change_elsewhere_and_look(app, pilot, form, "quote")
