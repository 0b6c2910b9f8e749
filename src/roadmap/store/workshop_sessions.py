"""Workshop sessions: opening and resuming them, the agenda step and its timer, joining, capture.

Each function takes ``session`` keyword-only and is one unit of work inside the caller's
``store.write()`` or ``store.read()``. Every write that other windows should notice ends with
:func:`bump`, which raises the session's ``revision``; it comes last so that locks are always
taken in the same order (participant, round, session) and two writers never wait on each other.
Rounds and votes are in :mod:`roadmap.store.workshop_rounds`, results in
:mod:`roadmap.store.workshop_results`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from roadmap.i18n import N_
from roadmap.model import tables as t
from roadmap.model.workshop_tables import (
    WorkshopNote,
    WorkshopParticipant,
    WorkshopSession,
)
from roadmap.store.repo import NotFoundError
from roadmap.workshop.agenda import parse_capture
from roadmap.workshop.rules import (
    Refused,
    name_key,
    new_code,
    new_token,
    normal_code,
    normal_name,
    token_hash,
)
from roadmap.workshop.timer import Timer
from roadmap.workshop.words import LANGS, Refusal, lang_or_default


class JoinRefused(Refusal, LookupError):
    """A join code that no session has, or a name that cannot be used."""


class WrongCode(JoinRefused):
    """No workshop has the code typed."""


class NotYou(JoinRefused):
    """A token that belongs to no participant of the workshop."""


# Sessions -----------------------------------------------------------------------------------


def find_session(*, session: Session, plan_id: int, name: str | None = None) -> WorkshopSession:
    """Workshop ``name`` of the plan, or its latest one when ``name`` is None."""
    query = select(WorkshopSession).where(WorkshopSession.plan_id == plan_id)
    if name is not None:
        query = query.where(WorkshopSession.name == name)
    found = session.exec(query.order_by(col(WorkshopSession.id).desc())).first()
    if found is None:
        what = f"no workshop {name!r}" if name else "no workshop yet"
        raise NotFoundError(f"{what} in this plan")
    return found


def open_session(
    *,
    session: Session,
    plan_id: int,
    name: str,
    held_on: date,
    agenda: list[dict],
    lang: str | None = None,
) -> tuple[WorkshopSession, bool]:
    """Resume workshop ``name`` of the plan, or create it; ``(workshop, created)``.

    ``lang`` sets the language of both apps (also of a resumed workshop); a new workshop
    without one speaks the plan's default language.
    """
    if lang is not None and lang not in LANGS:
        raise ValueError(f"no workshop language {lang!r} (choose from {', '.join(LANGS)})")
    try:
        row = find_session(session=session, plan_id=plan_id, name=name)
    except NotFoundError:
        pass
    else:
        if lang is not None and row.lang != lang:
            row.lang = lang
            session.add(row)
            session.flush()
            assert row.id is not None  # a stored session
            bump(session, row.id)
        return row, False
    taken = set(session.exec(select(WorkshopSession.code)))
    code = new_code()
    while code in taken:
        code = new_code()
    if lang is None:
        default = session.exec(select(t.Plan.default_language).where(t.Plan.id == plan_id)).one()
        lang = lang_or_default(default)
    row = WorkshopSession(
        plan_id=plan_id, name=name, code=code, held_on=held_on, agenda=agenda, lang=lang
    )
    session.add(row)
    session.flush()
    return row, True


def session_lang(*, session: Session, workshop: WorkshopSession) -> str:
    """The language the workshop's apps speak: its own, else the plan's default."""
    if workshop.lang in LANGS:
        return workshop.lang
    default = session.exec(
        select(t.Plan.default_language).where(t.Plan.id == workshop.plan_id)
    ).one()
    return lang_or_default(default)


def get_session(*, session: Session, session_id: int) -> WorkshopSession:
    row = session.get(WorkshopSession, session_id)
    if row is None:
        raise NotFoundError(f"no workshop with id {session_id}")
    return row


def revision(*, session: Session, session_id: int) -> int:
    """The workshop's change counter (one indexed read: cheap enough to poll)."""
    return session.exec(
        select(WorkshopSession.revision).where(WorkshopSession.id == session_id)
    ).one()


def bump(session: Session, session_id: int) -> None:
    """Tell every window that the workshop changed; always the last statement of a write."""
    session.execute(
        update(WorkshopSession)
        .where(col(WorkshopSession.id) == session_id)
        .values(revision=col(WorkshopSession.revision) + 1, updated_at=t.utcnow())
    )


def set_step(*, session: Session, session_id: int, step: int) -> WorkshopSession:
    """Move to agenda step ``step`` (clamped to the agenda).

    Each step keeps its own countdown: the one left is put aside as it is (a running one
    keeps running), and the one returned to comes back, so that a stray press of a clicker
    loses no time. A step not yet visited starts with its full time.
    """
    row = get_session(session=session, session_id=session_id)
    new = max(0, min(step, len(row.agenda) - 1))
    if new == row.step:
        return row
    timers = dict(row.timers or {})
    timers[str(row.step)] = timer_of(row).to_data()
    back = Timer.from_data(timers.pop(str(new), None))
    row.step = new
    row.timer_deadline, row.timer_remaining = back.deadline, back.remaining
    row.timers = timers
    session.add(row)
    session.flush()
    bump(session, session_id)
    return row


def step_seconds(row: WorkshopSession) -> float:
    """Length of the current step's countdown."""
    return 60.0 * row.agenda[row.step].get("minutes", 0) if row.agenda else 0.0


def timer_of(row: WorkshopSession) -> Timer:
    return Timer(row.timer_deadline, row.timer_remaining)


def change_timer(*, session: Session, session_id: int, action: str, now: datetime) -> Timer:
    """``start``, ``pause``, ``toggle`` (start or pause) or ``add`` a minute to the countdown."""
    row = get_session(session=session, session_id=session_id)
    timer, full = timer_of(row), step_seconds(row)
    if action == "toggle":
        action = "pause" if timer.running else "start"
    if action == "start":
        timer = timer.start(now, full)
    elif action == "pause":
        timer = timer.pause(now)
    elif action == "add":
        timer = timer.add(now, full)
    else:
        raise ValueError(f"unknown timer action {action!r}")
    row.timer_deadline, row.timer_remaining = timer.deadline, timer.remaining
    session.add(row)
    session.flush()
    bump(session, session_id)
    return timer


# Participants -------------------------------------------------------------------------------


def session_by_code(*, session: Session, code: str) -> WorkshopSession:
    row = session.exec(select(WorkshopSession).where(WorkshopSession.code == normal_code(code)))
    found = row.first()
    if found is None:
        raise WrongCode(N_("no workshop has that code; check the code on the screen"))
    return found


def join(
    *, session: Session, code: str, name: str, token: str | None = None
) -> tuple[WorkshopParticipant, str]:
    """Join the workshop with ``code`` as ``name``; ``(participant, their private token)``.

    The token is the participant's identity: with the token handed out at the first join, a
    participant rejoins and finds their votes. A name alone proves nothing, so the same name
    without the token (or with a wrong one) is a new participant, stored with a suffix
    ("Anna (2)") so that the room can tell the two apart. Names match regardless of case and
    spaces.
    """
    name = normal_name(name)
    if not name or len(name) > 80:
        raise JoinRefused(N_("type your name (at most 80 characters)"))
    workshop = session_by_code(session=session, code=code)
    if token:
        found = session.exec(
            select(WorkshopParticipant).where(
                WorkshopParticipant.session_id == workshop.id,
                WorkshopParticipant.token_hash == token_hash(token),
            )
        ).first()
        if found is not None:
            return found, token
    token = new_token()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    now = t.utcnow()
    shown, n = name, 1
    while True:
        added = session.execute(
            dialect.insert(WorkshopParticipant)
            .values(
                session_id=workshop.id,
                name=shown,
                name_key=name_key(shown),
                token_hash=token_hash(token),
                created_at=now,
                updated_at=now,
            )
            .on_conflict_do_nothing(index_elements=["session_id", "name_key"])
            .returning(WorkshopParticipant.id)
        ).first()
        if added is not None:
            break
        n += 1
        shown = f"{name} ({n})"
    assert workshop.id is not None  # a stored session
    bump(session, workshop.id)  # the projector counts who joined
    return session.get_one(WorkshopParticipant, added[0]), token


def participant_by_token(*, session: Session, session_id: int, token: str) -> WorkshopParticipant:
    """The participant whose private token is ``token`` (refused for any other)."""
    found = session.exec(
        select(WorkshopParticipant).where(
            WorkshopParticipant.session_id == session_id,
            WorkshopParticipant.token_hash == token_hash(token),
        )
    ).first()
    if found is None:
        raise NotYou(N_("You are not a participant of this workshop; join again."))
    return found


def participant_names(*, session: Session, session_id: int) -> list[str]:
    """Names of those who joined, in the order they joined."""
    return list(
        session.exec(
            select(WorkshopParticipant.name)
            .where(WorkshopParticipant.session_id == session_id)
            .order_by(col(WorkshopParticipant.id))
        )
    )


def participant_count(*, session: Session, session_id: int) -> int:
    return session.exec(
        select(func.count()).where(WorkshopParticipant.session_id == session_id)
    ).one()


# Capture ------------------------------------------------------------------------------------


def capture(*, session: Session, session_id: int, text: str) -> WorkshopNote:
    """Store a quick-capture line typed during the current step (see ``parse_capture``).

    An item becomes an item of the plan (an idea, keyed ``W1``, ``W2``, ...) that rounds can
    vote on; needs, notes and decisions stay with the session for the minutes.
    """
    row = get_session(session=session, session_id=session_id)
    step = row.agenda[row.step]["key"] if row.agenda else ""
    kind, body = parse_capture(text, step)
    if not body:
        raise ValueError("nothing to capture")
    note = WorkshopNote(session_id=session_id, step=step, kind=kind, text=body)
    if kind == "item":
        note.item_key = _new_item(session, row.plan_id, body)
    session.add(note)
    session.flush()
    bump(session, session_id)
    return note


def _new_item(session: Session, plan_id: int, title: str, tags=("workshop",)) -> str:
    """A new item of the plan keyed ``W1``, ``W2``, ...; its key."""
    keys = set(session.exec(select(t.Item.key).where(t.Item.plan_id == plan_id)))
    n = 1
    while f"W{n}" in keys:
        n += 1
    session.add(t.Item(plan_id=plan_id, key=f"W{n}", title=title, tags=list(tags)))
    return f"W{n}"


IDEA_STEPS = ("needs", "items")
"""Agenda steps in which participants send ideas and needs from their phones."""


def submit_idea(*, session: Session, session_id: int, participant_id: int, text: str) -> None:
    """Keep an idea or need sent by a participant during a needs or items step, without their
    name: the projector lists it, and the facilitator takes the ideas into the plan."""
    row = get_session(session=session, session_id=session_id)
    step = row.agenda[row.step]["key"] if row.agenda else ""
    who = session.get(WorkshopParticipant, participant_id)
    if who is None or who.session_id != session_id:
        raise NotYou(N_("You are not a participant of this workshop; join again."))
    if step not in IDEA_STEPS:
        raise Refused(N_("Ideas are collected during the needs and items steps."))
    body = " ".join(text.split())
    if not body or len(body) > 500:
        raise Refused(N_("Write the idea in at most 500 characters."))
    session.add(WorkshopNote(session_id=session_id, step=step, kind="idea", text=body))
    session.flush()
    bump(session, session_id)


def accept_ideas(*, session: Session, session_id: int) -> int:
    """The ideas sent so far into the plan: those of an items step become items (``W1``...,
    tagged as the room's ideas) for the next round to vote on, those of a needs step become
    the session's needs. How many were taken."""
    row = get_session(session=session, session_id=session_id)
    ideas = session.exec(
        select(WorkshopNote)
        .where(WorkshopNote.session_id == session_id, WorkshopNote.kind == "idea")
        .order_by(col(WorkshopNote.id))
    ).all()
    for note in ideas:
        if note.step == "items":
            note.kind = "item"
            note.item_key = _new_item(session, row.plan_id, note.text, ("workshop", "idea"))
            session.flush()
        else:
            note.kind = "need"
        session.add(note)
    session.flush()
    bump(session, session_id)
    return len(ideas)


def notes(*, session: Session, session_id: int) -> list[WorkshopNote]:
    return list(
        session.exec(
            select(WorkshopNote)
            .where(WorkshopNote.session_id == session_id)
            .order_by(col(WorkshopNote.id))
        )
    )
