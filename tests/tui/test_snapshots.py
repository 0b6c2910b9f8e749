"""SVG snapshots of every view, the item editor and the export dialog on the demo plan.

The theme is fixed, the database is a fresh copy of the demo plan, and nothing polls or blinks,
so the pictures change only when the views do. ``pytest --snapshot-update`` rewrites them.
"""

from __future__ import annotations

import pytest

from roadmap.tui.screens.base import REST

SIZES = [(120, 36), (80, 24)]


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
