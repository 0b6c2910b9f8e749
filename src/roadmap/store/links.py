"""Who relies on what: the items that answer each need, and the items that concern each source.

Read for the detail panes of the stakeholder and source views; one query per kind of link,
keys in stored order.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from roadmap.model import tables as t


def items_answering(*, session: Session, plan_id: int) -> dict[str, list[tuple[str, str]]]:
    """``need key -> [(item key, title), ...]`` of the items that answer each need."""
    item, need, link = (m.__table__.c for m in (t.Item, t.Need, t.ItemNeed))
    query = (
        select(need.key, item.key, item.title)
        .select_from(t.ItemNeed)
        .join(t.Need, need.id == link.need_id)
        .join(t.Item, item.id == link.item_id)
        .where(item.plan_id == plan_id)
        .order_by(item.id)
    )
    out: dict[str, list[tuple[str, str]]] = {}
    for need_key, item_key, title in session.execute(query):
        out.setdefault(need_key, []).append((item_key, title))
    return out


def items_concerning(*, session: Session, plan_id: int) -> dict[str, list[tuple[str, str]]]:
    """``source key -> [(item key, title), ...]`` of the items that concern each source."""
    item, source, link = (m.__table__.c for m in (t.Item, t.InfoSource, t.ItemSource))
    query = (
        select(source.key, item.key, item.title)
        .select_from(t.ItemSource)
        .join(t.InfoSource, source.id == link.source_id)
        .join(t.Item, item.id == link.item_id)
        .where(item.plan_id == plan_id)
        .order_by(item.id)
    )
    out: dict[str, list[tuple[str, str]]] = {}
    for source_key, item_key, title in session.execute(query):
        out.setdefault(source_key, []).append((item_key, title))
    return out
