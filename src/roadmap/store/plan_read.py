"""A stored plan read back whole as a :class:`PlanDoc` (the inverse of writing it).

Plans can hold a hundred thousand items, so the reader uses plain core selects fetched as
tuples, and builds the document from already-valid stored rows without validating them again.
Order is kept: rows are read back by id (sections and criteria by position), so an exported
plan imported into an empty database exports to the same bytes. Link lists that have no order
of their own (an item's scores, needs, sources and affected organisations; a milestone's items;
a stakeholder's sources) come back in the order of the rows they point to. Period indexes are
written back as the canonical labels of the plan's calendar.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    String,
    func,
    select,
    type_coerce,
)
from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.model.inputs import (
    CapacityChangeIn,
    CriterionIn,
    InfoSourceIn,
    ItemIn,
    MilestoneIn,
    NeedIn,
    OrganisationIn,
    PlanDoc,
    PlanIn,
    ScenarioIn,
    SectionIn,
    SourceAccessIn,
    StakeholderIn,
    TeamIn,
    ThemeIn,
)
from roadmap.model.periods import Calendar
from roadmap.model.storable import calendar_of
from roadmap.store.fetch import fetch
from roadmap.store.records import read_records, read_settings

ITEM_LINKS = (
    (t.ItemNeed, "needs", "need", "need_id"),
    (t.ItemSource, "sources", "source", "source_id"),
    (t.ItemOrganisation, "organisations", "organisation", "organisation_id"),
)
"""Item link tables: table, ItemIn field, key map, column of the linked row."""

KEYED: dict[str, type[t.Timestamped]] = {
    "theme": t.Theme,
    "organisation": t.Organisation,
    "team": t.Team,
    "criterion": t.Criterion,
    "need": t.Need,
    "source": t.InfoSource,
}
"""The plan's keyed tables that items and other rows refer to, by the name of the reference."""


def read_plan(*, session: Session, plan_id: int, scores: bool = True) -> PlanDoc:
    """The stored plan ``plan_id`` as a plan document (the inverse of :func:`write_plan`).

    ``scores=False`` leaves the items' scores out (empty), for readers that have no use for
    them, such as the checks: they are the largest table of a large plan.
    """
    plan = session.get(t.Plan, plan_id)
    if plan is None:
        raise LookupError(f"no plan with id {plan_id}")
    return _read(session, plan, scores)


def _read(session: Session, plan: t.Plan, scores: bool) -> PlanDoc:
    assert plan.id is not None  # a stored plan
    q = _Reader(session, plan.id, calendar_of(plan))
    return PlanDoc.model_construct(
        plan=PlanIn.model_construct(
            name=plan.name,
            slug=plan.slug,
            default_language=plan.default_language,
            languages=list(plan.languages),
            start_date=plan.start_date,
            period_unit=plan.period_unit,
            horizon=plan.horizon,
            scoring_method=plan.scoring_method,
            **read_settings(session, plan.id),
            i18n=plan.i18n,
        ),
        sections=[
            SectionIn.model_construct(
                key=r.key, kind=r.kind, title=r.title, body=r.body, i18n=r.i18n
            )
            for r in q.table(t.Section)
        ],
        organisations=[
            OrganisationIn.model_construct(key=r.key, name=r.name, i18n=r.i18n)
            for r in q.table(t.Organisation)
        ],
        teams=q.teams(),
        themes=[
            ThemeIn.model_construct(key=r.key, name=r.name, description=r.description, i18n=r.i18n)
            for r in q.table(t.Theme)
        ],
        sources=[
            InfoSourceIn.model_construct(
                key=r.key,
                name=r.name,
                organisation=q.key("organisation", r.organisation_id),
                holds=r.holds,
                access=r.access,
                i18n=r.i18n,
            )
            for r in q.table(t.InfoSource)
        ],
        stakeholders=q.stakeholders(),
        criteria=[
            CriterionIn.model_construct(
                key=r.key,
                name=r.name,
                weight=r.weight,
                direction=r.direction,
                scale=r.scale,
                workshop=r.workshop,
                derived=r.derived,
                i18n=r.i18n,
            )
            for r in q.table(t.Criterion)
        ],
        items=q.items(scores),
        milestones=q.milestones(),
        scenarios=q.scenarios(),
        **read_records(session, plan.id, q.keys),
    )


class _Reader:
    """Core selects over one stored plan, and the id -> key maps that turn ids into keys.

    The large tables (items and their scores, dependencies and links) are fetched with the
    driver's own cursor, inside the session's transaction: plain tuples, without SQLAlchemy's
    per-row result processing, which costs more than the queries themselves. Their values are
    converted here where the drivers differ: SQLite gives JSON as text, dates as ISO text and
    booleans as integers.
    """

    def __init__(self, session: Session, plan_id: int, cal: Calendar) -> None:
        self.session, self.plan_id, self.cal = session, plan_id, cal
        self.connection = session.connection()
        self.sqlite = self.connection.dialect.name == "sqlite"
        self.keys = {
            name: dict(self.fetch(select(m.__table__.c.id, m.__table__.c.key).where(self._mine(m))))
            for name, m in KEYED.items()
        }

    def key(self, name: str, row_id: int | None) -> str | None:
        return None if row_id is None else self.keys[name][row_id]

    def rows(self, query: Any) -> Sequence[Any]:
        return self.session.execute(query).all()

    def fetch(self, query: Any) -> list[tuple]:
        """The rows of ``query`` as the driver gives them (every bound value is an id or a
        constant of this module)."""
        return fetch(self.connection, query)

    def _mine(self, model: type[t.Timestamped]) -> Any:
        return model.__table__.c.plan_id == self.plan_id

    def table(self, model: type[t.Timestamped]) -> Sequence[Any]:
        """The plan's rows of ``model`` without their timestamps, in stored order."""
        c = model.__table__.c
        columns = [x for x in c if x.name not in ("created_at", "updated_at")]
        order = (c.position, c.id) if "position" in c else (c.id,)
        return self.rows(select(*columns).where(self._mine(model)).order_by(*order))

    def links(
        self, model: type[t.Timestamped], column: str, target: type[t.Timestamped]
    ) -> list[tuple[int, int]]:
        """``(item_id, column)`` of an item link table, ordered by item, then column; the
        linked rows (of ``target``) are the plan's, so they pick the links with fewer rows to
        read than the items would."""
        c, linked = model.__table__.c, target.__table__
        return self.fetch(
            select(c.item_id, c[column])
            .join(linked, linked.c.id == c[column])
            .where(linked.c.plan_id == self.plan_id)
            .order_by(c.item_id, c[column])
        )

    def _json_column(self, column: Any, empty: str) -> Any:
        """``column`` for :meth:`fetch`; on SQLite its text, NULL when it holds ``empty``
        (as most rows do), so that those rows cost neither a string nor the decoder."""
        if self.sqlite:
            return func.nullif(type_coerce(column, String), empty)
        return column

    def teams(self) -> list[TeamIn]:
        changes = defaultdict(list)
        c, teams = t.TeamCapacity.__table__.c, t.Team.__table__
        for team_id, start, capacity in self.rows(
            select(c.team_id, c.from_period, c.capacity)
            .join(teams, teams.c.id == c.team_id)
            .where(self._mine(t.Team))
            .order_by(c.id)
        ):
            changes[team_id].append(
                CapacityChangeIn.model_construct(
                    from_period=self.cal.label(start), capacity=capacity
                )
            )
        return [
            TeamIn.model_construct(
                key=r.key,
                organisation=self.key("organisation", r.organisation_id),
                name=r.name,
                capacity=r.capacity,
                capacity_assumed=bool(r.capacity_assumed),
                capacity_changes=changes[r.id],
            )
            for r in self.table(t.Team)
        ]

    def stakeholders(self) -> list[StakeholderIn]:
        needs = defaultdict(list)
        for r in self.table(t.Need):
            needs[r.stakeholder_id].append(
                NeedIn.model_construct(key=r.key, text=r.text, importance=r.importance, i18n=r.i18n)
            )
        access = defaultdict(list)
        c, holders = t.StakeholderSource.__table__.c, t.Stakeholder.__table__
        for holder, source, has_access in self.rows(
            select(c.stakeholder_id, c.source_id, c.has_access)
            .join(holders, holders.c.id == c.stakeholder_id)
            .where(self._mine(t.Stakeholder))
            .order_by(c.stakeholder_id, c.source_id)
        ):
            access[holder].append(
                SourceAccessIn.model_construct(
                    source=self.key("source", source), has_access=has_access
                )
            )
        return [
            StakeholderIn.model_construct(
                key=r.key,
                name=r.name,
                organisation=self.key("organisation", r.organisation_id),
                description=r.description,
                needs=needs[r.id],
                sources=access[r.id],
                i18n=r.i18n,
            )
            for r in self.table(t.Stakeholder)
        ]

    def scenarios(self) -> list[ScenarioIn]:
        """The plan's scenarios, pins as period labels."""
        label = self.cal.label
        out = []
        for r in self.table(t.Scenario):
            changes = r.changes if isinstance(r.changes, dict) else json.loads(r.changes)
            pins = {k: None if p is None else label(p) for k, p in changes.get("pins", {}).items()}
            out.append(
                ScenarioIn.model_construct(
                    key=r.key,
                    name=r.name,
                    description=r.description,
                    capacities=changes.get("capacities", {}),
                    efforts=changes.get("efforts", {}),
                    priorities=changes.get("priorities", {}),
                    pins=pins,
                )
            )
        return out

    def milestones(self) -> list[MilestoneIn]:
        """The plan's milestones; after :meth:`items`, which maps the item ids."""
        members: defaultdict[int, list[str]] = defaultdict(list)
        waiting: defaultdict[int, list[str]] = defaultdict(list)
        item_key = self.keys["item"]
        c, milestones = t.MilestoneItem.__table__.c, t.Milestone.__table__
        for item, milestone, waits in self.fetch(
            select(c.item_id, c.milestone_id, c.waits)
            .join(milestones, milestones.c.id == c.milestone_id)
            .where(milestones.c.plan_id == self.plan_id)
            .order_by(c.item_id, c.milestone_id)
        ):
            (waiting if waits else members)[milestone].append(item_key[item])
        return [
            MilestoneIn.model_construct(
                key=r.key,
                name=r.name,
                date=r.date,
                items=members[r.id],
                deadline=bool(r.deadline),
                waiting=waiting[r.id],
                i18n=r.i18n,
            )
            for r in self.table(t.Milestone)
        ]

    def items(self, scores: bool) -> list[ItemIn]:
        """The plan's items in stored order (with their scores, if ``scores``); also maps their
        ids to keys for the milestones."""
        keys, label, loads, to_date = self.keys, self.cal.label, json.loads, date.fromisoformat
        theme, org, team = keys["theme"].get, keys["organisation"].get, keys["team"].get
        c = t.Item.__table__.c
        rows = self.fetch(
            select(
                c.id,
                c.key,
                c.title,
                c.description,
                c.theme_id,
                c.organisation_id,
                c.team_id,
                c.status,
                c.effort,
                c.moscow,
                c.confidence,
                c.reach,
                c.impact,
                c.cost_of_delay,
                c.mandatory,
                c.pinned_period,
                c.earliest_start,
                c.deadline,
                self._json_column(c.tags, "[]"),
                self._json_column(c.i18n, "{}"),
                c.duration,
                c.max_share,
            )
            .where(self._mine(t.Item))
            .order_by(c.id)
        )
        item_key: dict[int, str] = {}
        values: dict[int, dict[str, Any]] = {}
        linked: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
        built: list[ItemIn] = []
        append = built.append
        for (
            row_id, key, title, description, theme_id, org_id, team_id, status, effort, moscow,
            confidence, reach, impact, cost_of_delay, mandatory, pinned, early, due, tags, i18n,
            duration, max_share,
        ) in rows:  # fmt: skip
            item_key[row_id] = key
            item = ItemIn.model_construct(
                key=key,
                title=title,
                description=description,
                theme=theme(theme_id),
                organisation=org(org_id),
                team=team(team_id),
                status=status,
                effort=effort,
                moscow=moscow,
                confidence=confidence,
                reach=reach,
                impact=impact,
                cost_of_delay=cost_of_delay,
                mandatory=bool(mandatory),
                pinned_period=None if pinned is None else label(pinned),
                earliest_start=to_date(early) if type(early) is str else early,
                deadline=to_date(due) if type(due) is str else due,
                tags=() if tags is None else tuple(loads(tags) if type(tags) is str else tags),
                i18n={} if i18n is None else loads(i18n) if type(i18n) is str else i18n,
                scores={},
                needs=(),
                sources=(),
                organisations=(),
                depends_on=(),
                soft_depends_on=(),
                lags={},
                duration=duration,
                max_share=max_share,
            )
            # The maps filled below (scores, lags) are the item's own; its lists are gathered
            # in ``linked`` and set as tuples at the end.
            values[row_id] = item.__dict__
            append(item)
        keys["item"] = item_key
        if scores:
            self._scores(values)
        d = t.Dependency.__table__.c
        for blocker, blocked, hard, lag in self.fetch(
            select(d.blocker_id, d.blocked_id, d.kind == "hard", d.lag)
            .where(self._mine(t.Dependency))
            .order_by(d.id)
        ):
            linked[blocked, "depends_on" if hard else "soft_depends_on"].append(item_key[blocker])
            if lag:
                values[blocked]["lags"][item_key[blocker]] = lag
        for model, field, name, column in ITEM_LINKS:
            target = keys[name]
            for item_id, target_id in self.links(model, column, KEYED[name]):
                linked[item_id, field].append(target[target_id])
        for (item_id, field), listed in linked.items():
            values[item_id][field] = tuple(listed)
        return built

    def _scores(self, items: dict[int, dict[str, Any]]) -> None:
        """Fill in the scores of the plan's items (their values by id), in criterion order."""
        cr = t.Criterion.__table__.c
        criteria = self.fetch(
            select(cr.id, cr.key).where(self._mine(t.Criterion)).order_by(cr.position, cr.id)
        )
        if not criteria:
            return
        name = dict(criteria)
        s = t.ItemScore.__table__.c
        # Criteria belong to one plan, so their ids pick the plan's scores without a join;
        # the primary key (item, criterion) gives the order without a sort.
        for item_id, criterion_id, value in self.fetch(
            select(s.item_id, s.criterion_id, s.value)
            .where(s.criterion_id.in_(list(name)))
            .order_by(s.item_id, s.criterion_id)
        ):
            items[item_id]["scores"][name[criterion_id]] = value
        order = list(name.values())
        if [key for _, key in sorted(criteria)] != order:  # positions not in id order
            for item in items.values():
                values = item["scores"]
                if len(values) > 1:
                    ordered = {key: values[key] for key in order if key in values}
                    values.clear()
                    values.update(ordered)


def _json(value: Any) -> Any:
    """A JSON column read as text (SQLite) or as decoded by the driver (PostgreSQL); empty
    values, which most rows hold, skip the decoder."""
    if not isinstance(value, str):
        return value
    if value == "{}":
        return {}
    if value == "[]":
        return []
    return json.loads(value)
