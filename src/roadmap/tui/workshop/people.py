"""The facilitator's list of participants (F11): who joined, their votes left, when last seen;
rename, merge someone who joined twice, or remove someone."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from roadmap.i18n import N_, _
from roadmap.i18n.lang import Lang
from roadmap.services.workshops import workshop_people
from roadmap.tui.workshop.base import SpeaksWorkshop


class PeopleScreen(SpeaksWorkshop, ModalScreen[None]):
    """The list, read afresh after every change."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Cancel")),
        Binding("r", "rename", N_("Rename")),
        Binding("m", "merge", N_("Merge")),
        Binding("delete,d", "remove", N_("Remove")),
    ]

    def __init__(self, w: Lang, session_id: int) -> None:
        super().__init__()
        self.w, self.session_id = w, session_id
        self.merging: int | None = None
        """The participant marked to be merged into the next one chosen."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("Participants"), classes="dialog-title")
            table: DataTable[Text | str] = DataTable(
                id="people", cursor_type="row", zebra_stripes=True
            )
            table.add_columns(_("Name"), _("Joined"), _("Last seen"), _("Left to give"))
            yield table
            yield Static("", id="people-note")
            yield Input(id="new-name", placeholder=_("New name, then Enter"))
            yield Static(
                Text(_("r rename · m merge someone who joined twice · d remove · Esc close")),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#new-name").display = False
        self.query_one(DataTable).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="people")
    def reload(self) -> None:
        with self.workshop_app.store.read() as s:
            found = workshop_people.people(session=s, session_id=self.session_id)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[workshop_people.Person]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for p in found:
            left = "–" if p.left is None else str(p.left)
            table.add_row(
                Text(p.name),
                p.joined.strftime("%H:%M"),
                p.last_seen.strftime("%H:%M"),
                left,
                key=str(p.id),
            )

    def _chosen(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key is not None  # each row is added with its participant's id
        return int(key)

    def _change(self, change, note: str = "") -> None:
        def done(_result) -> None:
            self.query_one("#people-note", Static).update(Text(note))
            self.reload()

        self.workshop_app.write(change, done)

    def action_rename(self) -> None:
        if self._chosen() is None:
            return
        field = self.query_one("#new-name", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#new-name")
    def _renamed(self, event: Input.Submitted) -> None:
        who, name = self._chosen(), event.value
        event.input.value = ""
        event.input.display = False
        self.query_one(DataTable).focus()
        if who is not None and name.strip():
            self._change(lambda s: workshop_people.rename(session=s, participant_id=who, name=name))

    def action_merge(self) -> None:
        who = self._chosen()
        if who is None:
            return
        note = self.query_one("#people-note", Static)
        if self.merging is None or self.merging == who:
            self.merging = who
            note.update(Text(_("Now choose who they are, and press m again.")))
            return
        other, self.merging = self.merging, None
        self._change(lambda s: workshop_people.merge(session=s, keep_id=who, other_id=other))

    def action_remove(self) -> None:
        from roadmap.tui.workshop.round_dialog import ConfirmDialog

        who = self._chosen()
        if who is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self._change(lambda s: workshop_people.remove(session=s, participant_id=who))

        question = _("Remove this participant and their votes?")
        self.app.push_screen(ConfirmDialog(self.w, question, _("Remove")), answer)

    def action_close(self) -> None:
        self.dismiss(None)
