"""The ideas the room sent, as the facilitator tidies them on the projector: duplicates merged
into one, and an idea kept as evidence of the plan with where and when it was said."""

from __future__ import annotations

from sqlmodel import Session, col, select

from roadmap.i18n import N_
from roadmap.model import evidence_tables as e
from roadmap.model.evidence import EvidenceIn
from roadmap.model.workshop_tables import WorkshopNote
from roadmap.store.followup_edits import add_evidence, next_evidence_key
from roadmap.store.workshop_sessions import Refused, bump, get_session
from roadmap.workshop.words import Refusal

MERGED = " · "
"""Between the texts of merged ideas: both stay, as typed."""


def ideas(*, session: Session, session_id: int) -> list[WorkshopNote]:
    """The ideas not yet taken into the plan, in the order they came."""
    return list(
        session.exec(
            select(WorkshopNote)
            .where(WorkshopNote.session_id == session_id, WorkshopNote.kind == "idea")
            .order_by(col(WorkshopNote.id))
        )
    )


def _idea(session: Session, note_id: int) -> WorkshopNote:
    note = session.get(WorkshopNote, note_id)
    if note is None or note.kind != "idea":
        raise Refused(N_("That idea is no longer on the list."))
    return note


def merge_ideas(*, session: Session, keep_id: int, other_id: int) -> WorkshopNote:
    """Merge idea ``other_id`` into ``keep_id`` (the same idea sent twice): one idea remains,
    holding both texts, so that nothing anyone wrote is lost."""
    keep, other = _idea(session, keep_id), _idea(session, other_id)
    if keep.id == other.id or keep.session_id != other.session_id:
        raise Refused(N_("Choose two different ideas to merge."))
    if other.text.casefold() not in [part.casefold() for part in keep.text.split(MERGED)]:
        keep.text = keep.text + MERGED + other.text
    session.add(keep)
    session.delete(other)
    session.flush()
    bump(session, keep.session_id)
    return keep


class AlreadyEvidence(Refusal):
    """The idea is in the plan's evidence already."""


def idea_as_evidence(*, session: Session, note_id: int, summary: str) -> str:
    """Record idea ``note_id`` as a piece of the plan's evidence gathered at the workshop, dated
    the day the workshop was held, with ``summary`` (the idea's text with the workshop named,
    worded by the caller); the new evidence's key. Anonymous: no actor, no person."""
    note = _idea(session, note_id)
    workshop = get_session(session=session, session_id=note.session_id)
    found = session.exec(
        select(e.Evidence.key).where(
            e.Evidence.plan_id == workshop.plan_id,
            e.Evidence.method == "workshop",
            e.Evidence.date == workshop.held_on,
            e.Evidence.summary == summary,
        )
    ).first()
    if found is not None:
        raise AlreadyEvidence(N_("This idea is evidence {key} already."), key=found)
    key = next_evidence_key(session=session, plan_id=workshop.plan_id)
    record = EvidenceIn.model_validate(
        {"key": key, "method": "workshop", "date": workshop.held_on, "summary": summary}
    )
    add_evidence(session=session, plan_id=workshop.plan_id, evidence=record)
    bump(session, note.session_id)
    return key
