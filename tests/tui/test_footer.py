"""The footer shows each view's keys, and is rebuilt only when the keys it shows change."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.conftest import open_view, settle


def shown(app) -> list[str]:
    return [key.description for key in app.screen.query(FooterKey)]


async def test_footer_is_rebuilt_only_when_its_keys_change(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuilds: list[str] = []
    rebuild = Footer.recompose

    async def counted(footer: Footer) -> None:
        rebuilds.append(type(footer.screen).__name__)
        await rebuild(footer)

    monkeypatch.setattr(Footer, "recompose", counted)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#items")
        assert rebuilds == ["ItemsView"]
        assert "Filter" in shown(app)
        await pilot.press("down", "down", "up")
        await settle(pilot)
        assert rebuilds == ["ItemsView"]
        await open_view(pilot, "2")
        assert rebuilds == ["ItemsView", "PrioritiesView"]
        assert "+1" in shown(app)
        assert "Filter" in shown(app)
