"""What the whole app does: remembered theme, help, command palette, tabs, undo of scores."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from roadmap.store.item_write import ItemWrite, update_item
from roadmap.store.repo import find_item
from roadmap.store.scores import all_scores
from roadmap.tui.app import make_app
from roadmap.tui.dialogs.help import Help
from tui.conftest import open_view, settle, until


def free_app(store, config_dir: Path | None = None):
    """The app with its theme not fixed, so that it is remembered."""
    return make_app(store=store, config_dir=config_dir, watch_interval=None)


async def test_theme_is_remembered_between_runs(plan_store, config_dir: Path) -> None:
    first = free_app(plan_store, config_dir)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert first.theme == "textual-dark"
        first.theme = "projector"
        await pilot.pause()
    assert json.loads((config_dir / "tui.json").read_text())["theme"] == "projector"
    second = free_app(plan_store, config_dir)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert second.theme == "projector"


async def test_config_folder_comes_from_the_environment(
    plan_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "from-env"
    monkeypatch.setenv("ROADMAP_CONFIG_DIR", str(folder))
    app = free_app(plan_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "textual-light"
        await pilot.pause()
    assert json.loads((folder / "tui.json").read_text())["theme"] == "textual-light"


@pytest.mark.parametrize(
    ("key", "about", "binding"),
    [("1", "Every development item", "Filter"), ("9", "Who needs which", "Change cell")],
)
async def test_help_shows_the_view_and_its_keys(app, key: str, about: str, binding: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_view(pilot, key)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, Help)
        texts = " ".join(str(s.render()) for s in help_screen.query("Static"))
        assert about in texts
        console = Console(width=100, file=io.StringIO(), record=True)
        console.print(help_screen.query_one("#help-keys", Static).content)
        keys = console.export_text()
        assert binding in keys and "Undo" in keys and "Export" in keys
        await pilot.press("escape")
        assert app.screen is view


async def palette(pilot, text: str) -> None:
    """Type ``text`` into the command palette and run the command it offers first, once the
    palette has found it."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    await pilot.press(*text)

    def offered() -> bool:
        found = pilot.app.screen.query_one(CommandList)
        first = found.get_option_at_index(0) if found.option_count else None
        return first is not None and text.casefold() in str(first.prompt).casefold()

    await until(pilot, offered, f"the command {text!r} offered")
    await pilot.press("enter")
    await settle(pilot)


async def test_command_palette_commands(app, config_dir: Path) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await palette(pilot, "View: Teams")
        assert app.current_mode == "teams"
        await palette(pilot, "Language: English")
        assert app.ctx.language == "en"
        await palette(pilot, "Theme: projector")
        assert app.theme == "projector"
        await palette(pilot, "Export documents")
        assert type(app.screen).__name__ == "ExportDialog"
        await pilot.press("escape")
        await palette(pilot, "CI-3")
        assert type(app.screen).__name__ == "ItemEditor"
        assert app.screen.key == "CI-3"


async def test_tab_ids_differ_from_widget_ids(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert len(app.screen.query("#items")) == 1
        await pilot.click("#view-teams")
        await settle(pilot)
        assert app.current_mode == "teams"


async def test_undoing_a_score_someone_else_changed_since_is_refused(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "2")
        await pilot.press("minus")  # CI-1 value 5 -> 4
        await settle(pilot)
        with plan_store.read() as session:
            version = find_item(session=session, plan_id=1, key="CI-1").version
        assert version == 2
        with plan_store.write() as session:
            update_item(
                session=session,
                plan_id=1,
                write=ItemWrite("CI-1", {"scores": {"value": 1.0}, "title": "Changed elsewhere"}),
            )
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert any(
            "Changed by someone else" in n.message and "CI-1 (scores.value)" in n.message
            for n in app._notifications
        )
    with plan_store.read() as session:
        assert all_scores(session=session, plan_id=1)["CI-1"]["value"] == 1
