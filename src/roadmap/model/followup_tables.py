"""Tables of the follow-up: goals and their measures, maturity perspectives, and the progress
of items.

Each mirrors an input model of :mod:`roadmap.model.evidence`; links to the plan's other rows
go away with them (or are cleared, for optional ones). People responsible are the
:class:`~roadmap.model.evidence_tables.Person` rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

import roadmap.model.evidence_tables  # noqa: F401  (person, which these name)
from roadmap.model.tables import Timestamped, Translatable, _enum, _fk, _json


class Goal(Timestamped, Translatable, table=True):
    """A goal of the vision."""

    __tablename__ = "goal"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    text: str
    owner_id: int | None = _fk("person.id", nullable=True)


class GoalItem(Timestamped, table=True):
    """An item serves a goal."""

    __tablename__ = "goal_item"

    goal_id: int = Field(foreign_key="goal.id", primary_key=True, ondelete="CASCADE")
    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE", index=True)


class GoalTheme(Timestamped, table=True):
    """A theme serves a goal."""

    __tablename__ = "goal_theme"

    goal_id: int = Field(foreign_key="goal.id", primary_key=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", primary_key=True, ondelete="CASCADE", index=True)


class Measure(Timestamped, Translatable, table=True):
    """An indicator of a goal, with its baseline and target."""

    __tablename__ = "measure"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    goal_id: int = _fk("goal.id")
    key: str
    name: str
    unit: str = ""
    source_id: int | None = _fk("info_source.id", nullable=True)
    baseline_value: float | None = None
    baseline_date: dt.date | None = None
    target_value: float | None = None
    target_date: dt.date | None = None


class MeasureValue(Timestamped, table=True):
    """A follow-up reading of a measure."""

    __tablename__ = "measure_value"

    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = _fk("measure.id")
    date: dt.date
    value: float
    note: str = ""


class Perspective(Timestamped, Translatable, table=True):
    """A maturity perspective: five level descriptions, a starting and a target level."""

    __tablename__ = "perspective"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str
    levels: list[str] = _json(list)
    start_level: int | None = None
    start_evidence: str = ""
    target_level: int | None = None
    target_year: int | None = None


class PerspectiveItem(Timestamped, table=True):
    """An item raises a perspective."""

    __tablename__ = "perspective_item"

    perspective_id: int = Field(foreign_key="perspective.id", primary_key=True, ondelete="CASCADE")
    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE", index=True)


class ItemProgress(Timestamped, table=True):
    """An item's responsible person; its updates are :class:`ProgressUpdate` rows."""

    __tablename__ = "item_progress"

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    responsible_id: int | None = _fk("person.id", nullable=True)


class ProgressUpdate(Timestamped, table=True):
    """Where an item stood on a date: status, share done, health and a note."""

    __tablename__ = "progress_update"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = _fk("item_progress.item_id")
    date: dt.date
    status: str = _enum("in_progress")
    done: float = 0.0
    health: str = _enum("on_track")
    note: str = ""
