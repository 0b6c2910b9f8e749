"""The dialog that starts a voting round: method, budget, most per item, which items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

METHOD_NAMES = (
    ("Dot voting", "dots"),
    ("100 points", "points"),
    ("Score on the criteria (1-5)", "score"),
)


@dataclass(frozen=True, slots=True)
class RoundSpec:
    method: str
    budget: int | None
    per_item: int | None
    filter_text: str


class RoundDialog(ModalScreen[RoundSpec | None]):
    """Ask how the next round votes; empty numbers take the method's usual ones."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New voting round", classes="dialog-title")
            yield Select(METHOD_NAMES, value="dots", allow_blank=False, id="method")
            yield Label("Dots or points per person (empty: 5 dots or 100 points)")
            yield Input(id="budget", type="integer")
            yield Label("Most on one item (empty: 3 dots, or the whole budget)")
            yield Input(id="per-item", type="integer")
            yield Label("Only items whose key, title or tags contain (empty: all open items)")
            yield Input(id="filter")
            yield Static("", id="round-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Start voting", id="start", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def _start(self) -> None:
        def number(widget_id: str) -> int | None:
            text = self.query_one(widget_id, Input).value.strip()
            return int(text) if text else None

        self.dismiss(
            RoundSpec(
                method=str(self.query_one("#method", Select).value),
                budget=number("#budget"),
                per_item=number("#per-item"),
                filter_text=self.query_one("#filter", Input).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
