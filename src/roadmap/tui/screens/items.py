"""The item table: every development item, sortable by any column, filtered as you type.

Rows come from one core select in a worker thread and live in a :class:`Grid`, which draws only
what is on screen; scores and periods are filled in from the engine's latest roadmap.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from roadmap.i18n import N_, _
from roadmap.i18n.terms import status_word
from roadmap.services.items import ItemRow, item_list
from roadmap.tui.messages import DeleteItem, EditItem, ViewLoaded
from roadmap.tui.screens.base import PlanView, counted
from roadmap.tui.widgets.fields import FieldInput
from roadmap.tui.widgets.grid import Column, Grid, worded

ID, KEY, TITLE, THEME, OWNER, TEAM, STATUS, TAGS, SCORE, PERIOD = range(10)
"""Row layout: the fields of :class:`~roadmap.services.items.ItemRow` (tags a tuple), then the
engine's score and period."""

COLUMNS = (
    Column(N_("Key"), KEY, 9),
    Column(N_("Title"), TITLE, 12, stretch=True),
    Column(N_("Theme"), THEME, 14),
    Column(N_("Owner"), OWNER, 12, optional=True),
    Column(N_("Team"), TEAM, 12, optional=True),
    Column(N_("Status"), STATUS, 11, fmt=status_word),
    Column(N_("Score"), SCORE, 5, right=True, fmt=lambda v: f"{v:.0f}"),
    Column(N_("Period"), PERIOD, 8),
)


def _search(row: tuple) -> str:
    return " ".join(
        (row[KEY], row[TITLE], *row[TAGS], row[THEME], row[OWNER], status_word(row[STATUS]))
    )


class ItemsView(PlanView):
    """Items of the plan."""

    MODE = "items"
    HELP = N_(
        "Every development item. Type in the filter to narrow the list (key, title, tag, theme, "
        "owner, status); click a column title or press s / r to sort; Enter opens an item."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open"), show=False),
        Binding("slash", "focus_filter", N_("Filter")),
        Binding("n", "app.new_item", N_("New")),
        Binding("delete,x", "delete", N_("Delete")),
        Binding("s", "sort", N_("Sort")),
        Binding("r", "reverse", N_("Reverse"), show=False),
        Binding("escape", "clear_filter", N_("Clear filter"), show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield FieldInput(
            placeholder=_("Filter: key, title, tag, theme, owner, status"), id="filter"
        )
        yield Grid(worded(COLUMNS), search=_search, id="items")
        yield Static("", id="count", classes="status-line")

    @property
    def grid(self) -> Grid:
        return self.query_one("#items", Grid)

    def on_mount(self) -> None:
        self._items: list[ItemRow] = []

    def reload(self) -> None:
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="items-load")
    def _load(self, version: int) -> None:
        ctx = self.ctx
        rows = item_list(ctx.store, ctx.plan_id, lang=ctx.translating)
        self.app.call_from_thread(self._show, rows, version)

    def _rows(self, rows: list[ItemRow]) -> list[tuple]:
        """Each :class:`~roadmap.services.items.ItemRow` with its score and period appended."""
        roadmap = self.rows_roadmap = self.shared.roadmap
        if roadmap is None:  # The first load: the engine has not run yet.
            unscored = (None, "")
            return [r + unscored for r in rows]
        scores, places = roadmap.scores, roadmap.placements
        label = cache(self.ctx.calendar.label)
        out = []
        for r in rows:
            result = scores.get(r.key)
            place = places.get(r.key)
            score = None if result is None else result.score
            out.append((*r, score, "" if place is None else label(place.start)))
        return out

    def _show(self, items: list[ItemRow], version: int) -> None:
        self._items = items
        self.grid.set_rows(self._rows(items), keep=lambda row: row[ID])
        self.loaded_version = version
        self._count()
        self.ask(ViewLoaded())

    def roadmap_changed(self) -> None:
        if self._items:
            rows = self.rows_with_roadmap(self.grid.rows)
            if rows is not None:
                self.grid.set_rows(rows, keep=lambda row: row[ID])

    def _count(self) -> None:
        grid = self.grid
        shown, total = len(grid.view), len(grid.rows)
        text = (
            counted(total, "item")
            if shown == total
            else _("{shown} of {total}", shown=shown, total=counted(total, "item"))
        )
        self.query_one("#count", Static).update(text)

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.grid.filter(event.value)
        self._count()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.grid.focus()

    @on(Grid.Selected, "#items")
    def _open(self, event: Grid.Selected) -> None:
        self.ask(EditItem(event.row[KEY]))

    def action_open(self) -> None:
        self.grid.action_select()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        self.grid.focus()

    def action_sort(self) -> None:
        self.grid.sort_next()

    def action_reverse(self) -> None:
        grid = self.grid
        grid.sort_by(grid.sort_column or 0, not grid.sort_reverse)

    def action_delete(self) -> None:
        row = self.grid.current_row
        if row is not None:
            self.ask(DeleteItem(row[KEY]))

    def selected_key(self) -> str | None:
        row = self.grid.current_row
        return None if row is None else row[KEY]
