"""The facilitator's dialogs: starting a voting round, confirming, and results into the plan
after seeing what they would do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Markdown, Select, Static

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.tui.workshop.base import SpeaksWorkshop
from roadmap.workshop.rules import METHODS
from roadmap.workshop.words import LANGS
from roadmap.workshop.words import METHODS as METHOD_NAMES

CHOOSER_LABELS = {
    "text": N_("Key, title or tag contains the text below"),
    "theme": N_("The theme named below"),
    "new": N_("The new ideas of this workshop"),
    "keys": N_("The keys listed below (e.g. marked in the item list)"),
}


def keys_of_each_language(msgid: str, action: str) -> list[Binding]:
    """Hidden bindings of ``action(lang)`` to the key ``msgid`` names in each language (``y``:
    ``k`` for *kyllä*, ``j`` for *ja*); :class:`OwnLanguageKeys` lets only the window's
    language's work."""
    return [Binding(Lang(lang)._(msgid), f"{action}({lang!r})", show=False) for lang in LANGS]


class OwnLanguageKeys(SpeaksWorkshop):
    """Mixed in before a dialog whose answer keys are the window's language's own."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.endswith("_in"):
            return parameters[0] == self.workshop_app.w.code
        return True


@dataclass(frozen=True, slots=True)
class RoundSpec:
    method: str
    budget: int | None
    per_item: int | None
    filter_text: str
    choose: str = "text"


class RoundDialog(SpeaksWorkshop, ModalScreen[RoundSpec | None]):
    """Ask how the next round votes; empty numbers take the method's usual ones."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, w: Lang) -> None:
        super().__init__()
        self.w = w

    def compose(self) -> ComposeResult:
        w = self.w
        with Vertical(classes="dialog"):
            yield Label(w._("New voting round"), classes="dialog-title")
            methods = [(w._(METHOD_NAMES[method]), method) for method in METHODS]
            yield Select(methods, value="dots", allow_blank=False, id="method")
            yield Label(w._("Dots or points per person (empty: 5 dots or 100 points)"))
            yield Input(id="budget", type="integer")
            yield Label(w._("Most on one item (empty: 3 dots, or the whole budget)"))
            yield Input(id="per-item", type="integer")
            yield Label(w._("Which items"))
            choosers = [(w._(CHOOSER_LABELS[how]), how) for how in CHOOSER_LABELS]
            yield Select(choosers, value="text", allow_blank=False, id="choose")
            yield Label(w._("Only items whose key, title or tags contain (empty: all open items)"))
            yield Input(id="filter")
            yield Static("", id="round-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(w._("Start voting"), id="start", variant="primary")
                yield Button(w._("Cancel"), id="cancel")

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
                choose=str(self.query_one("#choose", Select).value),
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(OwnLanguageKeys, ModalScreen[bool]):
    """Ask ``question`` (shown literally) in the workshop's language; True for yes.

    The yes key is the language's own (``y``, ``k`` for *kyllä*, ``j`` for *ja*), and ``y``
    always works too; Escape or the no key answers no.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", show=False),
        Binding("escape", "answer(False)", show=False),
        *keys_of_each_language("y", "yes_in"),
        *keys_of_each_language("n", "no_in"),
    ]

    def __init__(self, w: Lang, question: str, yes: str) -> None:
        super().__init__()
        self.w, self.question, self.yes = w, question, yes
        self.yes_key, self.no_key = w._("y"), w._("n")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Static(Text(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} ({self.yes_key})", variant="error", id="yes")
                cancel = self.w._("Cancel")
                yield Button(f"{cancel} ({self.no_key})", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_yes_in(self, _lang: str) -> None:
        self.dismiss(True)

    def action_no_in(self, _lang: str) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


MODE_LABELS = {
    "round": N_("A criterion of this round's own (every round counts)"),
    "average": N_("Average with the workshop criterion"),
    "replace": N_("Replace the workshop criterion"),
}
"""How rounds combine (see :data:`roadmap.store.workshop_results.MODES`), as offered."""


class ApplyDialog(OwnLanguageKeys, ModalScreen[str | None]):
    """Show what each way of combining would do to every item, and write the one chosen.

    ``previews`` maps each mode to Markdown: the items' criterion values, scores and places
    before and after. Returns the mode chosen, or None.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "write", show=False),
        *keys_of_each_language("y", "write_in"),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(self, w: Lang, question: str, previews: dict[str, str]) -> None:
        super().__init__()
        self.w, self.question, self.previews = w, question, previews

    def compose(self) -> ComposeResult:
        w = self.w
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.question), classes="question")
            modes = [(self.w._(MODE_LABELS[mode]), mode) for mode in self.previews]
            yield Select(modes, value=next(iter(self.previews)), allow_blank=False, id="mode")
            with VerticalScroll(id="preview-box"):
                yield Markdown(self.previews[next(iter(self.previews))], id="preview")
            with Horizontal(classes="buttons"):
                yield Button(w._("Write"), variant="error", id="yes")
                yield Button(w._("Cancel"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Select.Changed, "#mode")
    def _mode(self, event: Select.Changed) -> None:
        self.query_one("#preview", Markdown).update(self.previews[str(event.value)])

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        chosen = str(self.query_one("#mode", Select).value)
        self.dismiss(chosen if event.button.id == "yes" else None)

    def action_write(self) -> None:
        self.dismiss(str(self.query_one("#mode", Select).value))

    def action_write_in(self, _lang: str) -> None:
        self.action_write()

    def action_cancel(self) -> None:
        self.dismiss(None)
