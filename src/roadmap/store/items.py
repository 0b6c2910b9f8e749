"""Items one at a time, as the app edits them: the item table, one item read whole, searching,
deleting with what it takes to bring an item back, and restoring it.

Bulk reads (the item table of a plan of 100,000 items) use core selects and return plain
tuples. Every change of a stored item's fields goes through :mod:`roadmap.store.item_write`.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import insert, select
from sqlmodel import Session

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

    def linked(link: type[t.Timestamped], target: type[t.Timestamped], column: str) -> list[str]:
        lc, tc = link.__table__.c, target.__table__.c
        query = select(tc.key).join(link, lc[column] == tc.id).where(lc.item_id == item.id)
        return list(session.execute(query.order_by(tc.id)).scalars())

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
        tags=list(item.tags),
        scores=scores,
        needs=linked(t.ItemNeed, t.Need, "need_id"),
        sources=linked(t.ItemSource, t.InfoSource, "source_id"),
        organisations=linked(t.ItemOrganisation, t.Organisation, "organisation_id"),
        depends_on=[k for k, kind, _ in blockers if kind == "hard"],
        soft_depends_on=[k for k, kind, _ in blockers if kind == "soft"],
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
    milestones: tuple[str, ...]


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
        select(ms.key)
        .join(t.MilestoneItem, link.milestone_id == ms.id)
        .where(link.item_id == row.id)
    ).scalars()
    deleted = DeletedItem(item_in, tuple(tuple(d) for d in dependants), tuple(milestones))
    session.delete(row)
    session.flush()
    return deleted


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
        {"milestone_id": milestones[k], "item_id": new_id}
        for k in deleted.milestones
        if k in milestones
    ]
    if links:
        session.execute(insert(t.MilestoneItem.__table__), links)
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
