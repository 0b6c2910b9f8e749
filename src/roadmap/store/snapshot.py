"""The engine's view of a stored plan, read with core selects only.

A plan of 100,000 items and 150,000 dependencies must load in about half a second, so no ORM
objects are built: each table is one core ``SELECT`` of the columns the engine needs,
fetched as plain tuples from the driver's cursor, and ids are turned into keys through plain
dicts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import overload

from sqlalchemy import select
from sqlmodel import Session, col

from roadmap.clock import today
from roadmap.engine.inputs import (
    HARD,
    NO_SCORES,
    SOFT,
    CriterionData,
    Edge,
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


@overload
def _date(value: date | str) -> date: ...
@overload
def _date(value: None) -> None: ...
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
        select(
            col(t.Plan.start_date),
            col(t.Plan.period_unit),
            col(t.Plan.horizon),
            col(t.Plan.scoring_method),
        ).where(col(t.Plan.id) == plan_id),
    )
    if not plan:
        raise NotFoundError(f"no plan with id {plan_id}")
    start_date, unit, horizon, method = plan[0]
    start_date = _date(start_date)

    changes: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for team_id, period, capacity in fetch(
        connection,
        select(
            col(t.TeamCapacity.team_id),
            col(t.TeamCapacity.from_period),
            col(t.TeamCapacity.capacity),
        )
        .join(t.Team, col(t.Team.id) == t.TeamCapacity.team_id)
        .where(col(t.Team.plan_id) == plan_id),
    ):
        changes[team_id].append((period, capacity))
    team_key: dict[int, str] = {}
    teams: dict[str, TeamData] = {}
    for team_id, key, name, capacity in fetch(
        connection,
        select(col(t.Team.id), col(t.Team.key), col(t.Team.name), col(t.Team.capacity)).where(
            col(t.Team.plan_id) == plan_id
        ),
    ):
        team_key[team_id] = key
        teams[key] = TeamData(key, name, capacity, tuple(sorted(changes[team_id])))

    criterion_key: dict[int, str] = {}
    criteria = []
    for criterion_id, key, name, weight, direction, scale, workshop, derived in fetch(
        connection,
        select(
            col(t.Criterion.id),
            col(t.Criterion.key),
            col(t.Criterion.name),
            col(t.Criterion.weight),
            col(t.Criterion.direction),
            col(t.Criterion.scale),
            col(t.Criterion.workshop),
            col(t.Criterion.derived),
        )
        .where(col(t.Criterion.plan_id) == plan_id)
        .order_by(col(t.Criterion.position), col(t.Criterion.key)),
    ):
        criterion_key[criterion_id] = key
        criteria.append(CriterionData(key, name, weight, direction, scale, bool(workshop), derived))

    # Criteria belong to one plan, so their ids pick the plan's scores without a join.
    scores: dict[int, dict[str, float]] = defaultdict(dict)
    if criterion_key:
        for item_id, criterion_id, value in fetch(
            connection,
            select(
                col(t.ItemScore.item_id), col(t.ItemScore.criterion_id), col(t.ItemScore.value)
            ).where(col(t.ItemScore.criterion_id).in_(list(criterion_key))),
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
            col(t.Item.id),
            col(t.Item.key),
            col(t.Item.title),
            col(t.Item.effort),
            col(t.Item.team_id),
            col(t.Item.status),
            col(t.Item.mandatory),
            col(t.Item.moscow),
            col(t.Item.confidence),
            col(t.Item.reach),
            col(t.Item.impact),
            col(t.Item.cost_of_delay),
            col(t.Item.pinned_period),
            col(t.Item.earliest_start),
            col(t.Item.deadline),
            col(t.Item.duration),
            col(t.Item.max_share),
        ).where(col(t.Item.plan_id) == plan_id)
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
    dependencies: list[Edge] = []
    lags: dict[tuple[str, str], int] = {}
    add = dependencies.append
    for blocker, blocked, soft, lag in fetch(
        connection,
        select(
            col(t.Dependency.blocker_id),
            col(t.Dependency.blocked_id),
            col(t.Dependency.kind) == SOFT,
            col(t.Dependency.lag),
        ).where(col(t.Dependency.plan_id) == plan_id),
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
        select(col(link.milestone_id), col(link.item_id), col(link.waits))
        .join(ms, col(ms.id) == link.milestone_id)
        .where(col(ms.plan_id) == plan_id),
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
            select(col(ms.id), col(ms.key), col(ms.name), col(ms.date), col(ms.deadline)).where(
                col(ms.plan_id) == plan_id
            ),
        )
    ]
