"""Adding and removing one dependency, refusing what would break the plan before writing it.

A dependency is refused when an item would depend on itself, when the pair is already linked
(in that direction), and when it would close a cycle; the error for a cycle names the path
that already exists. The plan's row is locked first (``SELECT ... FOR UPDATE`` on PostgreSQL;
SQLite write transactions are serialised anyway), so two people adding the two halves of a
cycle at the same moment cannot both succeed. The change itself is a write of the waiting
item through :mod:`roadmap.store.item_write`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session, col

from roadmap.engine.graph import build_graph, existing_path
from roadmap.model import tables as t
from roadmap.model.enums import DependencyKind
from roadmap.store.repo import NotFoundError


class DependencyError(ValueError):
    """A dependency that cannot be added: to itself, twice, or closing a cycle."""


def _item_ids(session: Session, plan_id: int, *keys: str) -> list[int]:
    found = dict(
        session.execute(
            select(col(t.Item.key), col(t.Item.id)).where(
                col(t.Item.plan_id) == plan_id, col(t.Item.key).in_(keys)
            )
        ).all()
    )
    missing = [key for key in keys if key not in found]
    if missing:
        raise NotFoundError(f"no item {missing[0]!r} in this plan")
    return [found[key] for key in keys]


def add_dependency(
    *, session: Session, plan_id: int, blocker_key: str, blocked_key: str, kind: str = "hard"
) -> None:
    """Make ``blocked_key`` wait for ``blocker_key`` (``kind`` ``hard`` or ``soft``)."""
    kind = DependencyKind(kind).value
    if blocker_key == blocked_key:
        raise DependencyError(f"{blocker_key} cannot depend on itself")
    session.execute(select(col(t.Plan.id)).where(col(t.Plan.id) == plan_id).with_for_update()).one()
    blocker, blocked = _item_ids(session, plan_id, blocker_key, blocked_key)
    keys = dict(
        session.execute(
            select(col(t.Item.id), col(t.Item.key)).where(col(t.Item.plan_id) == plan_id)
        ).all()
    )
    edges = []
    for a, b, k in session.execute(
        select(
            col(t.Dependency.blocker_id), col(t.Dependency.blocked_id), col(t.Dependency.kind)
        ).where(col(t.Dependency.plan_id) == plan_id)
    ):
        if (a, b) == (blocker, blocked):
            raise DependencyError(f"{blocked_key} already depends on {blocker_key} ({k})")
        edges.append((keys[a], keys[b], k))
    graph = build_graph(((key, 0.0) for key in keys.values()), edges)
    path = existing_path(graph, blocker_key, blocked_key)
    if path:
        raise DependencyError(
            f"{' -> '.join(path)} already leads from {blocked_key} to {blocker_key}; "
            f"{blocker_key} cannot also block {blocked_key}"
        )
    _change(session, plan_id, blocked_key, kind, lambda keys: [*keys, blocker_key])


def remove_dependency(
    *, session: Session, plan_id: int, blocker_key: str, blocked_key: str
) -> None:
    """Remove the dependency of ``blocked_key`` on ``blocker_key``."""
    blocker, blocked = _item_ids(session, plan_id, blocker_key, blocked_key)
    kind = session.execute(
        select(col(t.Dependency.kind)).where(
            col(t.Dependency.blocker_id) == blocker, col(t.Dependency.blocked_id) == blocked
        )
    ).scalar()
    if kind is None:
        raise NotFoundError(f"{blocked_key} does not depend on {blocker_key}")
    _change(session, plan_id, blocked_key, kind, lambda keys: [k for k in keys if k != blocker_key])


def _change(session: Session, plan_id: int, key: str, kind: str, change) -> None:
    """Write item ``key``'s dependencies of ``kind`` as ``change`` makes them of the stored
    ones, through the item's one write path (its row locked, its version raised)."""
    from roadmap.store.item_write import DEPENDENCIES, ItemWrite, stored_fields, update_item

    field = next(name for name, k in DEPENDENCIES.items() if k == kind)
    now = stored_fields(session=session, plan_id=plan_id, key=key, fields={field})[field]
    write = ItemWrite(key, {field: change(now)}, {field: now})
    update_item(session=session, plan_id=plan_id, write=write)


def dependency_edges(*, session: Session, plan_id: int) -> list[tuple[str, str, str]]:
    """``(blocker key, blocked key, kind)`` of every dependency of the plan."""
    dep, a, b = t.Dependency.__table__, t.Item.__table__.alias("a"), t.Item.__table__.alias("b")
    query = (
        select(a.c.key, b.c.key, dep.c.kind)
        .select_from(dep.join(a, a.c.id == dep.c.blocker_id).join(b, b.c.id == dep.c.blocked_id))
        .where(dep.c.plan_id == plan_id)
        .order_by(dep.c.id)
    )
    return [tuple(r) for r in session.execute(query)]
