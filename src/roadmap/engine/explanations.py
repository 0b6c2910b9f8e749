"""Why each item is where it is: the reasons one run records, and the whole explanation.

Three layers, each for its readers:

* :class:`Wording` builds the :class:`~roadmap.engine.result.Reason` and
  :class:`~roadmap.engine.result.Warning` records of a run: data (kind, items, periods, team,
  dates) that each reader words in its language (:mod:`roadmap.i18n.terms`).
* :class:`Why` and :class:`Raised` work out, when first asked, why an item starts where it
  does and why it ranks as it does (a full run hands them to every placement and score as a
  :class:`~roadmap.engine.records.Deferred`, so that the sentences of 100,000 items are
  worded only for the items someone reads; the lists they keep are never changed after the
  run, since the sequencer copies the few it changes in place).
* :func:`explain` gathers everything about one item for ``roadmap plan --explain`` and the
  terminal app: why it starts when it does, why it ends when it does (the capacity
  higher-ranked items took, with their shares), its deadline met or missed and by how much,
  and what it waits for, hard and soft, directly and further away; in sentences of the
  interface's language (:mod:`roadmap.i18n`) that name items by title and teams by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, partial

from roadmap.engine.graph import Links
from roadmap.engine.inputs import HARD, Snapshot
from roadmap.engine.numbered import Numbered
from roadmap.engine.result import Placement, Reason, Roadmap, Score, Warning
from roadmap.engine.scoring import Breakdown
from roadmap.i18n import _
from roadmap.model.periods import Calendar

LIST_LIMIT = 5
"""Items named in a sentence before "and N more"."""


class Wording:
    """The reasons and warnings of runs of one plan: records of data that readers word in
    their language (:mod:`roadmap.i18n.terms`).

    Reasons are immutable and many items share one: the common ones are made once per plan,
    by caches of plain functions rather than of the instance's own methods. A cache of a
    bound method, kept on its instance, would make each Wording a reference cycle: it would
    outlive its runs, with every reason it kept, until the cycle collector came by.
    """

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.dependency = cache(_dependency)
        self.pinned = cache(_pinned)
        self.start = cache(_start)
        self.no_team = cache(_no_team)
        self.pin_conflict = cache(_pin_conflict)
        self.deadline_missed = cache(partial(_deadline_missed, calendar.index_of))

    def lag(self, blocker: str, end: int, gap: int) -> Reason:
        return Reason("lag", (blocker,), end, gap=gap)

    def earliest_start(self, day: date) -> Reason:
        period = max(self.calendar.index_of(day), 0)
        return Reason("earliest_start", (), period, day=day)

    def not_started(self, period: int) -> Reason:
        return Reason("not_started", (), period)

    def capacity(
        self,
        team: str,
        first: int,
        period: int,
        holders: Sequence[str],
        pins: Sequence[str] = (),
    ) -> Reason:
        """Team full from ``first`` to ``period``; ``holders`` use ``period``; some are ``pins``."""
        return Reason("capacity", tuple(holders), period, team, first=first, pinned=tuple(pins))

    def pinned_overload(self, team: str, period: int, keys: Sequence[str]) -> Warning:
        return Warning("overload", tuple(keys), team, period, cause="pinned")

    def past_horizon(self, team: str, horizon: int, keys: Sequence[str]) -> Warning:
        return Warning("overload", tuple(keys), team, horizon - 1, cause="horizon")

    def no_team_items(self, keys: Sequence[str], unknown: Sequence[str]) -> Warning:
        return Warning("no_team", tuple(keys), unknown=tuple(unknown))

    def no_capacity(self, key: str, team: str, dead: int) -> Warning:
        return Warning("unplaced", (key,), team, dead, cause="no_capacity")

    def beyond_limit(self, key: str, team: str, limit: int) -> Warning:
        return Warning("unplaced", (key,), team, cause="beyond_limit", count=limit)

    def too_much_per_period(self, key: str, team: str, per: float, periods: int) -> Warning:
        return Warning("unplaced", (key,), team, cause="too_much", count=periods, amount=per)

    def pinned_after_unplaced(self, key: str, pin: int, blockers: Sequence[str]) -> Warning:
        return Warning("pin_conflict", (key, *blockers), None, pin, cause="unplaced")

    def blocker_unplaced(self, key: str, blocker: str) -> Warning:
        return Warning("unplaced", (key, blocker), cause="blocker")

    def soft_skipped(self, key: str, blocker: str, team: str | None, end: int) -> Warning:
        return Warning("soft_dependency", (key, blocker), team, end)

    def dropped_dependency(self, key: str, blocker: str) -> Warning:
        return Warning("dropped_dependency", (key, blocker))


# The reasons and warnings that Wording keeps.


def _dependency(blockers: tuple[str, ...], period: int, soft: bool) -> Reason:
    return Reason("soft_dependency" if soft else "dependency", blockers, period)


def _pinned(period: int) -> Reason:
    return Reason("pinned", (), period)


def _no_team() -> Reason:
    return Reason("no_team")


def _start(period: int) -> Reason:
    return Reason("start", (), period)


def _deadline_missed(
    index_of: Callable[[date], int], key: str, end: int, deadline: date
) -> Warning:
    return Warning("deadline", (key,), None, end, deadline=deadline, due=index_of(deadline))


def _pin_conflict(key: str, pin: int, blocker: str, end: int) -> Warning:
    return Warning("pin_conflict", (key, blocker), None, pin, blocker_end=end)


# -- one run's reasons ------------------------------------------------------------

Cell = tuple[int, int]
"""``(team, period)``."""


class Why:
    """The reasons of the items of one run, by item index."""

    __slots__ = ("_named", "_users", "end", "finish", "load", "place", "plan", "ready", "say",
                 "skipped", "start")  # fmt: skip

    def __init__(
        self, say: Wording, plan: Numbered, sched, users: Mapping[Cell, Iterable[int]] | None
    ) -> None:
        """``sched`` is the run's schedule; ``users`` the items that use each period, or None
        to find them from the schedule when first needed."""
        self.say, self.plan = say, plan
        self.start, self.finish, self.ready = sched.start, sched.finish, sched.ready
        self.end = sched.end
        self.skipped, self.load, self.place = sched.skipped, sched.load, sched.place
        self._users = users
        self._named: dict[Cell, tuple[tuple[str, ...], list[str]]] = {}

    def __call__(self, i: int) -> tuple[Reason, ...]:
        """Why placed item ``i`` starts where it does."""
        say, plan, start = self.say, self.plan, self.start[i]
        pin = plan.pin[i]
        if pin >= 0:
            return (say.pinned(pin),)
        keys, finish, end = plan.keys, self.finish, self.end
        out: list[Reason] = []
        ready = self.ready[i]
        if ready > 0:  # a blocker ends in the period before, or is a milestone shown in it
            gaps = plan.lag.get(i) if plan.lag else None
            hard = plan.hard[i]
            binding = [b for k, b in enumerate(hard)
                       if finish[b] == ready and not (gaps and gaps[k])]  # fmt: skip
            if binding:
                last = max(end[b] for b in binding)
                out.append(say.dependency(tuple(keys[b] for b in binding), last, False))
            if gaps:
                out.extend(
                    say.lag(keys[b], end[b], gap)
                    for b, gap in zip(hard, gaps, strict=True)
                    if gap and finish[b] + gap == ready
                )
            soft = plan.soft[i]
            if soft:
                passed = self.skipped.get(i, ())
                binding = [b for b in soft if finish[b] == ready and b not in passed]
                if binding:
                    last = max(end[b] for b in binding)
                    out.append(say.dependency(tuple(keys[b] for b in binding), last, True))
        if plan.earliest[i] == ready and ready > 0:
            day = plan.items[i].earliest_start
            if day and say.calendar.index_of(day) >= plan.floor:
                out.append(say.earliest_start(day))
            elif ready == plan.floor and not plan.in_progress[i]:
                out.append(say.not_started(ready))
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
            for p, _units in used:
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
            notes.append(_("in progress: sequenced ahead of optional work"))
        if self.src[i] != i:
            notes.append(
                _(
                    "inherits priority {priority} from {key}, which it blocks",
                    priority=format(self.prio[i], ".0f"),
                    key=self.keys[self.src[i]],
                )
            )
        if self.comm[i] and not self.committed[i]:
            notes.append(
                _(
                    "blocks {key}, which is committed: sequenced with it",
                    key=self.keys[self.csrc[i]],
                )
            )
        return tuple(notes)


# -- one item explained ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Blockers:
    """What an item waits for: ``hard`` and ``soft`` dependencies of its own, and the items
    those wait for in turn, through hard dependencies only (``hard_further``) or through some
    soft one (``soft_further``)."""

    hard: tuple[str, ...] = ()
    soft: tuple[str, ...] = ()
    hard_further: tuple[str, ...] = ()
    soft_further: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything about one item that ``roadmap plan --explain`` and the app show."""

    key: str
    title: str
    status: str
    score: Score | None
    """None for done and dropped items, which are not sequenced."""
    placement: Placement | None
    """None when the item is not placed (done, dropped or unplaced)."""
    blocks: tuple[str, ...]
    blocked_by: tuple[str, ...]
    """Every item it waits for, directly or further away, hard or soft, whatever its status."""
    warnings: tuple[Warning, ...]
    starts: tuple[str, ...] = ()
    """Sentences: why it starts when it does."""
    ends: tuple[str, ...] = ()
    """Sentences: why it ends when it does."""
    deadline: str | None = None
    """A sentence: its deadline met (with the periods to spare) or missed (by how much)."""
    waits_for: Blockers = Blockers()


def explain(
    snapshot: Snapshot, roadmap: Roadmap, key: str, links: Links | None = None
) -> Explanation:
    """The explanation of item ``key`` (or of one of the plan's milestones); :class:`KeyError`
    names an unknown key.

    ``links`` are those of the snapshot's dependencies, for a caller that explains one item
    after another and keeps them.
    """
    items = {x.key: x for x in snapshot.items}
    item = items.get(key)
    if item is None:
        raise KeyError(f"no item {key!r} in this plan")
    if links is None:
        links = Links(snapshot.dependencies)
    place = roadmap.placements.get(key) or roadmap.milestones.get(key)
    words = _Words(snapshot, roadmap, items)
    blocked_by = tuple(links.blocked_by(key))
    return Explanation(
        key=key,
        title=item.title,
        status=item.status,
        score=roadmap.scores.get(key),
        placement=place,
        blocks=tuple(links.blocks(key)),
        blocked_by=blocked_by,
        warnings=tuple(w for w in roadmap.warnings if key in w.items),
        starts=words.starts(item, place) if place else (),
        ends=words.ends(item, place) if place else (),
        deadline=words.deadline(item, place),
        waits_for=_blockers(snapshot, key, blocked_by),
    )


def _blockers(snapshot: Snapshot, key: str, every: Sequence[str]) -> Blockers:
    """:class:`Blockers` of ``key``, whose blockers near and far are ``every``."""
    hard_of: dict[str, list[str]] = {}
    hard: list[str] = []
    soft: list[str] = []
    for a, b, kind in snapshot.dependencies:
        if kind == HARD:
            hard_of.setdefault(b, []).append(a)
        if b == key:
            (hard if kind == HARD else soft).append(a)
    reached, todo = set(), list(hard)
    while todo:
        for a in hard_of.get(todo.pop(), ()):
            if a not in reached:
                reached.add(a)
                todo.append(a)
    near = {*hard, *soft}
    further = [k for k in every if k not in near]
    return Blockers(
        tuple(sorted(hard)),
        tuple(sorted(soft)),
        tuple(k for k in further if k in reached),
        tuple(k for k in further if k not in reached),
    )


class _Words:
    """The sentences of an explanation, in the interface's language, naming items by title
    and teams by name."""

    def __init__(self, snapshot: Snapshot, roadmap: Roadmap, items: Mapping) -> None:
        from roadmap.i18n import _, language, ngettext, period_label
        from roadmap.i18n.lang import Lang

        self._, self.ngettext = _, ngettext
        self.date = Lang(language()).date
        self.snapshot, self.roadmap, self.items = snapshot, roadmap, items
        self.label = period_label(snapshot.calendar)

    def name(self, key: str) -> str:
        item = self.items.get(key)
        return f"{item.title} ({key})" if item is not None and item.title else key

    def names(self, keys: Sequence[str]) -> str:
        shown = [self.name(k) for k in keys[:LIST_LIMIT]]
        more = len(keys) - len(shown)
        if more:
            shown.append(self.ngettext("{n} more", "{n} more", more))
        return ", ".join(shown)

    def team(self, key: str | None) -> str:
        team = self.snapshot.teams.get(key or "")
        return (team.name or team.key) if team else (key or "-")

    def number(self, value: float) -> str:
        return f"{value:.2f}".rstrip("0").rstrip(".")

    def shares(self, team: str, period: int, keys: Sequence[str]) -> str:
        """``Title (KEY) 4 of 6, ...``: what each of ``keys`` used of ``team`` in ``period``."""
        capacity = self.number(self.snapshot.teams[team].capacity_at(period))
        placed = self.roadmap.placements
        out = []
        for k in keys:
            used = sum(e for p, e in placed[k].load if p == period) if k in placed else 0.0
            out.append(
                self._("{item}: {used} of {capacity}", item=self.name(k),
                       used=self.number(used), capacity=capacity)
            )  # fmt: skip
        return "; ".join(out)

    def starts(self, item, place: Placement) -> tuple[str, ...]:
        _, ngettext, label = self._, self.ngettext, self.label
        out = []
        for r in place.reasons:
            n = len(r.items)
            period = label(r.period) if r.period is not None else ""
            if r.kind == "pinned":
                out.append(_("It is pinned to {period}.", period=period))
            elif r.kind == "start":
                out.append(_("Nothing holds it back: it starts in {period}.", period=period))
            elif r.kind == "dependency":
                out.append(ngettext(
                    "It waits for {items}, which ends in {period}.",
                    "It waits for {items}, which end in {period}.",
                    n, items=self.names(r.items), period=period,
                ))  # fmt: skip
            elif r.kind == "soft_dependency":
                out.append(ngettext(
                    "It should follow {items}, which ends in {period}.",
                    "It should follow {items}, which end in {period}.",
                    n, items=self.names(r.items), period=period,
                ))  # fmt: skip
            elif r.kind == "lag":
                gap = self._lag(r.items[0], item.key)
                out.append(ngettext(
                    "It starts {n} period after {item} ends in {period}, as planned.",
                    "It starts {n} periods after {item} ends in {period}, as planned.",
                    gap, item=self.name(r.items[0]), period=period,
                ))  # fmt: skip
            elif r.kind == "earliest_start":
                day = self.date(r.day) if r.day else period
                out.append(_("It cannot start before {date}.", date=day))
            elif r.kind == "not_started":
                out.append(
                    _("It has not started; the earliest is the current period, {period}.",
                      period=period)
                )  # fmt: skip
            elif r.kind == "capacity":
                out.append(self._capacity(r))
            elif r.kind == "no_team":
                out.append(_("It has no team, so no capacity holds it back."))
        return tuple(out)

    def _lag(self, blocker: str, key: str) -> int:
        return self.snapshot.lags.get((blocker, key), 0)

    def _capacity(self, r: Reason) -> str:
        _, team = self._, r.team or ""
        if not r.items:
            return _("{team} has no capacity in {period}.", team=self.team(team),
                     period=self.label(r.period or 0))  # fmt: skip
        return _(
            "{team} is fully booked in {period} by work ranked higher: {shares}.",
            team=self.team(team), period=self.label(r.period or 0),
            shares=self.shares(team, r.period or 0, r.items),
        )  # fmt: skip

    def ends(self, item, place: Placement) -> tuple[str, ...]:
        _, ngettext, label = self._, self.ngettext, self.label
        if place.reached is not None:
            return (_("A milestone takes no time: it is reached at the start of {period}.",
                      period=label(place.reached)),)  # fmt: skip
        out = []
        if item.duration:
            per = self.number(item.effort / item.duration)
            out.append(ngettext(
                "It takes a fixed {n} period, using {per} a period.",
                "It takes a fixed {n} periods, using {per} a period.",
                item.duration, per=per,
            ))  # fmt: skip
        elif item.max_share and place.team:
            share = self.number(item.max_share * 100)
            out.append(_("It may use at most {share} % of {team} in a period.",
                         share=share, team=self.team(place.team)))  # fmt: skip
        if place.end > place.start and place.team and not item.duration:
            out.extend(self._shared(item, place))
        if place.end == place.start:
            out.append(_("It ends in {period}, the period it starts in.", period=label(place.end)))
        return tuple(out)

    def _shared(self, item, place: Placement) -> list[str]:
        """Why work spanning periods ends where it does: in each period it did not have all
        of its team, who had the rest, ranked higher."""
        _, label, team = self._, self.label, place.team or ""
        data = self.snapshot.teams[team]
        mine = (place.committed, place.effective_priority)
        others: dict[int, list[str]] = {}
        periods = {p for p, _e in place.load[:-1]}
        for other in self.roadmap.placements.values():
            if other.team != team or other.key == place.key:
                continue
            ahead = other.reasons and other.reasons[0].kind == "pinned"
            if not ahead and (other.committed, other.effective_priority) <= mine:
                continue
            for p, _e in other.load:
                if p in periods:
                    others.setdefault(p, []).append(other.key)
        out = [
            _("It needs {effort} of {team}, which has {capacity} a period: it ends in {period}.",
              effort=self.number(item.effort), team=self.team(team),
              capacity=self.number(data.capacity_at(place.start)), period=label(place.end))
        ]  # fmt: skip
        for p in sorted(others)[:3]:
            got = sum(e for q, e in place.load if q == p)
            out.append(_(
                "In {period} it got {got}; work ranked higher took the rest: {shares}.",
                period=label(p), got=self.number(got),
                shares=self.shares(team, p, sorted(others[p])),
            ))  # fmt: skip
        return out

    def deadline(self, item, place: Placement | None) -> str | None:
        """Its deadline met or missed, and the deadline pressure that raised it, if any."""
        met = self._deadline(item, place)
        pressed = self.pressed(item)
        return f"{met} {pressed}" if met and pressed else met

    def pressed(self, item) -> str | None:
        """How the deadline pressure raised the item's score, where the plan scores it and
        the deadline is at risk (:mod:`roadmap.engine.deadlines`)."""
        criteria = [  # those the item is not scored on by hand: the derived value counts
            c.name or c.key
            for c in self.snapshot.criteria
            if c.derived == "deadline" and c.weight > 0 and item.scores.get(c.key) is None
        ]
        if item.deadline is None or not criteria:
            return None
        from roadmap.engine.deadlines import pressures

        found = pressures(self.snapshot, {item.key}).get(item.key)
        if found is None or not found.at_risk:
            return None
        _, day, names = self._, self.date(found.deadline), ", ".join(criteria)
        if found.left <= 0:
            return _("Its deadline {date} has passed, which puts it at the top of {criteria}.",
                     date=day, criteria=names)  # fmt: skip
        return self.ngettext(
            "Its deadline {date} is at risk: it needs {needed} of the {n} period left, "
            "which raises it on {criteria}.",
            "Its deadline {date} is at risk: it needs {needed} of the {n} periods left, "
            "which raises it on {criteria}.",
            found.left, date=day, needed=found.needed, criteria=names,
        )  # fmt: skip

    def _deadline(self, item, place: Placement | None) -> str | None:
        if item.deadline is None:
            return None
        _, ngettext = self._, self.ngettext
        due = self.snapshot.calendar.index_of(item.deadline)
        day, period = self.date(item.deadline), self.label(due)
        if place is None:
            return _("It cannot be placed, so it misses its deadline {date}.", date=day)
        end = place.end
        if end > due:
            return ngettext(
                "It misses its deadline {date} ({period}) by {n} period.",
                "It misses its deadline {date} ({period}) by {n} periods.",
                end - due, date=day, period=period,
            )  # fmt: skip
        if end == due:
            return _("It meets its deadline {date}, in its last period.", date=day)
        return ngettext(
            "It meets its deadline {date} ({period}) with {n} period to spare.",
            "It meets its deadline {date} ({period}) with {n} periods to spare.",
            due - end, date=day, period=period,
        )  # fmt: skip
