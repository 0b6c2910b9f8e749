"""The roadmap: the engine's sequence as a timeline (lanes per theme or team), or Now/Next/Later.

Selecting a bar shows the engine's explanation of where the item lands and why; the
explanation is worked out in a worker thread, since it walks the whole dependency graph.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from roadmap.i18n import N_, _, ngettext, period_label
from roadmap.i18n.terms import horizon_word, scoring_word, status_word, warning_text
from roadmap.model.tables import Milestone
from roadmap.services.views import ItemRow, roadmap_view
from roadmap.tui.messages import EditItem
from roadmap.tui.screens.base import PlanView
from roadmap.tui.widgets.timeline import Bar, Lane, Timeline

LIST_LIMIT = 300
"""Items listed per horizon in the Now/Next/Later view; the rest are counted."""


class RoadmapView(PlanView):
    """The sequenced roadmap."""

    MODE = "roadmap"
    HELP = N_(
        "The roadmap as the engine sequences it: periods as columns, a lane per theme (or "
        "team: l), items as bars. ! and the error colour mark the critical path; ⚠ flags a "
        "period where a team has more work than capacity. Arrow keys or a click select an item "
        "and show why it is where it is. v switches to Now / Next / Later."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "lanes", N_("Lanes: theme/team")),
        Binding("v", "now_next_later", N_("Now/Next/Later")),
        Binding("enter", "open", N_("Open item")),
    ]

    def compose_body(self) -> ComposeResult:
        yield Timeline(id="timeline")
        yield Static("", id="overload", classes="status-line")
        with VerticalScroll(id="nnl"):
            yield Static(id="nnl-table")
        with VerticalScroll(id="why"):
            yield Static(Text("Sequencing ..."), id="why-text")

    def on_mount(self) -> None:
        self.by_team = False
        self.items: dict[str, ItemRow] = {}
        self.milestones: list[Milestone] = []
        self.query_one("#nnl").display = False
        self.query_one("#overload").display = False

    def reload(self) -> None:
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="roadmap-load")
    def _load(self, version: int) -> None:
        ctx = self.ctx
        rows, milestones = roadmap_view(ctx.store, ctx.plan_id, ctx.translating)
        self.app.call_from_thread(self._loaded, rows, milestones, version)

    def _loaded(self, rows, milestones, version: int) -> None:
        self.items = {r.key: r for r in rows}
        self.milestones = milestones
        self.loaded_version = version
        self.roadmap_changed()

    def roadmap_changed(self) -> None:
        roadmap = self.shared.roadmap
        if roadmap is None or not self.items:
            return
        cal = self.ctx.calendar
        periods = max(self.ctx.horizon, roadmap.periods)
        label = period_label(cal)  # the header is read, not typed back: worded (Q1/2027)
        labels = [label(n) for n in range(periods)]
        critical = set(roadmap.critical_path)
        lanes: dict[str, list[Bar]] = defaultdict(list)
        for key, place in roadmap.placements.items():
            row = self.items.get(key)
            if row is None:
                continue
            lane = (row.team if self.by_team else row.theme) or _("(none)")
            lanes[lane].append(Bar(key, row.title, place.start, place.end, key in critical))
        overloaded = {
            w.period for w in roadmap.warnings if w.kind == "overload" and w.period is not None
        }
        milestones = [(cal.index_of(m.date), m.name) for m in self.milestones]
        timeline = self.query_one(Timeline)
        current = timeline.selected_bar
        timeline.show(
            labels,
            [Lane(name, bars) for name, bars in sorted(lanes.items())],
            milestones,
            overloaded,
            keep=current.key if current else None,
        )
        if self.query_one("#nnl").display:
            self._draw_now_next_later()
        self._show_overloads(roadmap, periods)
        # The selected bar may now be another item, or none (the item was deleted): the pane
        # below explains what is selected in this roadmap, never what an earlier one showed.
        bar = timeline.selected_bar
        if bar is None:
            self.query_one("#why-text", Static).update(Text(_("No item selected.")))
        else:
            self.at_rest(lambda: self._explain(bar.key))

    def _show_overloads(self, roadmap, periods: int) -> None:
        """Name the teams with more work than capacity (the periods flagged ⚠), and by how
        much; the line is hidden when none has."""
        from roadmap.services.planning import overloads, team_loads

        snapshot = self.shared.snapshot
        if snapshot is None:
            return
        names = {key: team.name or key for key, team in snapshot.teams.items()}
        over = overloads(team_loads(roadmap, snapshot, periods), names, self.ctx.calendar)
        line = self.query_one("#overload", Static)
        line.update(Text("⚠ " + "; ".join(over), style="bold"))
        line.display = bool(over)

    # Explanation -------------------------------------------------------------------------

    @on(Timeline.Selected)
    def _selected(self, event: Timeline.Selected) -> None:
        self.at_rest(lambda: self._explain(event.key))

    @work(thread=True, exclusive=True, group="explain")
    def _explain(self, key: str) -> None:
        roadmap = self.shared.roadmap
        why = None if roadmap is None else self.shared.explain(roadmap, key)
        if why is not None:
            self.app.call_from_thread(self._show_explanation, why)

    def _show_explanation(self, why) -> None:
        bar = self.query_one(Timeline).selected_bar
        if bar is None or bar.key != why.key:
            return  # the selection moved on (or its item went) while the engine explained
        label = period_label(self.ctx.calendar)
        text = Text()
        text.append(f"{why.key}  ", style="bold")
        text.append(why.title)
        text.append(f"  [{status_word(why.status)}]\n", style="dim")
        if why.score is not None:
            parts = ", ".join(f"{p.label} {p.contribution:.0f}" for p in why.score.parts)
            score = f"{why.score.score:.0f}"
            text.append(
                _("Score {score} ({method})", score=score, method=scoring_word(why.score.method))
                + f": {parts}\n"
            )
            for note in why.score.notes:
                text.append(f"  {note}\n", style="italic")
        place = why.placement
        if place is not None:
            span = label(place.start) + (
                "" if place.end == place.start else f" - {label(place.end)}"
            )
            extra = "; " + (
                _("on the critical path")
                if place.critical
                else ngettext("slack {n} period", "slack {n} periods", place.slack)
            )
            text.append(f"{span}{extra}\n", style="bold")
            for line in (*why.starts, *why.ends):
                text.append(f"  - {line}\n")
        if why.deadline:
            text.append(f"  {why.deadline}\n")
        for name, keys in ((_("Waits for"), why.blocked_by), (_("Holds up"), why.blocks)):
            if keys:
                shown = ", ".join(keys[:12]) + (
                    " " + _("and {n} more", n=len(keys) - 12) if len(keys) > 12 else ""
                )
                text.append(f"{name}: {shown}\n")
        snapshot = self.shared.snapshot
        teams = {key: t.name or key for key, t in snapshot.teams.items()} if snapshot else {}
        for warning in why.warnings:
            worded = warning_text(warning, label, team=lambda key: teams.get(key, key))
            text.append(f"⚠ {worded}\n", style="bold")
        self.query_one("#why-text", Static).update(text)

    # Modes -------------------------------------------------------------------------------

    def action_lanes(self) -> None:
        self.by_team = not self.by_team
        self.roadmap_changed()

    def action_now_next_later(self) -> None:
        nnl = self.query_one("#nnl")
        nnl.display = not nnl.display
        self.query_one(Timeline).display = not nnl.display
        if nnl.display:
            self._draw_now_next_later()
            nnl.focus()
        else:
            self.query_one(Timeline).focus()

    def _draw_now_next_later(self) -> None:
        from roadmap.engine.horizons import HORIZONS, horizons

        roadmap = self.shared.roadmap
        if roadmap is None:
            return
        table = Table(expand=True)
        groups = horizons(roadmap, self.ctx.calendar)
        cells = []
        for name in HORIZONS:
            table.add_column(f"{horizon_word(name)} ({len(groups[name])})", ratio=1)
            text = Text()
            for place in groups[name][:LIST_LIMIT]:
                row = self.items.get(place.key)
                text.append(place.key, style="bold")
                text.append(f" {row.title if row else ''}\n")
            if len(groups[name]) > LIST_LIMIT:
                more = len(groups[name]) - LIST_LIMIT
                text.append(_("... and {n} more", n=more), style="italic")
            cells.append(text)
        table.add_row(*cells)
        self.query_one("#nnl-table", Static).update(table)

    def action_open(self) -> None:
        bar = self.query_one(Timeline).selected_bar
        if bar is not None:
            self.ask(EditItem(bar.key))
