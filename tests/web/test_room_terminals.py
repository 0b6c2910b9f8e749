"""Forty people voting at once in one round, on both backends: thirty-six phones on the web page
and four real ``roadmap join`` processes in real terminals (tmux), each giving dots it is known
to give. The facilitator's stored results add up to exactly what everyone gave, from forty
distinct participants. Skipped where tmux is not installed (``apt-get install -y tmux``)."""

from __future__ import annotations

import shlex
import threading
import uuid
from collections import Counter
from pathlib import Path

import pytest
from tests.terminals import keys, needs_tmux, start, stop, wait_for, wait_until
from tests.web.phone import Phone
from tests.workshop.plans import ITEMS, seed

from roadmap.store import workshop_people, workshop_results, workshop_rounds
from roadmap.store.db import Store

pytestmark = [needs_tmux, pytest.mark.slow]
BUDGET, PER_ITEM = 5, 3
PHONES = {
    f"Phone {n}": {item: (n + i) % 3 for i, item in enumerate(ITEMS) if (n + i) % 3}
    for n in range(36)
}
"""Each phone's dots per item: 3, 4 or 5 of the 5, at most 2 on one item."""
TERMINALS = {
    "Terminal 1": {"A": 2, "C": 1},
    "Terminal 2": {"B": 3},
    "Terminal 3": {"A": 1, "B": 1, "D": 2},
    "Terminal 4": {"C": 2, "D": 3},
}
"""Each terminal's dots, given by keys in the order of the items."""


def _phone(base: str, code: str, name: str, go: threading.Barrier, errors: list[str]) -> None:
    """Join, wait for everyone, then press + on each item as many times as the phone gives."""
    left = BUDGET
    try:
        with Phone(base) as phone:
            joined = phone.join(code, name)
            if joined.status_code != 303:
                raise AssertionError(f"joining answered {joined.status_code}: {joined.text}")
            go.wait()
            for item, dots in PHONES[name].items():
                for _ in range(dots):
                    left -= 1
                    page = phone.vote(item).text
                    if 'class="saved"' not in page or f"{left} of {BUDGET} dots left" not in page:
                        raise AssertionError(f"{item}, {left} left not shown:\n{page}")
    except Exception as exc:  # reported to the test, which fails on it
        errors.append(f"{name}: {type(exc).__name__}: {exc}")
        go.abort()


def _terminal(pane: str, name: str, go: threading.Barrier, errors: list[str]) -> None:
    """Wait for everyone, then give the terminal's dots by keys: Tab moves along the items'
    − and + buttons, Enter presses the one in focus; each dot is seen saved before the next."""
    left, at = BUDGET, -1
    try:
        go.wait()
        for item, dots in TERMINALS[name].items():
            place = ITEMS.index(item)
            keys(pane, *["Tab"] * (2 * (place - at)))
            at = place
            for _ in range(dots):
                left -= 1
                keys(pane, "Enter")
                wait_for(pane, f"{left} of {BUDGET} dots left")
    except Exception as exc:  # reported to the test, which fails on it
        errors.append(f"{name}: {type(exc).__name__}: {exc}")
        go.abort()


def test_forty_phones_and_terminals_vote_at_once(store: Store, serve, tmp_path: Path) -> None:
    _, session_id, code = seed(store)
    with store.write() as s:
        round_id = workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=BUDGET, per_item=PER_ITEM
        ).id
    url = serve(store, session_id)
    run = uuid.uuid4().hex[:8]
    panes = {f"room-{run}-{n}": name for n, name in enumerate(TERMINALS)}
    go = threading.Barrier(len(PHONES) + len(TERMINALS), timeout=180)
    errors: list[str] = []
    threads = [
        threading.Thread(target=_phone, args=(url, code, name, go, errors)) for name in PHONES
    ]
    try:
        for pane, name in panes.items():  # each with a config folder (a token) of its own
            start(pane, f"join {url} --code {code} --name {shlex.quote(name)}", tmp_path / pane)
        for thread in threads:
            thread.start()
        for pane in panes:
            wait_for(pane, f"{BUDGET} of {BUDGET} dots left", timeout=120)  # joined
        terminals = [
            threading.Thread(target=_terminal, args=(pane, name, go, errors))
            for pane, name in panes.items()
        ]
        threads += terminals
        for thread in terminals:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert not errors, "\n\n".join(errors)

        def everyone_voted() -> bool:
            with store.read() as s:
                return workshop_results.load_live(session=s, session_id=session_id).voted == 40

        wait_until("forty voters in the facilitator's view", everyone_voted)
    finally:
        go.abort()  # nobody waits for a voter that never came
        stop(*panes)
    given = {**PHONES, **TERMINALS}
    with store.read() as s:
        listed = workshop_people.people(session=s, session_id=session_id)
        mine = {
            p.name: workshop_rounds.allocation(session=s, round_id=round_id, participant_id=p.id)
            for p in listed
        }
        results = workshop_rounds.round_results(session=s, round_id=round_id)
    assert len({p.id for p in listed}) == len(listed) == 40
    assert mine == {
        name: {(item, ""): dots for item, dots in dots_of.items()}
        for name, dots_of in given.items()
    }
    totals = sum((Counter(dots_of) for dots_of in given.values()), Counter())
    assert {r.key: r.total for r in results} == {key: float(totals[key]) for key in ITEMS}
