"""Period labels as a language words them, for sentences a person reads.

A plan's canonical labels (``2027-Q3``, ``2027-W05``) are what people type back (pins,
``--period``); sentences use the words of the reader's language (``Q3/2027``, ``2027 Q3``).
The engine writes its own English sentences with canonical labels; :meth:`PeriodLabel.reworded`
words the labels inside such a sentence, so that an English reader meets one form only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roadmap.i18n.lang import Lang
    from roadmap.model.periods import Calendar

CANONICAL = {
    "quarter": re.compile(r"\b\d{4}-Q[1-4]\b"),
    "month": re.compile(r"\b\d{4}-\d{2}\b(?!-\d)"),
    "week": re.compile(r"\b\d{4}-W\d{2}\b"),
    "day": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
}
"""A canonical label of each unit of period, as it stands inside a sentence."""


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

    def reworded(self, text: str) -> str:
        """``text`` with the calendar's canonical labels in it worded as by this language.

        >>> from datetime import date
        >>> from roadmap.i18n.lang import Lang
        >>> from roadmap.model.periods import Calendar
        >>> label = PeriodLabel(Calendar(date(2027, 1, 1), "quarter"), Lang("en"))
        >>> label.reworded("team dev is full in 2027-Q2 (deadline 2027-06-30)")
        'team dev is full in 2027 Q2 (deadline 2027-06-30)'
        """
        pattern = CANONICAL.get(self.calendar.unit)
        if pattern is None:
            return text
        return pattern.sub(lambda found: self(self.calendar.parse(found[0])), text)
