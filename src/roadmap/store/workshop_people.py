"""Who takes part in a workshop, as the facilitator manages them: the list (joined, votes left,
last seen), renaming, merging someone who joined twice, and removing someone.

Each function takes ``session`` keyword-only and ends with
:func:`~roadmap.store.workshop_sessions.bump` so that every window sees the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from roadmap.i18n import N_
from roadmap.model.workshop_tables import WorkshopParticipant, WorkshopRound, WorkshopVote
from roadmap.store.repo import NotFoundError
from roadmap.store.workshop_rounds import allocation, current_round, rules_of
from roadmap.store.workshop_sessions import bump
from roadmap.workshop.rules import Refused, VoteRefused, name_key, normal_name


@dataclass(frozen=True, slots=True)
class Person:
    """One line of the facilitator's list."""

    id: int
    name: str
    joined: datetime
    last_seen: datetime
    left: int | None
    """Dots or points still to give in the current open round (None: no such round)."""
    voted: bool
    """Gave anything in the current round."""


def people(*, session: Session, session_id: int) -> list[Person]:
    """Everyone who joined, in the order they joined."""
    rnd = current_round(session=session, session_id=session_id)
    rows = session.exec(
        select(WorkshopParticipant)
        .where(WorkshopParticipant.session_id == session_id)
        .order_by(col(WorkshopParticipant.id))
    ).all()
    found = []
    for row in rows:
        assert row.id is not None  # a stored participant
        mine: dict[tuple[str, str], int] = {}
        left = None
        if rnd is not None:
            assert rnd.id is not None  # a stored round
            mine = allocation(session=session, round_id=rnd.id, participant_id=row.id)
            rules = rules_of(rnd)
            if rules.has_budget and rnd.state == "open":
                left = rules.remaining(mine)
        found.append(Person(row.id, row.name, row.created_at, row.updated_at, left, bool(mine)))
    return found


def _participant(session: Session, participant_id: int) -> WorkshopParticipant:
    row = session.exec(
        select(WorkshopParticipant)
        .where(WorkshopParticipant.id == participant_id)
        .with_for_update()
    ).first()
    if row is None:
        raise NotFoundError(f"no participant with id {participant_id}")
    return row


def rename(*, session: Session, participant_id: int, name: str) -> WorkshopParticipant:
    """Give a participant another name (refused when someone else has it)."""
    row = _participant(session, participant_id)
    name = normal_name(name)
    if not name or len(name) > 80:
        raise Refused(N_("Type a name."))
    taken = session.exec(
        select(WorkshopParticipant.id).where(
            WorkshopParticipant.session_id == row.session_id,
            WorkshopParticipant.name_key == name_key(name),
            WorkshopParticipant.id != row.id,
        )
    ).first()
    if taken is not None:
        raise Refused(N_("{name} is taken by someone else."), name=name)
    row.name, row.name_key = name, name_key(name)
    session.add(row)
    session.flush()
    bump(session, row.session_id)
    return row


def merge(*, session: Session, keep_id: int, other_id: int) -> int:
    """Fold participant ``other_id`` (who joined twice) into ``keep_id``; the votes moved.

    Each vote of the other one moves over where the kept one gave nothing for that item and
    the round's rules still allow it; the rest are dropped. The other one is then removed, and
    their token no longer opens anything.
    """
    if keep_id == other_id:
        raise Refused(N_("Choose two different participants."))
    keep, other = sorted((keep_id, other_id))
    rows = {p: _participant(session, p) for p in (keep, other)}  # locked in id order
    if rows[keep].session_id != rows[other].session_id:
        raise Refused(N_("Choose two different participants."))
    moved = 0
    votes = session.exec(select(WorkshopVote).where(WorkshopVote.participant_id == other_id))
    for vote in list(votes):
        rnd = session.get_one(WorkshopRound, vote.round_id)
        mine = allocation(session=session, round_id=vote.round_id, participant_id=keep_id)
        key = (vote.item_key, vote.criterion)
        try:
            if key in mine:
                raise VoteRefused(N_("{item} is not voted on in this round"), item=vote.item_key)
            rules_of(rnd).check(mine, vote.item_key, vote.criterion, vote.value)
        except VoteRefused:
            session.delete(vote)
            continue
        vote.participant_id = keep_id
        session.add(vote)
        session.flush()
        moved += 1
    session.flush()
    session.delete(rows[other_id])
    session.flush()
    bump(session, rows[keep_id].session_id)
    return moved


def remove(*, session: Session, participant_id: int) -> None:
    """Remove a participant and their votes (someone who left, or joined by mistake)."""
    row = _participant(session, participant_id)
    session.execute(delete(WorkshopVote).where(col(WorkshopVote.participant_id) == participant_id))
    session.delete(row)
    session.flush()
    bump(session, row.session_id)
