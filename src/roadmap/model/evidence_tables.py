"""Tables of what a plan knows about the people it concerns: people, the plan's settings about
them, and the evidence behind needs.

Each mirrors an input model of :mod:`roadmap.model.evidence`; links to the plan's other rows
go away with them (or are cleared, for optional ones), so deleting an item or a need never
leaves a record pointing nowhere. Goals, measures, perspectives and progress are in
:mod:`roadmap.model.followup_tables`: sequencing a plan whose needs weigh reads the evidence
only, and defining a table takes a few milliseconds at start-up.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from roadmap.model.tables import Timestamped, Translatable, _enum, _fk


class Person(Timestamped, Translatable, table=True):
    """Someone responsible or heard; ``name`` is personal data (empty once erased)."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str = ""
    role: str = ""
    organisation_id: int | None = _fk("organisation.id", nullable=True)


class PlanSettings(Timestamped, table=True):
    """What a plan decides about people: whether outputs may name them, and who owns the
    roadmap. A plan without a row shows roles only and has no owner."""

    __tablename__ = "plan_settings"

    plan_id: int = Field(foreign_key="plan.id", primary_key=True, ondelete="CASCADE")
    personal_names: bool = False
    responsible_id: int | None = _fk("person.id", nullable=True)


class Evidence(Timestamped, Translatable, table=True):
    """What was learnt, how, when and from whom."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    method: str = _enum("interview")
    date: dt.date
    stakeholder_id: int | None = _fk("stakeholder.id", nullable=True)
    person_id: int | None = _fk("person.id", nullable=True)
    recorded_by_id: int | None = _fk("person.id", nullable=True)
    summary: str = ""
    quote: str = ""
    personal: bool = False


class EvidenceNeed(Timestamped, table=True):
    """A piece of evidence supports a need."""

    __tablename__ = "evidence_need"

    evidence_id: int = Field(foreign_key="evidence.id", primary_key=True, ondelete="CASCADE")
    need_id: int = Field(foreign_key="need.id", primary_key=True, ondelete="CASCADE", index=True)
