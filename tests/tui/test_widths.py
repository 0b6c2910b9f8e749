"""Tables share the terminal's width by content: at 80, 120 and 200 columns no column is cut
while another has room to give; keys sort as a reader counts; a sorted column shows its arrow."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from roadmap.tui.widgets.grid import Column, Grid, printable
from tui.conftest import open_view, seen, settle, until

VIEWS = {"1": "items", "2": "priorities", "6": "stakeholders", "7": "sources", "8": "teams"}


def wanted(grid: Grid, column: Column) -> int:
    """Cells the column's label and its widest value take."""
    values = (row[column.index] for row in grid.rows)
    sizes = (cell_len(printable(column.fmt(v))) for v in values if v is not None and v != "")
    return max(cell_len(column.label), *sizes, 0)


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("key", list(VIEWS))
async def test_no_column_is_cut_while_another_has_room(demo_app, key: str, width: int) -> None:
    async with demo_app.run_test(size=(width, 30)) as pilot:
        view = await open_view(pilot, key)
        assert VIEWS[key] == view.MODE
        lines = seen(demo_app)
        for grid in view.query(Grid):
            if not grid.rows:
                continue
            widths = grid.column_widths()
            sorted_by = None if grid.sort_column is None else grid.columns[grid.sort_column]
            assert sum(w for _, w in widths) + len(widths) - 1 <= grid.size.width
            cut = [c.label for c, w in widths if w < wanted(grid, c)]
            spare = [c.label for c, w in widths if w > wanted(grid, c) + (c is sorted_by) * 2]
            assert not (cut and spare), f"{grid.id}: {cut} cut while {spare} have room"
            for column, w in widths:  # what is not cut is on screen whole
                if w >= wanted(grid, column):
                    first = grid.rows[grid.view[0]][column.index]
                    if first not in (None, ""):
                        assert printable(column.fmt(first)) in lines


async def test_criterion_headers_are_whole(demo_app) -> None:
    async with demo_app.run_test(size=(200, 30)) as pilot:
        view = await open_view(pilot, "2")
        names = [c.name for c in view.criteria]
        assert names and all(name in seen(demo_app) for name in names)


class GridApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Grid([Column("Key", 0), Column("Title", 1, stretch=True)])


async def test_keys_sort_as_numbers_are_counted() -> None:
    app = GridApp()
    async with app.run_test(size=(40, 8)) as pilot:
        grid = app.query_one(Grid)
        grid.set_rows([(k, f"Title {k}") for k in ("CI-10", "CI-2", "CI-1", "ci-11")])
        await pilot.click(Grid, offset=(1, 0))
        await settle(pilot)
        assert [grid.rows[i][0] for i in grid.view] == ["CI-1", "CI-2", "CI-10", "ci-11"]
        lines = seen(app).splitlines()
        assert lines[0].startswith("Key ▲")
        assert [line.split()[0] for line in lines[1:5]] == ["CI-1", "CI-2", "CI-10", "ci-11"]


@pytest.mark.parametrize("width", [80, 120])
async def test_every_sorted_column_shows_its_arrow(demo_app, width: int) -> None:
    async with demo_app.run_test(size=(width, 30)) as pilot:
        view = await open_view(pilot, "1")
        for _ in view.grid.column_widths():
            await pilot.press("s")
            await until(pilot, lambda: view.grid.columns[view.grid.sort_column] is not None)
            await settle(pilot)
            label = view.grid.columns[view.grid.sort_column].label
            header = seen(demo_app).splitlines()[view.grid.region.y]
            assert "▲" in header, label
        assert label == "Period"
        assert any(c.label == "Score" for c, _ in view.grid.column_widths())


@pytest.mark.parametrize("width", [80, 120, 200])
async def test_roadmap_bars_and_milestones_use_the_width(demo_app, width: int) -> None:
    async with demo_app.run_test(size=(width, 30)) as pilot:
        view = await open_view(pilot, "4")
        timeline = view.query_one("Timeline")
        periods = len(timeline.labels)
        # The periods take the whole width (at 80 columns they scroll, at least 9 cells each).
        assert timeline.label_width + periods * timeline.width_per_period >= min(
            timeline.size.width - periods, timeline.label_width + periods * 9
        )
        text = seen(demo_app)
        assert "Tiedon käyttö päätöksenteossa" in text  # lane names whole
        if width >= 120:  # a title longer than its bar goes on after it
            assert "CI-10 Pient en lukumäärien suojaussääntö" in text or width != 120
            assert "Yhteinen asiakastiedon tietovaranto" in text  # a milestone, whole


@pytest.mark.parametrize("width", [80, 200])
async def test_silo_map_shows_whole_names_when_they_fit(demo_app, width: int) -> None:
    async with demo_app.run_test(size=(width, 30)) as pilot:
        await open_view(pilot, "9")
        text = seen(demo_app)
        if width == 200:
            assert "Asikkalan kunnanjohto ja luottamushenkilöt" in text
            assert "asiakaspalvelu" in text and "tietovarasto" in text
        else:
            assert "Lahden varhaiskasvatus " in text  # a name that fits is not cut
            assert "asiak" in text
