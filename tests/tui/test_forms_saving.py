"""Every form saves beside the app, as the item editor does (tests/tui/test_editor_saving.py):
while another program holds the database's write lock the stakeholder and evidence forms say
"Saving…" in a calm line (not the error style), the app answers keys and a second Ctrl+S
starts nothing; a store that cannot be written gives a plain message and keeps what was typed.
The follow-up and evidence forms take dates as the item editor does (4.1.2027 in Finnish)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from textual.widgets import Button, Input, Label, Static

from roadmap.i18n import set_language
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.tui.dialogs.evidence_form import EvidenceForm
from roadmap.tui.dialogs.followup_forms import ProgressForm
from roadmap.tui.dialogs.form import FormDialog
from roadmap.tui.dialogs.row_form import RowForm
from tui.conftest import PLAN, loaded, make_store, open_view, save_form, seen, until
from tui.test_editor_faults import banner, on_screen, shown
from tui.test_editor_saving import locked

__all__ = ["locked"]


def stored(db: Path) -> PlanDoc:
    """The plan as another program reads it from ``db``."""
    store = Store.open(db, create=False)
    with store.read() as session:
        doc = read_plan(session=session, plan_id=1)
    store.close()
    return doc


def stakeholder_name(db: Path) -> str:
    return next(s.name for s in stored(db).stakeholders if s.key == "sw")


async def open_stakeholder(app, pilot) -> RowForm:
    """Open the form of the plan's stakeholder, its name field focused."""
    view = await open_view(pilot, "6")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, RowForm), "the stakeholder form")
    form = app.screen
    name = form.query_one("#f-name", Input)
    name.focus()
    await until(pilot, lambda: name.has_focus, "the name field focused")
    assert app.screen is not view
    return form


async def open_evidence(app, pilot) -> EvidenceForm:
    await until(pilot, lambda: loaded(app), "the first view with its data")
    form = EvidenceForm(app.ctx, PlanDoc.model_validate(PLAN))
    app.push_screen(form)
    await until(pilot, lambda: app.screen is form, "the evidence form")
    return form


def calmly_saving(form: FormDialog) -> None:
    """The banner says "Saving…" as news, not as a problem, and Save is off."""
    line = form.query_one("#banner", Static)
    assert banner(form) == "Saving…"
    assert line.display and line.size.height > 0
    assert line.has_class("saving") and not line.has_class("error")
    assert form.query_one("#save", Button).disabled


async def test_the_row_form_saves_beside_a_lock(locked, config_dir) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_stakeholder(app, pilot)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        await pilot.press("ctrl+u", *"Sosiaalipalvelut", "ctrl+s")
        await until(pilot, lambda: banner(form) == "Saving…", "the form saying it saves")
        calmly_saving(form)
        assert "Saving…" in seen(app)
        # Keys still reach the form; a second Ctrl+S starts no second save.
        await pilot.press("ctrl+s", "end", *" ry")
        name = form.query_one("#f-name", Input)
        await until(pilot, lambda: name.value == "Sosiaalipalvelut ry", "the typed keys")
        assert len([w for w in app.workers if w.group == "save"]) == 1
        assert stakeholder_name(db) == "Sosiaalityö"
        holder.execute("ROLLBACK")  # the other program is done
        await until(pilot, lambda: banner(form).startswith("Saved."), "the save's end")
        # What was typed meanwhile stays, said to be unsaved, and the next Ctrl+S saves it.
        assert app.screen is form and name.value == "Sosiaalipalvelut ry"
        assert "Ctrl+S saves it" in on_screen(app)
        assert form.query_one("#banner").has_class("error")
        assert stakeholder_name(db) == "Sosiaalipalvelut"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form, "the form closed")
    assert stakeholder_name(db) == "Sosiaalipalvelut ry"


async def test_escape_while_the_evidence_form_saves_closes_it_once_saved(
    locked,
    config_dir,
) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_evidence(app, pilot)
        form.query_one("#f-stakeholder").value = "sw"
        quote = form.query_one("#f-quote", Input)
        quote.focus()
        await until(pilot, lambda: quote.has_focus, "the quote field focused")
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press(*"Tieto ei kulje", "ctrl+s")
        await until(pilot, lambda: banner(form) == "Saving…", "the form saying it saves")
        calmly_saving(form)
        await pilot.press("escape")
        await until(pilot, lambda: "closes once the save" in banner(form), "the answer to Esc")
        assert form.query_one("#banner").has_class("saving")
        assert app.screen is form and stored(db).evidence == []
        holder.execute("ROLLBACK")
        await until(pilot, lambda: app.screen is not form, "the form closed")
    [evidence] = stored(db).evidence
    assert (evidence.key, evidence.stakeholder, evidence.quote) == ("EV-1", "sw", "Tieto ei kulje")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_read_only_store_keeps_what_the_forms_hold(tmp_path: Path, config_dir) -> None:
    """As the app opens a file it may not write: each form says why and keeps the values."""
    from roadmap.tui.app import make_app

    db = tmp_path / "plan.db"
    make_store(db).close()
    before = sha(db)
    store = Store(f"sqlite:///{db}", read_only_url=f"sqlite:///file:{db}?mode=ro&uri=true")
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        form: FormDialog = await open_stakeholder(app, pilot)
        await pilot.press("ctrl+u", *"Sosiaalipalvelut", "ctrl+s")
        await until(pilot, lambda: "cannot be written" in banner(form), "the message")
        assert app.screen is form and form.query_one("#f-name", Input).value == "Sosiaalipalvelut"
        # Read from the banner itself: the message wraps with the file's path, and the view
        # behind the dialog shows through beside its lines on the screen.
        assert shown(form, "Not saved:", "cannot be written", "What you typed is kept.")
        assert form.query_one("#banner").has_class("error")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not form, "the question")
        await pilot.press("y")  # throw the typed name away
        await until(pilot, lambda: not isinstance(app.screen, RowForm), "the form closed")
        form = await open_evidence(app, pilot)
        await save_form(pilot, stakeholder="sw", quote="Tieto ei kulje")
        await until(pilot, lambda: "cannot be written" in banner(form), "the evidence message")
        assert app.screen is form and form.query_one("#f-quote", Input).value == "Tieto ei kulje"
        assert shown(form, "cannot be written", "What you typed is kept.")
    store.close()
    assert sha(db) == before


async def test_follow_up_forms_take_dates_as_typed_in_finnish(plan_store, config_dir) -> None:
    from roadmap.tui.app import make_app

    set_language("fi")
    app = make_app(store=plan_store, config_dir=config_dir, theme="textual-dark",
                   watch_interval=None)  # fmt: skip
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_evidence(app, pilot)
        date = form.query_one("#f-date", Input)
        assert date.value == "4.1.2027"  # today (pinned), as a Finn types it
        labels = [str(label.render()) for label in form.query(Label)]
        assert any(text.startswith("Päivämäärä") and "pp.kk.vvvv" in text for text in labels)
        assert "pp.kk.vvvv" in on_screen(app)
        await save_form(pilot, stakeholder="sw", date="31.2.2027")
        assert app.screen is form and form.query_one("#e-date").display
        await save_form(pilot, date="3.2.2027")
        await until(pilot, lambda: app.screen is not form, "the evidence form closed")
        progress = ProgressForm(app.ctx, PlanDoc.model_validate(PLAN))
        app.push_screen(progress)
        await until(pilot, lambda: app.screen is progress, "the progress form")
        assert progress.query_one("#f-date", Input).value == "4.1.2027"
        await save_form(pilot, item="CI-1", done="20", date="2027-04-10")  # ISO too
        await until(pilot, lambda: app.screen is not progress, "the progress form closed")
    with plan_store.read() as session:
        doc = read_plan(session=session, plan_id=1)
    assert [str(e.date) for e in doc.evidence] == ["2027-02-03"]
    update = next(p for p in doc.progress if p.item == "CI-1").updates[-1]
    assert (str(update.date), update.done) == ("2027-04-10", 0.2)


async def test_evidence_typed_while_saving_is_kept_as_another_entry(locked, config_dir) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_evidence(app, pilot)
        form.query_one("#f-stakeholder").value = "sw"
        quote = form.query_one("#f-quote", Input)
        quote.focus()
        await until(pilot, lambda: quote.has_focus, "the quote field focused")
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press(*"Tieto ei kulje", "ctrl+s")
        await until(pilot, lambda: banner(form) == "Saving…", "the form saying it saves")
        await pilot.press("ctrl+u", *"Toinen haastattelu")
        await until(pilot, lambda: quote.value == "Toinen haastattelu", "the typed keys")
        holder.execute("ROLLBACK")
        await until(pilot, lambda: banner(form).startswith("Saved."), "the save's end")
        assert app.screen is form and quote.value == "Toinen haastattelu"
        assert "Ctrl+S saves it as another entry." in on_screen(app)
        assert [e.quote for e in stored(db).evidence] == ["Tieto ei kulje"]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form, "the form closed")
    assert [e.quote for e in stored(db).evidence] == ["Tieto ei kulje", "Toinen haastattelu"]


async def test_a_new_row_typed_on_while_saving_is_saved_over_itself(locked, config_dir) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_view(pilot, "6")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, RowForm), "the new stakeholder form")
        form = app.screen
        form.query_one("#f-key", Input).value = "neuvola"
        name = form.query_one("#f-name", Input)
        name.focus()
        await until(pilot, lambda: name.has_focus, "the name field focused")
        holder.execute("BEGIN IMMEDIATE")
        await pilot.press(*"Neuvola", "ctrl+s")
        await until(pilot, lambda: banner(form) == "Saving…", "the form saying it saves")
        await pilot.press(*"palvelut")
        await until(pilot, lambda: name.value == "Neuvolapalvelut", "the typed keys")
        holder.execute("ROLLBACK")
        await until(pilot, lambda: banner(form).startswith("Saved."), "the save's end")
        assert {s.key: s.name for s in stored(db).stakeholders}["neuvola"] == "Neuvola"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form, "the form closed")
        await until(pilot, lambda: "Neuvolapalvelut" in seen(app), "the table showing the row")
    names = {s.key: s.name for s in stored(db).stakeholders}
    assert names == {"sw": "Sosiaalityö", "neuvola": "Neuvolapalvelut"}
