"""Repository functions: one unit of editing each, on a session the caller opened.

They take ``session`` keyword-only and work on one thing at a time through ORM objects; bulk
reads and writes of whole plans live in :mod:`roadmap.store.plan_read` and
:mod:`roadmap.store.plan_write`, and every change of an item in :mod:`roadmap.store.item_write`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from sqlalchemy import Table, func
from sqlmodel import Session, select

from roadmap.model.tables import Item, Plan, Timestamped

if TYPE_CHECKING:
    from roadmap.model.inputs import PlanIn


class NotFoundError(LookupError):
    """A plan or item that the user named does not exist."""


def slugify(name: str) -> str:
    """A file- and command-line-friendly short name: ``Lahti & Asikkala`` -> ``lahti-asikkala``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:63].strip("-") or "plan"


def list_plans(*, session: Session) -> list[Plan]:
    return list(session.exec(select(Plan).order_by(Plan.slug)))


def find_plan(*, session: Session, slug: str | None = None) -> Plan:
    """The plan named ``slug``, or the only plan when ``slug`` is ``None``."""
    plans = list_plans(session=session)
    if slug is not None:
        for plan in plans:
            if plan.slug == slug:
                return plan
        names = ", ".join(p.slug for p in plans) or "none"
        raise NotFoundError(f"no plan {slug!r} in this database (plans: {names})")
    if not plans:
        raise NotFoundError("the database holds no plan yet: run `roadmap init` or `roadmap demo`")
    if len(plans) > 1:
        names = ", ".join(p.slug for p in plans)
        raise NotFoundError(f"the database holds several plans; choose one with --plan ({names})")
    return plans[0]


def unique_slug(*, session: Session, wanted: str) -> str:
    taken = set(session.exec(select(Plan.slug)))
    slug, n = wanted, 2
    while slug in taken:
        slug, n = f"{wanted}-{n}", n + 1
    return slug


PLAN_SETTINGS = {"personal_names", "responsible"}
"""Fields of a plan stored beside it (:class:`~roadmap.model.evidence_tables.PlanSettings`)."""


def create_plan(*, session: Session, plan_in: PlanIn) -> Plan:
    """Store a new, empty plan; its slug is made unique within the database."""
    data = plan_in.model_dump(exclude=PLAN_SETTINGS)
    data["slug"] = unique_slug(session=session, wanted=plan_in.slug or slugify(plan_in.name))
    plan = Plan(**data)
    session.add(plan)
    session.flush()
    return plan


def find_item(*, session: Session, plan_id: int, key: str, lock: bool = False) -> Item:
    """Item ``key`` of the plan; ``lock`` holds its row until the transaction ends.

    SQLite's ``BEGIN IMMEDIATE`` already serialises writers; on PostgreSQL ``lock`` is what
    keeps a read-then-write from racing another writer.
    """
    query = select(Item).where(Item.plan_id == plan_id, Item.key == key)
    item = session.exec(query.with_for_update() if lock else query).first()
    if item is None:
        raise NotFoundError(f"no item {key!r} in this plan")
    return item


def count_rows(*, session: Session, plan_id: int, table: type[Timestamped]) -> int:
    return session.exec(
        select(func.count()).select_from(table).where(table.__table__.c.plan_id == plan_id)
    ).one()


class KeyTakenError(ValueError):
    """A row (an item, a stakeholder ...) would get a key another row of the plan has."""


def row_exists(session: Session, model: type[Timestamped] | Table, plan_id: int, key: str) -> bool:
    """Whether the plan has a row of ``model`` (or of a table) with ``key``."""
    c = (model if isinstance(model, Table) else model.__table__).c
    return (
        session.execute(select(c.id).where(c.plan_id == plan_id, c.key == key)).first() is not None
    )


def row_id(session: Session, model: type[Timestamped], plan_id: int, key: str) -> int:
    """The id of the plan's row ``key`` of ``model``; :class:`NotFoundError` if it has none."""
    c = model.__table__.c
    found = session.execute(select(c.id).where(c.plan_id == plan_id, c.key == key)).scalar()
    if found is None:
        raise NotFoundError(f"no {model.__tablename__} {key!r} in this plan")
    return found
