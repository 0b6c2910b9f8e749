"""What both workshop apps share: the store, the projector theme, language, live state, timer.

Both apps speak Finnish, Swedish or English: every fixed text comes from
:class:`~roadmap.i18n.lang.Lang` of the window's language (the shared message catalogs),
including the footer's key descriptions (bindings are declared with catalog messages and
worded by each screen, see :class:`SpeaksWorkshop`), and refusals from the store are worded
in the window's language.

A worker thread asks :class:`~roadmap.tui.workshop.watch.RevisionWatcher` twice a second whether
the workshop changed, and only then reads a new :class:`~roadmap.store.workshop_results.Live`,
which it posts back to the app; each app shows it in :meth:`WorkshopApp.show`. Writes run in worker
threads too, so that a busy database never freezes a window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol, cast

from rich.markup import escape
from textual import work
from textual.app import App
from textual.screen import Screen
from textual.widgets import Digits

from roadmap.i18n import set_language
from roadmap.i18n.lang import Lang
from roadmap.services.workshops import Store, workshop_results, workshop_sessions
from roadmap.tui.app import PROJECTOR
from roadmap.tui.worded import WordedBindings
from roadmap.workshop.timer import clock, overtime_clock
from roadmap.workshop.words import Refusal

POLL_SECONDS = 0.5


class Watcher(Protocol):
    """Tells whether the workshop changed since the last call (the database's or a server's)."""

    def changed(self) -> bool: ...

    def close(self) -> None: ...


class SpeaksWorkshop(WordedBindings):
    """Mixed in before a workshop screen class: the descriptions of its keys (and the app's)
    are worded in the window's language, which may differ from the interface's."""

    @property
    def workshop_app(self) -> WorkshopApp:
        """The workshop window this screen is shown in (workshop screens live nowhere else)."""
        return cast(WorkshopApp, self.app)

    def word_key(self, description: str) -> str:
        return self.workshop_app.w._(description)


class WorkshopScreen(SpeaksWorkshop, Screen):
    """A plain screen of a workshop window."""


class WorkshopApp(App[None]):
    """A window on one workshop session, in language ``lang``."""

    CSS_PATH = "workshop.tcss"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        store: Store | None,
        *,
        lang: str = "en",
        theme: str = "projector",
        poll: float | None = POLL_SECONDS,
    ):
        super().__init__()
        self._store = store
        self.session_id: int | None = None
        self.live: workshop_results.Live | None = None
        self._poll = poll
        self._theme_name = theme
        self._watcher: Watcher | None = None
        self._time_up: datetime | None = None
        self.set_lang(lang)

    @property
    def store(self) -> Store:
        """The workshop's database (a window given none reads its workshop from a server)."""
        if self._store is None:
            raise RuntimeError("this window has no database; it reads from the workshop's server")
        return self._store

    def set_lang(self, lang: str) -> None:
        """Speak ``lang`` from now on (screens composed later use it)."""
        self.lang = lang
        self.w = Lang(lang)
        set_language(lang)  # words said through the catalogs' ``_`` too
        self.title = self.w._("Workshop")
        self.refresh_bindings()

    def get_default_screen(self) -> Screen:
        return WorkshopScreen(id="_default")

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        self.theme = self._theme_name
        self.set_interval(1.0, self._tick)

    def follow(self, session_id: int) -> None:
        """Start showing workshop ``session_id`` and following its changes."""
        from roadmap.tui.workshop.watch import RevisionWatcher

        self.session_id = session_id
        self._watcher = self.make_watcher() or RevisionWatcher(self.store, session_id)
        self.refresh_live()
        if self._poll is not None:  # None: only the window's own writes show (snapshots)
            self.set_interval(self._poll, self._check)

    @property
    def participant_id(self) -> int | None:
        return None

    def make_watcher(self) -> Watcher | None:
        """A watcher of another kind than the database's (None: the database's)."""
        return None

    def read_live(self) -> workshop_results.Live:
        """What the window shows, read now."""
        assert self.session_id is not None  # read only while following a workshop
        with self.store.read() as session:
            return workshop_results.load_live(
                session=session,
                session_id=self.session_id,
                participant_id=self.participant_id,
                lang=self.lang,
            )

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.close()

    @work(thread=True, exclusive=True, group="watch")
    def _check(self) -> None:
        if self._watcher is not None and self._watcher.changed():
            self._load()

    @work(thread=True, group="load")
    def refresh_live(self) -> None:
        """Read the workshop again now (after the window's own writes)."""
        self._load()

    def _load(self) -> None:
        try:
            live = self.read_live()
        except OSError:  # a server out of reach: the next change tries again
            return
        self.call_from_thread(self._loaded, live)

    def _loaded(self, live: workshop_results.Live) -> None:
        self.live = live
        self.show(live)
        self._tick()

    def show(self, live: workshop_results.Live) -> None:
        """Show ``live`` (each app its own way)."""

    def _tick(self) -> None:
        if self.live is None or not self.screen_stack:  # the window is closing
            return
        now = datetime.now(UTC)
        over = workshop_sessions.timer_of(self.live.workshop).overtime(now)
        for digits in self.screen.query("#timer").results(Digits):
            digits.update(overtime_clock(over) if over else clock(self.seconds_left(now)))
            digits.set_class(over > 0, "time-up")
        deadline = self.live.workshop.timer_deadline
        if over > 0 and deadline != self._time_up:
            self._time_up = deadline
            self.time_up()

    def time_up(self) -> None:
        """Called once when a running countdown reaches zero."""

    def seconds_left(self, now: datetime | None = None) -> float:
        assert self.live is not None  # asked once the workshop is shown
        row = self.live.workshop
        return workshop_sessions.timer_of(row).left(
            now or datetime.now(UTC), workshop_sessions.step_seconds(row)
        )

    def step_key(self) -> str:
        assert self.live is not None  # asked once the workshop is shown
        row = self.live.workshop
        return row.agenda[row.step]["key"] if row.agenda else ""

    @work(thread=True, group="write")
    def write(self, change: Callable[..., Any], done: Callable[[Any], None] | None = None) -> None:
        """Run ``change(session)`` in a write transaction; refusals are shown, not raised."""
        if self.write_now(change, done):
            self._load()

    def write_now(
        self, change: Callable[..., Any], done: Callable[[Any], None] | None = None
    ) -> bool:
        """:meth:`write` in the calling worker thread; whether it was written (a busy database
        is tried again, see :func:`~roadmap.services.workshops.write_retrying`)."""
        from roadmap.services.workshops import NotFoundError, write_retrying

        try:
            result = write_retrying(self.store, change)
        except (Refusal, ValueError, NotFoundError) as exc:
            message = exc.say(self.lang) if isinstance(exc, Refusal) else str(exc)
            self.call_from_thread(self.refused, message)
            return False
        if done is not None:
            self.call_from_thread(done, result)
        return True

    def refused(self, message: str) -> None:
        self.notify(escape(message), severity="error", timeout=5)
