"""Forty people voting at once through one server, on both backends: thirty-six phones (the
web page's forms) and four terminal participants (the API ``roadmap join URL`` uses), each
trying more dots than the budget; the totals come out exact."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlmodel import func, select
from tests.web.phone import Phone
from tests.workshop.plans import ITEMS, seed

from roadmap.model.workshop_tables import WorkshopVote
from roadmap.store import workshop_rounds
from roadmap.store.db import Store
from roadmap.tui.workshop.remote import Remote, RemoteRefusal

PHONES, TERMINALS, BUDGET, TRIES = 36, 4, 5, 7


def _phone(base: str, code: str, n: int, start: threading.Barrier, given: Counter, errors: list):
    with Phone(base) as phone:
        phone.join(code, f"Phone {n}")
        start.wait()
        for i in range(TRIES):
            item = ITEMS[(n + i) % len(ITEMS)]
            answer = phone.vote(item)
            if answer.status_code != 200:
                errors.append(f"{answer.status_code}: {answer.text[:200]}")
            elif 'class="saved"' in answer.text:
                given[item] += 1


def _terminal(base: str, code: str, n: int, start: threading.Barrier, given: Counter, errors):
    remote = Remote(base)
    remote.join(code, f"Terminal {n}", None, "en")
    start.wait()
    for i in range(TRIES):
        item = ITEMS[(n + i) % len(ITEMS)]
        try:
            remote.vote(item, "", None, 1, "en")
        except RemoteRefusal:
            continue
        except OSError as exc:
            errors.append(repr(exc))
            continue
        given[item] += 1


@pytest.mark.slow
def test_forty_voters_through_one_server(store: Store, serve) -> None:
    _, session_id, code = seed(store)
    with store.write() as s:
        round_id = workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=BUDGET, per_item=BUDGET
        ).id
    base = serve(store, session_id)
    start = threading.Barrier(PHONES + TERMINALS)
    given: Counter[str] = Counter()
    errors: list[str] = []
    threads = [
        threading.Thread(target=_phone, args=(base, code, n, start, given, errors))
        for n in range(PHONES)
    ] + [
        threading.Thread(target=_terminal, args=(base, code, n, start, given, errors))
        for n in range(TERMINALS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert errors == []
    with store.read() as s:
        spent = s.exec(
            select(func.sum(WorkshopVote.value)).group_by(WorkshopVote.participant_id)
        ).all()
        results = {
            r.key: r.total for r in workshop_rounds.round_results(session=s, round_id=round_id)
        }
    assert sorted(spent) == [BUDGET] * (PHONES + TERMINALS)
    assert results == {key: float(given[key]) for key in ITEMS}
