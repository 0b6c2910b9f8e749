"""The cycle collector rests while the app starts, and never stays off after it."""

from __future__ import annotations

import gc

import pytest

from tui.conftest import settle


async def test_collector_is_back_once_the_first_screen_is_drawn(app) -> None:
    assert gc.isenabled()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.roadmap is not None
        assert gc.isenabled()
    assert gc.isenabled()


async def test_collector_is_back_when_the_app_ends_before_its_first_screen(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmap.tui.screens.items import ItemsView

    monkeypatch.setattr(ItemsView, "reload", lambda view: None)  # The rows never come.
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not gc.isenabled()
    assert gc.isenabled()
