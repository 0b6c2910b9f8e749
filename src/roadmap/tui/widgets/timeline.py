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

from rich.cells import cell_len, set_cell_size
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

PERIOD, MILESTONES = N_("Period"), N_("Milestones")
"""The titles of the two header lines, in the column left of the periods."""


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
        self.header_labels = (_(PERIOD), _(MILESTONES))
        """The two header lines' titles, in the interface's language."""
        self.label_width = max(map(cell_len, self.header_labels)) + 1
        """Cells of the column left of the periods (lane names have lines of their own)."""

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
        # Periods share all the width there is, so that bars show as much of their titles; a
        # period is never narrower than a space and its worded label (" vko 52/2027").
        least = max([9, *(cell_len(label) + 2 for label in self.labels)])
        self.width_per_period = max(least, (self.size.width - self.label_width) // n)
        self.virtual_size = Size(self.label_width + n * self.width_per_period, len(self.lines) + 2)

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
        x = self.label_width + bar.start * self.width_per_period
        left = int(self.scroll_offset.x)
        if x < left + self.label_width or x >= left + self.size.width:
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
        period = (int(self.scroll_offset.x) + event.x - self.label_width) // self.width_per_period
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
        label_width = self.label_width
        scroll_x = int(self.scroll_offset.x)
        if y == 0:
            segments = [
                Segment(
                    set_cell_size(self.header_labels[0], label_width),
                    base + self._style("timeline--header"),
                )
            ]
            for n, label in enumerate(self.labels):
                flag = n in self.overloaded
                text = set_cell_size(f" {label}{' ⚠' if flag else ''}", w)
                name = "timeline--overload" if flag else "timeline--header"
                segments.append(
                    Segment(text, base + self._style("timeline--header") + self._style(name))
                )
        elif y == 1:
            # A milestone's name goes on as far as the next milestone's period.
            shown = sorted((p, name) for p, name in self.milestones if 0 <= p < len(self.labels))
            text = " " * (shown[0][0] * w) if shown else ""
            for i, (_start, name) in enumerate(shown):
                end = shown[i + 1][0] * w if i + 1 < len(shown) else len(self.labels) * w
                if end > cell_len(text):
                    text += set_cell_size(" ◆ " + printable(name), end - cell_len(text))
            style = base + self._style("timeline--milestone")
            segments = [Segment(set_cell_size(self.header_labels[1], label_width), style)]
            segments.append(Segment(set_cell_size(text, len(self.labels) * w), style))
        else:
            row = int(self.scroll_offset.y) + y - 2
            if row >= len(self.lines):
                return Strip.blank(width, base)
            line = self.lines[row]
            if line.title:  # A lane's name has the whole line, whatever the scrolling.
                style = base + self._style("timeline--lane")
                return Strip([Segment(set_cell_size(printable(line.lane), width), style)])
            segments = self._row(row, base, w)
        strip = Strip(segments)
        # The left column stays put while periods scroll sideways.
        left = strip.crop(0, label_width)
        rest = strip.crop(label_width + scroll_x, scroll_x + width)
        return Strip.join([left, rest]).adjust_cell_length(width, base)

    def _row(self, row: int, base: Style, w: int) -> list[Segment]:
        """A row of bars; a title longer than its bar goes on after it, as far as the next."""
        line = self.lines[row]
        segments = [Segment(" " * self.label_width, base)]
        x = 0
        sel_y, sel_x = self.selected
        bars = line.bars
        for i, bar in enumerate(bars):
            start = bar.start * w
            if start > x:
                segments.append(Segment(" " * (start - x), base))
            length = (bar.end - bar.start + 1) * w - 1
            style = base + self._style("timeline--critical" if bar.critical else "timeline--bar")
            if row == sel_y and i == sel_x:
                style += self._style("timeline--selected")
            mark = "!" if bar.critical else " "
            text = f"{mark}{bar.key} {printable(bar.title)}"
            inside = set_cell_size(text, length)
            segments.append(Segment(inside, style))
            x = start + length
            free = (bars[i + 1].start * w if i + 1 < len(bars) else len(self.labels) * w) - x - 1
            rest = (
                text[len(set_cell_size(text, length).rstrip()) :] if cell_len(text) > length else ""
            )
            if rest and free > 1:
                shown = set_cell_size(" " + rest.lstrip(), free)
                segments.append(Segment(shown, base))
                x += free
            segments.append(Segment(" ", base))
            x += 1
        return segments
