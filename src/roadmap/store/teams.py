"""A team's capacity changes over time: read and replaced as one list."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.store.repo import row_id
from roadmap.store.rows import RowChangedError


def capacity_changes(*, session: Session, plan_id: int) -> dict[str, list[tuple[int, float]]]:
    """``team key -> [(from period, capacity)]`` in period order."""
    team, cap = t.Team.__table__.c, t.TeamCapacity.__table__.c
    query = (
        select(team.key, cap.from_period, cap.capacity)
        .join(t.Team, team.id == cap.team_id)
        .where(team.plan_id == plan_id)
        .order_by(team.key, cap.from_period)
    )
    out: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for key, period, capacity in session.execute(query):
        out[key].append((period, capacity))
    return dict(out)


def set_capacity_changes(
    *,
    session: Session,
    plan_id: int,
    team: str,
    changes: list[tuple[int, float]],
    expected: list[tuple[int, float]] | None = None,
) -> list[tuple[int, float]]:
    """Replace team ``team``'s capacity changes by ``changes`` (``(from period, capacity)``).

    Returns those replaced; with ``expected``, refused unless those are the ones stored.
    """
    team_id = row_id(session, t.Team, plan_id, team)
    cap = t.TeamCapacity.__table__
    stored = session.execute(
        select(cap.c.from_period, cap.c.capacity)
        .where(cap.c.team_id == team_id)
        .order_by(cap.c.from_period)
    ).all()
    before = [(period, capacity) for period, capacity in stored]
    if expected is not None and before != list(expected):
        raise RowChangedError(t.Team.__table__, team)
    session.execute(delete(cap).where(cap.c.team_id == team_id))
    if changes:
        now = t.utcnow()
        session.execute(
            insert(cap),
            [
                {
                    "team_id": team_id,
                    "from_period": period,
                    "capacity": capacity,
                    "created_at": now,
                    "updated_at": now,
                }
                for period, capacity in changes
            ],
        )
    return before
