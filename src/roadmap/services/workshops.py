"""Workshops as the command line and the workshop windows reach them: the minutes' record, the
session to serve, the room's ideas, and the workshop's storage the windows read and write in
their own transactions (:mod:`~roadmap.store.workshop_sessions`, ``_rounds``, ``_results``,
``_people``), which they reach only through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from roadmap.i18n.lang import Lang
from roadmap.store import workshop_people, workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.busy import Busy, write_retrying
from roadmap.store.db import Store
from roadmap.store.repo import NotFoundError, find_plan

if TYPE_CHECKING:
    from roadmap.workshop.minutes import Minutes

__all__ = [
    "Busy",
    "NotFoundError",
    "Store",
    "find_plan",
    "idea_as_evidence",
    "ideas",
    "merge_ideas",
    "minutes_record",
    "session_to_serve",
    "workshop_people",
    "workshop_results",
    "workshop_rounds",
    "workshop_sessions",
    "write_retrying",
]


def minutes_record(store: Store, plan_slug: str | None, name: str | None) -> Minutes:
    """What the minutes of workshop ``name`` (default: the plan's latest) say, naming the
    participants when the plan allows names; :class:`NotFoundError` when there is none."""
    from roadmap.store.workshop_results import minutes_record as record

    with store.read() as session:
        return record(session=session, plan_slug=plan_slug, name=name)


def session_to_serve(store: Store, plan_slug: str | None, name: str | None) -> tuple[str, str, int]:
    """The join code, language and id of workshop ``name`` (default: the plan's latest)."""
    with store.read() as session:
        plan = find_plan(session=session, slug=plan_slug)
        assert plan.id is not None  # a stored plan
        found = workshop_sessions.find_session(session=session, plan_id=plan.id, name=name)
        assert found.id is not None  # a stored session
        lang = workshop_sessions.session_lang(session=session, workshop=found)
        return found.code, lang, found.id


# The room's ideas, tidied by the facilitator -------------------------------------------------


def ideas(store: Store, session_id: int) -> list[tuple[int, str]]:
    """``(id, text)`` of each idea sent and not yet taken into the plan."""
    from roadmap.store.workshop_ideas import ideas as sent

    with store.read() as session:
        found = sent(session=session, session_id=session_id)
        return [(note.id, note.text) for note in found if note.id is not None]


def merge_ideas(session: Session, *, keep_id: int, other_id: int) -> None:
    """In a window's write: idea ``other_id`` merged into ``keep_id``, both texts kept."""
    from roadmap.store.workshop_ideas import merge_ideas as merge

    merge(session=session, keep_id=keep_id, other_id=other_id)


def idea_as_evidence(session: Session, note_id: int, words: Lang) -> str:
    """In a window's write: idea ``note_id`` recorded as workshop evidence, its summary naming
    the workshop in ``words``' language; the evidence's key."""
    from roadmap.model.workshop_tables import WorkshopNote
    from roadmap.store.workshop_ideas import idea_as_evidence as record
    from roadmap.store.workshop_sessions import get_session

    note = session.get(WorkshopNote, note_id)
    name = get_session(session=session, session_id=note.session_id).name if note else ""
    text = note.text if note else ""
    summary = words._("An idea from the workshop {name}: {text}", name=name, text=text)
    return record(session=session, note_id=note_id, summary=summary)
