"""Scores changed with the keyboard are stored, and the roadmap is re-sequenced in a worker."""

from __future__ import annotations

from roadmap.store.scores import all_scores
from tui.conftest import notices, seen, settle, until
from tui.conftest import open_view as open_priorities


def scores(store) -> dict[str, dict[str, float]]:
    with store.read() as session:
        return all_scores(session=session, plan_id=1)


async def open_view(pilot):
    """Priorities, once its rows and the engine's first roadmap are shown."""
    view = await open_priorities(pilot, "2")
    assert view.MODE == "priorities" and view.grid.rows
    return view


async def test_plus_minus_and_typed_values(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        assert view.MODE == "priorities"
        await pilot.press("minus", "minus")  # CI-1 value 5 -> 3
        await pilot.press("down", "right", "enter", *"5", "enter")  # CI-2 risk 3 -> 5
        await pilot.press("down", "enter", *"9", "enter")  # refused: risk is 1-5
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "use a value from 1 to 5" in " ".join(n.message for n in app._notifications)
    stored = scores(plan_store)
    assert stored["CI-1"]["value"] == 3
    assert stored["CI-2"]["risk"] == 5
    assert stored["CI-3"] == {"value": 2, "risk": 1}


async def test_score_change_moves_an_item_and_says_so(app, plan_store) -> None:
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        view = await open_view(pilot)
        assert app.roadmap.placements["CI-5"].start == 1
        view.grid.move_to(lambda row: row[1] == "CI-5")
        await pilot.press("plus", "plus", "right", "minus")  # value 3 -> 5, risk 2 -> 1
        await until(pilot, lambda: app.roadmap.placements["CI-5"].start == 0, "CI-5 moved")
        await until(pilot, lambda: app.screen.query("Toast"), "a notice on screen")
        await settle(pilot)
        said = notices(app)
        assert len(said) <= 4  # a notice per change at most
        assert any(n.startswith("CI-5 moved from 2027 Q2 to 2027 Q1.") for n in said)
        assert any("CI-1" in n for n in said)
        row = view.grid.current_row
        assert row[1] == "CI-5" and row[-1] == "2027-Q1"
    assert scores(plan_store)["CI-5"] == {"value": 5, "risk": 1}


async def test_digits_switch_views_unless_a_value_is_typed(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        await pilot.press("enter", *"4")
        assert app.screen is view
        assert "value: 4_" in seen(app)
        await pilot.press("escape")
        assert "value:" not in seen(app)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.MODE == "dependencies"
        assert "3 Dependencies" in seen(app)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen is view
        await pilot.press("1")
        await settle(pilot)
        assert app.screen.MODE == "items"
    assert scores(plan_store)["CI-1"] == {"value": 5, "risk": 2}


async def test_escape_clears_then_leaves_the_filter(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        box = view.query_one("#filter")
        await pilot.press("slash", *"pal")
        assert box.has_focus and len(view.grid.view) == 1
        await pilot.press("escape")
        assert box.value == "" and box.has_focus and len(view.grid.view) == 5
        assert "Palveluohjaus" in seen(app) and "Yhteinen" in seen(app)
        await pilot.press("escape")
        assert view.grid.has_focus
        await pilot.press("5")
        await settle(pilot)
        assert app.screen.MODE == "narratives"
