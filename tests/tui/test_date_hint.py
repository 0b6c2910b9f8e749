"""The item editor words its date fields as the reader writes dates: the hint shows the format
in their language (*pp.kk.vvvv*), stored dates are shown in it, and a date typed in it is kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from roadmap.i18n import set_language
from roadmap.model.tables import Item
from roadmap.tui.app import make_app
from tui.conftest import open_view, settle


@pytest.mark.parametrize(
    ("lang", "hint", "typed", "shown"),
    [
        ("fi", "pp.kk.vvvv", "1.6.2027", "1.6.2027"),
        ("sv", "dd.mm.åååå", "1.6.2027", "1.6.2027"),
        ("en", "yyyy-mm-dd or dd.mm.yyyy", "2027-06-01", "2027-06-01"),
    ],
)
async def test_date_fields_take_the_readers_format(
    plan_store, config_dir: Path, lang: str, hint: str, typed: str, shown: str
) -> None:
    set_language(lang)
    app = make_app(store=plan_store, config_dir=config_dir, theme="textual-dark",
                   watch_interval=None)  # fmt: skip
    async with app.run_test(size=(120, 60)) as pilot:
        await open_view(pilot, "1")
        await pilot.press("enter")
        await settle(pilot)
        editor = app.screen
        label = " ".join(str(w.render()) for w in editor.query(".field-label"))
        assert f"({hint})" in label
        editor.query_one("#f-deadline").value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not editor
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#f-deadline").value == shown
    with plan_store.read() as session:
        item = session.exec(select(Item).where(Item.key == "CI-1")).first()
    assert item.deadline == date(2027, 6, 1)
