"""What the engine produces: scores with their breakdown, placements with their reasons.

These plain, frozen records are the contract between the engine and its readers (the command
line, the exports, the terminal app, the workshop). Reasons and warnings carry data, never
sentences: their kind and every field a sentence names (items, periods, team, dates, counts),
so that each reader words them in its own language (:mod:`roadmap.i18n.terms`), English too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from roadmap.engine.records import deferred


@dataclass(frozen=True, slots=True)
class ScorePart:
    """One input of a score: a criterion, a RICE/WSJF factor or a band."""

    label: str
    value: float | None
    weight: float | None
    contribution: float


@deferred("notes")
@dataclass(frozen=True, slots=True)
class Score:
    """An item's 0-100 score and how it was reached."""

    key: str
    method: str
    score: float
    parts: tuple[ScorePart, ...] = ()
    notes: tuple[str, ...] = ()
    """Plain sentences: "mandatory", "inherits priority 87 from CI-7", ...; worded when first
    read, like :attr:`Placement.reasons`."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an item starts where it does.

    ``kind`` is one of ``start`` (nothing held it back: it starts in ``period``),
    ``dependency`` (waiting for ``items``, which end in ``period``), ``soft_dependency``,
    ``lag`` (a planned wait of ``gap`` periods after ``items``, which end in ``period``),
    ``capacity`` (``team`` full from ``first`` to ``period``, in ``period`` with ``items``,
    highest rank first, of which ``pinned`` are pinned), ``pinned`` (to ``period``),
    ``earliest_start`` (not before ``day``, in ``period``), ``not_started`` (the earliest is
    the current ``period``), ``no_team``.
    """

    kind: str
    items: tuple[str, ...] = ()
    period: int | None = None
    team: str | None = None
    first: int | None = None
    pinned: tuple[str, ...] = ()
    day: date | None = None
    gap: int = 0


@deferred("reasons")
@dataclass(frozen=True, slots=True)
class Placement:
    """Where one item lands: periods are 0-based indexes into the plan's calendar."""

    key: str
    start: int
    end: int
    """Last period the item occupies (inclusive); ``end > start`` when it spans periods."""
    score: float
    effective_priority: float
    """The score it is sequenced with, raised by what it blocks (priority inheritance)."""
    inherited_from: str | None
    critical: bool
    slack: float
    """Periods it could slip without delaying the end of the roadmap."""
    reasons: tuple[Reason, ...]
    """Worked out when first read (see :func:`~roadmap.engine.records.deferred`): few readers
    of a large roadmap ask why every item is where it is."""
    team: str | None = None
    committed: bool = False
    """Sequenced ahead of optional work: mandatory, in progress, pinned, or blocking such work."""
    load: tuple[tuple[int, float], ...] = ()
    """``(period, effort)`` the item uses of its team's capacity, period by period."""
    reached: int | None = None
    """For a milestone (no effort, no duration), the period it is reached at: the one the items
    waiting for it may start in. It is shown in ``start``, the last period of its blockers'
    work, or the period its date or pin names; never before a milestone it waits for. None for
    other items."""


@dataclass(frozen=True, slots=True)
class Warning:
    """Something the plan's data deserves attention for; never an exception.

    ``kind`` and ``cause`` (one kind may have several), with the fields each names:

    * ``deadline``: ``items[0]`` ends in ``period``, after its ``deadline`` (in period ``due``);
    * ``overload``, cause ``pinned``: ``team`` has no room in ``period`` for the pinned
      ``items``; cause ``horizon``: ``items`` of ``team`` end after ``period``, the plan's last;
    * ``no_team``: ``items`` have no team (``unknown`` names the teams the plan lacks);
    * ``unplaced``, cause ``no_capacity``: ``team`` has none from ``period`` on; ``beyond_limit``:
      not within ``count`` periods; ``too_much``: spread over ``count`` periods it needs
      ``amount`` a period; ``blocker``: it waits for ``items[1]``, which cannot be placed;
    * ``soft_dependency``: ``items[0]`` does not wait for ``items[1]``, which ends in ``period``,
      held back by ``team``'s capacity;
    * ``pin_conflict``: ``items[0]`` is pinned to ``period`` but waits for the others, which
      end in ``blocker_end`` (cause ``unplaced``: which cannot be placed);
    * ``dropped_dependency``: ``items[0]`` waits for the dropped ``items[1]``; that is ignored.

    A warning of an older baseline may lack its cause and the fields that came with it.
    """

    kind: str
    items: tuple[str, ...] = ()
    team: str | None = None
    period: int | None = None
    cause: str = ""
    deadline: date | None = None
    due: int | None = None
    blocker_end: int | None = None
    count: int | None = None
    amount: float | None = None
    unknown: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Roadmap:
    """A sequenced roadmap: every item placed or reported, and the warnings."""

    placements: dict[str, Placement]
    scores: dict[str, Score]
    warnings: tuple[Warning, ...] = ()
    critical_path: tuple[str, ...] = ()
    unplaced: tuple[str, ...] = ()
    periods: int = 0
    """Number of periods from the plan's start to the end of the last placed item."""
    done: tuple[str, ...] = ()
    """Finished items: not sequenced, and finished for the items that wait for them."""
    dropped: tuple[str, ...] = ()
    """Dropped items: left out of the roadmap."""
    changed: frozenset[str] | None = field(default=None, compare=False, repr=False)
    """After a re-sequencing, the keys whose placement or score may differ from those of the
    roadmap it followed; None after a full run. Read it through :meth:`changed_since`."""
    follows: int = field(default=0, compare=False, repr=False)
    """The ``id`` of the roadmap that the re-sequencing followed."""
    milestones: dict[str, Placement] = field(default_factory=dict)
    """Where the plan's milestones are reached (see :attr:`Placement.reached`), by key; they
    are scheduling points, not items, so :attr:`placements` leaves them out."""

    def changed_since(self, other: object) -> frozenset[str] | None:
        """The keys whose placement or score may differ from ``other``'s, when this roadmap
        re-sequenced ``other`` (which, still held by the caller, keeps its ``id``); None when
        every item has to be compared."""
        return self.changed if self.changed is not None and self.follows == id(other) else None
