"""The help screen (``?``): what the current view is for and every key it answers to."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from roadmap.i18n import N_, _
from roadmap.tui.worded import WordedBindings

GENERAL = N_(
    "1-9 or a click on a tab switches view. Ctrl+P opens the command palette (jump to an "
    "item, add an item or a dependency, switch view, export, change language or theme). "
    "Ctrl+Z undoes and Ctrl+Y redoes the last edits. Every confirmed edit is saved at once."
)

TEXTUAL_KEYS = (N_("Focus Next"), N_("Focus Previous"), N_("Copy selected text"))
"""Textual's own descriptions of the keys every screen has, worded like the app's."""
SCROLLING_KEYS = (
    *(N_("Scroll Up"), N_("Scroll Down"), N_("Scroll Left"), N_("Scroll Right")),
    *(N_("Scroll Home"), N_("Scroll End")),
    *(N_("Page Up"), N_("Page Down"), N_("Page Left"), N_("Page Right")),
    *(N_("Cursor up"), N_("Cursor down"), N_("Cursor left"), N_("Cursor right")),
    *(N_("Top"), N_("Bottom"), N_("Home"), N_("End")),
)
"""Textual's own descriptions of the keys of the focused table or pane, which the help lists
with the view's keys."""


class Help(WordedBindings, ModalScreen[None]):
    """Keys of ``screen`` and the app, with the view's own help text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", N_("Close"))
    ]

    def __init__(self, screen: Screen, about: str) -> None:
        super().__init__()
        self.target, self.about = screen, about

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold")
        keys.add_column()
        seen: set[str] = set()
        for binding in self._keys_shown():
            label = binding.description or binding.action
            if binding.key in seen or not label:
                continue
            seen.add(binding.key)
            keys.add_row(Text(self.app.get_key_display(binding)), Text(_(label)))
        with Vertical(classes="dialog"):
            yield Static(Text(_("Help")), classes="dialog-title")
            with VerticalScroll():
                yield Static(Text(_(self.about) if self.about else ""))
                yield Static(Text(_(GENERAL)))
                yield Static(keys, id="help-keys")

    def _keys_shown(self):
        """The bindings the view answers to: its own, its focused widget's and the app's."""
        for active in self.target.active_bindings.values():
            yield active.binding

    def action_close(self) -> None:
        self.dismiss(None)
