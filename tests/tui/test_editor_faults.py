"""A save the database cannot take: the editor says why in plain words, keeps the form open with
what was typed, and the stored plan stays as it was. Then, once the database can be written
again, the same form saves."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from roadmap.store.db import Store
from roadmap.store.repo import find_item
from roadmap.tui.dialogs.item_editor import ItemEditor
from tui.conftest import PLAN, loaded, make_store, seen, until


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def title_of(db: Path, key: str) -> str:
    store = Store.open(db, create=False)
    with store.read() as session:
        title = find_item(session=session, plan_id=1, key=key).title
    store.close()
    return title


async def type_title_and_save(app, pilot, text: str) -> ItemEditor:
    """Open CI-4's editor, type ``text`` as its title and press Ctrl+S."""
    await until(pilot, lambda: loaded(app), "the first view with its data")
    app.edit_item("CI-4")
    await until(pilot, lambda: isinstance(app.screen, ItemEditor), "the editor")
    editor = app.screen
    title = editor.query_one("#f-title", Input)
    await until(pilot, lambda: title.has_focus, "the title field focused")
    await pilot.press("ctrl+u", *text, "ctrl+s")
    return editor


def banner(editor: ItemEditor) -> str:
    """What the banner above the fields says ("" while hidden)."""
    line = editor.query_one("#banner")
    return str(line.render()) if line.display else ""


def shown(form, *words: str) -> bool:
    """The form's banner is displayed, has a size and says each of ``words`` (read from the
    banner: a long message wraps, and the view behind the dialog shows beside its lines)."""
    line = form.query_one("#banner")
    text = " ".join(banner(form).split())
    return line.display and line.size.height > 0 and all(w in text for w in words)


def on_screen(app) -> str:
    """The screen's text without the dialog's frame, its words as the lines wrap them."""
    return " ".join(seen(app).replace("█", " ").split())


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder with the plan's database, mounted read-only over itself (tests run as root,
    whom file modes do not stop)."""
    folder = tmp_path / "ro"
    folder.mkdir()
    make_store(folder / "plan.db", PLAN).close()
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    if subprocess.run(["mount", "--bind", str(folder), str(folder)]).returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


async def test_a_read_only_database_keeps_the_form_and_says_why(
    read_only_folder: Path, config_dir: Path
) -> None:
    from roadmap.tui.app import make_app

    db = read_only_folder / "plan.db"
    before = sha(db)
    app = make_app(db, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await type_title_and_save(app, pilot, "Raportit")
        await until(pilot, lambda: "cannot be written" in banner(editor), "the message")
        assert app.screen is editor
        assert editor.query_one("#f-title", Input).value == "Raportit"
        assert shown(editor, f"Not saved: {db} cannot be written", "What you typed is kept.")
    assert sha(db) == before
    assert title_of(db, "CI-4") == "Raportointi"


async def test_a_store_opened_for_reading_only_keeps_the_form(
    tmp_path: Path, config_dir: Path
) -> None:
    """As the app opens a file it may not write (modes, for a user other than root)."""
    from roadmap.tui.app import make_app

    db = tmp_path / "plan.db"
    make_store(db).close()
    before = sha(db)
    store = Store(f"sqlite:///{db}", read_only_url=f"sqlite:///file:{db}?mode=ro&uri=true")
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        editor = await type_title_and_save(app, pilot, "Raportit")
        await until(pilot, lambda: "cannot be written" in banner(editor), "the message")
        assert app.screen is editor
        assert editor.query_one("#f-title", Input).value == "Raportit"
    store.close()
    assert sha(db) == before
    assert title_of(db, "CI-4") == "Raportointi"


async def test_a_database_locked_by_another_program_keeps_the_form(
    tmp_path: Path, config_dir: Path, monkeypatch
) -> None:
    from roadmap.tui.app import make_app

    monkeypatch.setenv("ROADMAP_BUSY_TIMEOUT_MS", "100")
    db = tmp_path / "plan.db"
    store = make_store(db)
    holder = sqlite3.connect(db, isolation_level=None)
    app = make_app(store=store, config_dir=config_dir, theme="textual-dark", watch_interval=None)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: loaded(app), "the first view with its data")
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        editor = await type_title_and_save(app, pilot, "Raportit")
        await until(pilot, lambda: "stayed locked" in banner(editor), "the message")
        assert app.screen is editor
        assert "stayed locked by another program" in on_screen(app)
        assert editor.query_one("#f-title", Input).value == "Raportit"
        assert title_of(db, "CI-4") == "Raportointi"
        holder.execute("ROLLBACK")  # the other program is done: the same form saves
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ItemEditor), "the form saved")
    holder.close()
    assert title_of(db, "CI-4") == "Raportit"
    store.close()
