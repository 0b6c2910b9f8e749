"""The engine as the app uses it: a roadmap for the open plan, and what moved since the last one.

:class:`Planner` keeps the engine's :class:`~roadmap.engine.sequence.Sequencer` between runs,
so that a changed score re-sequences only what it moves. It runs in the app's worker threads,
one at a time: a new worker starts while an earlier one may still be running, so a lock keeps
them from changing the sequencer together.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from roadmap.store.db import Store

if TYPE_CHECKING:  # The engine's modules load with its first run, after the first screen.
    from roadmap.engine.explanations import Explanation
    from roadmap.engine.result import Roadmap

MOVES_SHOWN = 3
"""At most this many "moved" toasts; the rest are counted in one more."""


class Planner:
    """Sequences one plan, from the database or after one item's change."""

    def __init__(self, store: Store, plan_id: int) -> None:
        self.store, self.plan_id = store, plan_id
        self._sequencer = None
        self._lock = threading.Lock()
        self._links: tuple[Any, Any] | None = None
        """The dependencies of the last explained snapshot and their links."""

    @property
    def snapshot(self):
        """The :class:`~roadmap.engine.inputs.Snapshot` last sequenced, or None."""
        return None if self._sequencer is None else self._sequencer.snapshot

    def full(self) -> Roadmap:
        """Read the plan and sequence it from scratch."""
        from roadmap.engine.sequence import Sequencer
        from roadmap.store.snapshot import load_snapshot

        with self._lock:
            with self.store.read() as session:
                snapshot = load_snapshot(session=session, plan_id=self.plan_id)
            self._sequencer = Sequencer(snapshot)
            return self._sequencer.roadmap()

    def prepare(self) -> None:
        """Make ready for a fast first re-sequencing (idle time after :meth:`full`)."""
        with self._lock:
            if self._sequencer is not None:
                self._sequencer.prepare()

    def explain(self, roadmap: Roadmap, key: str) -> Explanation | None:
        """The engine's explanation of item ``key`` in ``roadmap``; None before the first run
        or for a key the plan no longer has. The links between items that it walks are kept
        while the dependencies stay the same (a score change keeps them)."""
        from roadmap.engine.explanations import explain
        from roadmap.engine.graph import Links

        snapshot = self.snapshot
        if snapshot is None:
            return None
        deps = snapshot.dependencies
        if self._links is None or self._links[0] is not deps:
            self._links = (deps, Links(deps))
        try:
            return explain(snapshot, roadmap, key, self._links[1])
        except KeyError:
            return None

    def scores_changed(self, key: str, scores: dict[str, float]) -> Roadmap:
        """Re-sequence after item ``key`` got new ``scores`` (the fast path of the engine)."""
        with self._lock:
            item = None if self._sequencer is None else self._sequencer.item(key)
            if item is not None:
                return self._sequencer.update_item(item._replace(scores=scores))
        return self.full()


def moves(old: Roadmap, new: Roadmap, label: Callable[[int], str]) -> Iterator[str]:
    """Sentences naming the items whose start period changed between ``old`` and ``new``."""
    moved = []
    keys = new.changed_since(old)  # after a re-sequencing of ``old``: only what it changed
    places = new.placements
    for key in places if keys is None else keys:
        place, before = places.get(key), old.placements.get(key)
        if place is not None and before is not None and before.start != place.start:
            moved.append(f"{key} moved from {label(before.start)} to {label(place.start)}")
    moved.sort()
    yield from moved[:MOVES_SHOWN]
    if len(moved) > MOVES_SHOWN:
        yield f"{len(moved) - MOVES_SHOWN} more items moved"
