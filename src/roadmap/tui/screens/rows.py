"""The frame of the views over the plan's smaller tables (stakeholders, needs, sources, teams).

A view shows one or more :class:`Table` grids; ``n`` adds a row to the focused table, Enter or
``e`` edits the row under the cursor in a :class:`~roadmap.tui.dialogs.row_form.RowForm`, and
``x`` deletes it after a confirmation. Rows are read in a worker thread; every edit is stored in
its own short transaction through :mod:`roadmap.services.rows` and recorded in the app's undo
history, and then the plan counts as changed (the roadmap is sequenced again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from roadmap.i18n import N_, _
from roadmap.services.history import Change
from roadmap.services.rows import REFERENCES, StoredRow, row_for_form, save_row
from roadmap.tui.dialogs.form import SELECT, translation_values
from roadmap.tui.dialogs.row_form import RowForm, RowSpec, row_name
from roadmap.tui.screens.base import PlanView, counted
from roadmap.tui.widgets.grid import Column, Grid, worded


@dataclass(frozen=True)
class Table:
    """A grid of rows of ``model`` (the first value of a row is its key), edited with ``spec``."""

    id: str
    title: str
    model: type
    spec: RowSpec
    columns: tuple[Column, ...]


class RowsView(PlanView):
    """Tables of rows that are added, edited and deleted through a form."""

    TABLES: ClassVar[tuple[Table, ...]] = ()
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", N_("New")),
        Binding("e", "edit", N_("Edit")),
        Binding("delete,x", "delete", N_("Delete")),
        Binding("tab", "app.focus_next", N_("Next table"), show=False),
    ]

    def compose_body(self) -> ComposeResult:
        for table in self.TABLES:
            if len(self.TABLES) > 1:
                yield Static(Text(_(table.title)), id=f"{table.id}-title", classes="status-line")
            yield Grid(
                worded(table.columns),
                search=lambda row: " ".join(str(v) for v in row),
                id=table.id,
            )
        yield Static("", id="rows-status", classes="status-line")

    def on_mount(self) -> None:
        self.data: dict[str, list[tuple]] = {}

    def grid(self, table: Table) -> Grid:
        return self.query_one(f"#{table.id}", Grid)

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="rows-load")
    def _load(self, version: int) -> None:
        data = self.read()
        self.app.call_from_thread(self._show, data, version)

    def read(self) -> dict[str, list[tuple]]:
        """Rows per table id (in a worker thread)."""
        raise NotImplementedError

    def _show(self, data: dict[str, list[tuple]], version: int) -> None:
        self.data = data
        for table in self.TABLES:
            self.grid(table).set_rows(self.rows_shown(table), keep=lambda row: row[0])
        self.loaded_version = version
        self.shown()

    def rows_shown(self, table: Table) -> list[tuple]:
        return self.data.get(table.id, [])

    def shown(self) -> None:
        """The rows are on screen (a view with a detail table fills it in)."""
        counts = ", ".join(
            counted(len(self.data.get(t.id, [])), t.spec.what) for t in self.TABLES[:1]
        )
        self.query_one("#rows-status", Static).update(Text(counts))

    def stored_values(self, table: Table, stored: StoredRow) -> dict[str, Any]:
        """Form values of the ``stored`` row of ``table``."""
        row = stored.row
        values: dict[str, Any] = {}
        for f in table.spec.fields:
            if f.name in REFERENCES:
                values[f.name] = stored.references.get(f.name)
            elif hasattr(row, f.name):
                values[f.name] = getattr(row, f.name)
        names = {f.name for f in table.spec.translated}
        i18n = {
            lang: {k: v for k, v in texts.items() if k in names}
            for lang, texts in getattr(row, "i18n", {}).items()
        }
        values.update(translation_values(i18n))
        return values

    # Editing -----------------------------------------------------------------------------

    def focused_table(self) -> Table:
        for table in self.TABLES:
            if self.grid(table).has_focus:
                return table
        return self.TABLES[0]

    def current_key(self, table: Table) -> str | None:
        row = self.grid(table).current_row
        return None if row is None else row[0]

    def new_values(self, table: Table) -> dict[str, Any] | None:
        """Starting values of a new row of ``table`` (None: no row can be added now)."""
        return {}

    def columns(self, table: Table, row: BaseModel, key: str | None) -> dict[str, Any]:
        """The column values (by field name) stored for a validated ``row``."""
        names = {f.name for f in table.spec.fields if f.name in type(row).model_fields}
        if "i18n" in type(row).model_fields:
            names.add("i18n")
        return row.model_dump(include=names)

    def opened_with(self, table: Table, key: str | None) -> dict[str, Any]:
        """Column values fixed by where the form was opened (a new need belongs to the
        stakeholder under the cursor): read when the form opens, not while it saves, when
        the cursor may have moved on or the save runs beside the screen."""
        return {}

    def capacity(self, table: Table, row: BaseModel) -> list[tuple[int, float]] | None:
        """A team's capacity changes ``(from period, capacity)`` saved with its ``row`` (and
        undone with it); None: the row has none."""
        return None

    def open_form(self, table: Table, key: str | None) -> None:
        ctx = self.ctx
        selects = [f.name for f in table.spec.fields if f.kind == SELECT]
        stored = row_for_form(ctx.store, ctx.plan_id, table.model, key, selects)
        values = self.stored_values(table, stored) if key else self.new_values(table)
        if values is None:
            return
        saved: list[tuple[str, Change | None]] = []
        fixed = self.opened_with(table, key)

        def save(row: BaseModel) -> None:
            """Store ``row`` (over row ``key``, if given) in one transaction; a later save from
            the same form (of what was typed while this one ran) writes over the stored row."""
            nonlocal key
            values = {**self.columns(table, row, key), **fixed}
            capacity = self.capacity(table, row)
            change = save_row(
                ctx.store, ctx.plan_id, table.model, table.spec.what, key, values, capacity=capacity
            )
            saved.append((values["key"], change))
            key = values["key"]

        def done(row: BaseModel | None) -> None:
            if row is not None and saved:
                stored_key, change = saved[-1]
                what = row_name(table.spec.what, start=True)
                self.edited(change, _("{what} {key} saved.", what=what, key=stored_key))

        self.app.push_screen(RowForm(ctx, table.spec, key, values, save, stored.choices), done)

    def action_new(self) -> None:
        self.open_form(self.focused_table(), None)

    def action_edit(self) -> None:
        table = self.focused_table()
        key = self.current_key(table)
        if key is not None:
            self.open_form(table, key)

    @on(Grid.Selected)
    def _selected(self, event: Grid.Selected) -> None:
        table = next(t for t in self.TABLES if t.id == event.grid.id)
        self.open_form(table, event.row[0])

    def delete_warning(self, table: Table, key: str) -> str:
        return _("Delete {what} {key}?", what=row_name(table.spec.what), key=key)

    def action_delete(self) -> None:
        table = self.focused_table()
        key = self.current_key(table)
        if key is not None:
            question = self.delete_warning(table, key)
            self.confirm_delete(table.model, table.spec.what, key, question)
