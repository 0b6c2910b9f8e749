"""Voting rules: what a round allows one participant, checked before every vote is stored.

``dots``: ``budget`` dots per person, at most ``per_item`` on one item. ``points``: ``budget``
points (100 by default) shared out, at most ``per_item`` on one item. ``score``: each item
scored 1-5 on each criterion of the round, no budget. A participant's allocation is the map
``{(item, criterion): value}`` (criterion ``""`` for dots and points).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from roadmap.i18n import N_
from roadmap.workshop.words import Refusal

METHODS = ("dots", "points", "score")
SCORE_RANGE = (1, 5)
CODE_ALPHABET = "23456789ABCDEF"
"""Join codes use characters the projector's large digits can show; 0/1 look like O/I."""
CODE_LENGTH = 6

Allocation = Mapping[tuple[str, str], int]


class Refused(Refusal, ValueError):
    """Something the workshop's rules do not allow (a round's rules, results too early)."""


class VoteRefused(Refused):
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
                raise Refused(N_("a scoring round needs at least one criterion"))
            return cls(method, 0, 0, tuple(items), tuple(criteria))
        budget = budget if budget is not None else (5 if method == "dots" else 100)
        per_item = per_item if per_item is not None else (3 if method == "dots" else budget)
        if budget < 1 or per_item < 1:
            raise Refused(N_("the budget and the most per item must be at least 1"))
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
            raise VoteRefused(N_("{item} is not voted on in this round"), item=item)
        if self.has_budget:
            if criterion:
                raise VoteRefused(N_("dots and points are given to items, not criteria"))
            if value < 0 or value > self.per_item:
                raise VoteRefused(N_("at most {per_item} on one item"), per_item=self.per_item)
            others = self.spent(allocation) - allocation.get((item, ""), 0)
            if others + value > self.budget:
                left = self.budget - others
                raise VoteRefused(
                    N_("only {left} of your {budget} left"), left=left, budget=self.budget
                )
            return
        if criterion not in self.criteria:
            raise VoteRefused(N_("{criterion} is not scored in this round"), criterion=criterion)
        lo, hi = SCORE_RANGE
        if value != 0 and not lo <= value <= hi:
            raise VoteRefused(N_("a score is from {lo} to {hi}"), lo=lo, hi=hi)


def new_code() -> str:
    """A random join code."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """A participant's private token: what proves, on rejoining, who they are."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """The token as stored: a hash, so that reading the database gives no one a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def normal_code(text: str) -> str:
    """A typed code as stored: no spaces or dashes, upper case."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def normal_name(text: str) -> str:
    """A typed name as stored: spaces collapsed, so that a participant can rejoin."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def name_key(text: str) -> str:
    """A name as compared when someone joins: "Anna", " anna " and "ANNA" are one person.

    >>> name_key("  Äijä  Öberg ") == name_key("äijä öberg")
    True
    """
    return normal_name(text).casefold()


@dataclass(slots=True)
class CodeGuard:
    """How many wrong join codes one participant's window may type, and the pause after each.

    ``roadmap serve --host`` exposes the join page to the network; each browser page is a
    process of its own with its own guard, so that guessing a code costs a pause after every
    wrong one and a new page after ``attempts`` of them. ``attempts`` None: no limit.
    """

    attempts: int | None = None
    delay: float = 0.0
    """Seconds before the next code can be tried."""
    wrong: int = 0

    @property
    def left(self) -> int | None:
        """Codes that may still be tried (None: no limit)."""
        return None if self.attempts is None else max(0, self.attempts - self.wrong)

    @property
    def exhausted(self) -> bool:
        return self.left == 0

    def failed(self) -> float:
        """Count a wrong code; the seconds to wait before the next."""
        self.wrong += 1
        return self.delay
