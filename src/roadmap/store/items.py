"""Items one at a time, as the app edits them: the item table, one item read whole, searching,
deleting with what it takes to bring an item back, and restoring it.

Bulk reads (the item table of a plan of 100,000 items) use core selects and return plain
tuples. Every change of a stored item's fields goes through :mod:`roadmap.store.item_write`.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import insert, select
from sqlmodel import Session

from roadmap.model import evidence_tables as e
from roadmap.model import followup_tables as fu
from roadmap.model import tables as t
from roadmap.model.inputs import ItemIn
from roadmap.store.bulk import key_ids
from roadmap.store.fetch import decoded, fetch
from roadmap.store.repo import NotFoundError, find_item


class ItemRow(NamedTuple):
    """One line of the item table."""

    id: int
    key: str
    title: str
    theme: str
    owner: str
    team: str
    status: str
    tags: tuple[str, ...]


def item_rows(*, session: Session, plan_id: int, lang: str | None = None) -> list[ItemRow]:
    """Every item of the plan in stored order, with the names of its theme, owner and team.

    With ``lang``, titles come in that language where a translation exists.
    """
    i, th, org, team = (m.__table__ for m in (t.Item, t.Theme, t.Organisation, t.Team))
    columns = [i.c.id, i.c.key, i.c.title, th.c.name, org.c.name, team.c.name, i.c.status]
    columns += [i.c.tags, i.c.i18n] if lang else [i.c.tags]
    query = (
        select(*columns)
        .select_from(
            i.outerjoin(th, th.c.id == i.c.theme_id)
            .outerjoin(org, org.c.id == i.c.organisation_id)
            .outerjoin(team, team.c.id == i.c.team_id)
        )
        .where(i.c.plan_id == plan_id)
        .order_by(i.c.id)
    )
    rows = []
    for r in fetch(session.connection(), query):  # plain tuples: 100,000 rows are many
        title = r[2]
        if lang:
            title = (decoded(r[8]) or {}).get(lang, {}).get("title") or title
        tags = decoded(r[7])
        rows.append(
            ItemRow(r[0], r[1], title, r[3] or "", r[4] or "", r[5] or "", r[6], tuple(tags or ()))
        )
    return rows


def keyed_names(
    *, session: Session, plan_id: int, model: type[t.Timestamped]
) -> list[tuple[str, str]]:
    """``(key, name)`` of the plan's rows of ``model`` (needs: their text), in stored order."""
    c = model.__table__.c
    name = c.text if model is t.Need else c.name
    order = (c.position, c.id) if "position" in c else (c.id,)
    return [
        tuple(r)
        for r in session.execute(select(c.key, name).where(c.plan_id == plan_id).order_by(*order))
    ]


def read_item(*, session: Session, plan_id: int, key: str) -> tuple[ItemIn, int]:
    """Item ``key`` as an input model (with its scores, dependencies and links) and its version."""
    from roadmap.model.storable import calendar_of

    item = find_item(session=session, plan_id=plan_id, key=key)
    plan = session.get_one(t.Plan, plan_id)

    def key_of(model: type[t.Timestamped], row_id: int | None) -> str | None:
        if row_id is None:
            return None
        return session.execute(
            select(model.__table__.c.key).where(model.__table__.c.id == row_id)
        ).scalar()

    def linked(
        link: type[t.Timestamped], target: type[t.Timestamped], column: str
    ) -> tuple[str, ...]:
        lc, tc = link.__table__.c, target.__table__.c
        query = select(tc.key).join(link, lc[column] == tc.id).where(lc.item_id == item.id)
        return tuple(session.execute(query.order_by(tc.id)).scalars())

    crit, score = t.Criterion.__table__.c, t.ItemScore.__table__.c
    scores = dict(
        session.execute(
            select(crit.key, score.value)
            .join(t.ItemScore, score.criterion_id == crit.id)
            .where(score.item_id == item.id)
            .order_by(crit.position, crit.id)
        ).all()
    )
    dep, other = t.Dependency.__table__.c, t.Item.__table__.c
    blockers = session.execute(
        select(other.key, dep.kind, dep.lag)
        .join(t.Dependency, dep.blocker_id == other.id)
        .where(dep.blocked_id == item.id)
        .order_by(dep.id)
    ).all()
    pinned = item.pinned_period
    item_in = ItemIn.model_construct(
        key=item.key,
        title=item.title,
        description=item.description,
        theme=key_of(t.Theme, item.theme_id),
        organisation=key_of(t.Organisation, item.organisation_id),
        team=key_of(t.Team, item.team_id),
        status=item.status,
        effort=item.effort,
        moscow=item.moscow,
        confidence=item.confidence,
        reach=item.reach,
        impact=item.impact,
        cost_of_delay=item.cost_of_delay,
        mandatory=item.mandatory,
        pinned_period=None if pinned is None else calendar_of(plan).label(pinned),
        earliest_start=item.earliest_start,
        deadline=item.deadline,
        tags=tuple(item.tags),
        scores=scores,
        needs=linked(t.ItemNeed, t.Need, "need_id"),
        sources=linked(t.ItemSource, t.InfoSource, "source_id"),
        organisations=linked(t.ItemOrganisation, t.Organisation, "organisation_id"),
        depends_on=tuple(k for k, kind, _ in blockers if kind == "hard"),
        soft_depends_on=tuple(k for k, kind, _ in blockers if kind == "soft"),
        lags={k: lag for k, kind, lag in blockers if kind == "hard" and lag},
        duration=item.duration,
        max_share=item.max_share,
        i18n=dict(item.i18n),
    )
    return item_in, item.version


def item_version(*, session: Session, plan_id: int, key: str) -> int:
    c = t.Item.__table__.c
    version = session.execute(select(c.version).where(c.plan_id == plan_id, c.key == key)).scalar()
    if version is None:
        raise NotFoundError(f"no item {key!r} in this plan")
    return version


def create_item(*, session: Session, plan_id: int, item: ItemIn) -> int:
    """Store ``item`` as a new item of the plan; its version."""
    from roadmap.store.plan_write import add_items

    add_items(session=session, plan_id=plan_id, items=[item])
    return item_version(session=session, plan_id=plan_id, key=item.key)


class DeletedItem(NamedTuple):
    """What :func:`restore_item` needs to bring a deleted item back."""

    item: ItemIn
    dependants: tuple[tuple[str, str], ...]
    """``(blocked key, kind)`` of the items that waited for it."""
    milestones: tuple[tuple[str, bool], ...]
    """``(milestone key, waits)``: the milestones it leads to, or waits for."""
    goals: tuple[str, ...] = ()
    """Keys of the goals it serves."""
    perspectives: tuple[str, ...] = ()
    """Keys of the maturity perspectives it raises."""
    progress: tuple[str | None, tuple[dict[str, Any], ...]] | None = None
    """Its follow-up: the key of the person responsible and its progress updates."""


def delete_item(
    *, session: Session, plan_id: int, key: str, expected: ItemIn | None = None
) -> DeletedItem:
    """Delete item ``key``; with ``expected`` (the item as the caller last saw it), refused
    with :class:`~roadmap.store.item_write.WriteConflict` naming the fields someone else
    changed since."""
    from roadmap.store.item_write import Conflict, WriteConflict, diff

    row = find_item(session=session, plan_id=plan_id, key=key, lock=True)
    item_in, _ = read_item(session=session, plan_id=plan_id, key=key)
    moved = expected is not None and diff(expected, item_in)
    if moved:
        raise WriteConflict([Conflict(key, name) for name in moved.changes])
    dep, other = t.Dependency.__table__.c, t.Item.__table__.c
    dependants = session.execute(
        select(other.key, dep.kind)
        .join(t.Dependency, dep.blocked_id == other.id)
        .where(dep.blocker_id == row.id)
        .order_by(dep.id)
    ).all()
    ms, link = t.Milestone.__table__.c, t.MilestoneItem.__table__.c
    milestones = session.execute(
        select(ms.key, link.waits)
        .join(t.MilestoneItem, link.milestone_id == ms.id)
        .where(link.item_id == row.id)
    ).all()
    item_id = row.id
    assert item_id is not None  # a stored row
    deleted = DeletedItem(
        item_in,
        tuple(tuple(d) for d in dependants),
        tuple((key, bool(waits)) for key, waits in milestones),
        _linked(session, fu.Goal, fu.GoalItem.__table__.c.goal_id, fu.GoalItem, item_id),
        _linked(session, fu.Perspective, fu.PerspectiveItem.__table__.c.perspective_id,
                fu.PerspectiveItem, item_id),
        _progress(session, item_id),
    )  # fmt: skip
    session.delete(row)
    session.flush()
    return deleted


def _linked(session: Session, owner: Any, column: Any, link: Any, item_id: int) -> tuple[str, ...]:
    """Keys of the ``owner`` records (goals, perspectives) that ``link`` ties the item to."""
    c = owner.__table__.c
    query = (
        select(c.key)
        .join(link, column == c.id)
        .where(link.__table__.c.item_id == item_id)
        .order_by(c.key)
    )
    return tuple(session.execute(query).scalars())


_UPDATE_FIELDS = ("date", "status", "done", "health", "note")


def _progress(
    session: Session, item_id: int
) -> tuple[str | None, tuple[dict[str, Any], ...]] | None:
    """The item's responsible person (by key) and progress updates, or None without any."""
    p, person = fu.ItemProgress.__table__.c, e.Person.__table__.c
    found = session.execute(
        select(person.key)
        .select_from(fu.ItemProgress)
        .outerjoin(e.Person, p.responsible_id == person.id)
        .where(p.item_id == item_id)
    ).first()
    if found is None:
        return None
    u = fu.ProgressUpdate.__table__.c
    updates = session.execute(
        select(*(u[name] for name in _UPDATE_FIELDS)).where(u.item_id == item_id).order_by(u.id)
    ).all()
    return found[0], tuple(dict(zip(_UPDATE_FIELDS, row, strict=True)) for row in updates)


def restore_item(*, session: Session, plan_id: int, deleted: DeletedItem) -> int:
    """Bring back an item :func:`delete_item` removed, with the links it had; its new version."""
    from roadmap.store.plan_write import add_items

    add_items(session=session, plan_id=plan_id, items=[deleted.item])
    ids = key_ids(session, t.Item, plan_id)
    new_id = ids[deleted.item.key]
    rows = [
        {"plan_id": plan_id, "blocker_id": new_id, "blocked_id": ids[k], "kind": kind}
        for k, kind in deleted.dependants
        if k in ids
    ]
    if rows:
        session.execute(insert(t.Dependency.__table__), rows)
    milestones = key_ids(session, t.Milestone, plan_id)
    links = [
        {"milestone_id": milestones[k], "item_id": new_id, "waits": waits}
        for k, waits in deleted.milestones
        if k in milestones
    ]
    if links:
        session.execute(insert(t.MilestoneItem.__table__), links)
    for owner, link, column, keys in (
        (fu.Goal, fu.GoalItem, "goal_id", deleted.goals),
        (fu.Perspective, fu.PerspectiveItem, "perspective_id", deleted.perspectives),
    ):
        known = key_ids(session, owner, plan_id) if keys else {}
        rows = [{column: known[k], "item_id": new_id} for k in keys if k in known]
        if rows:
            session.execute(insert(link.__table__), rows)
    if deleted.progress is not None:
        responsible, updates = deleted.progress
        people = key_ids(session, e.Person, plan_id) if responsible else {}
        session.execute(
            insert(fu.ItemProgress.__table__),
            [{"item_id": new_id, "responsible_id": people.get(responsible or "")}],
        )
        if updates:
            session.execute(
                insert(fu.ProgressUpdate.__table__), [{**u, "item_id": new_id} for u in updates]
            )
    return item_version(session=session, plan_id=plan_id, key=deleted.item.key)


def find_items(*, session: Session, plan_id: int, text: str, limit: int) -> list[tuple[str, str]]:
    """``(key, title)`` of up to ``limit`` items whose key or title holds ``text``."""
    c = t.Item.__table__.c
    pattern = f"%{text.replace('%', '').replace('_', '')}%"
    query = (
        select(c.key, c.title)
        .where(c.plan_id == plan_id, c.key.ilike(pattern) | c.title.ilike(pattern))
        .order_by(c.key)
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(query)]
