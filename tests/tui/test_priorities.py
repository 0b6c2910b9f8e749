"""Scores changed with the keyboard are stored, and the roadmap is re-sequenced in a worker."""

from __future__ import annotations

from roadmap.store.scores import all_scores


def scores(store) -> dict[str, dict[str, float]]:
    with store.read() as session:
        return all_scores(session=session, plan_id=1)


async def open_view(pilot):
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


async def test_plus_minus_and_typed_values(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        assert view.MODE == "priorities"
        await pilot.press("minus", "minus")  # CI-1 value 5 -> 3
        await pilot.press("down", "right", *"5", "enter")  # CI-2 risk 3 -> 5
        await pilot.press("down", "right", *"9", "enter")  # refused: risk is 1-5
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "use a value from 1 to 5" in " ".join(n.message for n in app._notifications)
    stored = scores(plan_store)
    assert stored["CI-1"]["value"] == 3
    assert stored["CI-2"]["risk"] == 5
    assert stored["CI-3"] == {"value": 2, "risk": 1}


async def test_score_change_moves_an_item_and_says_so(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot)
        assert app.roadmap.placements["CI-5"].start == 1
        view.grid.move_to(lambda row: row[1] == "CI-5")
        await pilot.press("plus", "plus", "right", "minus")  # value 3 -> 5, risk 2 -> 1
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.roadmap.placements["CI-5"].start == 0
        messages = [n.message for n in app._notifications]
        assert "CI-5 moved from 2027-Q2 to 2027-Q1" in messages
        assert "CI-1 moved from 2027-Q1 to 2027-Q2" in messages
        row = view.grid.current_row
        assert row[1] == "CI-5" and row[-1] == "2027-Q1"
    assert scores(plan_store)["CI-5"] == {"value": 5, "risk": 1}
