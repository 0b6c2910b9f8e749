"""The evidence-to-follow-up records of a plan, written with the plan and read back with it.

:func:`write_records` stores the people, evidence, goals (with measures), maturity perspectives
and item progress of a plan document after its other rows; :func:`read_records` reads them
back as the same input models, and :func:`read_settings` the plan's settings about people.
They are small tables beside the items, so plain core selects do; links come back in the order
of the rows they point to, as the plan's other links do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from roadmap.model import evidence_tables as e
from roadmap.model import followup_tables as fu
from roadmap.model import tables as t
from roadmap.model.evidence import (
    EvidenceIn,
    GoalIn,
    ItemProgressIn,
    MeasureIn,
    MeasureValueIn,
    PersonIn,
    PerspectiveIn,
    PointIn,
    ProgressUpdateIn,
)
from roadmap.model.inputs import PlanDoc
from roadmap.store.bulk import insert_rows, json_text, key_ids

Keys = dict[str, dict[str | None, int]]
"""``key -> id`` of a plan's rows, by the name of the reference (``item``, ``need``...); an
optional reference's key (None) finds nothing."""


def write_records(session: Session, plan_id: int, doc: PlanDoc, keys: Keys) -> None:
    """Store the records of ``doc`` into the plan ``plan_id``, whose other rows are stored
    (``keys`` maps them)."""
    org, stakeholders = keys["organisation"], keys["stakeholder"]
    insert_rows(
        session,
        e.Person,
        ("plan_id", "key", "i18n", "name", "role", "organisation_id"),
        [
            (plan_id, p.key, json_text(p.i18n), p.name, p.role, org.get(p.organisation))
            for p in doc.people
        ],
    )
    people = key_ids(session, e.Person, plan_id)
    if doc.plan.personal_names or doc.plan.responsible:
        insert_rows(
            session,
            e.PlanSettings,
            ("plan_id", "personal_names", "responsible_id"),
            [(plan_id, doc.plan.personal_names, people.get(doc.plan.responsible))],
        )
    insert_rows(
        session,
        e.Evidence,
        (
            *_OWN,
            "method",
            "date",
            "stakeholder_id",
            "person_id",
            "recorded_by_id",
            "summary",
            "quote",
            "personal",
        ),
        [
            (
                plan_id,
                x.key,
                json_text(x.i18n),
                x.method,
                x.date,
                stakeholders.get(x.stakeholder),
                people.get(x.person),
                people.get(x.recorded_by),
                x.summary,
                x.quote,
                x.personal,
            )
            for x in doc.evidence
        ],
    )
    evidence, needs = key_ids(session, e.Evidence, plan_id), keys["need"]
    insert_rows(
        session,
        e.EvidenceNeed,
        ("evidence_id", "need_id"),
        [(evidence[x.key], needs[n]) for x in doc.evidence for n in x.needs],
    )
    insert_rows(
        session,
        fu.Goal,
        (*_OWN, "text", "owner_id"),
        [(plan_id, g.key, json_text(g.i18n), g.text, people.get(g.owner)) for g in doc.goals],
    )
    goals, items, themes = key_ids(session, fu.Goal, plan_id), keys["item"], keys["theme"]
    insert_rows(
        session,
        fu.GoalItem,
        ("goal_id", "item_id"),
        [(goals[g.key], items[k]) for g in doc.goals for k in g.items],
    )
    insert_rows(
        session,
        fu.GoalTheme,
        ("goal_id", "theme_id"),
        [(goals[g.key], themes[k]) for g in doc.goals for k in g.themes],
    )
    _write_measures(session, plan_id, doc, goals, keys["source"])
    insert_rows(
        session,
        fu.Perspective,
        (*_OWN, "name", "levels", "start_level", "start_evidence", "target_level", "target_year"),
        [
            (
                plan_id,
                p.key,
                json_text(p.i18n),
                p.name,
                json_text(p.levels),
                p.start,
                p.start_evidence,
                p.target,
                p.target_year,
            )
            for p in doc.perspectives
        ],
    )
    perspectives = key_ids(session, fu.Perspective, plan_id)
    insert_rows(
        session,
        fu.PerspectiveItem,
        ("perspective_id", "item_id"),
        [(perspectives[p.key], items[k]) for p in doc.perspectives for k in p.items],
    )
    insert_rows(
        session,
        fu.ItemProgress,
        ("item_id", "responsible_id"),
        [(items[p.item], people.get(p.responsible)) for p in doc.progress],
    )
    insert_rows(
        session,
        fu.ProgressUpdate,
        ("item_id", "date", "status", "done", "health", "note"),
        [
            (items[p.item], u.date, u.status, u.done, u.health, u.note)
            for p in doc.progress
            for u in p.updates
        ],
    )


_OWN = ("plan_id", "key", "i18n")


def _write_measures(
    session: Session,
    plan_id: int,
    doc: PlanDoc,
    goals: dict[str | None, int],
    sources: dict[str | None, int],
) -> None:
    measures = [(g, m) for g in doc.goals for m in g.measures]
    insert_rows(
        session,
        fu.Measure,
        (
            *_OWN,
            "goal_id",
            "name",
            "unit",
            "source_id",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
        ),
        [
            (
                plan_id,
                m.key,
                json_text(m.i18n),
                goals[g.key],
                m.name,
                m.unit,
                sources.get(m.source),
                *((m.baseline.value, m.baseline.date) if m.baseline else (None, None)),
                *((m.target.value, m.target.date) if m.target else (None, None)),
            )
            for g, m in measures
        ],
    )
    ids = key_ids(session, fu.Measure, plan_id)
    insert_rows(
        session,
        fu.MeasureValue,
        ("measure_id", "date", "value", "note"),
        [(ids[m.key], v.date, v.value, v.note) for _, m in measures for v in m.values],
    )


def read_settings(session: Session, plan_id: int) -> dict[str, Any]:
    """``personal_names`` and ``responsible`` (a person's key) of the plan ``plan_id``."""
    s, p = e.PlanSettings.__table__.c, e.Person.__table__.c
    row = session.execute(
        select(s.personal_names, p.key)
        .outerjoin(e.Person.__table__, p.id == s.responsible_id)
        .where(s.plan_id == plan_id)
    ).first()
    if row is None:
        return {"personal_names": False, "responsible": None}
    return {"personal_names": bool(row[0]), "responsible": row[1]}


def read_records(session: Session, plan_id: int, keys: dict[str, dict[int, str]]) -> dict:
    """The records of plan ``plan_id`` as :class:`PlanDoc` fields; ``keys`` maps the ids of
    its items, needs, themes, sources and organisations to their keys."""
    r = _Reader(session, plan_id, keys)
    return {
        "people": r.people(),
        "evidence": r.evidence(),
        "goals": r.goals(),
        "perspectives": r.perspectives(),
        "progress": r.progress(),
    }


class _Reader:
    def __init__(self, session: Session, plan_id: int, keys: dict[str, dict[int, str]]) -> None:
        self.session, self.plan_id = session, plan_id
        self.keys = dict(keys)
        self.keys["stakeholder"] = self._keys(t.Stakeholder)
        self.keys["person"] = self._keys(e.Person)

    def _keys(self, model: type[t.Timestamped]) -> dict[int, str]:
        c = model.__table__.c
        return dict(
            self.session.execute(select(c.id, c.key).where(c.plan_id == self.plan_id)).all()
        )

    def key(self, kind: str, row_id: int | None) -> str | None:
        return None if row_id is None else self.keys[kind][row_id]

    def rows(self, model: type[t.Timestamped]) -> Sequence[Any]:
        c = model.__table__.c
        columns = [x for x in c if x.name not in ("created_at", "updated_at", "plan_id")]
        return self.session.execute(
            select(*columns).where(c.plan_id == self.plan_id).order_by(c.id)
        ).all()

    def links(
        self, model: type[t.Timestamped], owners: type[t.Timestamped], kind: str
    ) -> dict[int, list[str]]:
        """Keys of the ``kind`` rows linked to each row of ``owners`` through ``model``, whose
        first two columns (after the times) are the owner's id and the linked row's."""
        c, o = model.__table__.c, owners.__table__.c
        owner, column = (x for x in c if x.name not in ("created_at", "updated_at"))
        found: dict[int, list[str]] = defaultdict(list)
        target = self.keys[kind]
        for row_id, linked in self.session.execute(
            select(owner, column)
            .join(owners.__table__, o.id == owner)
            .where(o.plan_id == self.plan_id)
            .order_by(owner, column)
        ):
            found[row_id].append(target[linked])
        return found

    def people(self) -> list[PersonIn]:
        return [
            PersonIn.model_construct(
                key=r.key,
                name=r.name,
                role=r.role,
                organisation=self.key("organisation", r.organisation_id),
                i18n=r.i18n,
            )
            for r in self.rows(e.Person)
        ]

    def evidence(self) -> list[EvidenceIn]:
        needs = self.links(e.EvidenceNeed, e.Evidence, "need")
        return [
            EvidenceIn.model_construct(
                key=r.key,
                method=r.method,
                date=r.date,
                stakeholder=self.key("stakeholder", r.stakeholder_id),
                person=self.key("person", r.person_id),
                recorded_by=self.key("person", r.recorded_by_id),
                summary=r.summary,
                quote=r.quote,
                personal=bool(r.personal),
                needs=needs[r.id],
                i18n=r.i18n,
            )
            for r in self.rows(e.Evidence)
        ]

    def goals(self) -> list[GoalIn]:
        items = self.links(fu.GoalItem, fu.Goal, "item")
        themes = self.links(fu.GoalTheme, fu.Goal, "theme")
        values: dict[int, list[MeasureValueIn]] = defaultdict(list)
        v, m = fu.MeasureValue.__table__.c, fu.Measure.__table__.c
        for measure_id, day, value, note in self.session.execute(
            select(v.measure_id, v.date, v.value, v.note)
            .join(fu.Measure.__table__, m.id == v.measure_id)
            .where(m.plan_id == self.plan_id)
            .order_by(v.id)
        ):
            values[measure_id].append(
                MeasureValueIn.model_construct(date=day, value=value, note=note)
            )
        measures: dict[int, list[MeasureIn]] = defaultdict(list)
        for r in self.rows(fu.Measure):
            measures[r.goal_id].append(
                MeasureIn.model_construct(
                    key=r.key,
                    name=r.name,
                    unit=r.unit,
                    source=self.key("source", r.source_id),
                    baseline=_point(r.baseline_value, r.baseline_date),
                    target=_point(r.target_value, r.target_date),
                    values=values[r.id],
                    i18n=r.i18n,
                )
            )
        return [
            GoalIn.model_construct(
                key=r.key,
                text=r.text,
                owner=self.key("person", r.owner_id),
                items=items[r.id],
                themes=themes[r.id],
                measures=measures[r.id],
                i18n=r.i18n,
            )
            for r in self.rows(fu.Goal)
        ]

    def perspectives(self) -> list[PerspectiveIn]:
        items = self.links(fu.PerspectiveItem, fu.Perspective, "item")
        return [
            PerspectiveIn.model_construct(
                key=r.key,
                name=r.name,
                levels=list(r.levels),
                start=r.start_level,
                start_evidence=r.start_evidence,
                target=r.target_level,
                target_year=r.target_year,
                items=items[r.id],
                i18n=r.i18n,
            )
            for r in self.rows(fu.Perspective)
        ]

    def progress(self) -> list[ItemProgressIn]:
        p, u, i = (m.__table__.c for m in (fu.ItemProgress, fu.ProgressUpdate, t.Item))
        updates: dict[int, list[ProgressUpdateIn]] = defaultdict(list)
        for item_id, day, status, done, health, note in self.session.execute(
            select(u.item_id, u.date, u.status, u.done, u.health, u.note)
            .join(t.Item.__table__, i.id == u.item_id)
            .where(i.plan_id == self.plan_id)
            .order_by(u.id)
        ):
            updates[item_id].append(
                ProgressUpdateIn.model_construct(
                    date=day, status=status, done=done, health=health, note=note
                )
            )
        item = self.keys["item"]
        return [
            ItemProgressIn.model_construct(
                item=item[item_id],
                responsible=self.key("person", responsible),
                updates=updates[item_id],
            )
            for item_id, responsible in self.session.execute(
                select(p.item_id, p.responsible_id)
                .join(t.Item.__table__, i.id == p.item_id)
                .where(i.plan_id == self.plan_id)
                .order_by(p.item_id)
            )
        ]


def _point(value: float | None, day: Any) -> PointIn | None:
    return None if value is None or day is None else PointIn.model_construct(value=value, date=day)
