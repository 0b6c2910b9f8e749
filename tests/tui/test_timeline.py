"""The timeline redraws only the lines a change of the selected bar concerns."""

from __future__ import annotations

from textual.app import App, ComposeResult

from roadmap.tui.widgets.timeline import Bar, Lane, Timeline


class TimelineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Timeline()


async def test_moving_the_selection_redraws_two_lines() -> None:
    app = TimelineApp()
    async with app.run_test(size=(80, 20)) as pilot:
        timeline = app.query_one(Timeline)
        bars = [Bar(f"K-{i}", f"Item {i}", i % 4, i % 4) for i in range(12)]
        timeline.show(["Q1", "Q2", "Q3", "Q4"], [Lane("Lane", bars)], [], set())
        timeline.focus()
        await pilot.pause()
        drawn: list[int] = []
        render_line = timeline.render_line

        def spy(y: int):
            drawn.append(y)
            return render_line(y)

        timeline.render_line = spy  # type: ignore[method-assign]
        before = timeline.selected
        await pilot.press("down")
        await pilot.pause()
        assert timeline.selected[0] == before[0] + 1
        assert sorted(drawn) == [before[0] + 2, before[0] + 3]
        assert "K-" in "".join(s.text for s in render_line(before[0] + 3))
