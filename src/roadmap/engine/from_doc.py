"""The engine's view of a plan document: a :class:`~roadmap.engine.inputs.Snapshot` built from
a :class:`~roadmap.model.inputs.PlanDoc` already in memory.

An export reads the whole plan as a document anyway; building the snapshot from it saves
reading the plan from the database a second time. For a stored plan read back with
:func:`roadmap.store.plan_read.read_plan`, the result equals that of
:func:`roadmap.store.snapshot.load_snapshot`: items in stored order, dependencies item by item
(hard, then soft), period labels turned back into indexes of the plan's calendar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap.engine.inputs import (
    NO_SCORES,
    CriterionData,
    Edge,
    ItemData,
    MilestoneData,
    Snapshot,
    TeamData,
    with_milestones,
)
from roadmap.engine.needs import NeedData, NeedValue, need_values
from roadmap.model.periods import Calendar

if TYPE_CHECKING:
    from roadmap.model.inputs import PlanDoc


def snapshot_of(doc: PlanDoc) -> Snapshot:
    """Everything the engine needs of ``doc``, which must be a valid, storable plan, as of
    the product's today (:func:`roadmap.clock.today`)."""
    from roadmap.clock import today

    plan = doc.plan
    cal = Calendar(plan.start_date, plan.period_unit)
    parse = cal.parse
    teams = {
        team.key: TeamData(
            team.key,
            team.name,
            team.capacity,
            tuple(sorted((parse(c.from_period), c.capacity) for c in team.capacity_changes)),
        )
        for team in doc.teams
    }
    criteria = tuple(
        CriterionData(c.key, c.name, c.weight, c.direction, c.scale, bool(c.workshop), c.derived)
        for c in doc.criteria
    )
    items: list[ItemData] = []
    dependencies: list[Edge] = []
    lags: dict[tuple[str, str], int] = {}
    add_item, add_edge = items.append, dependencies.append
    for item in doc.items:
        key, pinned = item.key, item.pinned_period
        add_item(
            ItemData(
                key,
                item.title,
                item.effort,
                item.team,
                item.status,
                bool(item.mandatory),
                item.moscow,
                item.confidence,
                item.reach,
                item.impact,
                item.cost_of_delay,
                None if pinned is None else parse(pinned),
                item.earliest_start,
                item.deadline,
                dict(item.scores) if item.scores else NO_SCORES,
                item.duration,
                item.max_share,
            )
        )
        for blocker in item.depends_on:
            add_edge((blocker, key, "hard"))
        for blocker in item.soft_depends_on:
            add_edge((blocker, key, "soft"))
        for blocker, lag in item.lags.items():
            lags[(blocker, key)] = lag
    milestones = [
        MilestoneData(m.key, m.name, m.date, tuple(m.items), tuple(m.waiting), m.deadline)
        for m in doc.milestones
    ]
    points = with_milestones(items, dependencies, milestones)
    return Snapshot(
        calendar=cal,
        items=tuple(items),
        dependencies=tuple(dependencies),
        teams=teams,
        criteria=criteria,
        scoring_method=plan.scoring_method,
        horizon=plan.horizon,
        lags=lags,
        milestones=points,
        needs=doc_need_values(doc),
        today=today(),
    )


def doc_need_values(doc: PlanDoc) -> dict[str, NeedValue]:
    """The derived reach of the items of ``doc`` (see :mod:`roadmap.engine.needs`)."""
    backing: dict[str, list] = {}
    for ev in doc.evidence:
        for key in ev.needs:
            backing.setdefault(key, []).append((ev.method, ev.date))
    needs = [
        NeedData(n.key, s.key, n.importance, tuple(backing.get(n.key, ())))
        for s in doc.stakeholders
        for n in s.needs
    ]
    gaps = [(s.key, a.source) for s in doc.stakeholders for a in s.sources if not a.has_access]
    missing = {source for _, source in gaps}
    answers = {item.key: item.needs for item in doc.items if item.needs}
    concerns = {
        item.key: [s for s in item.sources if s in missing]
        for item in doc.items
        if missing and not missing.isdisjoint(item.sources)
    }
    return need_values(needs, answers, concerns, gaps)
