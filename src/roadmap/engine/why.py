"""Why each item starts where it does, and ranks as it does, as one scheduling run decided it.

A :class:`Why` keeps the lists of one run and words an item's reasons when asked; a
:class:`Raised` words the notes of an item whose rank owes to others. A full run hands them
to every placement and score as a :class:`~roadmap.engine.records.Deferred`, so that the
sentences of 100,000 items are worded only for the items someone reads: the lists they keep
are never changed after the run (the sequencer copies the few it changes in place). A re-run
asks at once for the few items it changed, while the sequencer's record of who uses each
period, which the next run changes, still holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from roadmap.engine.numbered import Numbered
from roadmap.engine.reasons import Wording
from roadmap.engine.result import Reason
from roadmap.engine.scoring import Breakdown

Cell = tuple[int, int]
"""``(team, period)``."""


class Why:
    """The reasons of the items of one run, by item index."""

    __slots__ = ("_named", "_users", "end", "load", "place", "plan", "ready", "say", "skipped",
                 "start")  # fmt: skip

    def __init__(
        self, say: Wording, plan: Numbered, sched, users: Mapping[Cell, Iterable[int]] | None
    ) -> None:
        """``sched`` is the run's schedule; ``users`` the items that use each period, or None
        to find them from the schedule when first needed."""
        self.say, self.plan = say, plan
        self.start, self.end, self.ready = sched.start, sched.end, sched.ready
        self.skipped, self.load, self.place = sched.skipped, sched.load, sched.place
        self._users = users
        self._named: dict[Cell, tuple[tuple[str, ...], list[str]]] = {}

    def __call__(self, i: int) -> tuple[Reason, ...]:
        """Why placed item ``i`` starts where it does."""
        say, plan, start = self.say, self.plan, self.start[i]
        pin = plan.pin[i]
        if pin >= 0:
            return (say.pinned(pin),)
        keys, end = plan.keys, self.end
        out: list[Reason] = []
        ready = self.ready[i]
        last = ready - 1
        if last >= 0:
            binding = [keys[b] for b in plan.hard[i] if end[b] == last]
            if binding:
                out.append(say.dependency(tuple(binding), last, False))
            soft = plan.soft[i]
            if soft:
                passed = self.skipped.get(i, ())
                binding = [keys[b] for b in soft if end[b] == last and b not in passed]
                if binding:
                    out.append(say.dependency(tuple(binding), last, True))
        if plan.earliest[i] == ready and ready > 0 and plan.items[i].earliest_start:
            out.append(say.earliest_start(plan.items[i].earliest_start))
        t = plan.team_of[i]
        if t < 0 and not plan.milestone[i]:
            out.append(say.no_team())
        elif start > ready:
            held, pins = self._holders((t, start - 1))
            out.append(say.capacity(plan.team_keys[t], ready, start - 1, held, pins))
        return tuple(out) if out else (say.start(start),)

    def _holders(self, cell: Cell) -> tuple[tuple[str, ...], list[str]]:
        """The keys of the items using ``cell``, highest rank first, and of those pinned."""
        named = self._named.get(cell)
        if named is None:
            if self._users is None:
                self._users = self._used_in(self._waited_for())
            keys, pin = self.plan.keys, self.plan.pin
            held = sorted(self._users.get(cell, ()), key=self.place.__getitem__)
            named = self._named[cell] = (
                tuple(keys[i] for i in held),
                [keys[i] for i in held if pin[i] >= 0],
            )
        return named

    def _waited_for(self) -> set[Cell]:
        """The periods that held some item back: many items wait for the same full period."""
        team_of, pin, start, ready = self.plan.team_of, self.plan.pin, self.start, self.ready
        return {
            (team_of[i], start[i] - 1)
            for i in range(len(start))
            if start[i] > ready[i] and pin[i] < 0
        }

    def _used_in(self, wanted: set[Cell]) -> dict[Cell, list[int]]:
        """The items that use each of the ``wanted`` periods, found in one pass."""
        users: dict[Cell, list[int]] = {cell: [] for cell in wanted}
        team_of = self.plan.team_of
        for i, used in enumerate(self.load):
            t = team_of[i]
            for p, _ in used:
                if (t, p) in wanted:
                    users[(t, p)].append(i)
        return users


class Raised:
    """The notes of the items of one run whose rank owes to others: each is started, or blocks
    higher or committed work."""

    __slots__ = ("base", "comm", "committed", "csrc", "in_progress", "keys", "prio", "src")

    def __init__(self, plan: Numbered, base: list[Breakdown], raised: tuple) -> None:
        """``base`` holds each item's own score, parts and notes; ``raised`` its raised
        priority, that priority's source, committed flag and that flag's source."""
        self.keys, self.in_progress, self.committed = plan.keys, plan.in_progress, plan.committed
        self.base = base
        self.prio, self.src, self.comm, self.csrc = raised

    def __call__(self, i: int) -> tuple[str, ...]:
        notes = [*self.base[i][2]]
        if self.in_progress[i]:
            notes.append("in progress: sequenced ahead of optional work")
        if self.src[i] != i:
            notes.append(
                f"inherits priority {self.prio[i]:.0f} from {self.keys[self.src[i]]}, "
                "which it blocks"
            )
        if self.comm[i] and not self.committed[i]:
            notes.append(f"blocks {self.keys[self.csrc[i]]}, which is committed: sequenced with it")
        return tuple(notes)
