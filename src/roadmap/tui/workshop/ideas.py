"""The ideas the room sent, tidied on the projector by keyboard (Ctrl+G): merge one sent twice
into the other, or keep an idea as evidence of the plan (gathered at this workshop, dated the
day it is held), before F12 takes them into the plan."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.services import workshops
from roadmap.tui.workshop.base import SpeaksWorkshop


class IdeasScreen(SpeaksWorkshop, ModalScreen[None]):
    """The list, read afresh after every change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("m", "merge", N_("Merge")),
        Binding("e", "evidence", N_("Into evidence")),
    ]

    def __init__(self, w: Lang, session_id: int) -> None:
        super().__init__()
        self.w, self.session_id = w, session_id
        self.merging: int | None = None
        """The idea marked to be merged into the next one chosen."""

    def compose(self) -> ComposeResult:
        w = self.w
        with Vertical(classes="dialog wide"):
            yield Label(w._("Ideas from the room"), classes="dialog-title")
            table: DataTable[Text] = DataTable(id="ideas", cursor_type="row", zebra_stripes=True)
            table.add_columns(w._("Idea"))
            yield table
            yield Static("", id="ideas-note")
            hint = w._("m merge an idea sent twice · e keep as evidence · Esc close")
            yield Static(Text(hint), classes="hint")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="ideas")
    def reload(self) -> None:
        found = workshops.ideas(self.workshop_app.store, self.session_id)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[tuple[int, str]]) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for note_id, text in found:
            table.add_row(Text(text), key=str(note_id))
        if found:
            table.move_cursor(row=min(row, len(found) - 1))
        else:
            self._say(self.w._("No ideas yet."))

    def _say(self, text: str) -> None:
        self.query_one("#ideas-note", Static).update(Text(text))

    def _chosen(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key is not None  # each row is added with its idea's id
        return int(key)

    def _change(self, change, said) -> None:
        def done(result) -> None:
            self._say(said(result))
            self.reload()

        self.workshop_app.write(change, done)

    def action_merge(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        if self.merging is None or self.merging == chosen:
            self.merging = chosen
            self._say(self.w._("Now choose the idea it repeats, and press m again."))
            return
        other, self.merging = self.merging, None
        self._change(
            lambda s: workshops.merge_ideas(s, keep_id=chosen, other_id=other),
            lambda _kept: self.w._("Merged: both texts are kept in one idea."),
        )

    def action_evidence(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        self._change(
            lambda s: workshops.idea_as_evidence(s, chosen, self.w),
            lambda key: self.w._("Kept as evidence {key}.", key=key),
        )

    def action_close(self) -> None:
        self.dismiss(None)
