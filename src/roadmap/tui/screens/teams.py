"""Teams and their capacity: who carries out the items, and how much they manage per period.

Each team has an organisation, a capacity (effort units per period) and changes of capacity
from a given period on (``2027-Q3: 9``). A change is stored in one short transaction (and undone
with the team's edit it came with) and the roadmap is sequenced again, so the timeline shows
what the new capacity moves.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from roadmap.i18n import N_, _
from roadmap.model import tables as t
from roadmap.model.inputs import TeamIn
from roadmap.model.periods import PeriodError
from roadmap.store.rows import key_map, rows_of
from roadmap.store.teams import capacity_changes, set_capacity_changes
from roadmap.tui.dialogs.form import SELECT, Field
from roadmap.tui.dialogs.row_form import FieldError, RowSpec
from roadmap.tui.history import CapacityChange, Change
from roadmap.tui.screens.rows import RowsView, Table
from roadmap.tui.widgets.grid import Column

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
        Column(N_("Name"), 1),
        Column(N_("Organisation"), 2, 12),
        Column(N_("Capacity"), 3, 8, right=True, fmt=lambda v: f"{v:g}"),
        Column(N_("Changes"), 4),
    ),
)


class TeamsView(RowsView):
    """Teams and capacity."""

    MODE = "teams"
    HELP = N_(
        "Teams with their organisation and capacity per period (in effort units), and changes "
        "of capacity from a period on. n adds a team, Enter or e edits it, x deletes it after "
        "asking. After a change the roadmap is sequenced again and moved items are named."
    )
    TABLES = (TEAMS,)

    def read(self, session: Session) -> dict[str, list[tuple]]:
        ctx = self.ctx
        orgs = key_map(session=session, plan_id=ctx.plan_id, model=t.Organisation)
        changes = capacity_changes(session=session, plan_id=ctx.plan_id)
        return {
            TEAMS.id: [
                (
                    team.key,
                    team.name,
                    orgs.get(team.organisation_id, ""),
                    team.capacity,
                    self._changes_text(changes.get(team.key, [])),
                )
                for team in rows_of(session=session, plan_id=ctx.plan_id, model=t.Team)
            ]
        }

    def _changes_text(self, changes: list[tuple[int, float]]) -> str:
        label = self.ctx.calendar.label
        return ", ".join(f"{label(period)}: {capacity:g}" for period, capacity in changes)

    def stored_values(self, session: Session, table: Table, key: str) -> dict[str, Any]:
        values = super().stored_values(session, table, key)
        changes = capacity_changes(session=session, plan_id=self.ctx.plan_id)
        values[CHANGES] = self._changes_text(changes.get(key, []))
        values["capacity"] = f"{values['capacity']:g}"
        return values

    def new_values(self, table: Table) -> dict[str, Any] | None:
        return {"capacity": "1"}

    def columns(self, table: Table, row: BaseModel, key: str | None) -> dict[str, Any]:
        values = super().columns(table, row, key)
        values.pop(CHANGES, None)
        return values

    def after_save(self, session: Session, table: Table, row: BaseModel) -> list[Change]:
        from roadmap.model.periods import period_index

        try:
            changes = sorted(
                (period_index(self.ctx.calendar, c.from_period), c.capacity)
                for c in row.capacity_changes
            )
        except PeriodError as exc:
            raise FieldError(CHANGES, str(exc)) from exc
        if len({period for period, _capacity in changes}) < len(changes):
            raise FieldError(CHANGES, _("a period is listed twice"))
        before = set_capacity_changes(
            session=session, plan_id=self.ctx.plan_id, team=row.key, changes=changes
        )
        return [CapacityChange(row.key, before, changes)] if before != changes else []
