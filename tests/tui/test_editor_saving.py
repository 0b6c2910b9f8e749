"""A save runs beside the app, not in its way: while another program holds the database's
write lock the item editor says "Saving…", the app answers keys and what is typed meanwhile
stays; once the lock is released the item is stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, Input

from roadmap.store.db import Store
from roadmap.tui.dialogs.item_editor import ItemEditor
from tui.conftest import loaded, make_store, palette_found, seen, until
from tui.test_editor_faults import banner, title_of


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, Store, sqlite3.Connection]]:
    """The plan's database, its store, and another program's connection to it."""
    db = tmp_path / "plan.db"
    store = make_store(db)
    holder = sqlite3.connect(db, isolation_level=None)
    yield db, store, holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()
    store.close()


async def open_and_save(app, pilot, holder: sqlite3.Connection, text: str) -> ItemEditor:
    """Open CI-4's editor, lock the database from ``holder``, type ``text`` as the title and
    press Ctrl+S; returns once the form says it is saving."""
    await until(pilot, lambda: loaded(app), "the first view with its data")
    app.edit_item("CI-4")
    await until(pilot, lambda: isinstance(app.screen, ItemEditor), "the editor")
    editor = app.screen
    title = editor.query_one("#f-title", Input)
    await until(pilot, lambda: title.has_focus, "the title field focused")
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    await pilot.press("ctrl+u", *text, "ctrl+s")
    await until(pilot, lambda: banner(editor) == "Saving…", "the form saying it saves")
    return editor


async def test_the_app_answers_keys_while_a_save_waits_for_a_lock(locked, config_dir) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_and_save(app, pilot, holder, "Raportit")
        title = editor.query_one("#f-title", Input)
        assert "Saving…" in seen(app)
        assert editor.query_one("#save", Button).disabled
        # The lock is still held: keys reach the form, and a second Ctrl+S starts nothing.
        await pilot.press("ctrl+s", *" 2027")
        await until(pilot, lambda: title.value == "Raportit 2027", "the typed keys in the title")
        assert "Raportit 2027" in seen(app)
        assert len([w for w in app.workers if w.group == "save"]) == 1
        assert title_of(db, "CI-4") == "Raportointi"
        holder.execute("ROLLBACK")  # the other program is done
        await until(pilot, lambda: "CI-4 saved." in banner(editor), "the save's end")
        # What was typed while saving stays on the form, which saves it next.
        assert app.screen is editor and title.value == "Raportit 2027"
        assert "Ctrl+S saves it" in " ".join(seen(app).split())
        assert title_of(db, "CI-4") == "Raportit"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not editor, "the editor closed")
    assert title_of(db, "CI-4") == "Raportit 2027"


async def test_escape_while_saving_closes_the_form_once_saved(locked, config_dir) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_and_save(app, pilot, holder, "Raportit")
        await pilot.press("escape")
        await until(pilot, lambda: "closes once the save" in banner(editor), "the answer to Esc")
        assert app.screen is editor
        holder.execute("ROLLBACK")
        await until(pilot, lambda: app.screen is not editor, "the editor closed")
        await until(pilot, lambda: "Raportit" in seen(app), "the table showing the new title")
    assert title_of(db, "CI-4") == "Raportit"


async def quit_by_palette(pilot) -> None:
    """Quit through the command palette (Ctrl+P, "quit", Enter)."""
    await pilot.press("ctrl+p", *"quit")
    await palette_found(pilot, "quit")
    await pilot.press("enter")


async def quit_by_key(pilot) -> None:
    await pilot.press("ctrl+q")


@pytest.mark.parametrize("quit", [quit_by_key, quit_by_palette])
async def test_quitting_while_saving_waits_for_the_save(locked, config_dir, quit) -> None:
    from roadmap.tui.app import make_app

    db, store, holder = locked
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await open_and_save(app, pilot, holder, "Raportit")
        await quit(pilot)
        await until(pilot, lambda: "app closes once the save" in banner(editor), "the answer")
        assert app.is_running and app.screen is editor
        holder.execute("ROLLBACK")
        await until(pilot, lambda: app.return_code is not None, "the app quitting")
    assert title_of(db, "CI-4") == "Raportit"
    assert app.prefs.load_draft(app.ctx.slug) is None
