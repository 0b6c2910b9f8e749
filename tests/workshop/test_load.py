"""Forty participants voting at once, each from two windows: no vote lost or doubled, no budget
exceeded, on SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlmodel import func, select

from roadmap.model.workshop_tables import WorkshopParticipant, WorkshopVote
from roadmap.store import workshop_rounds
from roadmap.store.db import Store

from .plans import seed
from .voter import vote

VOTERS = 40
BUDGET, PER_ITEM = 5, 3


@pytest.mark.slow
def test_forty_participants_vote_at_once(store: Store) -> None:
    _, session_id, code = seed(store)
    with store.write() as s:
        round_id = workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=BUDGET, per_item=PER_ITEM
        ).id
    store.engine.dispose()  # children must not share the parent's connections
    fork = multiprocessing.get_context("fork")
    out = fork.Queue()
    procs = [
        fork.Process(target=vote, args=(store.url, code, f"P{n}", round_id, out))
        for n in range(VOTERS)
    ]
    for proc in procs:
        proc.start()
    reported: Counter[str] = Counter()
    errors: list[str] = []
    for _ in procs:
        given, failed = out.get(timeout=300)
        reported.update(given)
        errors.extend(failed)
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    assert errors == []
    with store.read() as s:
        spent = s.exec(
            select(WorkshopVote.participant_id, func.sum(WorkshopVote.value)).group_by(
                WorkshopVote.participant_id
            )
        ).all()
        most = s.exec(select(func.max(WorkshopVote.value))).one()
        people = s.exec(select(func.count()).select_from(WorkshopParticipant)).one()
        results = {
            r.key: r.total for r in workshop_rounds.round_results(session=s, round_id=round_id)
        }
        voted = workshop_rounds.voted_count(session=s, round_id=round_id)
    assert people == voted == len(spent) == VOTERS
    assert sorted(total for _, total in spent) == [BUDGET] * VOTERS
    assert most <= PER_ITEM
    assert results == {key: float(reported.get(key, 0)) for key in results}
    assert sum(results.values()) == VOTERS * BUDGET
