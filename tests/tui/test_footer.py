"""The footer shows each view's own keys."""

from __future__ import annotations

import html
import re

from textual.widgets import Footer

from tui.conftest import open_view, settle


def footer_text(app) -> str:
    """The words the footer shows on screen, read from a screenshot of the app."""
    footer = app.screen.query_one(Footer)
    assert footer.display and footer.region.height > 0 and footer.region.width > 0
    svg = app.export_screenshot()
    return html.unescape(" ".join(re.findall(r">([^<>]+)</text>", svg))).replace("\xa0", " ")


async def test_footer_shows_the_keys_of_the_view_on_screen(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "Filter" in footer_text(app)
        assert "+1" not in footer_text(app)
        await open_view(pilot, "2")
        assert "+1" in footer_text(app)
        assert "Filter" in footer_text(app)
