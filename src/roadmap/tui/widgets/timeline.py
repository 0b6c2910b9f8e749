"""The roadmap drawn in the terminal: periods as columns, lanes of bars, milestones on top.

Bars are packed into as few rows per lane as their periods allow, and only the rows on screen
are drawn (Line API), so a roadmap of any size scrolls smoothly. Critical-path items are drawn
in the error colour, overloaded periods are flagged in the header, and the selected bar is
reversed; moving the selection posts :class:`Timeline.Selected`.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from roadmap.i18n import N_, _
from roadmap.tui.widgets.grid import printable

LABEL = 16
"""Width of the lane-name column."""


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    title: str
    start: int
    end: int
    critical: bool = False


@dataclass(frozen=True, slots=True)
class Lane:
    name: str
    bars: Sequence[Bar]


@dataclass(slots=True)
class _Line:
    """One drawn row below the header: a lane title, or a row of bars of a lane."""

    lane: str
    bars: list[Bar]
    title: bool = False


def pack(bars: Sequence[Bar]) -> list[list[Bar]]:
    """Bars in rows where none overlap, first-fit by start period (few rows, any count)."""
    rows: list[list[Bar]] = []
    free: list[tuple[int, int]] = []  # (last period used, row index)
    for bar in sorted(bars, key=lambda b: (b.start, b.end, b.key)):
        if free and free[0][0] < bar.start:
            _, row = heapq.heappop(free)
        else:
            row = len(rows)
            rows.append([])
        rows[row].append(bar)
        heapq.heappush(free, (bar.end, row))
    return rows


class Timeline(ScrollView, can_focus=True):
    """Lanes of bars over periods."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", N_("Previous"), show=False),
        Binding("right", "step(1)", N_("Next"), show=False),
        Binding("up", "row(-1)", N_("Up"), show=False),
        Binding("down", "row(1)", N_("Down"), show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--header",
        "timeline--lane",
        "timeline--bar",
        "timeline--critical",
        "timeline--selected",
        "timeline--overload",
        "timeline--milestone",
    }
    DEFAULT_CSS = """
    Timeline { height: 1fr; background: $surface; }
    Timeline > .timeline--header { text-style: bold; background: $panel; }
    Timeline > .timeline--lane { text-style: bold; color: $secondary; }
    Timeline > .timeline--bar { background: $primary 40%; }
    Timeline > .timeline--critical { background: $error 50%; text-style: bold; }
    Timeline > .timeline--selected { text-style: reverse bold; }
    Timeline > .timeline--overload { color: $warning; text-style: bold; }
    Timeline > .timeline--milestone { color: $accent; text-style: bold; }
    """

    selected: reactive[tuple[int, int]] = reactive((0, 0), init=False, repaint=False)
    """(line, bar index within the line); a change redraws the lines of the two bars."""

    class Selected(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.labels: list[str] = []
        self.lines: list[_Line] = []
        self.milestones: list[tuple[int, str]] = []
        self.overloaded: set[int] = set()
        self.width_per_period = 10

    def show(
        self,
        labels: list[str],
        lanes: Sequence[Lane],
        milestones: list[tuple[int, str]],
        overloaded: set[int],
        keep: str | None = None,
    ) -> None:
        """Draw ``lanes`` over periods named ``labels``; keep bar ``keep`` selected if shown."""
        self.labels, self.milestones, self.overloaded = labels, milestones, overloaded
        self.lines = []
        for lane in lanes:
            self.lines.append(_Line(lane.name, [], title=True))
            self.lines += [_Line(lane.name, row) for row in pack(lane.bars)]
        self._layout()
        target = (0, 0)
        for y, line in enumerate(self.lines):
            for x, bar in enumerate(line.bars):
                if bar.key == keep or (keep is None and target == (0, 0) and not line.title):
                    target = (y, x)
                    if bar.key == keep:
                        break
        self.selected = self._valid(target)
        self.refresh()

    def _layout(self) -> None:
        n = max(1, len(self.labels))
        self.width_per_period = max(9, min(18, (self.size.width - LABEL) // n))
        self.virtual_size = Size(LABEL + n * self.width_per_period, len(self.lines) + 2)

    def on_resize(self) -> None:
        self._layout()

    @property
    def selected_bar(self) -> Bar | None:
        y, x = self.selected
        if 0 <= y < len(self.lines) and 0 <= x < len(self.lines[y].bars):
            return self.lines[y].bars[x]
        return None

    def _valid(self, target: tuple[int, int]) -> tuple[int, int]:
        y, x = target
        if 0 <= y < len(self.lines) and self.lines[y].bars:
            return (y, max(0, min(x, len(self.lines[y].bars) - 1)))
        for yy, line in enumerate(self.lines):
            if line.bars:
                return (yy, 0)
        return (0, 0)

    def watch_selected(self, old: tuple[int, int], new: tuple[int, int]) -> None:
        bar = self.selected_bar
        if bar is None:
            return
        y = self.selected[0] + 2
        top = int(self.scroll_offset.y)
        if y < top + 2 or y >= top + self.size.height:
            self.scroll_to(y=max(0, y - self.size.height // 2), animate=False)
        x = LABEL + bar.start * self.width_per_period
        left = int(self.scroll_offset.x)
        if x < left + LABEL or x >= left + self.size.width:
            self.scroll_to(x=max(0, bar.start * self.width_per_period - 4), animate=False)
        self._refresh_line(old[0])
        self._refresh_line(new[0])
        self.post_message(self.Selected(bar.key))

    def _refresh_line(self, line: int) -> None:
        y = line + 2 - int(self.scroll_offset.y)
        if 2 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_step(self, delta: int) -> None:
        y, x = self.selected
        line = self.lines[y] if y < len(self.lines) else None
        if line and 0 <= x + delta < len(line.bars):
            self.selected = (y, x + delta)
            return
        yy = y + delta
        while 0 <= yy < len(self.lines) and not self.lines[yy].bars:
            yy += delta
        if 0 <= yy < len(self.lines):
            self.selected = (yy, 0 if delta > 0 else len(self.lines[yy].bars) - 1)

    def action_row(self, delta: int) -> None:
        bar = self.selected_bar
        y = self.selected[0] + delta
        while 0 <= y < len(self.lines) and not self.lines[y].bars:
            y += delta
        if bar is None or not 0 <= y < len(self.lines):
            return
        bars = self.lines[y].bars
        nearest = min(range(len(bars)), key=lambda i: abs(bars[i].start - bar.start))
        self.selected = (y, nearest)

    async def _on_click(self, event: events.Click) -> None:
        y = int(self.scroll_offset.y) + event.y - 2
        if not 0 <= y < len(self.lines) or event.y < 2:
            return
        period = (int(self.scroll_offset.x) + event.x - LABEL) // self.width_per_period
        for x, bar in enumerate(self.lines[y].bars):
            if bar.start <= period <= bar.end:
                self.selected = (y, x)
                return

    # Drawing -----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        w = self.width_per_period
        scroll_x = int(self.scroll_offset.x)
        if y == 0:
            segments = [
                Segment(set_cell_size(_("Period"), LABEL), base + self._style("timeline--header"))
            ]
            for n, label in enumerate(self.labels):
                flag = n in self.overloaded
                text = set_cell_size(f" {label}{' ⚠' if flag else ''}", w)
                name = "timeline--overload" if flag else "timeline--header"
                segments.append(
                    Segment(text, base + self._style("timeline--header") + self._style(name))
                )
        elif y == 1:
            cells = [" " * w for _ in self.labels]
            for period, name in self.milestones:
                if 0 <= period < len(cells):
                    cells[period] = set_cell_size(" ◆ " + printable(name), w)
            style = base + self._style("timeline--milestone")
            segments = [Segment(set_cell_size(_("Milestones"), LABEL), style)]
            segments += [Segment(cell, style) for cell in cells]
        else:
            row = int(self.scroll_offset.y) + y - 2
            if row >= len(self.lines):
                return Strip.blank(width, base)
            segments = self._row(row, base, w)
        strip = Strip(segments)
        # The lane column stays put while periods scroll sideways.
        label = strip.crop(0, LABEL)
        rest = strip.crop(LABEL + scroll_x, LABEL + scroll_x + width - LABEL)
        return Strip.join([label, rest]).adjust_cell_length(width, base)

    def _row(self, row: int, base: Style, w: int) -> list[Segment]:
        line = self.lines[row]
        if line.title:
            style = base + self._style("timeline--lane")
            return [Segment(set_cell_size(printable(line.lane), LABEL), style)]
        segments = [Segment(" " * LABEL, base)]
        x = 0
        sel_y, sel_x = self.selected
        for i, bar in enumerate(line.bars):
            start = bar.start * w
            if start > x:
                segments.append(Segment(" " * (start - x), base))
            length = (bar.end - bar.start + 1) * w - 1
            style = base + self._style("timeline--critical" if bar.critical else "timeline--bar")
            if row == sel_y and i == sel_x:
                style += self._style("timeline--selected")
            mark = "!" if bar.critical else " "
            text = set_cell_size(f"{mark}{bar.key} {printable(bar.title)}", length)
            segments += [Segment(text, style), Segment(" ", base)]
            x = start + length + 1
        return segments
