"""What each list view of the app shows, read in one short transaction per load.

The views call these from their worker threads and hold no database session themselves. The
scale arithmetic the Priorities view uses to step and check a typed score is here too.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from roadmap.model import tables as t
from roadmap.store.db import Store
from roadmap.store.dependencies import dependency_edges
from roadmap.store.items import ItemRow, item_rows
from roadmap.store.rows import key_map, rows_of
from roadmap.store.scores import all_scores, check_score, step_value
from roadmap.store.silo import silo_matrix

__all__ = [
    "ItemRow",
    "Priorities",
    "Silo",
    "check_score",
    "dependencies_view",
    "priorities_view",
    "roadmap_view",
    "silo_view",
    "step_value",
]


class Priorities(NamedTuple):
    criteria: list[t.Criterion]
    items: list[ItemRow]
    scores: dict[str, dict[str, float]]


def priorities_view(store: Store, plan_id: int, lang: str | None) -> Priorities:
    """The criteria, the items and every score, for the Priorities grid."""
    with store.read() as session:
        return Priorities(
            rows_of(session=session, plan_id=plan_id, model=t.Criterion),
            item_rows(session=session, plan_id=plan_id, lang=lang),
            all_scores(session=session, plan_id=plan_id),
        )


def roadmap_view(
    store: Store, plan_id: int, lang: str | None
) -> tuple[list[ItemRow], list[t.Milestone]]:
    """The items and the milestones, for the roadmap by period."""
    with store.read() as session:
        return (
            item_rows(session=session, plan_id=plan_id, lang=lang),
            rows_of(session=session, plan_id=plan_id, model=t.Milestone),
        )


def dependencies_view(
    store: Store, plan_id: int, lang: str | None
) -> tuple[list[ItemRow], list[tuple[str, str, str]]]:
    """The items and every dependency as ``(blocker, blocked, kind)``."""
    with store.read() as session:
        return (
            item_rows(session=session, plan_id=plan_id, lang=lang),
            dependency_edges(session=session, plan_id=plan_id),
        )


class Silo(NamedTuple):
    organisations: dict[int, str]
    """``id -> key``."""
    stakeholders: list[Any]
    sources: list[Any]
    cells: dict[tuple[str, str], bool]
    """``(stakeholder, source) -> has access`` for every need of a source."""


def silo_view(store: Store, plan_id: int) -> Silo:
    """Stakeholders, sources and who needs and reaches which, for the silo map."""
    with store.read() as session:
        return Silo(
            key_map(session=session, plan_id=plan_id, model=t.Organisation),
            rows_of(session=session, plan_id=plan_id, model=t.Stakeholder),
            rows_of(session=session, plan_id=plan_id, model=t.InfoSource),
            silo_matrix(session=session, plan_id=plan_id),
        )
