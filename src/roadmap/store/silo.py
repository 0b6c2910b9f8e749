"""The silo map: which stakeholder needs which information source, and whether they reach it."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.store.repo import row_id


def silo_matrix(*, session: Session, plan_id: int) -> dict[tuple[str, str], bool]:
    """``(stakeholder key, source key) -> has access`` for every need of a source."""
    sh, src, link = (m.__table__.c for m in (t.Stakeholder, t.InfoSource, t.StakeholderSource))
    query = (
        select(sh.key, src.key, link.has_access)
        .join(t.Stakeholder, sh.id == link.stakeholder_id)
        .join(t.InfoSource, src.id == link.source_id)
        .where(sh.plan_id == plan_id)
    )
    return {(a, b): bool(access) for a, b, access in session.execute(query)}


def set_silo_cell(
    *, session: Session, plan_id: int, stakeholder: str, source: str, state: bool | None
) -> bool | None:
    """Set whether a stakeholder needs a source (``None``: does not) and can reach it."""
    sh_id = row_id(session, t.Stakeholder, plan_id, stakeholder)
    src_id = row_id(session, t.InfoSource, plan_id, source)
    c = t.StakeholderSource.__table__.c
    where = (c.stakeholder_id == sh_id, c.source_id == src_id)
    before = session.execute(select(c.has_access).where(*where)).scalar()
    session.execute(delete(t.StakeholderSource.__table__).where(*where))
    if state is not None:
        now = t.utcnow()
        session.execute(
            insert(t.StakeholderSource.__table__).values(
                stakeholder_id=sh_id,
                source_id=src_id,
                has_access=state,
                created_at=now,
                updated_at=now,
            )
        )
    return None if before is None else bool(before)


# Dependencies -------------------------------------------------------------------------------
