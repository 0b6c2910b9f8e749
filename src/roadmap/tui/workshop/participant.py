"""The participant's window: join with code and name, see the step, vote, see that it is saved.

Meant for people who have never used a terminal app: one question per screen, large buttons
that work with a mouse or a finger in a browser, and a plain sentence after every vote saying
that it is saved. Votes are written one at a time, each in its own transaction, so a closed
window loses nothing already confirmed. Joining hands out a private token, kept in the user's
config folder (:class:`~roadmap.tui.workshop.tokens.TokenBook`): typing the same name at the
same terminal rejoins with it and picks up the votes; anyone else typing it is someone new.

The window speaks the language it is given, else the workshop's; the join screen offers the
three languages. Exposed to the network (``roadmap serve --host``), a window allows a few wrong
join codes, with a pause after each (see :class:`~roadmap.workshop.rules.CodeGuard`).
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, ClassVar, cast

from rich.markup import escape
from sqlmodel import Session, col, select
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Digits, Footer, Input, Label, Static
from textual.widgets.button import ButtonVariant

from roadmap.i18n import N_, _
from roadmap.i18n.lang import Lang
from roadmap.model.workshop_tables import WorkshopSession
from roadmap.services.workshops import (
    Busy,
    Store,
    workshop_results,
    workshop_rounds,
    workshop_sessions,
    write_retrying,
)
from roadmap.tui.workshop.base import Watcher, WorkshopApp, WorkshopScreen
from roadmap.tui.workshop.remote import Remote, RemoteRefusal, RemoteWatcher
from roadmap.tui.workshop.tokens import TokenBook
from roadmap.workshop.rules import CodeGuard
from roadmap.workshop.words import LANGS, UNITS, step_name

STEP = {"dots": 1, "points": 5}
"""How much one press of + or - gives or takes back."""
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
"""Each language named in itself, for the join screen's language buttons."""


def sentence(text: str) -> str:
    """A refusal's text as a sentence: capital first letter, full stop."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class ParticipantScreen(WorkshopScreen):
    """A screen of the participant's window."""

    @property
    def participant_app(self) -> ParticipantApp:
        return cast(ParticipantApp, self.app)


class JoinScreen(ParticipantScreen):
    """Ask for the join code (when the address alone does not say it) and a name."""

    def __init__(self, ask_code: bool, *, code: str = "", name: str = "") -> None:
        super().__init__()
        self.ask_code = ask_code
        self._values = {"code": code, "name": name}

    def compose(self) -> ComposeResult:
        w, guard = self.participant_app.w, self.participant_app.guard
        with Vertical(id="join"):
            with Horizontal(id="languages"):
                for lang in LANGS:
                    variant: ButtonVariant = "primary" if lang == w.code else "default"
                    yield Button(LANGUAGE_NAMES[lang], id=f"lang-{lang}", variant=variant)
            yield Label(w._("Join the workshop"), classes="big")
            if self.ask_code:
                yield Label(w._("Code shown on the screen"))
                yield Input(
                    self._values["code"], id="code", placeholder=w._("e.g. 4C7E2A"), max_length=12
                )
            yield Label(w._("Your name"))
            yield Input(
                self._values["name"],
                id="name",
                placeholder=w._("The name the room knows you by"),
                max_length=80,
            )
            yield Button(w._("Join"), id="join-button", variant="primary")
            note = (
                w._("You can try the code {n} times.", n=guard.attempts)
                if self.ask_code and guard.attempts
                else ""
            )
            yield Static(note, id="join-note")
            yield Static("", id="join-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#code" if self.ask_code else "#name", Input).focus()
        if self.participant_app.guard.exhausted:
            self.refuse_more()

    @on(Input.Submitted)
    @on(Button.Pressed, "#join-button")
    def _submit(self, event) -> None:
        if isinstance(event, Input.Submitted) and event.input.id == "code":
            self.query_one("#name", Input).focus()
            return
        code = self.query_one("#code", Input).value if self.ask_code else None
        self.participant_app.join(code, self.query_one("#name", Input).value)

    @on(Button.Pressed, "#languages Button")
    def _language(self, event: Button.Pressed) -> None:
        event.stop()
        code = self.query_one("#code", Input).value if self.ask_code else ""
        name = self.query_one("#name", Input).value
        assert event.button.id is not None  # each language's button is named by its id
        self.participant_app.choose_lang(event.button.id.removeprefix("lang-"))
        self.app.switch_screen(JoinScreen(self.ask_code, code=code, name=name))

    def show_error(self, message: str) -> None:
        self.query_one("#join-error", Static).update(escape(message))

    def hold(self, waiting: bool) -> None:
        """Refuse another try while ``waiting`` (the pause after a wrong code)."""
        for widget in self.query("#join Input, #join-button"):
            widget.disabled = waiting

    def refuse_more(self) -> None:
        """No more tries in this window."""
        self.hold(True)
        self.show_error(
            self.participant_app.w._("Too many wrong codes. Ask the facilitator for help.")
        )


class ItemRow(Horizontal):
    """One item (and criterion, in scoring rounds) with its buttons."""

    def __init__(
        self, key: str, title: str, criterion: str, method: str, value: int, criterion_name: str
    ) -> None:
        super().__init__(classes="item-row")
        self.key, self.title, self.criterion, self.method = key, title, criterion, method
        self.value, self.criterion_name = value, criterion_name

    def compose(self) -> ComposeResult:
        label = self.title + (f"\n  {self.criterion_name}" if self.criterion else "")
        yield Label(escape(label), classes="item-title")
        if self.method == "score":
            for n in range(1, 6):
                chosen: ButtonVariant = "primary" if n == self.value else "default"
                yield Button(str(n), classes="score", name=str(n), variant=chosen)
        else:
            yield Button("−", classes="less", name="-1")
            yield Label(str(self.value), classes="given")
            yield Button("+", classes="more", name="1")
            if self.method == "points":  # typing 40 beats eight presses
                yield Input(str(self.value), type="integer", classes="amount", max_length=4)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.active_effect_duration = 0  # a press during the effect would be dropped

    def set_value(self, value: int) -> None:
        self.value = value
        if self.method == "score":
            for button in self.query(Button):
                button.variant = "primary" if button.name == str(value) else "default"
        else:
            self.query_one(".given", Label).update(str(value))
            for amount in self.query(".amount").results(Input):
                if not amount.has_focus:
                    amount.value = str(value)


class VoteScreen(ParticipantScreen):
    """The current step, the timer, and the items to vote on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "app.quit", N_("Leave"))]

    def __init__(self, w: Lang) -> None:
        super().__init__()
        self.w = w

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label("", id="step", classes="big")
            yield Digits("00:00", id="timer")
        yield Static("", id="status")
        yield Static("", id="saved")
        yield VerticalScroll(id="items")
        yield Footer()

    def show(self, live: workshop_results.Live, rebuild: bool) -> None:
        w = self.w
        step = w._("Now: {step}", step=step_name(w, self.participant_app.step_key()))
        self.query_one("#step", Label).update(escape(step))
        rnd = live.round
        status = self.query_one("#status", Static)
        items = self.query_one("#items", VerticalScroll)
        if rebuild:
            self.saved(True, "")  # the last round's message is not about this one
            items.remove_children()
            if rnd is not None and rnd.state == "open":
                items.mount_all(
                    ItemRow(
                        key,
                        live.titles.get(key, key),
                        c,
                        rnd.method,
                        live.mine.get((key, c), 0),
                        live.criteria.get(c, c),
                    )
                    for key in rnd.items
                    for c in (rnd.criteria or [""])
                )
        if rnd is None or rnd.state != "open":
            status.update(self._closed_text(live))
            return
        rules = workshop_rounds.rules_of(rnd)
        if rules.has_budget:
            status.update(
                w._(
                    "You have {left} of {budget} {unit} left (at most {per_item} on one item). "
                    "Press + and − to give them.",
                    left=rules.remaining(live.mine),
                    budget=rnd.budget,
                    unit=w._(UNITS[rnd.method]),
                    per_item=rnd.per_item,
                )
            )
        else:
            status.update(w._("Score each item from 1 (low) to 5 (high) on each criterion."))
        if not rebuild:
            for item_row in self.query(ItemRow):
                item_row.set_value(live.mine.get((item_row.key, item_row.criterion), 0))

    def _closed_text(self, live: workshop_results.Live) -> str:
        w = self.w
        if live.round is None:
            return w._("No voting yet. Follow the screen; voting opens here.")
        if live.results is None:
            return w._("Voting has closed. Results appear when the facilitator reveals them.")
        lines = [w._("Results") + ":"]
        for r in live.results:
            total = f"{r.total:g}" if w.code == "en" else f"{r.total:g}".replace(".", ",")
            if r.rank is None:
                lines.append(f"–  {live.titles.get(r.key, r.key)}  ({w._('not scored')})")
                continue
            voters = w.ngettext("{n} voter", "{n} voters", r.voters)
            lines.append(f"{r.rank}. {live.titles.get(r.key, r.key)}  ({total}; {voters})")
        return escape("\n".join(lines))

    @on(Button.Pressed, ".item-row Button")
    def _vote(self, event: Button.Pressed) -> None:
        item_row = event.button.parent
        assert isinstance(item_row, ItemRow)
        assert event.button.name is not None  # each button is named by what it gives
        given = int(event.button.name)
        if item_row.method == "score":
            self.participant_app.vote(item_row.key, item_row.criterion, value=given)
        else:
            self.participant_app.vote(item_row.key, "", delta=given * STEP[item_row.method])

    @on(Input.Submitted, ".amount")
    def _typed(self, event: Input.Submitted) -> None:
        item_row = event.input.parent
        assert isinstance(item_row, ItemRow)
        if event.value.strip().isdigit():
            self.participant_app.vote(item_row.key, "", value=int(event.value))

    def saved(self, ok: bool, message: str | None = None) -> None:
        saved = self.query_one("#saved", Static)
        saved.set_class(not ok, "error")
        saved.update(escape(self.w._("✔ Your votes are saved.") if message is None else message))


class ParticipantApp(WorkshopApp):
    """A participant's window on a workshop."""

    def __init__(
        self,
        store: Store | None,
        *,
        code: str | None,
        name: str | None = None,
        lang: str | None = None,
        guard: CodeGuard | None = None,
        tokens: TokenBook | None = None,
        remote: Remote | None = None,
        **kwargs,
    ) -> None:
        self._lang_chosen = lang is not None
        self.remote = remote
        """The workshop's server, when this window has no database of its own."""
        if remote is not None:
            first = lang or _remote_lang(remote)
        else:
            assert store is not None  # a window without a server has a database
            first = lang or _first_lang(store, code)
        super().__init__(store, lang=first, **kwargs)
        self.code, self.person = code, name
        self.guard = guard or CodeGuard()
        self.tokens = tokens or TokenBook()
        self._participant: int | None = None
        self._round_shown: tuple | None = None
        self._queue: deque = deque()
        self._queue_lock = threading.Lock()
        self._writing = False
        self._waiting = False

    @property
    def participant_id(self) -> int | None:
        return self._participant

    def make_watcher(self) -> Watcher | None:
        return RemoteWatcher(self.remote) if self.remote else None

    def read_live(self) -> workshop_results.Live:
        return self.remote.live(self.lang) if self.remote else super().read_live()

    def on_mount(self) -> None:
        super().on_mount()
        if self.code and self.person:
            self.join(self.code, self.person)
        else:
            self.push_screen(JoinScreen(ask_code=self.code is None))

    @property
    def join_screen(self) -> JoinScreen | None:
        return self.screen if isinstance(self.screen, JoinScreen) else None

    def choose_lang(self, lang: str) -> None:
        """The participant's own choice of language, kept after joining."""
        self._lang_chosen = True
        self.set_lang(lang)

    def join(self, code: str | None, name: str) -> None:
        if self._waiting or self.guard.exhausted:
            return
        code = (code if code is not None else self.code) or ""

        def change(session):
            me, token = workshop_sessions.join(
                session=session, code=code, name=name, token=self.tokens.get(code, name)
            )
            workshop = workshop_sessions.get_session(session=session, session_id=me.session_id)
            return me, token, workshop_sessions.session_lang(session=session, workshop=workshop)

        try:
            if self.remote is not None:
                me = self.remote.join(code, name, self.tokens.get(code, name), self.lang)
                token, lang = me.token, me.lang
            else:
                me, token, lang = write_retrying(self.store, change)
        except OSError:
            if self.join_screen is not None:
                self.join_screen.show_error(sentence(_("the workshop's server does not answer")))
            return
        except Busy as exc:
            if self.join_screen is not None:
                self.join_screen.show_error(sentence(exc.say(self.lang)))
            return
        except workshop_sessions.JoinRefused as exc:
            self._refused_join(exc)
            return
        self.tokens.put(code, name, token)
        if not self._lang_chosen:
            self.set_lang(lang)
        self._participant, self.person = me.id, me.name
        self.sub_title = me.name
        if self.join_screen is not None:
            self.switch_screen(VoteScreen(self.w))
        else:
            self.push_screen(VoteScreen(self.w))
        self.follow(me.session_id)

    def _refused_join(self, exc: workshop_sessions.JoinRefused) -> None:
        message = sentence(exc.say(self.lang))
        pause = 0.0
        wrong = isinstance(exc, workshop_sessions.WrongCode)
        if wrong and self.code is not None:
            # A code given on the command line is wrong: ask for it here, the way back.
            typed, self.code = self.code, None
            screen = JoinScreen(ask_code=True, code=typed, name=self.person or "")
            if self.join_screen is None:
                self.push_screen(screen)
            else:
                self.switch_screen(screen)
        elif wrong:
            pause = self.guard.failed()
            if self.guard.left is not None:
                message += " " + self.w._(
                    "Tries left: {left}. Wait a moment before the next one.", left=self.guard.left
                )
        if self.join_screen is None:
            self.push_screen(JoinScreen(ask_code=self.code is None))

        def show() -> None:
            screen = self.join_screen
            if screen is None:
                return
            if self.guard.exhausted:
                screen.refuse_more()
                return
            screen.show_error(message)
            if pause > 0:
                self._waiting = True
                screen.hold(True)
                self.set_timer(pause, self._resume)

        self.call_after_refresh(show)

    def _resume(self) -> None:
        self._waiting = False
        if self.join_screen is not None and not self.guard.exhausted:
            self.join_screen.hold(False)
            self.join_screen.query_one("#code", Input).focus()

    def show(self, live: workshop_results.Live) -> None:
        screen = self.screen
        if not isinstance(screen, VoteScreen):
            return
        rnd = live.round
        shown = None if rnd is None else (rnd.id, rnd.state, tuple(rnd.items))
        screen.show(live, rebuild=shown != self._round_shown)
        self._round_shown = shown

    def vote(self, item: str, criterion: str, *, value=None, delta=None) -> None:
        """Queue a vote: presses are written one after another in the order made, however
        fast they come, each in its own transaction."""
        assert self.live is not None  # votes are given on a shown workshop
        rnd = self.live.round
        remote = self.remote
        change: Callable[..., Any]

        if remote is not None:
            lang = self.lang

            def change() -> None:
                remote.vote(item, criterion, value, delta, lang)

        else:
            assert rnd is not None and rnd.id is not None  # votes are given in a shown round
            round_id = rnd.id

            def change(session: Session) -> dict[tuple[str, str], int]:
                assert self._participant is not None  # votes are given after joining
                return workshop_rounds.cast_vote(
                    session=session,
                    round_id=round_id,
                    participant_id=self._participant,
                    item_key=item,
                    criterion=criterion,
                    value=value,
                    delta=delta,
                )

        with self._queue_lock:
            self._queue.append(change)
            start, self._writing = not self._writing, True
        if start:
            self._write_queue()

    @work(thread=True, group="votes")
    def _write_queue(self) -> None:
        while True:
            with self._queue_lock:
                if not self._queue:
                    self._writing = False
                    break
                change = self._queue.popleft()
            if self.remote is None:
                self.write_now(change, self._saved)
                continue
            try:
                change()
            except RemoteRefusal as exc:
                self.call_from_thread(self.refused, exc.say(self.lang))
            except OSError:
                message = _("the workshop's server does not answer; nothing was saved")
                self.call_from_thread(self.refused, message)
            else:
                self.call_from_thread(self._saved)
        self._load()

    def _saved(self, _mine: object = None) -> None:
        if isinstance(self.screen, VoteScreen):
            self.screen.saved(True)

    def refused(self, message: str) -> None:
        if isinstance(self.screen, VoteScreen):
            self.screen.saved(False, self.w._("Not saved: {message}", message=message))
        else:
            super().refused(message)


def _remote_lang(remote: Remote) -> str:
    """The served workshop's language (English while the server does not answer)."""
    try:
        return remote.lang()
    except OSError:
        return "en"


def _first_lang(store: Store, code: str | None) -> str:
    """The language to ask in before joining: the workshop's with ``code``; when there is no
    code or it is mistyped, the latest workshop's (the room's); English when there is none."""
    with store.read() as session:
        workshop = None
        if code:
            with contextlib.suppress(workshop_sessions.JoinRefused):
                workshop = workshop_sessions.session_by_code(session=session, code=code)
        if workshop is None:
            query = select(WorkshopSession).order_by(col(WorkshopSession.updated_at).desc())
            workshop = session.exec(query).first()
        if workshop is None:
            return "en"
        return workshop_sessions.session_lang(session=session, workshop=workshop)


def make_participant_app(
    store: Store | None,
    *,
    code: str | None,
    name: str | None = None,
    lang: str | None = None,
    attempts: int | None = None,
    wrong_code_delay: float = 0.0,
    tokens: TokenBook | None = None,
    remote: Remote | None = None,
    **kwargs,
) -> ParticipantApp:
    """The participant's app; ``code`` None asks for the code, ``name`` None asks for a name.

    ``lang`` None speaks the workshop's language. ``attempts`` limits the wrong codes this
    window may try, each followed by a pause of ``wrong_code_delay`` seconds. ``tokens`` keeps
    the participant's private tokens (default: in the user's config folder).
    """
    guard = CodeGuard(attempts=attempts, delay=wrong_code_delay)
    return ParticipantApp(
        store, code=code, name=name, lang=lang, guard=guard, tokens=tokens, remote=remote, **kwargs
    )
