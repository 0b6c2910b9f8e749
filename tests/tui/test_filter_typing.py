"""The views' filter boxes take the keys in the order they were typed, like the forms' fields:
a correction typed in a burst (a busy app, a fast typist) edits the filter where it was made."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from roadmap.tui.widgets.fields import FieldInput
from tui.conftest import open_view, seen, until
from tui.test_editor_typing import burst


@pytest.mark.parametrize("view_key", ["1", "2", "3"])
async def test_a_burst_of_keys_edits_the_filter_in_order(app, view_key: str) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, view_key)
        box = view.query_one("#filter", Input)
        assert isinstance(box, FieldInput)
        box.focus()
        await until(pilot, lambda: box.has_focus, "the filter focused")
        burst(app, [*"pilox", "backspace", "t", "home", "delete", "end", "s"])
        await until(pilot, lambda: box.value == "ilots", "the filter 'ilots'")
        assert "ilots" in seen(app)
