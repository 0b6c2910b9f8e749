"""A virtual table: any number of rows, of which only the visible ones are drawn.

Textual's ``DataTable`` builds and measures every row up front, which at 100,000 items costs
seconds to open and a tenth of a second per cell update. :class:`Grid` keeps its rows as plain
tuples, renders the few lines on screen through the Line API, and sorts and filters by
rearranging a list of row indexes. Text is drawn as plain segments (never parsed as markup),
with control characters made visible, so any title a user typed shows literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from math import ceil
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from roadmap.i18n import N_, _
from roadmap.model.bidi import BIDI_CHARACTERS, visible

_CONTROL: dict[int, str] = {
    **dict.fromkeys((*range(32), 127, *range(128, 160)), "?"),
    **{ord(c): visible(c) for c in BIDI_CHARACTERS},
}


def printable(text: str) -> str:
    """``text`` with control characters (escape codes, newlines) replaced by ``?``, and
    direction controls written out as ``<U+202E>`` (they could make a title read as another).
    """
    return text.translate(_CONTROL)


def worded(columns: Sequence[Column]) -> list[Column]:
    """``columns`` with their labels (catalog messages) worded in the interface's language."""
    return [replace(column, label=_(column.label)) for column in columns]


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its label, the tuple index it shows, and how it shares the table's width.

    Every column asks for the width of its widest value (and of its label with a sort arrow);
    when the table is wider than that, ``stretch`` columns get the rest, and when it is
    narrower, the widest columns give way first, never below ``width`` (or their label).
    """

    label: str
    index: int
    width: int = 0
    """The narrowest the column becomes when space is short (0: as wide as its label)."""
    right: bool = False
    fmt: Callable[[Any], str] = str
    optional: bool = False
    """Left out when the table is narrower than :data:`NARROW` cells."""
    stretch: bool = False
    """Takes the width no column needs (a title, a description)."""


ARROW = 2
"""Cells of the sort arrow after a label (" ▲")."""
MEASURED = 2000
"""Rows measured for a column's width; a longer table measures an even sample of them."""


def share(wants: Sequence[int], floors: Sequence[int], room: int) -> list[int]:
    """Widths for columns that want ``wants`` cells in ``room`` cells: all they want when it
    fits; otherwise the widest are narrowed first, to one common width (never below their
    ``floors``), so that no column is cut while another keeps room it could give.

    >>> share([5, 40, 20, 8], [3, 5, 5, 6], 80)
    [5, 40, 20, 8]
    >>> share([5, 40, 20, 8], [3, 5, 5, 6], 50)
    [5, 19, 18, 8]
    """
    widths = list(wants)
    excess = sum(widths) - room
    while excess > 0:
        widest = max(
            (i for i, w in enumerate(widths) if w > floors[i]),
            key=lambda i: (widths[i], i),  # of equals, the later gives first
            default=None,
        )
        if widest is None:
            break
        widths[widest] -= 1
        excess -= 1
    return widths


NARROW = 100
DRAWN = 2000
"""Most lines kept drawn; a few screens of them (the cache is emptied when full)."""


def _thumb(bar: ScrollBar, position: float) -> list[Segment]:
    """How ``bar`` draws with its thumb at ``position`` (as :meth:`ScrollBar.render` would)."""
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    return bar.renderer.render_bar(
        size=bar.size.height,
        virtual_size=ceil(bar.window_virtual_size),
        window_size=ceil(window),
        position=position,
        thickness=bar.thickness,
    ).segments


_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[str | int, ...]:
    """``text`` as it sorts for a reader: case-insensitively, runs of digits as numbers.

    >>> sorted(["CI-10", "ci-2", "CI-1"], key=natural)
    ['CI-1', 'ci-2', 'CI-10']
    """
    parts = _DIGITS.split(text.casefold())
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts))


def _sort_key(value: Any) -> tuple[int, Any]:
    """Empty values last, numbers as numbers, text in :func:`natural` order."""
    if value is None or value == "":
        return (2, 0)
    if isinstance(value, int | float):
        return (0, value)
    return (1, natural(str(value)))


class Grid(ScrollView, can_focus=True):
    """Rows of tuples shown in columns; a cursor row; sorting and filtering without redrawing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", N_("Up"), show=False),
        Binding("down", "cursor(1)", N_("Down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "jump(0)", N_("First"), show=False),
        Binding("end", "jump(-1)", N_("Last"), show=False),
        Binding("enter", "select", N_("Open"), show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--header",
        "grid--cursor",
        "grid--sorted",
        "grid--odd",
    }
    DEFAULT_CSS = """
    Grid { height: 1fr; background: $surface; overflow-x: hidden; }
    Grid > .grid--header { text-style: bold; background: $panel; }
    Grid > .grid--sorted { text-style: bold underline; background: $panel; }
    Grid > .grid--cursor { background: $block-cursor-blurred-background; }
    Grid:focus > .grid--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    Grid > .grid--odd { background: $surface-lighten-1; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)
    """The cursor's position in :attr:`view`; a move redraws the two rows it concerns."""

    class Selected(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, grid: Grid, row: tuple) -> None:
            super().__init__()
            self.grid, self.row = grid, row

        @property
        def control(self) -> Grid:
            return self.grid

    class Highlighted(Message):
        """The cursor moved to a row."""

        def __init__(self, grid: Grid, row: tuple | None) -> None:
            super().__init__()
            self.grid, self.row = grid, row

        @property
        def control(self) -> Grid:
            return self.grid

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        search: Callable[[tuple], str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self._search = search
        self.rows: list[tuple] = []
        self.view: list[int] = []
        """Indexes into :attr:`rows` of the rows shown, in the order shown."""
        self.sort_column: int | None = None
        self.sort_reverse = False
        self.filter_text = ""
        self._haystack: list[str] | None = None
        self._widths: list[int] = []
        self._wants: dict[int, int] = {}
        """Cells each column's values take (by position in :attr:`columns`), measured once
        per change of rows."""
        self._widths_for = 0
        """The width :attr:`_widths` were worked out for (a scrollbar coming narrows it)."""
        self._shown: list[Column] = []
        self._styles: dict[str, Style] = {}
        self._drawn: dict[Any, Strip] = {}
        """Lines drawn, by (row index, component) and -1 for the header, kept while they hold:
        scrolling draws the lines again at new places."""
        self._drawn_width = 0

    # Data --------------------------------------------------------------------------------

    def set_rows(self, rows: list[tuple], *, keep: Callable[[tuple], Any] | None = None) -> None:
        """Replace the rows, keeping sort, filter and (by ``keep``'s key) the cursor's row."""
        current = self.current_row
        self.rows = rows
        self._haystack = None
        self._wants.clear()
        self._widths = []
        self._rebuild()
        if current is not None and keep is not None:
            self.move_to(lambda row: keep(row) == keep(current))

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._wants.clear()
        self._widths = []
        self.refresh()

    def update_row(self, index: int, row: tuple) -> None:
        """Replace row ``index`` of :attr:`rows` and redraw it where it is shown."""
        self.rows[index] = row
        for component in ("", "grid--cursor", "grid--odd"):
            self._drawn.pop((index, component), None)
        if self._haystack is not None and self._search is not None:
            self._haystack[index] = self._search(row).casefold()
        try:
            y = self.view.index(index) if self.view[self.cursor] != index else self.cursor
        except (ValueError, IndexError):
            return
        self._refresh_row(y)

    def sort_by(self, column: int, reverse: bool | None = None) -> None:
        if reverse is None:
            reverse = not self.sort_reverse if self.sort_column == column else False
        self.sort_column, self.sort_reverse = column, reverse
        self._widths = []  # the sorted column's label has an arrow to fit
        current = self.current_row
        self._rebuild()
        if current is not None:
            self.move_to(lambda row: row is current)
        self.refresh()

    def sort_next(self) -> None:
        """Sort by the next column on screen (the first when none or the last was sorted)."""
        shown = [self.columns.index(c) for c, _ in self.column_widths()]
        if not shown:
            return
        after = shown.index(self.sort_column) + 1 if self.sort_column in shown else 0
        self.sort_by(shown[after % len(shown)], False)

    def filter(self, text: str) -> None:
        self.filter_text = text.strip().casefold()
        self._rebuild()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)

    def _rebuild(self) -> None:
        view: Sequence[int] = range(len(self.rows))
        if self.filter_text and self._search is not None:
            if self._haystack is None:
                self._haystack = [self._search(row).casefold() for row in self.rows]
            words = self.filter_text.split()
            hay = self._haystack
            view = [i for i in view if all(w in hay[i] for w in words)]
        if self.sort_column is not None:
            index = self.columns[self.sort_column].index
            rows = self.rows
            view = sorted(view, key=lambda i: _sort_key(rows[i][index]), reverse=self.sort_reverse)
        self.view = list(view)
        self.virtual_size = Size(self.size.width, len(self.view) + 1)
        self.cursor = min(self.cursor, max(0, len(self.view) - 1))
        self.refresh()

    @property
    def current_row(self) -> tuple | None:
        if not self.view:
            return None
        return self.rows[self.view[min(self.cursor, len(self.view) - 1)]]

    @property
    def current_index(self) -> int | None:
        """Index into :attr:`rows` of the cursor's row."""
        return self.view[self.cursor] if self.view else None

    def move_to(self, test: Callable[[tuple], bool]) -> bool:
        """Put the cursor on the first shown row that passes ``test``."""
        for y, i in enumerate(self.view):
            if test(self.rows[i]):
                self.cursor = y
                return True
        return False

    # Cursor ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current_row))

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.view) - 1)) if self.view else 0

    def _refresh_row(self, y: int) -> None:
        line = y - int(self.scroll_offset.y) + 1
        if 1 <= line < self.size.height:
            self.refresh(Region(0, line, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 2)

    def action_jump(self, where: int) -> None:
        self.cursor = 0 if where == 0 else len(self.view) - 1

    def action_select(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.Selected(self, row))

    async def _on_click(self, event: events.Click) -> None:
        y = event.y
        if y == 0:
            x = 0
            for column, width in zip(self._shown, self._widths, strict=True):
                if x <= event.x < x + width + 1:
                    self.sort_by(self.columns.index(column))
                    return
                x += width + 1
            return
        row = int(self.scroll_offset.y) + y - 1
        if 0 <= row < len(self.view):
            self.cursor = row
            if event.chain >= 2:
                self.action_select()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """As :class:`ScrollView`'s, but the scrollbar is redrawn only when its thumb moves: in
        a long table, a scroll of a row moves it by less than the eighth of a cell it is drawn
        in, and redrawing the bar cost as much as the rows."""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            position = bar.validate_position(new_value)
            if _thumb(bar, position) == _thumb(bar, bar.position):
                bar.set_reactive(ScrollBar.position, position)
            else:
                bar.position = position
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.view) + 1)
        self._widths = []

    # Drawing -----------------------------------------------------------------------------

    def _want(self, position: int) -> int:
        """Cells the values of column ``position`` take (a sample of them in a long table)."""
        want = self._wants.get(position)
        if want is None:
            column = self.columns[position]
            rows = self.rows
            step = max(1, len(rows) // MEASURED)
            fmt, index = column.fmt, column.index
            want = 0
            for row in rows[::step]:
                value = row[index]
                if value is not None and value != "":
                    want = max(want, cell_len(printable(fmt(value))))
            self._wants[position] = want
        return want

    def _column_widths(self) -> list[int]:
        total = self.scrollable_content_region.width
        if self._widths and self._widths_for == total:
            return self._widths
        self._widths_for = total
        shown = [c for c in self.columns if total >= NARROW or not c.optional]
        room = total - (len(shown) - 1)
        labels = [cell_len(c.label) for c in shown]
        sorted_by = None if self.sort_column is None else self.columns[self.sort_column]
        wants = [
            max(self._want(self.columns.index(c)), label + (ARROW if c is sorted_by else 0))
            for c, label in zip(shown, labels, strict=True)
        ]
        floors = [
            min(want, max(c.width or label, 1))
            for c, want, label in zip(shown, wants, labels, strict=True)
        ]
        widths = share(wants, floors, room)
        spare = room - sum(widths)
        stretch = [i for i, c in enumerate(shown) if c.stretch] or [len(shown) - 1]
        if spare > 0 and shown:
            for n, i in enumerate(stretch):
                widths[i] += spare // len(stretch) + (n < spare % len(stretch))
        self._shown = shown
        self._widths = widths
        return widths

    def column_widths(self) -> list[tuple[Column, int]]:
        """The columns on screen with the cells each has."""
        return list(zip(self._shown, self._column_widths(), strict=True))

    def _line(self, cells: Callable[[Column], str], style: Style, width: int) -> Strip:
        parts = []
        widths = self._column_widths()
        for column, w in zip(self._shown, widths, strict=True):
            text = printable(cells(column))
            size = cell_len(text)
            if size > w:
                text = set_cell_size(text, w - 1) + "…" if w > 1 else text[:w]
            elif column.right and size < w:
                text = " " * (w - size) + text
            parts.append(set_cell_size(text, w))
        line = set_cell_size(" ".join(parts), width)
        return Strip([Segment(line, style)], width)

    def _style(self, component: str) -> Style:
        """The widget's style with ``component``'s (none for ""), worked out once per restyle."""
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style += self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def _forget_drawn(self) -> None:
        self._styles.clear()
        self._drawn.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_drawn()

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Grid:
        if repaint and not regions:
            # A whole redraw follows a change of rows, columns, sorting or component styles.
            self._forget_drawn()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._drawn_width = width
            self._drawn.clear()
        if y == 0:
            strip = self._drawn.get(-1)
            if strip is None:
                sorted_by = None if self.sort_column is None else self.columns[self.sort_column]
                arrow = " ▼" if self.sort_reverse else " ▲"

                def label(c: Column) -> str:
                    if c is not sorted_by:
                        return c.label
                    # The arrow always shows: a label cut to make room for it, if need be.
                    w = dict(self.column_widths()).get(c, 0)
                    return set_cell_size(c.label, max(0, w - ARROW)).rstrip() + arrow

                strip = self._drawn[-1] = self._line(label, self._style("grid--header"), width)
            return strip
        row_y = int(self.scroll_offset.y) + y - 1
        if row_y >= len(self.view):
            return Strip.blank(width, self._style(""))
        index = self.view[row_y]
        if row_y == self.cursor:
            component = "grid--cursor"
        elif row_y % 2:
            component = "grid--odd"
        else:
            component = ""
        key = (index, component)
        strip = self._drawn.get(key)
        if strip is None:
            row = self.rows[index]

            def cell(c: Column) -> str:
                value = row[c.index]
                return "" if value is None else c.fmt(value)

            if len(self._drawn) >= DRAWN:
                self._drawn.clear()
            strip = self._drawn[key] = self._line(cell, self._style(component), width)
        return strip
