"""What the engine produces: scores with their breakdown, placements with their reasons.

These plain, frozen records are the contract between the engine and its readers (the command
line, the exports, the terminal app, the workshop). Reasons and warnings carry structured data
(kind, items, period, team) so that each reader can word them in its own language; ``text``
gives the English wording for logs and the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    ``kind`` is one of ``start`` (nothing held it back), ``dependency`` (waiting for
    ``items``, which end in ``period``), ``soft_dependency``, ``capacity`` (``team`` full in
    ``period`` with higher-ranked ``items``), ``pinned``, ``earliest_start``, ``no_team``.
    """

    kind: str
    text: str
    items: tuple[str, ...] = ()
    period: int | None = None
    team: str | None = None


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

    ``kind``: ``deadline``, ``overload``, ``no_team``, ``unplaced``, ``soft_dependency``,
    ``pin_conflict`` (pinned before a blocker ends), ``dropped_dependency`` (waits for a
    dropped item; the dependency is ignored).
    """

    kind: str
    text: str
    items: tuple[str, ...] = ()
    team: str | None = None
    period: int | None = None


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
