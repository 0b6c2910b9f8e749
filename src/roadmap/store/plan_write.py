"""A whole plan document stored as a new plan, and new items added to a stored plan.

Plans can hold a hundred thousand items, so rows go in through bulk inserts
(:mod:`roadmap.store.bulk`) in document order, so that an exported plan imported into an empty
database exports to the same bytes. Period labels (``2027-Q2``) are stored as period indexes of
the plan's calendar.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from roadmap.model import tables as t
from roadmap.model.inputs import (
    ItemIn,
    PlanDoc,
    ScenarioIn,
)
from roadmap.model.periods import Calendar, period_index
from roadmap.model.storable import calendar_of
from roadmap.store.bulk import insert_rows, json_text, key_ids
from roadmap.store.plan_read import ITEM_LINKS, KEYED
from roadmap.store.records import write_records
from roadmap.store.repo import KeyTakenError, create_plan, slugify


def write_plan(*, session: Session, doc: PlanDoc, replace: bool = False) -> t.Plan:
    """Store ``doc`` as a new plan and return it.

    ``doc`` must be free of :func:`~roadmap.model.inputs.check_references` and
    :func:`storage_problems` problems. The slug is ``doc.plan.slug`` (or made from the name),
    made unique in the database; with ``replace``, a plan that has that slug is deleted first,
    in the caller's transaction.
    """
    if replace:
        wanted = doc.plan.slug or slugify(doc.plan.name)
        old = session.execute(select(t.Plan).where(col(t.Plan.slug) == wanted)).scalar_one_or_none()
        if old is not None:
            session.delete(old)
            session.flush()
    plan = create_plan(session=session, plan_in=doc.plan)
    assert plan.id is not None  # stored, flushed
    _write_contents(session, plan.id, doc)
    return plan


def _write_contents(session: Session, pid: int, doc: PlanDoc) -> None:
    """Everything of ``doc`` but the plan row, into the plan ``pid``."""
    cal = calendar_of(doc.plan)
    keys: dict[str, dict[str | None, int]] = {}

    def store(
        name: str, model: type[t.Timestamped], columns: tuple, rows: list[tuple]
    ) -> dict[str | None, int]:
        insert_rows(session, model, columns, rows)
        keys[name] = key_ids(session, model, pid)
        return keys[name]

    def own(row: Any) -> tuple[int, str, str]:
        """The values of :data:`_OWN`."""
        return pid, row.key, json_text(row.i18n)

    insert_rows(
        session,
        t.Section,
        (*_OWN, "kind", "position", "title", "body"),
        [(*own(s), s.kind, n, s.title, s.body) for n, s in enumerate(doc.sections)],
    )
    orgs = store(
        "organisation",
        t.Organisation,
        (*_OWN, "name"),
        [(*own(o), o.name) for o in doc.organisations],
    )
    teams = store(
        "team",
        t.Team,
        ("plan_id", "key", "organisation_id", "name", "capacity", "capacity_assumed"),
        [
            (pid, tm.key, orgs[tm.organisation], tm.name, tm.capacity, tm.capacity_assumed)
            for tm in doc.teams
        ],
    )
    insert_rows(
        session,
        t.TeamCapacity,
        ("team_id", "from_period", "capacity"),
        [
            (teams[tm.key], period_index(cal, c.from_period), c.capacity)
            for tm in doc.teams
            for c in tm.capacity_changes
        ],
    )
    store(
        "theme",
        t.Theme,
        (*_OWN, "name", "description"),
        [(*own(x), x.name, x.description) for x in doc.themes],
    )
    sources = store(
        "source",
        t.InfoSource,
        (*_OWN, "organisation_id", "name", "holds", "access"),
        [(*own(s), orgs.get(s.organisation), s.name, s.holds, s.access) for s in doc.sources],
    )
    holders = store(
        "stakeholder",
        t.Stakeholder,
        (*_OWN, "organisation_id", "name", "description"),
        [(*own(s), orgs.get(s.organisation), s.name, s.description) for s in doc.stakeholders],
    )
    store(
        "need",
        t.Need,
        (*_OWN, "stakeholder_id", "text", "importance"),
        [
            (*own(n), holders[s.key], n.text, n.importance)
            for s in doc.stakeholders
            for n in s.needs
        ],
    )
    insert_rows(
        session,
        t.StakeholderSource,
        ("stakeholder_id", "source_id", "has_access"),
        [
            (holders[s.key], sources[a.source], a.has_access)
            for s in doc.stakeholders
            for a in s.sources
        ],
    )
    store(
        "criterion",
        t.Criterion,
        (*_OWN, "name", "weight", "direction", "scale", "workshop", "derived", "position"),
        [
            (*own(c), c.name, c.weight, c.direction, c.scale, c.workshop, c.derived, n)
            for n, c in enumerate(doc.criteria)
        ],
    )
    insert_rows(session, t.Item, _ITEM_COLUMNS, _item_rows(doc.items, pid, keys, cal))
    keys["item"] = item_ids = key_ids(session, t.Item, pid)
    _insert_item_links(session, pid, doc.items, keys)
    milestones = store(
        "milestone",
        t.Milestone,
        (*_OWN, "name", "date", "deadline"),
        [(*own(m), m.name, m.date, m.deadline) for m in doc.milestones],
    )
    insert_rows(
        session,
        t.Scenario,
        ("plan_id", "key", "name", "description", "changes"),
        [
            (pid, sc.key, sc.name, sc.description, json_text(scenario_changes(sc, cal)))
            for sc in doc.scenarios
        ],
    )
    insert_rows(
        session,
        t.MilestoneItem,
        ("milestone_id", "item_id", "waits"),
        [
            (milestones[m.key], item_ids[key], waits)
            for m in doc.milestones
            for waits, keys in ((False, m.items), (True, m.waiting))
            for key in keys
        ],
    )
    write_records(session, pid, doc, keys)


def scenario_changes(sc: ScenarioIn, cal: Calendar) -> dict[str, Any]:
    """What a scenario changes, as stored: pins as period indexes."""
    pins = {k: None if p is None else period_index(cal, p) for k, p in sc.pins.items()}
    return {"capacities": sc.capacities, "efforts": sc.efforts, "priorities": sc.priorities,
            "pins": pins}  # fmt: skip


_OWN = ("plan_id", "key", "i18n")
"""The columns every keyed, translatable row of a plan starts with."""


def add_items(*, session: Session, plan_id: int, items: list[ItemIn]) -> int:
    """Add ``items``, whose keys the plan does not have yet, with their scores, dependencies
    and links; returns how many were added.

    Changes of stored items go through :func:`roadmap.store.item_write.update_items`. The
    caller checks the plan as it will be (references, cycles) beforehand.
    """
    if not items:
        return 0
    plan = session.get_one(t.Plan, plan_id)
    cal = calendar_of(plan)
    keys = {name: key_ids(session, model, plan_id) for name, model in KEYED.items()}
    named = {key for item in items for key in (item.key, *item.depends_on, *item.soft_depends_on)}
    wanted = {item.key for item in items}
    taken = sorted(wanted & set(key_ids(session, t.Item, plan_id, only=wanted)))
    if taken:
        raise KeyTakenError(f"another item already has the key {', '.join(taken)}")
    insert_rows(session, t.Item, _ITEM_COLUMNS, _item_rows(items, plan_id, keys, cal))
    keys["item"] = key_ids(session, t.Item, plan_id, only=named)
    _insert_item_links(session, plan_id, items, keys)
    return len(items)


_ITEM_COLUMNS = (
    "i18n",
    "plan_id",
    "key",
    "title",
    "description",
    "theme_id",
    "organisation_id",
    "team_id",
    "status",
    "effort",
    "moscow",
    "confidence",
    "reach",
    "impact",
    "cost_of_delay",
    "mandatory",
    "pinned_period",
    "earliest_start",
    "deadline",
    "tags",
    "duration",
    "max_share",
)
"""The columns of :func:`_item_rows`, in the table's order (which the statement follows)."""


def _item_rows(
    items: list[ItemIn], plan_id: int, keys: dict[str, dict[str | None, int]], cal: Calendar
) -> list[tuple]:
    """The values of :data:`_ITEM_COLUMNS` for ``items``, references turned into ids."""
    theme, org, team = keys["theme"].get, keys["organisation"].get, keys["team"].get
    dumps = json_text
    return [
        (
            "{}" if not item.i18n else dumps(item.i18n),
            plan_id,
            item.key,
            item.title,
            item.description,
            theme(item.theme),
            org(item.organisation),
            team(item.team),
            item.status,
            item.effort,
            item.moscow,
            item.confidence,
            item.reach,
            item.impact,
            item.cost_of_delay,
            item.mandatory,
            None if item.pinned_period is None else period_index(cal, item.pinned_period),
            item.earliest_start,
            item.deadline,
            "[]" if not item.tags else dumps(item.tags),
            item.duration,
            item.max_share,
        )
        for item in items
    ]


def _insert_item_links(
    session: Session, plan_id: int, items: list[ItemIn], keys: dict[str, dict[str | None, int]]
) -> None:
    """Scores, dependencies and links of ``items``, whose rows are already stored."""
    ids, crit = keys["item"], keys["criterion"]
    insert_rows(
        session,
        t.ItemScore,
        ("item_id", "criterion_id", "value"),
        [
            (item_id, crit[name], value)
            for item in items
            if item.scores
            for item_id in (ids[item.key],)
            for name, value in item.scores.items()
        ],
    )
    insert_rows(
        session,
        t.Dependency,
        ("plan_id", "blocker_id", "blocked_id", "kind", "lag"),
        [
            (plan_id, ids[blocker], item_id, kind, item.lags.get(blocker, 0) if item.lags else 0)
            for item in items
            if item.depends_on or item.soft_depends_on
            for item_id in (ids[item.key],)
            for kind, blockers in (("hard", item.depends_on), ("soft", item.soft_depends_on))
            for blocker in blockers
        ],
    )
    linking = [item for item in items if item.needs or item.sources or item.organisations]
    """The items with links (few in most plans): one pass over the items, not one per table."""
    for model, field, name, column in ITEM_LINKS:
        target = keys[name]
        insert_rows(
            session,
            model,
            ("item_id", column),
            [
                (ids[item.key], target[key])
                for item in linking
                if (linked := getattr(item, field))
                for key in linked
            ],
        )
