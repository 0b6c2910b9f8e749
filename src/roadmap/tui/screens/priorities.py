"""Priorities: the plan's scoring method and criteria, and every item's scores, editable by key.

Left and right choose a criterion; ``+`` and ``-`` step the selected item's value along the
criterion's scale, or digits and Enter type a value. Each change is stored at once, the row is
redrawn in place, and the engine re-sequences in the background; the app then says what moved.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from roadmap.i18n import N_, _
from roadmap.i18n.terms import direction_word, scoring_word
from roadmap.model.tables import Criterion
from roadmap.services.history import ScoreChange
from roadmap.services.views import check_score, priorities_view, step_value
from roadmap.tui.screens.base import PlanView
from roadmap.tui.widgets.fields import FieldInput
from roadmap.tui.widgets.grid import Column, Grid

KEY, TITLE = 1, 2
"""Row layout: ``(id, key, title, value per criterion..., score, period)``."""


def _number(value: float) -> str:
    return f"{value:g}"


class PrioritiesView(PlanView):
    """Scores per criterion."""

    MODE = "priorities"
    HELP = N_(
        "The scoring method and criteria of the plan, and each item's scores. Left/right "
        "chooses the criterion; + and - change the selected item's value; or press Enter, type "
        "a value and press Enter again (Esc cancels; Backspace clears a value). The roadmap is "
        "re-sequenced after each change. / filters the items; Esc clears the filter, and again "
        "leaves it. Keys 1-9 switch views."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "criterion(-1)", N_("Criterion"), show=False),
        Binding("right", "criterion(1)", N_("Criterion"), show=False),
        Binding("plus,equals_sign", "step(1)", "+1"),
        Binding("minus", "step(-1)", "-1"),
        Binding("backspace", "clear_value", N_("Clear"), show=False),
        Binding("slash", "focus_filter", N_("Filter")),
        Binding("escape", "leave_filter", N_("Clear filter"), show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="method", classes="status-line")
        yield FieldInput(placeholder=_("Filter items"), id="filter")
        yield Grid([], search=lambda row: f"{row[KEY]} {row[TITLE]}", id="scores")
        yield Static("", id="score-status", classes="status-line")

    def on_mount(self) -> None:
        self.criteria: list[Criterion] = []
        self.selected = 0
        self.typed: str | None = None
        """What is typed into the selected cell; None while no cell is being edited (digits
        then switch views, as everywhere)."""

    @property
    def grid(self) -> Grid:
        return self.query_one("#scores", Grid)

    def reload(self) -> None:
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="scores-load")
    def _load(self, version: int) -> None:
        ctx = self.ctx
        criteria, rows, scores = priorities_view(ctx.store, ctx.plan_id, ctx.translating)
        self.app.call_from_thread(self._show, criteria, rows, scores, version)

    def _show(self, criteria, rows, scores, version: int) -> None:
        self.criteria = criteria
        self.selected = min(self.selected, max(0, len(criteria) - 1))
        self._items = rows
        self._scores = scores
        self._set_columns()
        self.grid.set_rows(self._rows(), keep=lambda row: row[0])
        self.loaded_version = version
        weights = ", ".join(
            f"{c.name} x{_number(c.weight)} ({direction_word(c.direction)})" for c in criteria
        )
        self.query_one("#method", Static).update(
            Text(
                _(
                    "Method: {method}.  Criteria: {criteria}",
                    method=scoring_word(self.ctx.scoring_method),
                    criteria=weights or _("none"),
                )
            )
        )
        self._status()

    def _set_columns(self) -> None:
        n = len(self.criteria)
        columns = [Column(_("Key"), KEY, 9), Column(_("Title"), TITLE, 12, stretch=True)]
        for i, c in enumerate(self.criteria):
            label = c.name
            columns.append(
                Column(
                    ("▸" if i == self.selected else " ") + label,
                    3 + i,
                    8,
                    right=True,
                    fmt=_number,
                )
            )
        columns += [
            Column(_("Score"), 3 + n, 5, right=True, fmt=lambda v: f"{v:.0f}"),
            Column(_("Period"), 4 + n, 8),
        ]
        self.grid.set_columns(columns)

    def _rows(self) -> list[tuple]:
        roadmap = self.rows_roadmap = self.shared.roadmap
        label = cache(self.ctx.calendar.label)
        keys = [c.key for c in self.criteria]
        out = []
        for r in self._items:
            values = self._scores.get(r.key, {})
            score = roadmap.scores.get(r.key) if roadmap else None
            place = roadmap.placements.get(r.key) if roadmap else None
            out.append(
                (
                    r.id,
                    r.key,
                    r.title,
                    *(values.get(k) for k in keys),
                    None if score is None else score.score,
                    "" if place is None else label(place.start),
                )
            )
        return out

    def roadmap_changed(self) -> None:
        if self.criteria:
            rows = self.rows_with_roadmap(self.grid.rows)
            if rows is not None:
                self.grid.set_rows(rows, keep=lambda row: row[0])

    def _status(self) -> None:
        if not self.criteria:
            text = _("The plan has no criteria yet.")
        else:
            c = self.criteria[self.selected]
            typed = "" if self.typed is None else "  " + _("value: {typed}_", typed=self.typed)
            text = _(
                "{criterion} ({scale}, {direction}): + / - or Enter and a value",
                criterion=c.name,
                scale=c.scale,
                direction=direction_word(c.direction),
            )
            text += typed
        self.query_one("#score-status", Static).update(Text(text))

    # Editing -----------------------------------------------------------------------------

    def action_criterion(self, delta: int) -> None:
        if self.criteria:
            self.selected = (self.selected + delta) % len(self.criteria)
            self.typed = None
            self._set_columns()
            self._status()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        """Esc in the filter: clear it, and when it is empty go back to the table."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        else:
            self.grid.focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.grid.filter(event.value)

    @on(Grid.Selected, "#scores")
    def _edit_value(self) -> None:
        """Enter on a row: type a value for the selected criterion."""
        if self.criteria:
            self.typed = ""
            self._status()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.grid.focus()

    def _current(self) -> tuple[tuple, float | None] | None:
        row = self.grid.current_row
        if row is None or not self.criteria:
            return None
        return row, row[3 + self.selected]

    def action_step(self, delta: int) -> None:
        current = self._current()
        if current is not None:
            c = self.criteria[self.selected]
            self._set(current[0], step_value(c.scale, current[1], delta))

    def action_clear_value(self) -> None:
        if self.typed is not None:
            self.typed = self.typed[:-1]
            self._status()
        elif (current := self._current()) is not None and current[1] is not None:
            self._set(current[0], None)

    def on_key(self, event) -> None:
        if self.focused is not self.grid or self.typed is None:
            return
        if event.character and (event.character.isdigit() or event.character == "."):
            self.typed += event.character
            self._status()
            event.stop()
        elif event.key == "enter":
            event.stop()
            typed, self.typed = self.typed, None
            if not typed:
                self._status()
                return
            current = self._current()
            c = self.criteria[self.selected]
            try:
                value = float(typed)
            except ValueError:
                self.notify(
                    _("{value} is not a number", value=repr(typed)), severity="error", markup=False
                )
                self._status()
                return
            problem = check_score(c.scale, value)
            if problem:
                self.notify(
                    f"{c.name}: {problem}", title=_("Refused"), severity="error", markup=False
                )
                self._status()
            elif current is not None:
                self._set(current[0], value)
        elif event.key == "escape":
            self.typed = None
            self._status()
            event.stop()

    def _set(self, row: tuple, value: float | None) -> None:
        c = self.criteria[self.selected]
        key = row[KEY]
        change = ScoreChange(key, c.key, row[3 + self.selected], value)
        scores = dict(self._scores.get(key, {}))
        if value is None:
            scores.pop(c.key, None)
        else:
            scores[c.key] = value
        if not self.make(change, key=key, shown=True, scores=scores):
            return
        self._scores[key] = scores
        index = self.grid.current_index
        values = list(row)
        values[3 + self.selected] = value
        if index is not None:
            self.grid.update_row(index, tuple(values))
        self._status()
