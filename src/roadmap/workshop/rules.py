"""Voting rules: what a round allows one participant, checked before every vote is stored.

``dots``: ``budget`` dots per person, at most ``per_item`` on one item. ``points``: ``budget``
points (100 by default) shared out, at most ``per_item`` on one item. ``score``: each item
scored 1-5 on each criterion of the round, no budget. A participant's allocation is the map
``{(item, criterion): value}`` (criterion ``""`` for dots and points).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass

METHODS = ("dots", "points", "score")
SCORE_RANGE = (1, 5)
CODE_ALPHABET = "23456789ABCDEF"
"""Join codes use characters the projector's large digits can show; 0/1 look like O/I."""
CODE_LENGTH = 6

Allocation = Mapping[tuple[str, str], int]


class VoteRefused(ValueError):
    """A vote the rules do not allow; nothing was stored."""


@dataclass(frozen=True, slots=True)
class Rules:
    """A round's rules."""

    method: str
    budget: int = 0
    per_item: int = 0
    items: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        method: str,
        *,
        budget: int | None = None,
        per_item: int | None = None,
        items=(),
        criteria=(),
    ) -> Rules:
        """Rules for ``method`` with its usual budget where none is given, checked."""
        if method not in METHODS:
            raise ValueError(f"unknown voting method {method!r} (use {', '.join(METHODS)})")
        if method == "score":
            if not criteria:
                raise ValueError("a scoring round needs at least one criterion")
            return cls(method, 0, 0, tuple(items), tuple(criteria))
        budget = budget if budget is not None else (5 if method == "dots" else 100)
        per_item = per_item if per_item is not None else (3 if method == "dots" else budget)
        if budget < 1 or per_item < 1:
            raise ValueError("the budget and the most per item must be at least 1")
        return cls(method, budget, min(per_item, budget), tuple(items), ())

    @property
    def has_budget(self) -> bool:
        return self.method != "score"

    def spent(self, allocation: Allocation) -> int:
        return sum(allocation.values()) if self.has_budget else 0

    def remaining(self, allocation: Allocation) -> int:
        """Dots or points still to give (0 for scoring rounds)."""
        return self.budget - self.spent(allocation) if self.has_budget else 0

    def check(self, allocation: Allocation, item: str, criterion: str, value: int) -> None:
        """Refuse setting ``(item, criterion)`` to ``value`` on top of ``allocation``.

        ``value`` 0 withdraws the vote and is always allowed for a known item.
        """
        if item not in self.items:
            raise VoteRefused(f"{item} is not voted on in this round")
        if self.has_budget:
            if criterion:
                raise VoteRefused("dots and points are given to items, not criteria")
            if value < 0 or value > self.per_item:
                raise VoteRefused(f"at most {self.per_item} on one item")
            others = self.spent(allocation) - allocation.get((item, ""), 0)
            if others + value > self.budget:
                left = self.budget - others
                raise VoteRefused(f"only {left} of your {self.budget} left")
            return
        if criterion not in self.criteria:
            raise VoteRefused(f"{criterion!r} is not scored in this round")
        lo, hi = SCORE_RANGE
        if value != 0 and not lo <= value <= hi:
            raise VoteRefused(f"a score is from {lo} to {hi}")


def new_code() -> str:
    """A random join code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    """A typed code as stored: no spaces or dashes, upper case."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def normal_name(text: str) -> str:
    """A typed name as stored: spaces collapsed, so that a participant can rejoin."""
    return " ".join(text.split())
