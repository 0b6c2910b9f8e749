"""Two edits of one item undone one after the other: each undo is the app's own, never refused
as someone else's change; checked in what the table shows and what the toasts say."""

from __future__ import annotations

from roadmap.store.scores import all_scores
from roadmap.tui.widgets.grid import Grid
from tui.conftest import open_view, settle


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def shown_row(grid: Grid, key: str) -> str:
    """The text the table draws for the row of item ``key``."""
    for y in range(grid.size.height):
        text = grid.render_line(y).text
        if f" {key} " in f" {text} ":
            return text
    raise AssertionError(f"{key} is not on screen")


async def test_two_title_edits_are_both_undone_in_the_item_table(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        grid = app.screen.query_one("#items", Grid)
        for title in ("Ensimmäinen muutos", "Toinen muutos"):
            await pilot.press("enter")
            await settle(pilot)
            app.screen.query_one("#f-title").value = title
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert title in shown_row(grid, "CI-1")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Ensimmäinen muutos" in shown_row(grid, "CI-1")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert grid.display and grid.size.height > 0
        assert "Yhteinen asiakasnäkymä" in shown_row(grid, "CI-1")
        assert messages(app).count("Undone: CI-1 edited.") == 2
        assert not any("someone else" in m for m in messages(app))


async def test_two_plus_presses_are_both_undone_in_priorities(app, plan_store) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_view(pilot, "2")
        assert view.MODE == "priorities"
        view.grid.move_to(lambda row: row[1] == "CI-3")
        await pilot.press("plus", "plus")  # value 2 -> 3 -> 4
        await settle(pilot)
        assert view.grid.current_row[3] == 4
        await pilot.press("ctrl+z")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        view = app.screen
        assert view.MODE == "priorities" and view.grid.size.height > 0
        row = shown_row(view.grid, "CI-3")
        assert " 2 " in row and " 4 " not in row
        assert messages(app).count("Undone: score value of CI-3.") == 2
        assert not any("someone else" in m for m in messages(app))
    with plan_store.read() as session:
        assert all_scores(session=session, plan_id=1)["CI-3"] == {"value": 2, "risk": 1}
