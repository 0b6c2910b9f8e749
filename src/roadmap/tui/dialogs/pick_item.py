"""Pick an item by typing part of its key or title (for dependencies and jumps)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, Switch

from roadmap.i18n import N_, _
from roadmap.tui.widgets.grid import Column, Grid


class Picked(tuple):
    """``(key, soft)``: the item picked, and whether the soft switch was on."""


class PickItem(ModalScreen[Picked | None]):
    """A filter box over ``(key, title)`` rows; Enter picks the row under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel")),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("ctrl+t", "toggle_soft", N_("Soft/hard")),
    ]

    def __init__(self, title: str, rows: list[tuple[str, str]], *, with_kind: bool = False) -> None:
        super().__init__()
        self.heading, self.rows, self.with_kind = title, rows, with_kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield Input(placeholder=_("Type part of a key or title"), id="pick-filter")
            if self.with_kind:
                with Horizontal(classes="kind"):
                    yield Switch(id="soft")
                    yield Label(_("soft dependency (should come first, ctrl+t)"))
            yield Grid(
                [Column(_("Key"), 0, 10), Column(_("Title"), 1, 12, stretch=True)],
                search=lambda row: f"{row[0]} {row[1]}",
                id="pick-grid",
            )

    def on_mount(self) -> None:
        self.query_one(Grid).set_rows(list(self.rows))
        self.query_one("#pick-filter", Input).focus()

    @on(Input.Changed, "#pick-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_one(Grid).filter(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _submit(self) -> None:
        self._pick(self.query_one(Grid).current_row)

    @on(Grid.Selected)
    def _selected(self, event: Grid.Selected) -> None:
        self._pick(event.row)

    def _pick(self, row: tuple | None) -> None:
        if row is not None:
            soft = self.with_kind and self.query_one("#soft", Switch).value
            self.dismiss(Picked((row[0], soft)))

    def action_move(self, delta: int) -> None:
        self.query_one(Grid).cursor += delta

    def action_toggle_soft(self) -> None:
        if self.with_kind:
            switch = self.query_one("#soft", Switch)
            switch.value = not switch.value

    def action_cancel(self) -> None:
        self.dismiss(None)
