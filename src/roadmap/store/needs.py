"""The needs, evidence, answers and access gaps of a stored plan, read for the engine's
derived reach (:mod:`roadmap.engine.needs`).

A plan of a hundred thousand items answers needs through link rows of its own, so each table is
one core select fetched as tuples; the items' sources are read only for sources some actor
cannot reach.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, select
from sqlmodel import Session

from roadmap.engine.needs import NeedData, NeedValue, need_values
from roadmap.model import tables as t
from roadmap.store.fetch import fetch


def load_need_values(*, session: Session, plan_id: int) -> dict[str, NeedValue]:
    """The derived reach of each item of plan ``plan_id`` that answers a need or closes a gap."""
    conn = session.connection()
    n, s = t.Need.__table__.c, t.Stakeholder.__table__.c
    rows = fetch(
        conn,
        select(n.id, n.key, s.key, n.importance)
        .join(t.Stakeholder.__table__, s.id == n.stakeholder_id)
        .where(n.plan_id == plan_id)
        .order_by(n.id),
    )
    gaps = _gaps(conn, plan_id)
    if not rows and not gaps:
        return {}
    # The evidence tables take a tenth of a second to define; most plans have no needs.
    from roadmap.model import evidence_tables as e

    backing: dict[int, list[tuple[str, date]]] = defaultdict(list)
    ev, link = e.Evidence.__table__.c, e.EvidenceNeed.__table__.c
    for need_id, method, day in fetch(
        conn,
        select(link.need_id, ev.method, ev.date)
        .join(e.Evidence.__table__, ev.id == link.evidence_id)
        .where(ev.plan_id == plan_id)
        .order_by(ev.id),
    ):
        backing[need_id].append((method, date.fromisoformat(day) if isinstance(day, str) else day))
    needs = [
        NeedData(key, holder, importance, tuple(backing[need_id]))
        for need_id, key, holder, importance in rows
    ]
    i, answer = t.Item.__table__.c, t.ItemNeed.__table__.c
    answers: dict[str, list[str]] = defaultdict(list)
    for item, need in fetch(
        conn,
        select(i.key, n.key)
        .join(t.ItemNeed.__table__, answer.item_id == i.id)
        .join(t.Need.__table__, n.id == answer.need_id)
        .where(n.plan_id == plan_id),
    ):
        answers[item].append(need)
    concerns: dict[str, list[str]] = defaultdict(list)
    missing = sorted({source for _, source in gaps})
    if missing:
        src, about = t.InfoSource.__table__.c, t.ItemSource.__table__.c
        for item, source in fetch(
            conn,
            select(i.key, src.key)
            .join(t.ItemSource.__table__, about.item_id == i.id)
            .join(t.InfoSource.__table__, src.id == about.source_id)
            .where(src.plan_id == plan_id, src.key.in_(missing)),
        ):
            concerns[item].append(source)
    return need_values(needs, answers, concerns, gaps)


def _gaps(conn: Connection, plan_id: int) -> list[tuple[str, str]]:
    """``(actor, source)``: an actor needs a source and cannot reach it today."""
    s, src, a = (m.__table__.c for m in (t.Stakeholder, t.InfoSource, t.StakeholderSource))
    return fetch(
        conn,
        select(s.key, src.key)
        .select_from(t.StakeholderSource.__table__)
        .join(t.Stakeholder.__table__, s.id == a.stakeholder_id)
        .join(t.InfoSource.__table__, src.id == a.source_id)
        .where(s.plan_id == plan_id, a.has_access.is_(False)),
    )
