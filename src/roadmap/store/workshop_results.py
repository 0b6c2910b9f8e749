"""Workshop results into the plan, what a window shows, and the record the minutes are made of.

A round's results become the values of the plan's workshop criterion through the item write
path (:func:`roadmap.store.item_write.apply_patches`), and :func:`apply_to_plan` shows how the
roadmap moved because of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.model import tables as t
from roadmap.model.periods import Calendar
from roadmap.model.workshop_tables import (
    WorkshopNote,
    WorkshopRound,
    WorkshopSession,
)
from roadmap.store.repo import NotFoundError
from roadmap.store.scores import all_scores
from roadmap.store.workshop_rounds import (
    CLOSED_STATUSES,
    allocation,
    criterion_names,
    current_round,
    item_titles,
    round_lock,
    round_results,
    rounds,
    voted_count,
)
from roadmap.store.workshop_sessions import (
    bump,
    find_session,
    get_session,
    notes,
    participant_count,
    participant_names,
    session_lang,
)
from roadmap.workshop.rules import Refused
from roadmap.workshop.tally import ItemResult, criterion_values
from roadmap.workshop.words import LANGS, lang_or_default

if TYPE_CHECKING:
    from roadmap.engine.baseline import Change

WORKSHOP_CRITERION = "workshop"
CRITERION_NAME = N_("Workshop priority")
"""The name of the workshop criterion, in each of the plan's languages."""
"""Key of the workshop criterion created when a plan has none."""


# Results into the plan ----------------------------------------------------------------------


MODES = ("round", "average", "replace")
"""How a round's results combine with earlier ones: a criterion of its own (the default), the
average with the workshop criterion's value, or in place of it."""


@dataclass(frozen=True, slots=True)
class Applied:
    """What :func:`apply_results` wrote."""

    criterion: str
    created: bool
    values: dict[str, float]
    """New values of the items someone voted on."""
    before: dict[str, float | None]
    """Their values on the criterion before (None: none)."""
    mode: str = "round"


def _new_criterion(
    *, session: Session, plan_id: int, key: str, name: Callable[[str], str]
) -> t.Criterion:
    """A new workshop criterion (weight 1, scale 1-5) keyed ``key`` (suffixed when taken),
    named ``name(lang)`` in the plan's default language and its other workshop languages."""
    keys = set(session.exec(select(t.Criterion.key).where(t.Criterion.plan_id == plan_id)))
    base, n = key, 2
    while key in keys:
        key, n = f"{base}-{n}", n + 1
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
        name=name(default),
        i18n={lang: {"name": name(lang)} for lang in sorted(others)},
        workshop=True,
        position=position + 1,
    )
    session.add(row)
    session.flush()
    return row


def workshop_criterion(*, session: Session, plan_id: int) -> tuple[t.Criterion, bool]:
    """The plan's workshop criterion, created (weight 1, scale 1-5) when it has none."""
    found = session.exec(
        select(t.Criterion)
        .where(col(t.Criterion.plan_id) == plan_id, col(t.Criterion.workshop))
        .order_by(col(t.Criterion.position), col(t.Criterion.id))
    ).first()
    if found is not None:
        return found, False
    name = lambda lang: Lang(lang)._(CRITERION_NAME)  # noqa: E731
    return _new_criterion(session=session, plan_id=plan_id, key=WORKSHOP_CRITERION, name=name), True


def _round_criterion(*, session: Session, workshop: WorkshopSession, number: int) -> t.Criterion:
    """A criterion of round ``number``'s own, named after the workshop and the round."""

    def name(lang: str) -> str:
        return Lang(lang)._("{workshop}, round {n}", workshop=workshop.name, n=number)

    return _new_criterion(
        session=session,
        plan_id=workshop.plan_id,
        key=f"{WORKSHOP_CRITERION}-r{number}",
        name=name,
    )


def _standing(*, session: Session, plan_id: int, without: int) -> dict[str, float]:
    """Each open item's mean over the plan's workshop criteria other than ``without``."""
    rows = session.exec(
        select(t.Item.key, t.ItemScore.value)
        .join(t.ItemScore, col(t.ItemScore.item_id) == col(t.Item.id))
        .join(t.Criterion, col(t.Criterion.id) == col(t.ItemScore.criterion_id))
        .where(
            col(t.Item.plan_id) == plan_id,
            col(t.Criterion.workshop),
            col(t.Criterion.id) != without,
            col(t.Item.status).not_in(CLOSED_STATUSES),
        )
    )
    found: dict[str, list[float]] = {}
    for key, value in rows:
        found.setdefault(key, []).append(value)
    return {key: round(fmean(values), 2) for key, values in found.items()}


def apply_results(*, session: Session, round_id: int, mode: str = "round") -> Applied:
    """Write the round's results into the plan, combined with earlier rounds by ``mode``.

    ``round`` (the default) gives the round a workshop criterion of its own, so that every
    round counts and a later one does not undo what an earlier one said; items nobody voted
    on get their standing from the earlier workshop criteria, so that they neither gain nor
    lose by being left out. ``average`` sets the workshop criterion to the mean of its value
    and the round's; ``replace`` overwrites it. Items nobody voted on keep their value. What
    was written and what it replaced is kept on the round for :func:`undo_apply`.

    Refused while the round is still open (no vote may arrive after the values were taken) and
    when it was applied already.
    """
    from roadmap.store.item_write import ItemWrite, update_items

    if mode not in MODES:
        raise ValueError(f"unknown way to combine rounds {mode!r} (use {', '.join(MODES)})")
    round_lock(session, round_id, shared=False)
    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    if row.state == "open":
        raise Refused(N_("lock the round before its results go into the plan"))
    if row.applied:
        raise Refused(N_("Round {n} is in the plan already; undo it first."), n=row.number)
    workshop = get_session(session=session, session_id=row.session_id)
    plan_id = workshop.plan_id
    if mode == "round":
        criterion, created = (
            _round_criterion(session=session, workshop=workshop, number=row.number),
            True,
        )
    else:
        criterion, created = workshop_criterion(session=session, plan_id=plan_id)
    values = criterion_values(row.method, round_results(session=session, round_id=round_id))
    existing = set(item_titles(session=session, plan_id=plan_id, keys=values))
    values = {key: value for key, value in values.items() if key in existing}
    assert criterion.id is not None  # stored, flushed
    if mode == "round":
        standing = _standing(session=session, plan_id=plan_id, without=criterion.id)
        values = {**{k: v for k, v in standing.items() if k not in values}, **values}
    current = all_scores(session=session, plan_id=plan_id)
    before = {key: current.get(key, {}).get(criterion.key) for key in values}
    if mode == "average":
        values = {
            key: value if (old := before[key]) is None else round((old + value) / 2, 2)
            for key, value in values.items()
        }
    update_items(
        session=session,
        plan_id=plan_id,
        writes=[
            ItemWrite(key, {"scores": {criterion.key: value}}) for key, value in values.items()
        ],
    )
    row.applied = True
    row.applied_record = {
        "mode": mode,
        "criterion": criterion.key,
        "created": created,
        "before": before,
        "values": values,
    }
    session.add(row)
    session.flush()
    bump(session, row.session_id)
    return Applied(criterion.key, created, values, before, mode)


def undo_apply(*, session: Session, round_id: int) -> Applied:
    """Take a round's results back out of the plan: the values it replaced return, and a
    criterion it created goes."""
    from roadmap.store.item_write import ItemWrite, update_items

    round_lock(session, round_id, shared=False)
    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    record = row.applied_record
    if not row.applied or not record:
        raise Refused(N_("Round {n} is not in the plan."), n=row.number)
    plan_id = get_session(session=session, session_id=row.session_id).plan_id
    key = record["criterion"]
    if record["created"]:
        criterion = session.exec(
            select(t.Criterion).where(t.Criterion.plan_id == plan_id, t.Criterion.key == key)
        ).first()
        if criterion is not None:
            writes = [ItemWrite(item_key, {"scores": {key: None}}) for item_key in record["values"]]
            update_items(session=session, plan_id=plan_id, writes=writes)
            session.execute(
                delete(t.ItemScore).where(col(t.ItemScore.criterion_id) == criterion.id)
            )
            session.delete(criterion)
    else:
        writes = [ItemWrite(k, {"scores": {key: value}}) for k, value in record["before"].items()]
        update_items(session=session, plan_id=plan_id, writes=writes)
    row.applied, row.applied_record = False, None
    session.add(row)
    session.flush()
    bump(session, row.session_id)
    return Applied(key, record["created"], record["before"], record["values"], record["mode"])


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
        assert row.id is not None  # a stored round
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
class Effect:
    """What applying a round does to one item: its criterion value, its score, its place."""

    key: str
    value_before: float | None
    value_after: float | None
    score_before: float | None
    score_after: float | None
    start_before: int | None
    """Start period before (None: not placed)."""
    start_after: int | None

    @property
    def move(self) -> str:
        """``earlier``, ``later`` or ``""``."""
        if self.start_before is None or self.start_after is None:
            return ""
        if self.start_after == self.start_before:
            return ""
        return "earlier" if self.start_after < self.start_before else "later"


@dataclass(frozen=True, slots=True)
class Outcome:
    """Results written into the plan (or that would be), and how the roadmap moves."""

    applied: Applied
    changes: tuple[Change, ...]
    """Per item that moved or changed priority."""
    calendar: Calendar
    """The plan's calendar, to name the periods."""
    effects: tuple[Effect, ...] = ()
    """Each item whose value, score or place changes, the moved ones first."""
    kept: bool = True
    """False for a preview: nothing was written."""


def apply_to_plan(store, round_id: int, mode: str = "round", *, keep: bool = True) -> Outcome:
    """Apply a round's results and compare the roadmap before and after; ``keep=False``
    previews it: the same work in a transaction that is rolled back.

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
            return _apply_to_plan(store, round_id, mode, keep)
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) != "40001" or attempt == 2:
                raise
    raise AssertionError("unreachable")


class _Preview(Exception):
    """Rolls a preview's transaction back, carrying what it read."""


def _apply_to_plan(store, round_id: int, mode: str, keep: bool) -> Outcome:
    from roadmap.engine.baseline import diff
    from roadmap.engine.sequence import sequence
    from roadmap.store.snapshot import load_snapshot

    try:
        with store.write() as s:
            if s.get_bind().dialect.name == "postgresql":
                s.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            row = s.get(WorkshopRound, round_id)
            if row is None:
                raise NotFoundError(f"no round with id {round_id}")
            plan_id = get_session(session=s, session_id=row.session_id).plan_id
            before = load_snapshot(session=s, plan_id=plan_id)
            applied = apply_results(session=s, round_id=round_id, mode=mode)
            s.flush()
            after = load_snapshot(session=s, plan_id=plan_id)
            if not keep:
                raise _Preview(before, applied, after)
    except _Preview as preview:
        before, applied, after = preview.args
    old, new = sequence(before), sequence(after)
    changes = diff(old, new)
    effects = _effects(applied, old, new)
    if keep:  # the minutes say which items moved, from where to where
        label = after.calendar.label
        moves = [
            [e.key, label(e.start_before), label(e.start_after)]
            for e in effects
            if e.move and e.start_before is not None and e.start_after is not None
        ]
        with store.write() as s:
            row = s.get(WorkshopRound, round_id)
            if row is not None and row.applied_record:
                row.applied_record = {**row.applied_record, "moves": moves}
                s.add(row)
    return Outcome(applied, changes, after.calendar, effects, keep)


def _effects(applied: Applied, old, new) -> tuple[Effect, ...]:
    def score(roadmap, key):
        found = roadmap.scores.get(key)
        return None if found is None else round(found.score, 1)

    def start(roadmap, key):
        found = roadmap.placements.get(key)
        return None if found is None else found.start

    keys = dict.fromkeys([*applied.values, *old.placements, *new.placements])
    found = []
    for key in keys:
        effect = Effect(
            key,
            applied.before.get(key),
            applied.values.get(key),
            score(old, key),
            score(new, key),
            start(old, key),
            start(new, key),
        )
        changed = effect.value_before != effect.value_after and key in applied.values
        if changed or effect.move or effect.score_before != effect.score_after:
            found.append(effect)
    found.sort(key=lambda e: (not e.move, -(e.score_after or 0), e.key))
    return tuple(found)


# Minutes ------------------------------------------------------------------------------------


def minutes_record(*, session: Session, plan_slug: str | None, name: str | None):
    """Everything the minutes of workshop ``name`` say (see :mod:`roadmap.workshop.minutes`).

    They list who took part by name only when the plan's ``personal_names`` setting allows
    documents to name people, as every other document of the plan decides."""
    from roadmap.store.records import read_settings
    from roadmap.store.repo import find_plan
    from roadmap.workshop.minutes import Minutes, RoundRecord

    plan = find_plan(session=session, slug=plan_slug)
    assert plan.id is not None  # a stored plan
    names = read_settings(session, plan.id)["personal_names"]
    workshop = find_session(session=session, plan_id=plan.id, name=name)
    assert workshop.id is not None  # a stored session
    records = []
    keys: set[str] = set()
    criteria = {
        key: (name, i18n)
        for key, name, i18n in session.exec(
            select(t.Criterion.key, t.Criterion.name, t.Criterion.i18n).where(
                t.Criterion.plan_id == plan.id
            )
        )
    }
    for row in rounds(session=session, session_id=workshop.id):
        assert row.id is not None  # a stored round
        shown = row.state == "revealed" or row.applied
        results = round_results(session=session, round_id=row.id) if shown else None
        keys.update(row.items)
        keys.update(m[0] for m in (row.applied_record or {}).get("moves", []))
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
                criteria=[criteria.get(c, (c, {})) for c in row.criteria],
                written_to=(row.applied_record or {}).get("criterion"),
                moves=[tuple(m) for m in (row.applied_record or {}).get("moves", [])],
            )
        )
    captured = notes(session=session, session_id=workshop.id)
    keys.update(n.item_key for n in captured if n.item_key)
    titles = {
        key: (title, i18n)
        for key, title, i18n in session.exec(
            select(t.Item.key, t.Item.title, t.Item.i18n).where(
                col(t.Item.plan_id) == plan.id, col(t.Item.key).in_(keys)
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
        names=participant_names(session=session, session_id=workshop.id) if names else None,
        notes=[(n.step, n.kind, n.text, n.item_key) for n in captured],
        rounds=records,
        titles=titles,
        lang=workshop.lang or plan.default_language,
        calendar=Calendar(plan.start_date, plan.period_unit),
    )


# What a window shows, over the network -------------------------------------------------------


def live_to_data(live: Live) -> dict:
    """``live`` as JSON-able data for a participant's window that reads it from the server
    (only what a participant's window shows: their own allocation, no one else's)."""
    w, r = live.workshop, live.round
    return {
        "workshop": {
            "id": w.id,
            "name": w.name,
            "code": w.code,
            "agenda": w.agenda,
            "step": w.step,
            "deadline": None if w.timer_deadline is None else w.timer_deadline.isoformat(),
            "remaining": w.timer_remaining,
            "lang": w.lang,
        },
        "lang": live.lang,
        "round": None
        if r is None
        else {
            "id": r.id,
            "number": r.number,
            "method": r.method,
            "budget": r.budget,
            "per_item": r.per_item,
            "items": r.items,
            "criteria": r.criteria,
            "state": r.state,
            "applied": r.applied,
        },
        "voted": live.voted,
        "participants": live.participants,
        "titles": live.titles,
        "criteria": live.criteria,
        "mine": [[item, criterion, value] for (item, criterion), value in live.mine.items()],
        "results": None
        if live.results is None
        else [
            {
                "key": x.key,
                "rank": x.rank,
                "total": x.total,
                "voters": x.voters,
                "spread": x.spread,
                "contested": x.contested,
                "low": x.low,
                "high": x.high,
                "by_criterion": [list(pair) for pair in x.by_criterion],
            }
            for x in live.results
        ],
    }


def live_from_data(data: dict) -> Live:
    """The :class:`Live` that :func:`live_to_data` described."""
    from datetime import date, datetime

    w = data["workshop"]
    deadline = datetime.fromisoformat(w["deadline"]) if w["deadline"] else None
    workshop = WorkshopSession(
        id=w["id"],
        plan_id=0,
        name=w["name"],
        code=w["code"],
        held_on=date.today(),
        agenda=w["agenda"],
        step=w["step"],
        timer_deadline=deadline,
        timer_remaining=w["remaining"],
        lang=w["lang"],
    )
    r = data["round"]
    rnd = None if r is None else WorkshopRound(session_id=w["id"], **r)
    results = None
    if data["results"] is not None:
        results = [
            ItemResult(**{**x, "by_criterion": tuple(tuple(p) for p in x["by_criterion"])})
            for x in data["results"]
        ]
    return Live(
        workshop=workshop,
        lang=data["lang"],
        round=rnd,
        voted=data["voted"],
        participants=data["participants"],
        titles=data["titles"],
        criteria=data["criteria"],
        mine={(item, criterion): value for item, criterion, value in data["mine"]},
        results=results,
        notes=[],
    )
