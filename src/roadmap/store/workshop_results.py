"""Workshop results into the plan, what a window shows, and the record the minutes are made of.

A round's results become the values of the plan's workshop criterion through the item write
path (:func:`roadmap.store.item_write.apply_patches`), and :func:`apply_to_plan` shows how the
roadmap moved because of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.model import tables as t
from roadmap.model.workshop_tables import (
    WorkshopNote,
    WorkshopRound,
    WorkshopSession,
)
from roadmap.store.repo import NotFoundError
from roadmap.store.workshop_rounds import (
    allocation,
    criterion_names,
    current_round,
    item_titles,
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
    session_lang,
)
from roadmap.workshop.rules import (
    Refused,
)
from roadmap.workshop.tally import ItemResult, criterion_values
from roadmap.workshop.words import LANGS, lang_or_default

WORKSHOP_CRITERION = "workshop"
CRITERION_NAME = N_("Workshop priority")
"""The name of the workshop criterion, in each of the plan's languages."""
"""Key of the workshop criterion created when a plan has none."""


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
        name=Lang(default)._(CRITERION_NAME),
        i18n={lang: {"name": Lang(lang)._(CRITERION_NAME)} for lang in sorted(others)},
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
    from roadmap.store.scores import set_score

    row = session.get(WorkshopRound, round_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no round with id {round_id}")
    if row.state == "open":
        raise Refused(N_("lock the round before its results go into the plan"))
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
    bump(session, row.session_id)
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
