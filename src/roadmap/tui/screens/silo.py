"""The silo map: which stakeholder needs which information source, and whether they can reach it.

Stakeholders are rows and sources columns (keys shortened, so the matrix fits 80 columns;
wider plans scroll sideways). Space cycles the cell under the cursor: not needed, needed
without access, needed with access; each change is stored at once and can be undone. The
status line names the stakeholder, the source and its owner in full.
"""

from __future__ import annotations

from itertools import takewhile
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from roadmap.i18n import N_, _
from roadmap.services.history import SiloChange
from roadmap.services.views import silo_view
from roadmap.tui.screens.base import PlanView
from roadmap.tui.screens.stakeholders import organisation, shown

LABEL_WIDTH = 22
"""The fewest cells of a stakeholder's name at the start of its row, when space is short."""
COLUMN_WIDTH = 6
"""The fewest cells of a source column (its key shortened to fit), when space is short."""
STATES: dict[bool | None, tuple[str, str, str]] = {
    None: ("·", "dim", N_("not needed")),
    False: ("✗", "bold red", N_("needed, no access")),
    True: ("✓", "bold green", N_("needed, has access")),
}
"""A cell's state -> its mark, the mark's style, and what it means (a catalog message)."""
CYCLE: dict[bool | None, bool | None] = {None: False, False: True, True: None}


def legend() -> str:
    """The marks of the cells and what they mean, in the interface's language."""
    return "  ".join(f"{mark} {_(meaning)}" for mark, _style, meaning in STATES.values())


class Row(NamedTuple):
    key: str
    name: str
    owner: str = ""


def short(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with an ellipsis when it was longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def abbreviations(keys: list[str], width: int) -> list[str]:
    """Column titles for ``keys``: a prefix they all share left out, cut to ``width`` cells.

    >>> abbreviations(["sys-vaka-lahti", "sys-vtj"], 5)
    ['vaka', 'vtj']
    """
    first, last = (min(keys), max(keys)) if len(keys) > 1 else ("", "")
    same = (a == b for a, b in zip(first, last, strict=False))
    prefix = first[: sum(1 for _ in takewhile(bool, same))]
    cut = max((prefix.rfind(c) for c in "-_."), default=-1) + 1
    return [key[cut:][:width].rstrip("-_.") or key[:width] for key in keys]


def mark(state: bool | None, width: int = COLUMN_WIDTH) -> Text:
    symbol, style, _meaning = STATES[state]
    return Text(symbol.center(width - 1), style=style)


class SiloView(PlanView):
    """Stakeholders x information sources."""

    MODE = "silo"
    HELP = N_(
        "Who needs which information source (rows: stakeholders, columns: sources, keys "
        "shortened; the line below names them in full). Move with the arrow keys; space "
        "cycles the cell: not needed, needed without access, needed with access. "
        "Each change is saved at once; Ctrl+Z undoes it."
    )
    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "cycle", N_("Change cell"))]

    def compose_body(self) -> ComposeResult:
        yield DataTable(id="silo", cursor_type="cell", cell_padding=0, zebra_stripes=True)
        yield Static(Text(legend()), id="silo-legend", classes="status-line")
        yield Static("", id="silo-status", classes="status-line")

    def on_mount(self) -> None:
        self.people: list[Row] = []
        self.sources: list[Row] = []
        self.cells: dict[tuple[str, str], bool] = {}
        self.cell_width = COLUMN_WIDTH

    @property
    def table(self) -> DataTable:
        return self.query_one("#silo", DataTable)

    def reload(self) -> None:
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="silo-load")
    def _load(self, version: int) -> None:
        ctx, lang = self.ctx, self.ctx.translating
        silo = silo_view(ctx.store, ctx.plan_id)
        people = [Row(s.key, shown(s, "name", lang)) for s in silo.stakeholders]
        sources = [
            Row(s.key, shown(s, "name", lang), organisation(silo.organisations, s.organisation_id))
            for s in silo.sources
        ]
        cells = silo.cells
        self.app.call_from_thread(self._show, people, sources, cells, version)

    def _show(self, people: list[Row], sources: list[Row], cells, version: int) -> None:
        self.people, self.sources, self.cells = people, sources, cells
        self._draw()
        self.loaded_version = version
        self._status()

    def _widths(self) -> tuple[int, int]:
        """Cells of the names and of each source column: whole names and keys when they fit,
        else both give way (:func:`~roadmap.tui.widgets.grid.share`)."""
        from roadmap.tui.widgets.grid import share

        names = max((cell_len(p.name) for p in self.people), default=0) + 1
        titles = abbreviations([s.key for s in self.sources], 1000)
        keys = max((cell_len(title) for title in titles), default=0) + 1
        n = len(self.sources)
        room = self.table.scrollable_content_region.width - 2  # the scrollbar to come
        if n == 0:
            return min(names, room), COLUMN_WIDTH
        # Sources share one width: the matrix is read down its columns.
        name_width, per_column = share(
            [names, keys * n], [min(names, LABEL_WIDTH), COLUMN_WIDTH * n], room
        )
        return name_width, max(COLUMN_WIDTH, per_column // n)

    def _draw(self) -> None:
        table = self.table
        where = table.cursor_coordinate
        table.clear(columns=True)
        sources, cells = self.sources, self.cells
        name_width, width = self._widths()
        self.cell_width = width
        titles = abbreviations([s.key for s in sources], width - 1)
        for source, title in zip(sources, titles, strict=True):
            table.add_column(Text(title.center(width - 1)), width=width, key=source.key)
        for person in self.people:
            table.add_row(
                *(mark(cells.get((person.key, s.key)), width) for s in sources),
                key=person.key,
                label=Text(short(person.name, name_width - 1)),
            )
        table.cursor_coordinate = where

    def on_resize(self) -> None:
        if self.people:
            self._draw()

    def _current(self) -> tuple[Row, Row] | None:
        if not self.people or not self.sources:
            return None
        row, column = self.table.cursor_coordinate
        return self.people[row], self.sources[column]

    @on(DataTable.CellHighlighted)
    def _status(self) -> None:
        current = self._current()
        if current is None:
            text = _("Add stakeholders (6) and information sources (7) first.")
        else:
            person, source = current
            owner = ", " + _("held by {owner}", owner=source.owner) if source.owner else ""
            meaning = _(STATES[self.cells.get((person.key, source.key))][2])
            text = f"{person.name} × {source.name}{owner}: {meaning}"
        self.query_one("#silo-status", Static).update(Text(text))

    def action_cycle(self) -> None:
        current = self._current()
        if current is None:
            return
        person, source = current
        cell = (person.key, source.key)
        before = self.cells.get(cell)
        after = CYCLE[before]
        change = SiloChange(person.key, source.key, before, after)
        if not self.make(change, shown=True):
            return
        if after is None:
            self.cells.pop(cell, None)
        else:
            self.cells[cell] = after
        self.table.update_cell(person.key, source.key, mark(after, self.cell_width))
        self._status()
