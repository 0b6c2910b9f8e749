"""Results of a round: totals, ranking, the spread of opinions, and the values for the plan.

Votes come in as plain ``(participant, item, criterion, value)`` tuples; results name no
participant. For dots and points an item's total is the sum given to it; for scoring rounds it
is the mean of each participant's mean over the criteria (a cost criterion counts reversed, so
that a high result always means "do this first"), and an item nobody scored has no rank rather
than a 0. The spread is the standard deviation of the participants' values of an item, everyone
who voted in the round counted (a participant who gave an item no dots gave it 0); people
disagree on an item by a stated rule (:data:`DISAGREE_RANGE`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean, pstdev

from roadmap.workshop.rules import SCORE_RANGE

Vote = tuple[int, str, str, int]
"""``(participant, item, criterion, value)``."""

DISAGREE_RANGE = 2
"""People disagree on an item of a scoring round when one gave it at least this much more than
another on the 1-5 scale (comparing each person's mean over the round's criteria): 4, 4, 4, 3
is agreement, 5 and 2 is not."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item's result in a round."""

    key: str
    rank: int | None
    """None for an item of a scoring round that nobody scored: it has no place."""
    total: float
    """Dots or points given; or the mean score (1-5) of a scoring round (0 when unscored)."""
    voters: int
    """Participants who gave the item anything."""
    spread: float
    contested: bool = False
    """People disagree on it (scoring rounds; see :data:`DISAGREE_RANGE`)."""
    low: float | None = None
    """The lowest and highest of the participants' scores (scoring rounds)."""
    high: float | None = None
    by_criterion: tuple[tuple[str, float], ...] = ()
    """``(criterion, mean score as given)`` per criterion scored (scoring rounds)."""


def tally(
    method: str,
    items: Iterable[str],
    votes: Iterable[Vote],
    directions: Mapping[str, str] | None = None,
) -> list[ItemResult]:
    """Results of ``items``, best first (ties by key); ``directions``: criterion -> direction.

    In a scoring round, items nobody scored come last without a rank.
    """
    items = list(items)
    per: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    given_on: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    everyone: set[int] = set()
    lo, hi = SCORE_RANGE
    for participant, item, criterion, value in votes:
        if value == 0:
            continue
        everyone.add(participant)
        if criterion:
            given_on[item][criterion].append(value)
        cost = (directions or {}).get(criterion) == "cost"
        per[item][participant].append(lo + hi - value if cost else value)
    rows = []
    for key in items:
        given = per.get(key, {})
        if method == "score":
            means = [fmean(values) for values in given.values()]
            total = fmean(means) if means else 0.0
        else:
            means = [sum(given.get(p, ())) for p in everyone]
            total = float(sum(means))
        spread = pstdev(means) if len(means) > 1 else 0.0
        rows.append((key, total, len(given), spread, means))
    unscored = method == "score"
    rows.sort(key=lambda row: (unscored and not row[2], -row[1], row[0]))
    found = []
    for rank, (key, total, voters, spread, means) in enumerate(rows, start=1):
        if method != "score":
            found.append(ItemResult(key, rank, round(total, 2), voters, round(spread, 2)))
            continue
        low, high = (min(means), max(means)) if means else (None, None)
        contested = low is not None and high is not None and high - low >= DISAGREE_RANGE
        found.append(
            ItemResult(
                key,
                rank if voters else None,
                round(total, 2),
                voters,
                round(spread, 2),
                contested,
                None if low is None else round(low, 2),
                None if high is None else round(high, 2),
                tuple((c, round(fmean(v), 2)) for c, v in sorted(given_on[key].items())),
            )
        )
    return found


def criterion_values(method: str, results: Iterable[ItemResult]) -> dict[str, float]:
    """Values on the 1-5 scale for the items someone voted on; the others get none.

    Dots and points map linearly, the most-voted item to 5 and (towards) 1 for the fewest; a
    scoring round gives its mean score. An item nobody gave anything says nothing about what
    the room thinks of it, so it keeps whatever value it had.

    >>> rs = [ItemResult("A", 1, 6, 3, 0), ItemResult("B", 2, 3, 2, 0), ItemResult("C", 3, 0, 0, 0)]
    >>> criterion_values("dots", rs)
    {'A': 5.0, 'B': 3.0}
    """
    results = [r for r in results if r.voters]
    lo, hi = SCORE_RANGE
    if method == "score":
        return {r.key: r.total for r in results}
    top = max((r.total for r in results), default=0.0)
    return {r.key: round(lo + (hi - lo) * (r.total / top if top else 0.0), 2) for r in results}
