"""``roadmap check`` on a stored plan, asked of the database table by table.

The database's keys and foreign keys already rule out duplicate keys and broken references,
so what is left to find is cycles, contradictions, gaps and missing translations. Each check
selects only the rows and columns it needs (an item's deadline and earliest start, its owner
and team), so a plan of 100,000 items is checked without building it as a document. The
findings are those :func:`roadmap.model.check.check_plan` gives for the same plan read whole,
in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlmodel import Session

from roadmap.model import evidence_tables as e
from roadmap.model import followup_tables as fu
from roadmap.model import tables as t
from roadmap.model.bidi import BIDI_CHARACTERS, BIDI_CONTROLS
from roadmap.model.check import (
    BIDI_FIELDS,
    CLOSED,
    TRANSLATED,
    Finding,
    answers_no_need,
    assumed_capacity,
    cycle_error,
    hidden_direction,
    late_start,
    no_owner,
    open_need,
    subject,
    unbacked_need,
    untranslated,
)
from roadmap.model.cycles import find_cycle
from roadmap.model.evidence import CHECKED_TRANSLATIONS
from roadmap.store.fetch import decoded, fetch

_TABLES: dict[str, Any] = {
    "sections": t.Section,
    "organisations": t.Organisation,
    "themes": t.Theme,
    "sources": t.InfoSource,
    "stakeholders": t.Stakeholder,
    "criteria": t.Criterion,
    "items": t.Item,
    "milestones": t.Milestone,
}
"""The table of each of the document's translated lists (:data:`TRANSLATED`)."""


def check_stored(*, session: Session, plan_id: int) -> list[Finding]:
    """Every error and warning of the stored plan ``plan_id``: errors first, each group in the
    order the plan's rows were stored."""
    connection = session.connection()
    return [
        *_cycle(connection, plan_id),
        *_late_starts(connection, plan_id),
        *_without_owner(connection, plan_id),
        *_assumed_capacities(connection, plan_id),
        *_open_needs(connection, plan_id),
        *_hidden_directions(connection, plan_id),
        *_evidence_gaps(connection, plan_id),
        *_missing_translations(connection, plan_id),
    ]


def _cycle(connection: Connection, plan_id: int) -> list[Finding]:
    dep = t.Dependency.__table__.c
    blockers: dict[int, list[int]] = {}
    for blocker, blocked in fetch(
        connection, select(dep.blocker_id, dep.blocked_id).where(dep.plan_id == plan_id)
    ):
        before = blockers.get(blocked)
        if before is None:
            blockers[blocked] = [blocker]
        else:
            before.append(blocker)
    cycle = find_cycle(blockers)
    if cycle is None:
        return []
    item = t.Item.__table__.c
    key = dict(fetch(connection, select(item.id, item.key).where(item.id.in_(cycle))))
    return [cycle_error([key[i] for i in cycle])]


def _late_starts(connection: Connection, plan_id: int) -> list[Finding]:
    c = t.Item.__table__.c
    rows = fetch(
        connection,
        select(c.key, c.deadline, c.earliest_start)
        .where(c.plan_id == plan_id, c.deadline < c.earliest_start)
        .order_by(c.id),
    )
    return [late_start(*row) for row in rows]


def _without_owner(connection: Connection, plan_id: int) -> list[Finding]:
    c = t.Item.__table__.c
    rows = fetch(
        connection,
        select(c.key, c.organisation_id, c.team_id)
        .where(
            c.plan_id == plan_id,
            c.status.not_in(CLOSED),
            (c.organisation_id.is_(None)) | (c.team_id.is_(None)),
        )
        .order_by(c.id),
    )
    return [no_owner(*row) for row in rows]


def _assumed_capacities(connection: Connection, plan_id: int) -> list[Finding]:
    c = t.Team.__table__.c
    rows = fetch(
        connection,
        select(c.key, c.capacity)
        .where(c.plan_id == plan_id, c.capacity_assumed.is_(True))
        .order_by(c.id),
    )
    return [assumed_capacity(*row) for row in rows]


def _hidden_directions(connection: Connection, plan_id: int) -> list[Finding]:
    """Texts with direction controls, found by the database (``LIKE``) before Python looks."""
    found = []
    plan = t.Plan.__table__.c
    for (name,) in fetch(connection, select(plan.name).where(plan.id == plan_id)):
        if BIDI_CONTROLS.search(name):
            found.append(hidden_direction(subject("plan"), "name", name))
    for rows, kind, fields in BIDI_FIELDS:
        c = {**_TABLES, "teams": t.Team}[rows].__table__.c
        suspect = or_(*(c[f].contains(ch) for f in fields for ch in BIDI_CHARACTERS))
        query = select(c.key, *(c[f] for f in fields)).where(c.plan_id == plan_id, suspect)
        for key, *texts in fetch(connection, query.order_by(c.id)):
            found += [
                hidden_direction(subject(kind, key), field, text)
                for field, text in zip(fields, texts, strict=True)
                if BIDI_CONTROLS.search(text)
            ]
    return found


def _open_needs(connection: Connection, plan_id: int) -> list[Finding]:
    need, holder = t.Need.__table__.c, t.Stakeholder.__table__.c
    answered = select(t.ItemNeed.__table__.c.need_id)
    query = _needs(plan_id, need.key, holder.name, need.text).where(need.id.not_in(answered))
    return [open_need(*row) for row in fetch(connection, query)]


def _evidence_gaps(connection: Connection, plan_id: int) -> list[Finding]:
    """In a plan that records evidence: needs no evidence backs, and open items that answer
    no need."""
    ev = e.Evidence.__table__.c
    if not fetch(connection, select(ev.id).where(ev.plan_id == plan_id).limit(1)):
        return []
    need, holder = t.Need.__table__.c, t.Stakeholder.__table__.c
    backed = select(e.EvidenceNeed.__table__.c.need_id)
    query = _needs(plan_id, need.key, holder.name, need.text).where(need.id.not_in(backed))
    found = [unbacked_need(*row) for row in fetch(connection, query)]
    item = t.Item.__table__.c
    answering = select(t.ItemNeed.__table__.c.item_id)
    rows = fetch(
        connection,
        select(item.key)
        .where(item.plan_id == plan_id, item.status.not_in(CLOSED), item.id.not_in(answering))
        .order_by(item.id),
    )
    return found + [answers_no_need(key) for (key,) in rows]


def _needs(plan_id: int, *columns: Any) -> Any:
    """A select of ``columns`` of the plan's needs and their stakeholders, in document order
    (by stakeholder, then need)."""
    need, holder = t.Need.__table__.c, t.Stakeholder.__table__.c
    return (
        select(*columns)
        .join_from(t.Need.__table__, t.Stakeholder.__table__, holder.id == need.stakeholder_id)
        .where(holder.plan_id == plan_id)
        .order_by(holder.id, need.id)
    )


def _missing_translations(connection: Connection, plan_id: int) -> list[Finding]:
    plan = t.Plan.__table__.c
    [(name, default, languages, plan_i18n)] = fetch(
        connection,
        select(plan.name, plan.default_language, plan.languages, plan.i18n).where(
            plan.id == plan_id
        ),
    )
    others = [lang for lang in decoded(languages) if lang != default]
    if not others:
        return []
    out = untranslated(subject("plan"), ["name"] if name else [], decoded(plan_i18n), others)
    for group, (noun, fields) in TRANSLATED.items():
        c = _TABLES[group].__table__.c
        order = (c.position, c.id) if "position" in c else (c.id,)
        rows = fetch(
            connection,
            select(c.key, c.i18n, *(c[field] != "" for field in fields))
            .where(c.plan_id == plan_id)
            .order_by(*order),
        )
        written = _written(fields)
        for key, i18n, *present in rows:
            out += untranslated(subject(noun, key), written(*present), decoded(i18n), others)
    need = t.Need.__table__.c
    written = _written(("text",))
    for key, i18n, present in fetch(
        connection, _needs(plan_id, need.key, need.i18n, need.text != "")
    ):
        out += untranslated(subject("need", key), written(present), decoded(i18n), others)
    for group, (noun, fields) in CHECKED_TRANSLATIONS.items():
        c = _RECORD_TABLES[group].__table__.c
        written = _written(fields)
        for key, i18n, *present in fetch(
            connection,
            select(c.key, c.i18n, *(c[field] != "" for field in fields))
            .where(c.plan_id == plan_id)
            .order_by(c.id),
        ):
            out += untranslated(subject(noun, key), written(*present), decoded(i18n), others)
    return out


_RECORD_TABLES: dict[str, type[t.Timestamped]] = {
    "people": e.Person,
    "goals": fu.Goal,
    "measures": fu.Measure,
    "perspectives": fu.Perspective,
}
"""The table of each kind of record in :data:`CHECKED_TRANSLATIONS`."""


def _written(fields: tuple[str, ...]) -> Callable[..., list[str]]:
    """For a row's flags of which of ``fields`` have text, the list of those fields: one
    list for each combination, made once."""
    return cache(lambda *present: [f for f, there in zip(fields, present, strict=True) if there])
