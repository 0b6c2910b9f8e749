"""Workshop rounds and votes: opening, locking and revealing rounds, casting votes, tallies.

A vote checks the budget and writes in one transaction. On SQLite ``BEGIN IMMEDIATE`` already
serialises writers. On PostgreSQL the participant's row is locked ``FOR UPDATE`` (two windows of
the same participant take turns), and each vote holds the round's advisory lock shared while
the facilitator's changes of the round take it exclusively (:func:`round_lock`): locking a round
waits for the votes in flight, no vote lands after it, and, unlike a row's share lock, which
new voters keep renewing, the advisory lock queues votes that come later behind the facilitator,
so that locking takes effect at once however many vote without pause.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, text, update
from sqlmodel import Session, col, select

from roadmap.i18n import N_
from roadmap.model import tables as t
from roadmap.model.workshop_tables import (
    WorkshopNote,
    WorkshopParticipant,
    WorkshopRound,
    WorkshopVote,
)
from roadmap.store.repo import NotFoundError
from roadmap.store.workshop_sessions import bump, get_session
from roadmap.workshop.rules import (
    Refused,
    Rules,
    VoteRefused,
)
from roadmap.workshop.tally import ItemResult, Vote, tally
from roadmap.workshop.words import translated

ROUND_STATES = ("open", "locked", "revealed")
CLOSED_STATUSES = ("done", "dropped")
"""Items in these states are not voted on."""


ROUND_LOCK_CLASS = 7_015
"""First key of the rounds' advisory locks on PostgreSQL (the second is the round's id)."""


def round_lock(session: Session, round_id: int, *, shared: bool) -> None:
    """Take round ``round_id``'s lock for this transaction: ``shared`` for a vote, exclusive
    for the facilitator's changes (PostgreSQL only; SQLite serialises every writer)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    name = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    session.execute(text(f"SELECT {name}(:c, :r)"), {"c": ROUND_LOCK_CLASS, "r": round_id})


# Rounds -------------------------------------------------------------------------------------


def votable_items(*, session: Session, plan_id: int, text: str = "") -> list[str]:
    """Keys of the plan's open items whose key, title or tags contain ``text``."""
    rows = session.exec(
        select(t.Item.key, t.Item.title, t.Item.tags)
        .where(col(t.Item.plan_id) == plan_id, col(t.Item.status).not_in(CLOSED_STATUSES))
        .order_by(col(t.Item.id))
    )
    needle = text.strip().lower()
    return [
        key
        for key, title, tags in rows
        if not needle or needle in f"{key} {title} {' '.join(tags)}".lower()
    ]


CHOOSERS = ("text", "theme", "new", "keys")
"""How a round's items are chosen: by text in key, title or tags; by a theme's key or name;
the new ideas captured in this workshop; or a list of keys (marks made in the item list)."""


def choose_items(
    *, session: Session, session_id: int, how: str = "text", value: str = ""
) -> list[str]:
    """Keys of the open items a round is to be over, chosen ``how`` (see :data:`CHOOSERS`)."""
    workshop = get_session(session=session, session_id=session_id)
    plan_id = workshop.plan_id
    if how == "text":
        return votable_items(session=session, plan_id=plan_id, text=value)
    open_items = votable_items(session=session, plan_id=plan_id)
    if how == "theme":
        needle = value.strip().casefold()
        themes = {
            theme_id
            for theme_id, key, name in session.exec(
                select(t.Theme.id, t.Theme.key, t.Theme.name).where(t.Theme.plan_id == plan_id)
            )
            if needle in (key.casefold(), name.casefold())
        }
        keys = set(
            session.exec(
                select(t.Item.key).where(
                    col(t.Item.plan_id) == plan_id, col(t.Item.theme_id).in_(themes)
                )
            )
        )
    elif how == "new":
        noted = session.exec(
            select(col(WorkshopNote.item_key)).where(
                col(WorkshopNote.session_id) == session_id,
                col(WorkshopNote.item_key).is_not(None),
            )
        )
        keys = {key for key in noted if key is not None}
    elif how == "keys":
        keys = {k.strip() for k in value.replace(",", " ").split() if k.strip()}
    else:
        raise ValueError(f"unknown way to choose items {how!r} (use {', '.join(CHOOSERS)})")
    return [key for key in open_items if key in keys]


def scoring_criteria(*, session: Session, plan_id: int) -> list[t.Criterion]:
    """The plan's criteria that people score (weighted, and not the workshop's own)."""
    return list(
        session.exec(
            select(t.Criterion)
            .where(
                col(t.Criterion.plan_id) == plan_id,
                ~col(t.Criterion.workshop),
                col(t.Criterion.weight) > 0,
            )
            .order_by(col(t.Criterion.position), col(t.Criterion.key))
        )
    )


def new_round(
    *,
    session: Session,
    session_id: int,
    method: str,
    budget: int | None = None,
    per_item: int | None = None,
    filter_text: str = "",
    choose: str = "text",
) -> WorkshopRound:
    """Open a round over the open items chosen by ``choose`` and ``filter_text`` (see
    :func:`choose_items`); earlier open rounds lock."""
    workshop = get_session(session=session, session_id=session_id)
    items = choose_items(session=session, session_id=session_id, how=choose, value=filter_text)
    if not items:
        raise Refused(N_("no open items match '{text}'"), text=filter_text)
    criteria: list[str] = []
    if method == "score":
        criteria = [c.key for c in scoring_criteria(session=session, plan_id=workshop.plan_id)]
    rules = Rules.of(method, budget=budget, per_item=per_item, items=items, criteria=criteria)
    session.execute(
        update(WorkshopRound)
        .where(col(WorkshopRound.session_id) == session_id, col(WorkshopRound.state) == "open")
        .values(state="locked", updated_at=t.utcnow())
    )
    number = session.exec(
        select(func.coalesce(func.max(WorkshopRound.number), 0)).where(
            WorkshopRound.session_id == session_id
        )
    ).one()
    row = WorkshopRound(
        session_id=session_id,
        number=number + 1,
        method=rules.method,
        budget=rules.budget,
        per_item=rules.per_item,
        items=list(rules.items),
        criteria=list(rules.criteria),
    )
    session.add(row)
    session.flush()
    bump(session, session_id)
    return row


def rounds(*, session: Session, session_id: int) -> list[WorkshopRound]:
    return list(
        session.exec(
            select(WorkshopRound)
            .where(WorkshopRound.session_id == session_id)
            .order_by(col(WorkshopRound.number))
        )
    )


def current_round(*, session: Session, session_id: int) -> WorkshopRound | None:
    """The latest round, or None before the first."""
    return session.exec(
        select(WorkshopRound)
        .where(WorkshopRound.session_id == session_id)
        .order_by(col(WorkshopRound.number).desc())
    ).first()


def rules_of(row: WorkshopRound) -> Rules:
    return Rules(row.method, row.budget, row.per_item, tuple(row.items), tuple(row.criteria))


def set_round_state(*, session: Session, round_id: int, state: str) -> WorkshopRound:
    """Lock a round, reveal its results, or reopen it (``open``) for more votes."""
    if state not in ROUND_STATES:
        raise ValueError(f"unknown round state {state!r}")
    round_lock(session, round_id, shared=False)
    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    row.state = state
    session.add(row)
    session.flush()
    bump(session, row.session_id)
    return row


def delete_round(*, session: Session, round_id: int) -> None:
    """Delete a round begun by mistake, with its votes; refused while its results are in the
    plan (undo that first). Later rounds keep their numbers."""
    round_lock(session, round_id, shared=False)
    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    if row.applied:
        raise Refused(
            N_("Round {n} is in the plan; undo that before deleting the round."), n=row.number
        )
    session.execute(delete(WorkshopVote).where(col(WorkshopVote.round_id) == round_id))
    session.delete(row)
    session.flush()
    bump(session, row.session_id)


# Votes --------------------------------------------------------------------------------------


def allocation(
    *, session: Session, round_id: int, participant_id: int
) -> dict[tuple[str, str], int]:
    """What a participant gave in a round: ``{(item, criterion): value}``."""
    rows = session.exec(
        select(WorkshopVote.item_key, WorkshopVote.criterion, WorkshopVote.value).where(
            WorkshopVote.round_id == round_id, WorkshopVote.participant_id == participant_id
        )
    )
    return {(item, criterion): value for item, criterion, value in rows}


def cast_vote(
    *,
    session: Session,
    round_id: int,
    participant_id: int,
    item_key: str,
    value: int | None = None,
    delta: int | None = None,
    criterion: str = "",
) -> dict[tuple[str, str], int]:
    """Set (``value``) or change (``delta``) a participant's vote; 0 withdraws it.

    Raises :class:`VoteRefused` (nothing written) when the round is not open or the rules do
    not allow it. Returns the participant's whole allocation after the vote.
    """
    if (value is None) == (delta is None):
        raise ValueError("give either value or delta")
    participant = session.exec(
        select(WorkshopParticipant)
        .where(WorkshopParticipant.id == participant_id)
        .with_for_update()
    ).first()
    round_lock(session, round_id, shared=True)
    row = session.exec(select(WorkshopRound).where(WorkshopRound.id == round_id)).first()
    if participant is None or row is None or participant.session_id != row.session_id:
        raise VoteRefused(N_("this vote belongs to no round of your workshop"))
    if row.state != "open":
        raise VoteRefused(N_("voting in this round has closed"))
    mine = allocation(session=session, round_id=round_id, participant_id=participant_id)
    if value is not None:
        new = value
    else:
        assert delta is not None  # exactly one of the two, checked above
        new = mine.get((item_key, criterion), 0) + delta
    rules_of(row).check(mine, item_key, criterion, new)
    where = (
        col(WorkshopVote.round_id) == round_id,
        col(WorkshopVote.participant_id) == participant_id,
        col(WorkshopVote.item_key) == item_key,
        col(WorkshopVote.criterion) == criterion,
    )
    if (item_key, criterion) in mine:
        if new:
            session.execute(update(WorkshopVote).where(*where).values(value=new))
        else:
            session.execute(delete(WorkshopVote).where(*where))
    elif new:
        session.add(
            WorkshopVote(
                round_id=round_id,
                participant_id=participant_id,
                item_key=item_key,
                criterion=criterion,
                value=new,
            )
        )
        session.flush()
    session.execute(  # last seen, for the facilitator's list
        update(WorkshopParticipant)
        .where(col(WorkshopParticipant.id) == participant_id)
        .values(updated_at=t.utcnow())
    )
    bump(session, row.session_id)
    mine[(item_key, criterion)] = new
    return {k: v for k, v in mine.items() if v}


def voted_count(*, session: Session, round_id: int) -> int:
    """How many participants have given anything in the round."""
    return session.exec(
        select(func.count(func.distinct(WorkshopVote.participant_id))).where(
            WorkshopVote.round_id == round_id
        )
    ).one()


def round_votes(*, session: Session, round_id: int) -> list[Vote]:
    return [
        (participant_id, item_key, criterion, value)
        for participant_id, item_key, criterion, value in session.exec(
            select(
                WorkshopVote.participant_id,
                WorkshopVote.item_key,
                WorkshopVote.criterion,
                WorkshopVote.value,
            ).where(WorkshopVote.round_id == round_id)
        )
    ]


def round_results(*, session: Session, round_id: int) -> list[ItemResult]:
    """The round's tally, best first (see :func:`roadmap.workshop.tally.tally`)."""
    row = session.get(WorkshopRound, round_id)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    plan_id = get_session(session=session, session_id=row.session_id).plan_id
    directions = dict(
        session.exec(
            select(t.Criterion.key, t.Criterion.direction).where(t.Criterion.plan_id == plan_id)
        ).all()
    )
    return tally(row.method, row.items, round_votes(session=session, round_id=round_id), directions)


def item_titles(
    *, session: Session, plan_id: int, keys: Iterable[str], lang: str | None = None
) -> dict[str, str]:
    """Titles of items ``keys``, in ``lang`` where translated (else the plan's default)."""
    keys = list(keys)
    rows = session.exec(
        select(t.Item.key, t.Item.title, t.Item.i18n).where(
            col(t.Item.plan_id) == plan_id, col(t.Item.key).in_(keys)
        )
    )
    return {key: translated(title, i18n, lang, "title") for key, title, i18n in rows}


def criterion_names(
    *, session: Session, plan_id: int, keys: Iterable[str], lang: str
) -> dict[str, str]:
    """Names of criteria ``keys`` in ``lang`` where translated."""
    keys = list(keys)
    rows = session.exec(
        select(t.Criterion.key, t.Criterion.name, t.Criterion.i18n).where(
            col(t.Criterion.plan_id) == plan_id, col(t.Criterion.key).in_(keys)
        )
    )
    return {key: translated(name, i18n, lang, "name") for key, name, i18n in rows}
