"""The frame every view shares: the navigation bar, the view's body and the footer.

A view reloads its data when the app says the plan changed (its own edits, another process),
and when it comes back on screen after a change it missed while hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Tabs

from roadmap.i18n import _, ngettext
from roadmap.tui.messages import PlanEdited, ShowView, made
from roadmap.tui.widgets.navbar import NavBar, mode_of, tab_id
from roadmap.tui.worded import WordedBindings

if TYPE_CHECKING:
    from textual.message import Message
    from textual.timer import Timer

    from roadmap.engine.result import Roadmap
    from roadmap.services.context import PlanContext
    from roadmap.services.history import Change
    from roadmap.tui.shared import Shared


def counted(n: int, noun: str) -> str:
    """``1 item``, ``2 items`` of the rows the views count, in the interface's language.

    >>> counted(1, "stakeholder"), counted(0, "team")
    ('1 stakeholder', '0 teams')
    """
    forms = {
        "item": lambda: ngettext("{n} item", "{n} items", n),
        "stakeholder": lambda: ngettext("{n} stakeholder", "{n} stakeholders", n),
        "need": lambda: ngettext("{n} need", "{n} needs", n),
        "source": lambda: ngettext("{n} source", "{n} sources", n),
        "team": lambda: ngettext("{n} team", "{n} teams", n),
        "section": lambda: ngettext("{n} section", "{n} sections", n),
    }
    return forms[noun]() if noun in forms else f"{n} {noun}"


def with_roadmap(
    rows: list[tuple],
    roadmap: Roadmap | None,
    label: Callable[[int], str],
    keys: Collection[str] | None = None,
) -> list[tuple] | None:
    """``rows`` (key second, score and period last) with the scores and periods of ``roadmap``.

    Rows whose score and period did not change stay the same tuples; None when none changed.
    With ``keys``, only the rows of those items are looked at: the others did not change.

    >>> from types import SimpleNamespace as Ns
    >>> roadmap = Ns(scores={"A": Ns(score=9.0)}, placements={"A": Ns(start=1)})
    >>> rows = [(1, "A", 0.0, ""), (2, "B", 5.0, "Q1")]
    >>> with_roadmap(rows, roadmap, str)
    [(1, 'A', 9.0, '1'), (2, 'B', None, '')]
    >>> with_roadmap(rows, roadmap, str, keys={"A"})
    [(1, 'A', 9.0, '1'), (2, 'B', 5.0, 'Q1')]
    """
    scores = roadmap.scores if roadmap else {}
    places = roadmap.placements if roadmap else {}
    if keys is None:
        positions: Iterable[int] = range(len(rows))
    else:
        where = {row[1]: i for i, row in enumerate(rows)}
        positions = sorted(where[key] for key in keys if key in where)
    labels: dict[int, str] = {}
    out = None
    for i in positions:
        row = rows[i]
        key = row[1]
        result = scores.get(key)
        place = places.get(key)
        score = None if result is None else result.score
        if place is None:
            period = ""
        elif place.start in labels:
            period = labels[place.start]
        else:
            period = labels[place.start] = label(place.start)
        if row[-2] != score or row[-1] != period:
            if out is None:
                out = list(rows)
            out[i] = (*row[:-2], score, period)
    return out


REST = 0.12
"""Seconds the cursor rests before a view shows what depends on the selected row."""


class PlanView(WordedBindings, Screen):
    """A full-screen view of the open plan, reading what the app shares (:class:`Shared`) and
    asking the app for the rest through :mod:`roadmap.tui.messages`."""

    MODE: ClassVar[str] = ""
    AUTO_FOCUS = "Grid, Timeline, DataTable"
    """The view's first table has the keys as it opens (focusing the filter box above it first
    would style it and rebuild the footer twice for nothing)."""
    HELP: ClassVar[str] = ""
    """What the view is for and how it is used, shown by the help screen."""

    def __init__(self, shared: Shared) -> None:
        super().__init__()
        self.shared = shared
        self.loaded_version = -1
        self.rows_roadmap: Roadmap | None = None
        """The roadmap whose scores and periods the view's rows show."""
        self._rest: Timer | None = None

    @property
    def ctx(self) -> PlanContext:
        return self.shared.ctx

    def ask(self, message: Message) -> None:
        """Ask the app to do something (:mod:`roadmap.tui.messages`): in the order asked, even
        while the view is being taken down."""
        self.app.post_message(message)

    def edited(
        self,
        change: Change | None,
        said: str = "",
        *,
        key: str | None = None,
        shown: bool = False,
        scores: dict[str, float] | None = None,
    ) -> None:
        """The view stored ``change``: tell the app (:class:`PlanEdited`); ``shown``: the view
        shows it itself."""
        self.ask(PlanEdited(change, said, key=key, shown_by=self if shown else None, scores=scores))

    def make(
        self,
        change: Change,
        *,
        key: str | None = None,
        shown: bool = False,
        scores: dict[str, float] | None = None,
    ) -> bool:
        """Make ``change`` and tell the app (as :meth:`edited`); False (the refusal shown,
        nothing written) when the plan refuses it."""
        if not made(self, self.ctx, change):
            return False
        self.edited(change, key=key, shown=shown, scores=scores)
        return True

    def compose(self) -> ComposeResult:
        yield NavBar(self.MODE)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        self.sub_title = self.MODE
        # A click on another view's tab moved this bar's underline before the view switched:
        # back here, the bar underlines this view again (and a click on that tab works again).
        self.query_one(NavBar).active = tab_id(self.MODE)
        if self.loaded_version != self.shared.data_version:
            self.reload()

    def reload(self) -> None:
        """Read the view's data again; subclasses load and then call :meth:`mark_loaded`."""
        self.mark_loaded()

    def mark_loaded(self) -> None:
        self.loaded_version = self.shared.data_version

    def rows_with_roadmap(self, rows: list[tuple]) -> list[tuple] | None:
        """``rows`` with the app's latest roadmap (:func:`with_roadmap`): after a re-sequencing
        of the roadmap they show, only the items it changed are looked at."""
        roadmap = self.shared.roadmap
        keys = None if roadmap is None else roadmap.changed_since(self.rows_roadmap)
        self.rows_roadmap = roadmap
        return with_roadmap(rows, roadmap, self.ctx.calendar.label, keys)

    def at_rest(self, show: Callable[[], object]) -> None:
        """Call ``show`` once the cursor has rested for :data:`REST` seconds.

        What a view shows beside its list for the selected row (a dependency tree, the engine's
        explanation) can take a large plan longer to work out than a key repeat lasts: while a
        key is held down, each move stays cheap and only the last row's is shown.
        """
        if self._rest is not None:
            self._rest.stop()
        self._rest = self.set_timer(REST, show)

    def confirm_delete(self, model: type, what: str, key: str, question: str) -> None:
        """Ask ``question``; on yes, delete row ``key`` of ``model`` (a ``what``) with what hangs
        on it, in one transaction, as a step of the undo history."""
        from roadmap.services.rows import remove_row
        from roadmap.tui.dialogs.confirm import Confirm
        from roadmap.tui.dialogs.row_form import row_name

        ctx = self.ctx

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            change = remove_row(ctx.store, ctx.plan_id, model, what, key)
            said = _(
                "{what} {key} deleted (Ctrl+Z brings it back).",
                what=row_name(what, start=True),
                key=key,
            )
            self.edited(change, said)

        self.app.push_screen(Confirm(question, _("Delete")), answer)

    def roadmap_changed(self) -> None:
        """The engine produced a new roadmap (:attr:`Shared.roadmap`)."""

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        mode = mode_of(event.tab.id)
        if mode and mode != self.MODE:
            self.ask(ShowView(mode))
