"""The virtual table draws only what a change concerns, and what it draws follows every change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Input

from roadmap.tui.widgets.grid import Column, Grid

COLUMNS = (Column("Key", 0, 6), Column("Title", 1))


class GridApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Grid(COLUMNS, id="grid")
        yield Input()


def counting(grid: Grid) -> list[int]:
    """Count the lines ``grid`` draws from its rows (not from what it kept drawn)."""
    drawn: list[int] = []
    line = grid._line

    def spy(*args):
        drawn.append(1)
        return line(*args)

    grid._line = spy  # type: ignore[method-assign]
    return drawn


async def test_cursor_moves_draw_only_the_lines_they_change() -> None:
    app = GridApp()
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.query_one(Grid)
        grid.set_rows([(f"K-{i}", f"Title {i}") for i in range(100)])
        grid.focus()
        await pilot.pause()
        drawn = counting(grid)
        await pilot.press("down")
        await pilot.pause()
        assert len(drawn) == 2  # the row the cursor left and the row it came to
        for _ in range(12):  # past the bottom: the table scrolls a row at a time
            await pilot.press("down")
        await pilot.pause()
        drawn.clear()
        top = grid.scroll_offset.y
        await pilot.press("down")
        await pilot.pause()
        assert grid.scroll_offset.y == top + 1
        assert len(drawn) <= 3  # the rows that came into view or changed style


async def test_kept_lines_follow_rows_and_focus() -> None:
    app = GridApp()
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.query_one(Grid)
        grid.set_rows([(f"K-{i}", f"Title {i}") for i in range(5)])
        grid.focus()
        await pilot.pause()
        focused = grid.render_line(1)
        grid.update_row(0, ("K-0", "Renamed"))
        await pilot.pause()
        assert "Renamed" in grid.render_line(1).text
        grid.set_rows([("K-9", "Other")])
        await pilot.pause()
        assert "Other" in grid.render_line(1).text
        assert "Title" not in grid.render_line(2).text
        app.query_one(Input).focus()
        await pilot.pause()
        blurred = grid.render_line(1)
        assert next(iter(blurred)).style != next(iter(focused)).style
        app.theme = "textual-light"
        await pilot.pause()
        assert next(iter(grid.render_line(1))).style != next(iter(blurred)).style
        grid.sort_by(0, reverse=True)
        await pilot.pause()
        assert "▼" in grid.render_line(0).text


async def test_scrollbar_is_redrawn_only_when_its_thumb_moves() -> None:
    app = GridApp()
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.query_one(Grid)
        grid.set_rows([(f"K-{i}", f"Title {i}") for i in range(2000)])
        grid.focus()
        await pilot.pause()
        bar = grid.vertical_scrollbar
        renders: list[float] = []
        render = bar.render

        def counted():
            renders.append(bar.position)
            return render()

        bar.render = counted  # type: ignore[method-assign]
        for _ in range(300):
            grid.action_cursor(1)
            await pilot.pause(0)
        await pilot.pause()
        assert bar.position == grid.scroll_offset.y > 280
        assert 0 < len(renders) < 100
        region = Region(0, 0, bar.size.width, bar.size.height)
        shown = [list(strip) for strip in bar.render_lines(region)]
        bar.refresh()  # Drawn from scratch at the same position: the same picture.
        assert [list(strip) for strip in bar.render_lines(region)] == shown
