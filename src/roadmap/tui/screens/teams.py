"""Teams and their capacity: who carries out the items, and how much they manage per period.

Each team has an organisation, a capacity (effort units per period) and changes of capacity
from a given period on (``2027-Q3: 9``). A change is stored in one short transaction (and undone
with the team's edit it came with) and the roadmap is sequenced again, so the timeline shows
what the new capacity moves.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from roadmap.i18n import N_, _, period_label
from roadmap.model import tables as t
from roadmap.model.inputs import TeamIn
from roadmap.model.periods import PeriodError
from roadmap.services.planning import overloads, team_loads
from roadmap.services.rows import StoredRow
from roadmap.services.views import team_capacity, teams_view
from roadmap.tui.dialogs.form import SELECT, Field
from roadmap.tui.dialogs.row_form import FieldError, RowSpec
from roadmap.tui.screens.rows import RowsView, Table
from roadmap.tui.widgets.grid import Column, Grid

CHANGES = "capacity_changes"


def parse_changes(raw: dict[str, Any]) -> dict[str, Any]:
    """``"2027-Q3: 9, 2028-Q1: 4"`` as the capacity changes :class:`TeamIn` reads."""
    changes = []
    for part in (raw.get(CHANGES) or "").split(","):
        if not part.strip():
            continue
        period, sep, capacity = part.partition(":")
        if not sep or not period.strip() or not capacity.strip():
            raise FieldError(CHANGES, _("{part}: write period: capacity", part=repr(part.strip())))
        changes.append({"from_period": period.strip(), "capacity": capacity.strip()})
    return {**raw, CHANGES: changes}


TEAMS = Table(
    "teams",
    N_("Teams"),
    t.Team,
    RowSpec(
        "team",
        TeamIn,
        (
            Field("key", N_("Key")),
            Field("name", N_("Name")),
            Field("organisation", N_("Organisation"), SELECT),
            Field("capacity", N_("Capacity"), hint=N_("effort units per period")),
            Field(CHANGES, N_("Capacity changes"), hint=N_("e.g. 2027-Q3: 9, 2028-Q1: 4")),
        ),
        prepare=parse_changes,
    ),
    (
        Column(N_("Key"), 0, 14),
        Column(N_("Name"), 1, 12, stretch=True),
        Column(N_("Organisation"), 2, 12),
        Column(N_("Capacity"), 3, 8, right=True, fmt=lambda v: f"{v:g}"),
        Column(N_("Changes"), 4, 8, stretch=True),
    ),
)


def _load(value: tuple[float, float]) -> str:
    """``4/2 ⚠`` for a period with more planned than capacity, else ``1.5/2``."""
    load, capacity = value
    return f"{load:g}/{capacity:g}" + (" ⚠" if load > capacity + 1e-9 else "")


class TeamsView(RowsView):
    """Teams and capacity."""

    MODE = "teams"
    HELP = N_(
        "Teams with their organisation and capacity per period (in effort units), and changes "
        "of capacity from a period on. n adds a team, Enter or e edits it, x deletes it after "
        "asking. After a change the roadmap is sequenced again and moved items are named."
    )
    TABLES = (TEAMS,)

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield Static(Text(_("Load per period: effort planned / capacity")), classes="status-line")
        yield Grid([Column(_("Team"), 0, 12)], id="load")
        yield Static("", id="overload", classes="status-line")

    def shown(self) -> None:
        super().shown()
        self.roadmap_changed()

    def roadmap_changed(self) -> None:
        """Show each team's load beside its capacity, period by period, in the latest roadmap,
        and name the teams that have more work than capacity, and by how much."""
        roadmap, snapshot = self.shared.roadmap, self.shared.snapshot
        if roadmap is None or snapshot is None:
            return
        label = period_label(self.ctx.calendar)  # read, not typed: worded as documents do
        periods = max(self.ctx.horizon, roadmap.periods)
        loads = team_loads(roadmap, snapshot, periods)
        names = {key: team.name or key for key, team in snapshot.teams.items()}
        grid = self.query_one("#load", Grid)
        grid.set_columns(
            [
                Column(_("Team"), 0, 12),
                *(
                    Column(label(p), p + 1, 9, right=True, fmt=_load, stretch=True)
                    for p in range(periods)
                ),
            ]
        )
        grid.set_rows(
            [(names[key], *row) for key, row in sorted(loads.items(), key=lambda kv: names[kv[0]])],
            keep=lambda row: row[0],
        )
        over = overloads(loads, names, self.ctx.calendar)
        text = "⚠ " + "; ".join(over) if over else _("No team has more work than capacity.")
        self.query_one("#overload", Static).update(Text(text))

    def read(self) -> dict[str, list[tuple]]:
        ctx = self.ctx
        orgs, teams, changes = teams_view(ctx.store, ctx.plan_id)
        return {
            TEAMS.id: [
                (
                    team.key,
                    team.name,
                    orgs.get(team.organisation_id, ""),
                    team.capacity,
                    self._changes_text(changes.get(team.key, [])),
                )
                for team in teams
            ]
        }

    def _changes_text(self, changes: list[tuple[int, float]]) -> str:
        label = self.ctx.calendar.label  # canonical: the form people type changes in
        return ", ".join(f"{label(period)}: {capacity:g}" for period, capacity in changes)

    def stored_values(self, table: Table, stored: StoredRow) -> dict[str, Any]:
        values = super().stored_values(table, stored)
        changes = team_capacity(self.ctx.store, self.ctx.plan_id, stored.row.key)
        values[CHANGES] = self._changes_text(changes)
        values["capacity"] = f"{values['capacity']:g}"
        return values

    def new_values(self, table: Table) -> dict[str, Any] | None:
        return {"capacity": "1"}

    def columns(self, table: Table, row: BaseModel, key: str | None) -> dict[str, Any]:
        values = super().columns(table, row, key)
        values.pop(CHANGES, None)
        return values

    def capacity(self, table: Table, row: BaseModel) -> list[tuple[int, float]] | None:
        from roadmap.model.periods import period_index

        assert isinstance(row, TeamIn)
        try:
            changes = sorted(
                (period_index(self.ctx.calendar, c.from_period), c.capacity)
                for c in row.capacity_changes
            )
        except PeriodError as exc:
            raise FieldError(CHANGES, str(exc)) from exc
        if len({period for period, _capacity in changes}) < len(changes):
            raise FieldError(CHANGES, _("a period is listed twice"))
        return changes
