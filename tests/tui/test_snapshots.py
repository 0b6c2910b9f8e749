"""SVG snapshots of every view, the item editor and the export dialog on the demo plan.

The theme is fixed, the database is a fresh copy of the demo plan, and nothing polls or blinks,
so the pictures change only when the views do. ``pytest --snapshot-update`` rewrites them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmap.config import demo_plan_file
from roadmap.io.planfile import load_plan
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.tui.screens.base import REST

SIZES = [(120, 36), (80, 24)]


@pytest.fixture
def demo_app(tmp_path: Path, config_dir: Path):
    from roadmap.tui.app import make_app

    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    with store.write() as session:
        write_plan(session=session, doc=load_plan(demo_plan_file()))
    app = make_app(store=store, config_dir=config_dir, theme="projector", watch_interval=None)
    app.animation_level = "none"
    yield app
    store.close()


async def _settle(pilot) -> None:
    await pilot.pause(REST)  # what a view shows for the selected row follows a resting cursor
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _view(keys: tuple[str, ...]):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        for key in keys:
            await pilot.press(key)
            await _settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False

    return run_before


VIEWS = {
    "items": (),
    "priorities": ("2",),
    "dependencies": ("3", "down"),
    "roadmap": ("4",),
    "now_next_later": ("4", "v"),
    "editor": ("enter",),
    "narratives": ("5", "down"),
    "stakeholders": ("6",),
    "sources": ("7",),
    "teams": ("8",),
    "silo": ("9", "down", "right"),
    "export": ("ctrl+e",),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(snap_compare, demo_app, view: str, size: tuple[int, int]) -> None:
    assert snap_compare(demo_app, terminal_size=size, run_before=_view(VIEWS[view]))
