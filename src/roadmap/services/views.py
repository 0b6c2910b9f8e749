"""What each list view of the app shows, read in one short transaction per load.

The views call these from their worker threads and hold no database session themselves. The
scale arithmetic the Priorities view uses to step and check a typed score is here too.
"""

from __future__ import annotations

from typing import NamedTuple

from roadmap.model import tables as t
from roadmap.store.db import Store
from roadmap.store.dependencies import dependency_edges
from roadmap.store.items import ItemRow, item_rows
from roadmap.store.links import items_answering, items_concerning
from roadmap.store.rows import key_map, rows_of
from roadmap.store.scores import all_scores, check_score, step_value
from roadmap.store.silo import silo_matrix
from roadmap.store.teams import capacity_changes

__all__ = [
    "ItemRow",
    "Priorities",
    "Silo",
    "Sources",
    "Stakeholders",
    "Teams",
    "check_score",
    "dependencies_view",
    "priorities_view",
    "roadmap_view",
    "silo_view",
    "sources_view",
    "stakeholders_view",
    "step_value",
    "team_capacity",
    "teams_view",
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
    stakeholders: list[t.Stakeholder]
    sources: list[t.InfoSource]
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


Linked = dict[str, list[tuple[str, str]]]
"""``key -> [(item key, title), ...]``: the items linked to each need or source."""


class Stakeholders(NamedTuple):
    organisations: dict[int, str]
    """``id -> key``."""
    stakeholders: list[t.Stakeholder]
    needs: list[t.Need]
    answers: Linked
    """The items that answer each need."""


def stakeholders_view(store: Store, plan_id: int, lang: str | None) -> Stakeholders:
    """Stakeholders, their needs and the items that answer each, for the Stakeholders view."""
    with store.read() as session:
        return Stakeholders(
            key_map(session=session, plan_id=plan_id, model=t.Organisation),
            rows_of(session=session, plan_id=plan_id, model=t.Stakeholder),
            rows_of(session=session, plan_id=plan_id, model=t.Need),
            items_answering(session=session, plan_id=plan_id, lang=lang),
        )


class Sources(NamedTuple):
    organisations: dict[int, str]
    """``id -> key``."""
    stakeholders: list[t.Stakeholder]
    needs: list[t.Need]
    sources: list[t.InfoSource]
    cells: dict[tuple[str, str], bool]
    """``(stakeholder, source) -> has access`` for every need of a source."""
    concerning: Linked
    """The items that concern each source."""


def sources_view(store: Store, plan_id: int, lang: str | None) -> Sources:
    """Sources, who relies on each and the items that concern it, for the Sources view."""
    with store.read() as session:
        return Sources(
            key_map(session=session, plan_id=plan_id, model=t.Organisation),
            rows_of(session=session, plan_id=plan_id, model=t.Stakeholder),
            rows_of(session=session, plan_id=plan_id, model=t.Need),
            rows_of(session=session, plan_id=plan_id, model=t.InfoSource),
            silo_matrix(session=session, plan_id=plan_id),
            items_concerning(session=session, plan_id=plan_id, lang=lang),
        )


class Teams(NamedTuple):
    organisations: dict[int, str]
    """``id -> key``."""
    teams: list[t.Team]
    changes: dict[str, list[tuple[int, float]]]
    """``team key -> [(from period, capacity)]`` in period order."""


def teams_view(store: Store, plan_id: int) -> Teams:
    """Teams with their organisation and capacity changes, for the Teams view."""
    with store.read() as session:
        return Teams(
            key_map(session=session, plan_id=plan_id, model=t.Organisation),
            rows_of(session=session, plan_id=plan_id, model=t.Team),
            capacity_changes(session=session, plan_id=plan_id),
        )


def team_capacity(store: Store, plan_id: int, team: str) -> list[tuple[int, float]]:
    """Team ``team``'s capacity changes ``(from period, capacity)`` in period order."""
    with store.read() as session:
        return capacity_changes(session=session, plan_id=plan_id).get(team, [])
