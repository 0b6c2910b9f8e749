"""Saved roadmaps (baselines): save one under a name, list them, load one back.

The roadmap is stored as the JSON of :func:`roadmap.engine.baseline.to_data`, so a baseline
keeps the placements, priorities and reasons as they were when it was saved.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, insert, select
from sqlmodel import Session, col

from roadmap.engine.baseline import from_data, to_data
from roadmap.engine.result import Roadmap
from roadmap.i18n import _
from roadmap.model.tables import Baseline
from roadmap.store.repo import NotFoundError


class BaselineExistsError(ValueError):
    """A baseline of that name is already saved for the plan."""


class BaselineRow(NamedTuple):
    name: str
    created_at: datetime


def save_baseline(
    *, session: Session, plan_id: int, name: str, roadmap: Roadmap, replace: bool = False
) -> None:
    """Save ``roadmap`` as baseline ``name``; an existing one is refused unless ``replace``."""
    name = name.strip()
    if not name:
        raise ValueError("a baseline needs a name")
    where = (col(Baseline.plan_id) == plan_id, col(Baseline.name) == name)
    if session.execute(select(col(Baseline.id)).where(*where)).first() is not None:
        if not replace:
            raise BaselineExistsError(f"a baseline named {name!r} exists already")
        session.execute(delete(Baseline).where(*where))
    session.execute(insert(Baseline).values(plan_id=plan_id, name=name, data=to_data(roadmap)))


def list_baselines(*, session: Session, plan_id: int) -> list[BaselineRow]:
    """The plan's baselines, oldest first."""
    rows = session.execute(
        select(col(Baseline.name), col(Baseline.created_at))
        .where(col(Baseline.plan_id) == plan_id)
        .order_by(col(Baseline.created_at), col(Baseline.name))
    )
    return [BaselineRow(name, created) for name, created in rows]


def load_baseline(*, session: Session, plan_id: int, name: str) -> Roadmap:
    """The roadmap saved as baseline ``name``."""
    data = session.execute(
        select(col(Baseline.data)).where(
            col(Baseline.plan_id) == plan_id, col(Baseline.name) == name
        )
    ).scalar_one_or_none()
    if data is None:
        names = [row.name for row in list_baselines(session=session, plan_id=plan_id)]
        known = ", ".join(names) or _("none")
        raise NotFoundError(
            _("no baseline {name} for this plan (baselines: {known})", name=repr(name), known=known)
        )
    return from_data(data)
