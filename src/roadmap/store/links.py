"""Who relies on what: the items that answer each need, and the items that concern each source.

Read for the detail panes of the stakeholder and source views; one query per kind of link,
keys in stored order.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.store.fetch import decoded


def _title(title: str, i18n: object, lang: str | None) -> str:
    """``title`` in ``lang`` where the item has a translation of it."""
    if not lang:
        return title
    texts = decoded(i18n) or {}
    return texts.get(lang, {}).get("title") or title


def items_answering(
    *, session: Session, plan_id: int, lang: str | None = None
) -> dict[str, list[tuple[str, str]]]:
    """``need key -> [(item key, title), ...]`` of the items that answer each need (titles in
    ``lang`` where translated)."""
    item, need, link = (m.__table__.c for m in (t.Item, t.Need, t.ItemNeed))
    query = (
        select(need.key, item.key, item.title, item.i18n)
        .select_from(t.ItemNeed)
        .join(t.Need, need.id == link.need_id)
        .join(t.Item, item.id == link.item_id)
        .where(item.plan_id == plan_id)
        .order_by(item.id)
    )
    out: dict[str, list[tuple[str, str]]] = {}
    for need_key, item_key, title, i18n in session.execute(query):
        out.setdefault(need_key, []).append((item_key, _title(title, i18n, lang)))
    return out


def items_concerning(
    *, session: Session, plan_id: int, lang: str | None = None
) -> dict[str, list[tuple[str, str]]]:
    """``source key -> [(item key, title), ...]`` of the items that concern each source
    (titles in ``lang`` where translated)."""
    item, source, link = (m.__table__.c for m in (t.Item, t.InfoSource, t.ItemSource))
    query = (
        select(source.key, item.key, item.title, item.i18n)
        .select_from(t.ItemSource)
        .join(t.InfoSource, source.id == link.source_id)
        .join(t.Item, item.id == link.item_id)
        .where(item.plan_id == plan_id)
        .order_by(item.id)
    )
    out: dict[str, list[tuple[str, str]]] = {}
    for source_key, item_key, title, i18n in session.execute(query):
        out.setdefault(source_key, []).append((item_key, _title(title, i18n, lang)))
    return out
