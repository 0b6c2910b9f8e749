"""The scenario view: opened from the command palette, it lists the plan's what-ifs and shows
the one picked compared with the plan, in words, with the items it moves and its roadmap."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList

from roadmap.i18n import set_language
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.tui.app import make_app
from roadmap.tui.screens.scenarios import ScenariosView
from tui.conftest import palette_found, settle, until
from tui.screen_text import screen_text

PLAN = {
    "plan": {"name": "What if", "slug": "whatif", "start_date": "2027-01-01"},
    "organisations": [{"key": "O", "name": "Org"}],
    "teams": [{"key": "dev", "organisation": "O", "name": "Developers", "capacity": 1}],
    "criteria": [{"key": "value", "name": "Value", "scale": "0-10"}],
    "items": [
        {"key": "A", "title": "Survey", "team": "dev", "effort": 2, "scores": {"value": 9}},
        {"key": "B", "title": "Portal", "team": "dev", "effort": 1, "scores": {"value": 5},
         "deadline": "2027-06-30"},
        {"key": "C", "title": "Training", "team": "dev", "effort": 1, "scores": {"value": 2}},
    ],
    "scenarios": [
        {"key": "more-people", "name": "Two developers", "capacities": {"dev": 2}},
        {"key": "portal-first", "name": "Portal [b]first[/b]", "priorities": {"B": 100},
         "efforts": {"A": 3}, "pins": {"C": "2027-Q4"}},
    ],
}  # fmt: skip


def _app(tmp_path: Path, plan: dict):
    store = Store.open(tmp_path / "plan.db")
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(plan))
    app = make_app(store=store, config_dir=tmp_path / "config", theme="textual-dark",
                   watch_interval=None)  # fmt: skip
    return store, app


@pytest.fixture
def app(tmp_path: Path):
    store, app = _app(tmp_path, PLAN)
    yield app
    store.close()


async def _open(pilot, words: str) -> ScenariosView:
    await settle(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await palette_found(pilot, words)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, ScenariosView), "the scenario view")
    return pilot.app.screen


async def test_a_picked_scenario_is_compared_with_the_plan_in_words(app) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await _open(pilot, "Scenarios")
        await until(pilot, lambda: "Two developers" in screen_text(app), "the scenario list")
        listed = screen.query_one("#scenario-list", OptionList)
        assert listed.option_count == 2 and listed.size.width > 0
        await until(pilot, lambda: "Items moved" in screen_text(app), "a comparison")
        await pilot.press("down")
        shown = lambda: "Portal [b]first[/b] compared" in screen_text(app)  # noqa: E731
        await until(pilot, lambda: shown() and "Items moved" in screen_text(app), "the second")
        text = screen_text(app)
        # The name is shown as typed, not read as markup.
        assert "Scenario Portal [b]first[/b] compared with the plan:" in text
        assert "The roadmap ends 1 period later: it takes 5 periods instead of 4." in text
        assert "Deadlines missed: 0 (before: 1)." in text
        assert "Met now, missed before: Portal (B)." in text
        assert "Items moved: 1 item starts earlier, 1 item starts later." in text
        changes = screen.query_one("#table-changes", DataTable)
        assert changes.row_count == 2 and changes.size.height > 0
        assert "Moved earlier" in text and "Portal (B)" in text
        roadmap = screen.query_one("#table-roadmap", DataTable)
        assert roadmap.row_count == 3
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ScenariosView)


async def test_the_view_speaks_finnish(tmp_path: Path) -> None:
    set_language("fi")
    store, app = _app(tmp_path, PLAN)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await _open(pilot, "Skenaariot")
            await until(pilot, lambda: "Siirtyneet kohteet" in screen_text(app), "the words")
            text = screen_text(app)
            assert "Skenaario Two developers suunnitelmaan verrattuna:" in text
            assert "Tiekartta päättyy 2 jaksoa aiemmin: se kestää 2 jaksoa aiemman 4 sijaan." in (
                text
            )
            assert "Siirtyneet kohteet: 2 kohdetta alkaa aiemmin, 1 kohde päättyy aiemmin." in text
            assert "esc Sulje" in text
            assert "Ylittyviä määräaikoja: 0 (ennen: 1)." in text
            # Each moved item says how, in Finnish, periods as the documents word them.
            changes = app.screen.query_one("#table-changes", DataTable)
            assert changes.row_count == 3 and changes.size.height > 0
            assert "aikaistettu jaksolta Q3/2027 jaksolle Q2/2027" in text
            assert "Tiedot" in text
            assert "2027-Q" not in text and "moved" not in text
    finally:
        store.close()


async def test_a_plan_without_scenarios_says_how_to_add_them(tmp_path: Path) -> None:
    plan = {key: value for key, value in PLAN.items() if key != "scenarios"}
    store, app = _app(tmp_path, plan)
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(pilot)
            app.action_scenarios()
            await until(pilot, lambda: "no scenarios yet" in screen_text(app), "the hint")
    finally:
        store.close()
