"""SQLModel tables of workshop sessions: the session, its participants, rounds, votes, notes.

Everything a workshop shares lives here, because every participant's window is a process of its
own (a terminal, or a browser page served by ``roadmap serve``). ``WorkshopSession.revision``
is raised by every write that others should see, so that each window notices a change with one
cheap read. Votes store a participant id so that a participant can change them and rejoin;
results never show it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field

from roadmap.model.tables import Timestamped, _enum, _fk, _json


class WorkshopSession(Timestamped, table=True):
    """One workshop of a plan: its agenda, where it is now, and its timer."""

    __tablename__ = "workshop_session"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    name: str
    code: str = Field(unique=True)
    """What participants type to join (shown on the projector)."""
    held_on: date
    agenda: list[dict[str, Any]] = _json(list)
    """Steps in order: ``{"key": "vision", "minutes": 15}``."""
    step: int = 0
    """Index of the current step in ``agenda``."""
    timer_deadline: datetime | None = None
    """When the running countdown ends; ``None`` when it is paused or not started."""
    timer_remaining: float | None = None
    """Seconds left of a paused countdown; ``None`` when it runs or was not started."""
    revision: int = 0
    """Raised by every write of the session, its rounds, votes and notes."""
    lang: str | None = _enum(None, nullable=True)
    """Language of both apps (``fi``, ``sv`` or ``en``); ``None``: the plan's default."""
    timers: dict[str, Any] | None = Field(default=None, sa_type=JSON, nullable=True)
    """Countdowns of the steps not shown now, by step index: ``{"2": {"deadline": ISO time or
    None, "remaining": seconds or None}}``, so that each step keeps its own time."""


class WorkshopParticipant(Timestamped, table=True):
    """Someone who joined, known again only by the private token handed out at join.

    Names match without regard to case or surrounding spaces (``name_key``); a second person
    with a taken name is stored with a suffix ("Anna (2)"). The row is also the lock that
    serialises one participant's votes on PostgreSQL.
    """

    __tablename__ = "workshop_participant"
    __table_args__ = (UniqueConstraint("session_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = _fk("workshop_session.id")
    name: str
    name_key: str
    """The name as compared (see :func:`roadmap.workshop.rules.name_key`); unique in the
    session, so that a second person typing a taken name gets a suffix."""
    token_hash: str | None = None
    """SHA-256 of the private token handed out at join; rejoining needs the token."""


class WorkshopRound(Timestamped, table=True):
    """A voting round over some items, with its rules and state."""

    __tablename__ = "workshop_round"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = _fk("workshop_session.id")
    number: int
    method: str = _enum("dots")
    """``dots``, ``points`` or ``score`` (see :mod:`roadmap.workshop.rules`)."""
    budget: int = 5
    """Dots or points per participant (unused by ``score``)."""
    per_item: int = 3
    """Most dots or points one participant may give one item."""
    items: list[str] = _json(list)
    """Keys of the items voted on, in the order shown."""
    criteria: list[str] = _json(list)
    """Keys of the criteria each item is scored on (``score`` rounds only)."""
    state: str = _enum("open")
    """``open`` (votes accepted), ``locked`` or ``revealed``."""
    applied: bool = False
    """Its results were written into the plan's workshop criterion."""
    applied_record: dict[str, Any] | None = Field(default=None, sa_type=JSON, nullable=True)
    """What applying wrote: ``{"mode", "criterion", "created", "before": {item: value}}``,
    so that it can be undone."""


class WorkshopVote(Timestamped, table=True):
    """A participant's dots, points or 1-5 score on one item (and criterion) in one round."""

    __tablename__ = "workshop_vote"
    __table_args__ = (UniqueConstraint("round_id", "participant_id", "item_key", "criterion"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = _fk("workshop_round.id")
    participant_id: int = _fk("workshop_participant.id")
    item_key: str
    criterion: str = ""
    """The criterion scored, or ``""`` for dots and points."""
    value: int


class WorkshopNote(Timestamped, table=True):
    """Something captured live: a need, a note or a decision (new items go into the plan)."""

    __tablename__ = "workshop_note"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = _fk("workshop_session.id")
    step: str
    """Key of the agenda step it was captured in."""
    kind: str = _enum("note")
    """``note``, ``need``, ``item`` or ``decision``."""
    text: str
    item_key: str | None = None
    """The key of the item a captured ``item`` note created."""
