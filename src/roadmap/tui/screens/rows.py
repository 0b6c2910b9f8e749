"""The frame of the views over the plan's smaller tables (stakeholders, needs, sources, teams).

A view shows one or more :class:`Table` grids; ``n`` adds a row to the focused table, Enter or
``e`` edits the row under the cursor in a :class:`~roadmap.tui.dialogs.row_form.RowForm`, and
``x`` deletes it after a confirmation. Rows are read in a worker thread; every edit is stored in
its own short transaction through :mod:`roadmap.store.rows` and recorded in the app's undo
history, and then the plan counts as changed (the roadmap is sequenced again).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

from pydantic import BaseModel
from rich.text import Text
from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from roadmap.i18n import N_, _
from roadmap.services.history import Change, Changes, RowChange
from roadmap.store.items import keyed_names
from roadmap.store.rows import add_row, edit_row, key_map, row_columns, row_state, rows_of
from roadmap.tui.dialogs.form import SELECT, translation_values
from roadmap.tui.dialogs.row_form import RowForm, RowSpec, row_name
from roadmap.tui.screens.base import PlanView, counted
from roadmap.tui.widgets.grid import Column, Grid, worded

REFERENCES = ("organisation", "stakeholder")
"""Fields that name another row by key; stored as ``<name>_id``."""


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
        self._load(self.roadmap_app.data_version)

    @work(thread=True, exclusive=True, group="rows-load")
    def _load(self, version: int) -> None:
        with self.ctx.store.read() as session:
            data = self.read(session)
        self.app.call_from_thread(self._show, data, version)

    def read(self, session: Session) -> dict[str, list[tuple]]:
        """Rows per table id."""
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

    def stored_values(self, session: Session, table: Table, key: str) -> dict[str, Any]:
        """Form values of stored row ``key`` of ``table``."""
        row = next(
            r
            for r in rows_of(session=session, plan_id=self.ctx.plan_id, model=table.model)
            if r.key == key
        )
        values: dict[str, Any] = {}
        for f in table.spec.fields:
            if f.name in REFERENCES:
                keys = key_map(session=session, plan_id=self.ctx.plan_id, model=_referenced(f.name))
                values[f.name] = keys.get(getattr(row, f"{f.name}_id"))
            elif hasattr(row, f.name):
                values[f.name] = getattr(row, f.name)
        names = {f.name for f in table.spec.translated}
        i18n = {
            lang: {k: v for k, v in texts.items() if k in names}
            for lang, texts in getattr(row, "i18n", {}).items()
        }
        values.update(translation_values(i18n))
        return values

    def choices(self, session: Session, table: Table) -> dict[str, list[tuple[str, str]]]:
        return {
            f.name: keyed_names(
                session=session, plan_id=self.ctx.plan_id, model=_referenced(f.name)
            )
            for f in table.spec.fields
            if f.kind == SELECT and f.name in REFERENCES
        }

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

    def after_save(self, session: Session, table: Table, row: BaseModel) -> list[Change]:
        """Store what the row's own columns do not hold (a team's capacity changes); returns
        the changes made, undone together with the row's.
        """
        return []

    def open_form(self, table: Table, key: str | None) -> None:
        ctx = self.ctx
        with ctx.store.read() as session:
            values = self.stored_values(session, table, key) if key else self.new_values(table)
            choices = self.choices(session, table)
        if values is None:
            return

        def save(row: BaseModel) -> None:
            change = self._store(table, key, row)
            if change is not None:
                self.roadmap_app.history.record(change)

        def done(row: BaseModel | None) -> None:
            if row is not None:
                what = row_name(table.spec.what, start=True)
                self.roadmap_app.tell(_("{what} {key} saved.", what=what, key=row.key))
                self.roadmap_app.plan_changed()

        self.app.push_screen(RowForm(ctx, table.spec, key, values, save, choices), done)

    def _store(self, table: Table, key: str | None, row: BaseModel) -> Change | None:
        """Store ``row`` (over row ``key``, if given) in one transaction; the change it made."""
        ctx = self.ctx
        with ctx.store.write() as session:
            state = partial(row_state, session=session, plan_id=ctx.plan_id, model=table.model)
            before = None if key is None else state(key=key)
            columns = row_columns(
                session=session, plan_id=ctx.plan_id, values=self.columns(table, row, key)
            )
            if key is None:
                add_row(session=session, plan_id=ctx.plan_id, model=table.model, values=columns)
            else:
                edit_row(
                    session=session, plan_id=ctx.plan_id, model=table.model, key=key, values=columns
                )
            more = self.after_save(session, table, row)
            after = state(key=row.key)
        if before == after and not more:
            return None
        change = RowChange(table.model, table.spec.what, before, after)
        return Changes(change, *more) if more else change

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


def _referenced(name: str) -> type:
    from roadmap.model import tables as t

    return {"organisation": t.Organisation, "stakeholder": t.Stakeholder}[name]
