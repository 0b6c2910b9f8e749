"""Period labels as a language words them, for sentences a person reads.

A plan's canonical labels (``2027-Q3``, ``2027-W05``) are what people type back (pins,
``--period``); sentences use the words of the reader's language (``Q3/2027``, ``2027 Q3``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap.i18n.lang import Lang
    from roadmap.model.periods import Calendar


class PeriodLabel:
    """The periods of one calendar worded in one language: call it with a period's index.
    Each label is worked out once."""

    __slots__ = ("_seen", "_words", "calendar")

    def __init__(self, calendar: Calendar, words: Lang) -> None:
        self.calendar = calendar
        self._words = words
        self._seen: dict[int, str] = {}

    def __call__(self, index: int) -> str:
        label = self._seen.get(index)
        if label is None:
            label = self._seen[index] = self._words.period(self.calendar, index)
        return label
