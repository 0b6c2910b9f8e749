"""Real ``roadmap join`` processes in real terminals (tmux) voting through a served workshop.

Three people join by the address and the code, two of them under the same name, and each gives a
dot by keyboard; the facilitator's own reading of the workshop counts them apart. Skipped where
tmux is not installed (``apt-get install -y tmux``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.terminals import keys, needs_tmux, start, stop, wait_for, wait_until
from tests.workshop.plans import seed

from roadmap.store import workshop_people, workshop_results, workshop_rounds
from roadmap.store.db import Store

pytestmark = needs_tmux


def test_join_processes_vote_apart_even_under_one_name(
    sqlite_store: Store, serve, tmp_path: Path
) -> None:
    store = sqlite_store
    _, session_id, code = seed(store)
    with store.write() as s:
        workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=3, per_item=3
        )
    url = serve(store, session_id)
    run = uuid.uuid4().hex[:8]
    # Each person has a terminal and a config folder of their own (where the token is kept).
    people = {f"anna1-{run}": "Anna", f"anna2-{run}": "Anna", f"bo-{run}": "Bo"}
    try:
        for pane, name in people.items():
            start(pane, f"join {url} --code {code} --name {name}", tmp_path / pane)
            wait_for(pane, "3 of 3 dots left")  # joined: the next one joins after
        # Anna (the first) gives a dot to A; the other Anna two to B; Bo one to A.
        presses = {f"anna1-{run}": ["Tab", "Tab"], f"anna2-{run}": ["Tab"] * 4,
                   f"bo-{run}": ["Tab", "Tab"]}  # fmt: skip
        times = {f"anna1-{run}": 1, f"anna2-{run}": 2, f"bo-{run}": 1}
        for pane in people:
            keys(pane, *presses[pane])
            for given in range(1, times[pane] + 1):
                keys(pane, "Enter")
                wait_for(pane, f"{3 - given} of 3 dots left")

        def everyone_voted():
            with store.read() as s:
                live = workshop_results.load_live(session=s, session_id=session_id)
                return live if live.voted == 3 else None

        live = wait_until("three votes in the facilitator's view", everyone_voted)
        with store.read() as s:
            listed = workshop_people.people(session=s, session_id=session_id)
            mine = {
                p.name: workshop_rounds.allocation(
                    session=s, round_id=live.round.id, participant_id=p.id
                )
                for p in listed
            }
        assert [p.name for p in listed] == ["Anna", "Anna (2)", "Bo"]
        assert [p.left for p in listed] == [2, 1, 2]
        assert mine == {"Anna": {("A", ""): 1}, "Anna (2)": {("B", ""): 2}, "Bo": {("A", ""): 1}}
    finally:
        stop(*people)
