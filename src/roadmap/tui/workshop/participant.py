"""The participant's window: join with code and name, see the step, vote, see that it is saved.

Meant for people who have never used a terminal app: one question per screen, large buttons
that work with a mouse or a finger in a browser, and a plain sentence after every vote saying
that it is saved. Votes are written one at a time, each in its own transaction, so a closed
browser loses nothing already confirmed; joining again with the same name picks up the votes.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Digits, Footer, Input, Label, Static

from roadmap.store import workshop as ws
from roadmap.store.db import Store
from roadmap.tui.workshop.base import STEP_NAMES, WorkshopApp

SAVED = "✔ Your votes are saved."
STEP = {"dots": 1, "points": 5}
"""How much one press of + or - gives or takes back."""
UNIT = {"dots": "dots", "points": "points"}


class JoinScreen(Screen):
    """Ask for the join code (when the address alone does not say it) and a name."""

    def __init__(self, ask_code: bool) -> None:
        super().__init__()
        self.ask_code = ask_code

    def compose(self) -> ComposeResult:
        with Vertical(id="join"):
            yield Label("Join the workshop", classes="big")
            if self.ask_code:
                yield Label("Code shown on the screen")
                yield Input(id="code", placeholder="e.g. 4C7E2A", max_length=12)
            yield Label("Your name")
            yield Input(id="name", placeholder="First name is enough", max_length=80)
            yield Button("Join", id="join-button", variant="primary")
            yield Static("", id="join-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#code" if self.ask_code else "#name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#join-button")
    def _submit(self, event) -> None:
        if isinstance(event, Input.Submitted) and event.input.id == "code":
            self.query_one("#name", Input).focus()
            return
        code = self.query_one("#code", Input).value if self.ask_code else None
        self.app.join(code, self.query_one("#name", Input).value)

    def show_error(self, message: str) -> None:
        self.query_one("#join-error", Static).update(message)


class ItemRow(Horizontal):
    """One item (and criterion, in scoring rounds) with its buttons."""

    def __init__(self, key: str, title: str, criterion: str, method: str, value: int) -> None:
        super().__init__(classes="item-row")
        self.key, self.title, self.criterion, self.method = key, title, criterion, method
        self.value = value

    def compose(self) -> ComposeResult:
        label = f"{self.title}" + (f"\n  {self.criterion}" if self.criterion else "")
        yield Label(label, classes="item-title")
        if self.method == "score":
            for n in range(1, 6):
                chosen = "primary" if n == self.value else "default"
                yield Button(str(n), classes="score", name=str(n), variant=chosen)
        else:
            yield Button("−", classes="less", name="-1")
            yield Label(str(self.value), classes="given")
            yield Button("+", classes="more", name="1")

    def set_value(self, value: int) -> None:
        self.value = value
        if self.method == "score":
            for button in self.query(Button):
                button.variant = "primary" if button.name == str(value) else "default"
        else:
            self.query_one(".given", Label).update(str(value))


class VoteScreen(Screen):
    """The current step, the timer, and the items to vote on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "app.quit", "Leave")]

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("", id="step", classes="big")
            yield Digits("00:00", id="timer")
        yield Static("", id="status")
        yield Static("", id="saved")
        yield VerticalScroll(id="items")
        yield Footer()

    def show(self, live: ws.Live, rebuild: bool) -> None:
        self.query_one("#step", Label).update(f"Now: {STEP_NAMES.get(self.app.step_key(), '')}")
        rnd = live.round
        status = self.query_one("#status", Static)
        items = self.query_one("#items", VerticalScroll)
        if rebuild:
            items.remove_children()
            if rnd is not None and rnd.state == "open":
                items.mount_all(
                    ItemRow(
                        key, live.titles.get(key, key), c, rnd.method, live.mine.get((key, c), 0)
                    )
                    for key in rnd.items
                    for c in (rnd.criteria or [""])
                )
        if rnd is None or rnd.state != "open":
            status.update(self._closed_text(live))
            return
        rules = ws.rules_of(rnd)
        if rules.has_budget:
            left = rules.remaining(live.mine)
            status.update(
                f"You have {left} of {rnd.budget} {UNIT[rnd.method]} left "
                f"(at most {rnd.per_item} on one item). Press + and − to give them."
            )
        else:
            status.update("Score each item from 1 (low) to 5 (high) on each criterion.")
        if not rebuild:
            for item_row in self.query(ItemRow):
                item_row.set_value(live.mine.get((item_row.key, item_row.criterion), 0))

    @staticmethod
    def _closed_text(live: ws.Live) -> str:
        if live.round is None:
            return "No voting yet. Follow the screen; voting opens here."
        if live.results is None:
            return "Voting has closed. Results appear when the facilitator reveals them."
        lines = ["Results:"]
        lines += [f"{r.rank}. {live.titles.get(r.key, r.key)}  ({r.total:g})" for r in live.results]
        return "\n".join(lines)

    @on(Button.Pressed, ".item-row Button")
    def _vote(self, event: Button.Pressed) -> None:
        item_row = event.button.parent
        assert isinstance(item_row, ItemRow)
        if item_row.method == "score":
            self.app.vote(item_row.key, item_row.criterion, value=int(event.button.name))
        else:
            self.app.vote(item_row.key, "", delta=int(event.button.name) * STEP[item_row.method])

    def saved(self, ok: bool, message: str = SAVED) -> None:
        saved = self.query_one("#saved", Static)
        saved.set_class(not ok, "error")
        saved.update(message)


class ParticipantApp(WorkshopApp):
    """A participant's window on a workshop."""

    TITLE = "Workshop"

    def __init__(
        self, store: Store, *, code: str | None, name: str | None = None, **kwargs
    ) -> None:
        super().__init__(store, **kwargs)
        self.code, self.person = code, name
        self._participant: int | None = None
        self._round_shown: tuple | None = None

    @property
    def participant_id(self) -> int | None:
        return self._participant

    def on_mount(self) -> None:
        super().on_mount()
        if self.code and self.person:
            self.join(self.code, self.person)
        else:
            self.push_screen(JoinScreen(ask_code=self.code is None))

    @property
    def join_screen(self) -> JoinScreen | None:
        return self.screen if isinstance(self.screen, JoinScreen) else None

    def join(self, code: str | None, name: str) -> None:
        code = code if code is not None else self.code
        try:
            with self.store.write() as session:
                me = ws.join(session=session, code=code or "", name=name)
        except ws.JoinRefused as exc:
            message = str(exc)
            if self.join_screen is None:
                self.push_screen(JoinScreen(ask_code=self.code is None))
            self.call_after_refresh(lambda: self.join_screen.show_error(message))
            return
        self._participant, self.person = me.id, me.name
        self.sub_title = me.name
        if self.join_screen is not None:
            self.switch_screen(VoteScreen())
        else:
            self.push_screen(VoteScreen())
        self.follow(me.session_id)

    def show(self, live: ws.Live) -> None:
        screen = self.screen
        if not isinstance(screen, VoteScreen):
            return
        rnd = live.round
        shown = None if rnd is None else (rnd.id, rnd.state, tuple(rnd.items))
        screen.show(live, rebuild=shown != self._round_shown)
        self._round_shown = shown

    def vote(self, item: str, criterion: str, *, value=None, delta=None) -> None:
        rnd = self.live.round

        def change(session):
            return ws.cast_vote(
                session=session,
                round_id=rnd.id,
                participant_id=self._participant,
                item_key=item,
                criterion=criterion,
                value=value,
                delta=delta,
            )

        self.write(change, lambda _mine: self.screen.saved(True))

    def refused(self, message: str) -> None:
        if isinstance(self.screen, VoteScreen):
            self.screen.saved(False, f"Not saved: {message}")
        else:
            super().refused(message)


def make_participant_app(
    store: Store, *, code: str | None, name: str | None = None, **kwargs
) -> ParticipantApp:
    """The participant's app; ``code`` None asks for the code, ``name`` None asks for a name."""
    return ParticipantApp(store, code=code, name=name, **kwargs)
