"""One participant with two windows voting at once, in a process of its own (the load test).

Both windows add a dot at a time along their own list of items, so that together they try to
spend more than the budget; each success is counted, and the counts per item are put on the
queue with any errors. Processes are forked from the test, which has imported everything
already, so that forty of them start in well under a second.
"""

from __future__ import annotations

import threading
from collections import Counter
from multiprocessing import Queue

from roadmap.store import workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.workshop.rules import VoteRefused

WINDOWS = (("A", "A", "A", "A", "B", "C"), ("A", "B", "B", "B", "B", "D"))
"""The items each window adds a dot to, in order: 12 dots tried against a budget of 5."""


def vote(url: str, code: str, name: str, round_id: int, out: Queue) -> None:
    store = Store(url)
    with store.write() as s:
        me = workshop_sessions.join(session=s, code=code, name=name)[0].id
    given: Counter[str] = Counter()
    errors: list[str] = []
    start = threading.Barrier(len(WINDOWS))

    def window(items: tuple[str, ...]) -> None:
        start.wait()
        for item in items:
            try:
                with store.write() as s:
                    workshop_rounds.cast_vote(
                        session=s, round_id=round_id, participant_id=me, item_key=item, delta=1
                    )
            except VoteRefused:
                continue
            except Exception as exc:  # reported to the test, which fails on it
                errors.append(repr(exc))
                continue
            given[item] += 1

    threads = [threading.Thread(target=window, args=(items,)) for items in WINDOWS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    out.put((dict(given), errors))
