"""The engine's view of a stored plan, read with core selects only.

A plan of 100,000 items and 150,000 dependencies must load in about half a second, so no ORM
objects are built: each table is one core ``SELECT`` of the columns the engine needs,
fetched as plain tuples from the driver's cursor, and ids are turned into keys through plain
dicts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from roadmap.clock import today
from roadmap.engine.inputs import (
    HARD,
    NO_SCORES,
    SOFT,
    CriterionData,
    ItemData,
    MilestoneData,
    Snapshot,
    TeamData,
    with_milestones,
)
from roadmap.model import tables as t
from roadmap.model.periods import Calendar
from roadmap.store.fetch import fetch
from roadmap.store.needs import load_need_values
from roadmap.store.repo import NotFoundError


def _date(value: date | str | None) -> date | None:
    """A date column as the driver gave it: a date, or ISO text on SQLite."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def load_snapshot(*, session: Session, plan_id: int) -> Snapshot:
    """Everything the engine needs of plan ``plan_id``, as of the product's today
    (:func:`roadmap.clock.today`)."""
    return _load(session, plan_id)


def _load(session: Session, plan_id: int) -> Snapshot:
    connection = session.connection()

    plan = fetch(
        connection,
        select(t.Plan.start_date, t.Plan.period_unit, t.Plan.horizon, t.Plan.scoring_method).where(
            t.Plan.id == plan_id
        ),
    )
    if not plan:
        raise NotFoundError(f"no plan with id {plan_id}")
    start_date, unit, horizon, method = plan[0]
    start_date = _date(start_date)

    changes: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for team_id, period, capacity in fetch(
        connection,
        select(t.TeamCapacity.team_id, t.TeamCapacity.from_period, t.TeamCapacity.capacity)
        .join(t.Team, t.Team.id == t.TeamCapacity.team_id)
        .where(t.Team.plan_id == plan_id),
    ):
        changes[team_id].append((period, capacity))
    team_key: dict[int, str] = {}
    teams: dict[str, TeamData] = {}
    for team_id, key, name, capacity in fetch(
        connection,
        select(t.Team.id, t.Team.key, t.Team.name, t.Team.capacity).where(
            t.Team.plan_id == plan_id
        ),
    ):
        team_key[team_id] = key
        teams[key] = TeamData(key, name, capacity, tuple(sorted(changes[team_id])))

    criterion_key: dict[int, str] = {}
    criteria = []
    for row in fetch(
        connection,
        select(
            t.Criterion.id,
            t.Criterion.key,
            t.Criterion.name,
            t.Criterion.weight,
            t.Criterion.direction,
            t.Criterion.scale,
            t.Criterion.workshop,
            t.Criterion.derived,
        )
        .where(t.Criterion.plan_id == plan_id)
        .order_by(t.Criterion.position, t.Criterion.key),
    ):
        criterion_key[row[0]] = row[1]
        criteria.append(CriterionData(*row[1:-2], bool(row[-2]), row[-1]))

    # Criteria belong to one plan, so their ids pick the plan's scores without a join.
    scores: dict[int, dict[str, float]] = defaultdict(dict)
    if criterion_key:
        for item_id, criterion_id, value in fetch(
            connection,
            select(t.ItemScore.item_id, t.ItemScore.criterion_id, t.ItemScore.value).where(
                t.ItemScore.criterion_id.in_(list(criterion_key))
            ),
        ):
            scores[item_id][criterion_key[criterion_id]] = value
    scored = scores.get
    item_key: dict[int, str] = {}
    items = []
    team_of = team_key.get  # None for no team
    for (
        item_id, key, title, effort, team_id, status, mandatory, moscow, confidence,
        reach, impact, cost_of_delay, pinned, early, due, duration, max_share,
    ) in fetch(
        connection,
        select(
            t.Item.id,
            t.Item.key,
            t.Item.title,
            t.Item.effort,
            t.Item.team_id,
            t.Item.status,
            t.Item.mandatory,
            t.Item.moscow,
            t.Item.confidence,
            t.Item.reach,
            t.Item.impact,
            t.Item.cost_of_delay,
            t.Item.pinned_period,
            t.Item.earliest_start,
            t.Item.deadline,
            t.Item.duration,
            t.Item.max_share,
        ).where(t.Item.plan_id == plan_id)
    ):  # fmt: skip
        item_key[item_id] = key
        items.append(
            ItemData(key, title, effort, team_of(team_id), status, bool(mandatory), moscow,
                     confidence, reach, impact, cost_of_delay, pinned, early and _date(early),
                     due and _date(due), scored(item_id, NO_SCORES), duration, max_share)
        )  # fmt: skip

    # The kind comes as a flag, so that the dependencies share two strings rather than each
    # holding one of its own that the driver made.
    kinds = (HARD, SOFT)
    dependencies = []
    lags: dict[tuple[str, str], int] = {}
    add = dependencies.append
    for blocker, blocked, soft, lag in fetch(
        connection,
        select(
            t.Dependency.blocker_id,
            t.Dependency.blocked_id,
            t.Dependency.kind == SOFT,
            t.Dependency.lag,
        ).where(t.Dependency.plan_id == plan_id),
    ):
        edge = (item_key[blocker], item_key[blocked], kinds[soft])
        add(edge)
        if lag:
            lags[edge[:2]] = lag
    points = with_milestones(items, dependencies, _milestones(connection, plan_id, item_key))
    return Snapshot(
        calendar=Calendar(start_date, unit),
        items=tuple(items),
        dependencies=tuple(dependencies),
        teams=teams,
        criteria=tuple(criteria),
        scoring_method=method,
        horizon=horizon,
        lags=lags,
        milestones=points,
        needs=load_need_values(session=session, plan_id=plan_id),
        today=today(),
    )


def _milestones(connection, plan_id: int, item_key: dict[int, str]) -> list[MilestoneData]:
    """The plan's milestones with the items that lead to each and that wait for it."""
    ms, link = t.Milestone, t.MilestoneItem
    members: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for milestone_id, item_id, waits in fetch(
        connection,
        select(link.milestone_id, link.item_id, link.waits)
        .join(ms, ms.id == link.milestone_id)
        .where(ms.plan_id == plan_id),
    ):
        members[milestone_id][bool(waits)].append(item_key[item_id])
    return [
        MilestoneData(
            key,
            name,
            _date(day),
            tuple(sorted(members[row][0])),
            tuple(sorted(members[row][1])),
            bool(deadline),
        )
        for row, key, name, day, deadline in fetch(
            connection,
            select(ms.id, ms.key, ms.name, ms.date, ms.deadline).where(ms.plan_id == plan_id),
        )
    ]
