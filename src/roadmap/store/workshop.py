"""Repository functions of workshop sessions: sessions, joining, votes, timer, capture, results.

Each takes ``session`` keyword-only and is one unit of work inside the caller's
``store.write()`` or ``store.read()``. Every write that other windows should notice ends with
:func:`_bump`, which raises the session's ``revision``; it comes last so that locks are always
taken in the same order (participant, round, session) and two writers never wait on each other.

A vote checks the budget and writes in one transaction. On SQLite ``BEGIN IMMEDIATE`` already
serialises writers; on PostgreSQL the participant's row is locked ``FOR UPDATE`` (two windows of
the same participant take turns) and the round's row ``FOR SHARE`` (locking a round waits for
votes in flight, and no vote lands after it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from roadmap.model import tables as t
from roadmap.model.workshop_tables import (
    WorkshopNote,
    WorkshopParticipant,
    WorkshopRound,
    WorkshopSession,
    WorkshopVote,
)
from roadmap.store.repo import NotFoundError
from roadmap.workshop.agenda import parse_capture
from roadmap.workshop.rules import (
    Refused,
    Rules,
    VoteRefused,
    name_key,
    new_code,
    normal_code,
    normal_name,
)
from roadmap.workshop.tally import ItemResult, Vote, criterion_values, tally
from roadmap.workshop.timer import Timer
from roadmap.workshop.words import LANGS, Refusal, Words, lang_or_default, translated

ROUND_STATES = ("open", "locked", "revealed")
CLOSED_STATUSES = ("done", "dropped")
"""Items in these states are not voted on."""
WORKSHOP_CRITERION = "workshop"
"""Key of the workshop criterion created when a plan has none."""


class JoinRefused(Refusal, LookupError):
    """A join code that no session has, or a name that cannot be used."""


class WrongCode(JoinRefused):
    """No workshop has the code typed."""


# Sessions -----------------------------------------------------------------------------------


def find_session(*, session: Session, plan_id: int, name: str | None = None) -> WorkshopSession:
    """Workshop ``name`` of the plan, or its latest one when ``name`` is None."""
    query = select(WorkshopSession).where(WorkshopSession.plan_id == plan_id)
    if name is not None:
        query = query.where(WorkshopSession.name == name)
    found = session.exec(query.order_by(WorkshopSession.id.desc())).first()
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
            _bump(session, row.id)
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


def _bump(session: Session, session_id: int) -> None:
    """Tell every window that the workshop changed; always the last statement of a write."""
    session.execute(
        update(WorkshopSession)
        .where(WorkshopSession.id == session_id)
        .values(revision=WorkshopSession.revision + 1, updated_at=t.utcnow())
    )


def set_step(*, session: Session, session_id: int, step: int) -> WorkshopSession:
    """Move to agenda step ``step`` (clamped to the agenda); its countdown starts afresh."""
    row = get_session(session=session, session_id=session_id)
    row.step = max(0, min(step, len(row.agenda) - 1))
    row.timer_deadline = row.timer_remaining = None
    session.add(row)
    session.flush()
    _bump(session, session_id)
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
    _bump(session, session_id)
    return timer


# Participants -------------------------------------------------------------------------------


def session_by_code(*, session: Session, code: str) -> WorkshopSession:
    row = session.exec(select(WorkshopSession).where(WorkshopSession.code == normal_code(code)))
    found = row.first()
    if found is None:
        raise WrongCode("no_code")
    return found


def join(*, session: Session, code: str, name: str) -> WorkshopParticipant:
    """Join the workshop with ``code`` as ``name``; the same name joins as the same person.

    Names match regardless of case and spaces ("Anna" rejoins as " anna "); the participant
    keeps the name as first typed.
    """
    name = normal_name(name)
    if not name or len(name) > 80:
        raise JoinRefused("name_needed")
    workshop = session_by_code(session=session, code=code)
    key = name_key(name)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    now = t.utcnow()
    added = session.execute(
        dialect.insert(WorkshopParticipant)
        .values(session_id=workshop.id, name=name, name_key=key, created_at=now, updated_at=now)
        .on_conflict_do_nothing(index_elements=["session_id", "name_key"])
        .returning(WorkshopParticipant.id)
    ).first()
    participant = session.exec(
        select(WorkshopParticipant).where(
            WorkshopParticipant.session_id == workshop.id, WorkshopParticipant.name_key == key
        )
    ).one()
    if added is not None:
        _bump(session, workshop.id)  # the projector counts who joined
    return participant


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
        keys = set(session.exec(select(t.Item.key).where(t.Item.plan_id == row.plan_id)))
        n = 1
        while f"W{n}" in keys:
            n += 1
        session.add(t.Item(plan_id=row.plan_id, key=f"W{n}", title=body, tags=["workshop"]))
        note.item_key = f"W{n}"
    session.add(note)
    session.flush()
    _bump(session, session_id)
    return note


def notes(*, session: Session, session_id: int) -> list[WorkshopNote]:
    return list(
        session.exec(
            select(WorkshopNote)
            .where(WorkshopNote.session_id == session_id)
            .order_by(WorkshopNote.id)
        )
    )


# Rounds -------------------------------------------------------------------------------------


def votable_items(*, session: Session, plan_id: int, text: str = "") -> list[str]:
    """Keys of the plan's open items whose key, title or tags contain ``text``."""
    rows = session.exec(
        select(t.Item.key, t.Item.title, t.Item.tags)
        .where(t.Item.plan_id == plan_id, t.Item.status.not_in(CLOSED_STATUSES))
        .order_by(t.Item.id)
    )
    needle = text.strip().lower()
    return [
        key
        for key, title, tags in rows
        if not needle or needle in f"{key} {title} {' '.join(tags)}".lower()
    ]


def scoring_criteria(*, session: Session, plan_id: int) -> list[t.Criterion]:
    """The plan's criteria that people score (weighted, and not the workshop's own)."""
    return list(
        session.exec(
            select(t.Criterion)
            .where(t.Criterion.plan_id == plan_id, ~t.Criterion.workshop, t.Criterion.weight > 0)
            .order_by(t.Criterion.position, t.Criterion.key)
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
) -> WorkshopRound:
    """Open a round over the open items matching ``filter_text``; earlier open rounds lock."""
    workshop = get_session(session=session, session_id=session_id)
    items = votable_items(session=session, plan_id=workshop.plan_id, text=filter_text)
    if not items:
        raise Refused("no_items_match", text=filter_text)
    criteria = ()
    if method == "score":
        criteria = [c.key for c in scoring_criteria(session=session, plan_id=workshop.plan_id)]
    rules = Rules.of(method, budget=budget, per_item=per_item, items=items, criteria=criteria)
    session.execute(
        update(WorkshopRound)
        .where(WorkshopRound.session_id == session_id, WorkshopRound.state == "open")
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
    _bump(session, session_id)
    return row


def rounds(*, session: Session, session_id: int) -> list[WorkshopRound]:
    return list(
        session.exec(
            select(WorkshopRound)
            .where(WorkshopRound.session_id == session_id)
            .order_by(WorkshopRound.number)
        )
    )


def current_round(*, session: Session, session_id: int) -> WorkshopRound | None:
    """The latest round, or None before the first."""
    return session.exec(
        select(WorkshopRound)
        .where(WorkshopRound.session_id == session_id)
        .order_by(WorkshopRound.number.desc())
    ).first()


def rules_of(row: WorkshopRound) -> Rules:
    return Rules(row.method, row.budget, row.per_item, tuple(row.items), tuple(row.criteria))


def set_round_state(*, session: Session, round_id: int, state: str) -> WorkshopRound:
    """Lock a round, reveal its results, or reopen it (``open``) for more votes."""
    if state not in ROUND_STATES:
        raise ValueError(f"unknown round state {state!r}")
    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    row.state = state
    session.add(row)
    session.flush()
    _bump(session, row.session_id)
    return row


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
    row = session.exec(
        select(WorkshopRound).where(WorkshopRound.id == round_id).with_for_update(read=True)
    ).first()
    if participant is None or row is None or participant.session_id != row.session_id:
        raise VoteRefused("not_your_round")
    if row.state != "open":
        raise VoteRefused("round_closed")
    mine = allocation(session=session, round_id=round_id, participant_id=participant_id)
    new = value if value is not None else mine.get((item_key, criterion), 0) + delta
    rules_of(row).check(mine, item_key, criterion, new)
    where = (
        WorkshopVote.round_id == round_id,
        WorkshopVote.participant_id == participant_id,
        WorkshopVote.item_key == item_key,
        WorkshopVote.criterion == criterion,
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
    _bump(session, row.session_id)
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
        tuple(row)
        for row in session.exec(
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
            t.Item.plan_id == plan_id, t.Item.key.in_(keys)
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
            t.Criterion.plan_id == plan_id, t.Criterion.key.in_(keys)
        )
    )
    return {key: translated(name, i18n, lang, "name") for key, name, i18n in rows}


# Results into the plan ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Applied:
    """What :func:`apply_results` wrote."""

    criterion: str
    created: bool
    values: dict[str, float]


def workshop_criterion(*, session: Session, plan_id: int) -> tuple[t.Criterion, bool]:
    """The plan's workshop criterion, created (weight 1, scale 1-5) when it has none.

    A new one is named in the plan's default language, with translations into the plan's
    other workshop languages.
    """
    found = session.exec(
        select(t.Criterion)
        .where(t.Criterion.plan_id == plan_id, t.Criterion.workshop)
        .order_by(t.Criterion.position, t.Criterion.id)
    ).first()
    if found is not None:
        return found, False
    keys = set(session.exec(select(t.Criterion.key).where(t.Criterion.plan_id == plan_id)))
    key, n = WORKSHOP_CRITERION, 2
    while key in keys:
        key, n = f"{WORKSHOP_CRITERION}-{n}", n + 1
    position = session.exec(
        select(func.coalesce(func.max(t.Criterion.position), -1)).where(
            t.Criterion.plan_id == plan_id
        )
    ).one()
    default, languages = session.exec(
        select(t.Plan.default_language, t.Plan.languages).where(t.Plan.id == plan_id)
    ).one()
    default = lang_or_default(default)
    others = {lang for lang in languages or () if lang in LANGS and lang != default}
    row = t.Criterion(
        plan_id=plan_id,
        key=key,
        name=Words(default)("workshop_criterion"),
        i18n={lang: {"name": Words(lang)("workshop_criterion")} for lang in sorted(others)},
        workshop=True,
        position=position + 1,
    )
    session.add(row)
    session.flush()
    return row, True


def apply_results(*, session: Session, round_id: int) -> Applied:
    """Write the round's results as the values of the plan's workshop criterion.

    Refused while the round is still open, so that no vote arrives after the values were taken.
    """
    from roadmap.store.edits import set_score

    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    if row.state == "open":
        raise Refused("lock_before_apply")
    workshop = get_session(session=session, session_id=row.session_id)
    criterion, created = workshop_criterion(session=session, plan_id=workshop.plan_id)
    values = criterion_values(row.method, round_results(session=session, round_id=round_id))
    existing = set(item_titles(session=session, plan_id=workshop.plan_id, keys=values))
    values = {key: value for key, value in values.items() if key in existing}
    for key, value in values.items():
        set_score(
            session=session,
            plan_id=workshop.plan_id,
            item_key=key,
            criterion_key=criterion.key,
            value=value,
        )
    row.applied = True
    session.add(row)
    session.flush()
    _bump(session, row.session_id)
    return Applied(criterion.key, created, values)


# What a window shows ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Live:
    """Everything a facilitator's or participant's window shows, read in one transaction."""

    workshop: WorkshopSession
    lang: str
    """The language the window speaks."""
    round: WorkshopRound | None
    voted: int
    participants: int
    titles: dict[str, str]
    """Titles of the current round's items, in ``lang`` where translated."""
    criteria: dict[str, str]
    """Names of the current round's criteria (scoring rounds), in ``lang`` where translated."""
    mine: dict[tuple[str, str], int]
    """The participant's allocation in the current round (empty for the facilitator)."""
    results: list[ItemResult] | None
    """The current round's results once revealed; None before."""
    notes: list[WorkshopNote]


def load_live(
    *,
    session: Session,
    session_id: int,
    participant_id: int | None = None,
    lang: str | None = None,
) -> Live:
    """What a window shows, in ``lang`` (None: the workshop's language)."""
    workshop = get_session(session=session, session_id=session_id)
    lang = lang or session_lang(session=session, workshop=workshop)
    row = current_round(session=session, session_id=session_id)
    voted, titles, criteria, mine, results = 0, {}, {}, {}, None
    if row is not None:
        voted = voted_count(session=session, round_id=row.id)
        titles = item_titles(session=session, plan_id=workshop.plan_id, keys=row.items, lang=lang)
        criteria = criterion_names(
            session=session, plan_id=workshop.plan_id, keys=row.criteria, lang=lang
        )
        if participant_id is not None:
            mine = allocation(session=session, round_id=row.id, participant_id=participant_id)
        if row.state == "revealed":
            results = round_results(session=session, round_id=row.id)
    return Live(
        workshop=workshop,
        lang=lang,
        round=row,
        voted=voted,
        participants=participant_count(session=session, session_id=session_id),
        titles=titles,
        criteria=criteria,
        mine=mine,
        results=results,
        notes=notes(session=session, session_id=session_id),
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """Results written into the plan, and how the roadmap moved because of them."""

    applied: Applied
    changes: tuple
    """:class:`roadmap.engine.baseline.Change` per item that moved or changed priority."""
    calendar: object
    """The plan's :class:`roadmap.model.periods.Calendar`, to name the periods."""


def apply_to_plan(store, round_id: int) -> Outcome:
    """Apply a round's results and compare the roadmap before and after.

    The plan is read before and after the scores are written within the same write
    transaction, so that the comparison shows what the results did and nothing that another
    window saved meanwhile: SQLite lets no other writer in until it ends, and on PostgreSQL it
    runs at REPEATABLE READ, so that both reads see the same snapshot (tried again when a
    concurrent edit of the same rows makes it fail). The roadmaps are sequenced after the
    transaction, so that the engine does not hold the write lock.
    """
    from sqlalchemy.exc import DBAPIError

    for attempt in range(3):
        try:
            return _apply_to_plan(store, round_id)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "40001" or attempt == 2:
                raise
    raise AssertionError("unreachable")


def _apply_to_plan(store, round_id: int) -> Outcome:
    from roadmap.engine.baseline import diff
    from roadmap.engine.sequence import sequence
    from roadmap.store.snapshot import load_snapshot

    with store.write() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        row = s.get(WorkshopRound, round_id)
        if row is None:
            raise NotFoundError(f"no round with id {round_id}")
        plan_id = get_session(session=s, session_id=row.session_id).plan_id
        before = load_snapshot(session=s, plan_id=plan_id)
        applied = apply_results(session=s, round_id=round_id)
        s.flush()
        after = load_snapshot(session=s, plan_id=plan_id)
    changes = diff(sequence(before), sequence(after), after.calendar)
    return Outcome(applied, changes, after.calendar)


# Minutes ------------------------------------------------------------------------------------


def minutes_record(*, session: Session, plan_slug: str | None, name: str | None):
    """Everything the minutes of workshop ``name`` say (see :mod:`roadmap.workshop.minutes`)."""
    from roadmap.store.repo import find_plan
    from roadmap.workshop.minutes import Minutes, RoundRecord

    plan = find_plan(session=session, slug=plan_slug)
    workshop = find_session(session=session, plan_id=plan.id, name=name)
    records = []
    keys: set[str] = set()
    for row in rounds(session=session, session_id=workshop.id):
        shown = row.state == "revealed" or row.applied
        results = round_results(session=session, round_id=row.id) if shown else None
        keys.update(row.items)
        records.append(
            RoundRecord(
                number=row.number,
                method=row.method,
                budget=row.budget,
                per_item=row.per_item,
                items=len(row.items),
                voted=voted_count(session=session, round_id=row.id),
                applied=row.applied,
                results=results,
            )
        )
    captured = notes(session=session, session_id=workshop.id)
    keys.update(n.item_key for n in captured if n.item_key)
    titles = {
        key: (title, i18n)
        for key, title, i18n in session.exec(
            select(t.Item.key, t.Item.title, t.Item.i18n).where(
                t.Item.plan_id == plan.id, t.Item.key.in_(keys)
            )
        )
    }
    return Minutes(
        plan=plan.name,
        plan_i18n=plan.i18n,
        name=workshop.name,
        held_on=workshop.held_on,
        agenda=[(s["key"], s.get("minutes", 0)) for s in workshop.agenda],
        participants=participant_count(session=session, session_id=workshop.id),
        notes=[(n.step, n.kind, n.text, n.item_key) for n in captured],
        rounds=records,
        titles=titles,
        lang=workshop.lang or plan.default_language,
    )
