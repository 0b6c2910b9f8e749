"""The app's language switch: the interface and the plan's texts change together, the choice is
remembered for the next start, and every view is built again in the new words."""

from __future__ import annotations

import re
from pathlib import Path

from roadmap.i18n import language
from roadmap.tui.app import make_app
from tui.conftest import settle
from tui.screen_text import screen_text
from tui.test_app import palette


async def test_language_switch_changes_interface_and_texts(plan_store, config_dir: Path) -> None:
    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await palette(pilot, "View: Teams")
        before = app.screen
        await palette(pilot, "Language: English")
        assert (language(), app.ctx.language) == ("en", "en")
        await palette(pilot, "Language: suomi")
        await settle(pilot)
        assert (language(), app.ctx.language) == ("fi", "fi")
        assert app.current_mode == "teams" and app.screen is not before
        assert app.screen.is_attached and app.screen.size.width == 120
        text = screen_text(app)
        assert "Tiimit" in text and "Ohje" in text and "Kumoa" in text and "komennot" in text
        assert "Teams" not in text and "Help" not in text and "palette" not in text
        await palette(pilot, "Kieli: svenska")
        # The plan has no Swedish texts: they stay in the default language, the interface
        # speaks Swedish.
        assert (language(), app.ctx.language) == ("sv", "fi")
    assert app.prefs.get("language") == "sv"


async def test_first_screen_in_swedish_has_no_english_words(plan_store, config_dir: Path) -> None:
    from roadmap.i18n import set_language

    set_language("sv")
    app = make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        await pilot.press("f1")
        await settle(pilot)
        help_text = screen_text(app)
    assert "1 Objekt" in text and "Kod" in text and "Hjälp" in text and "Ångra" in text
    for english in ("Items", "Key", "Title", "Help", "Undo", "Filter", "Export", "Quit"):
        assert not re.search(rf"\b{english}\b", text), english
    assert "Alla utvecklingsobjekt" in help_text and "Every development item" not in help_text
