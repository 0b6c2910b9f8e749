"""The plan's calendar: period indexes (0 = the period holding the start date) and their labels.

Items are pinned and sequenced by period index; people read and type canonical labels
(``2027-Q2``, ``2027-03``, ``2027-W05`` for an ISO week, ``2027-03-15``). Language-specific
wording of periods belongs to the exports, not here.

>>> cal = Calendar(date(2027, 2, 10), "quarter")
>>> cal.label(0), cal.label(5)
('2027-Q1', '2028-Q2')
>>> cal.parse("2028-Q2")
5
>>> cal.index_of(date(2027, 7, 1))
2

Weeks are ISO weeks, Monday to Sunday; the first is the one holding the start date:

>>> weeks = Calendar(date(2027, 1, 1), "week")
>>> weeks.label(0), weeks.start_of(0), weeks.label(1), weeks.parse("2027-W10")
('2026-W53', datetime.date(2026, 12, 28), '2027-W01', 10)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*W(\d{1,2})\s*$", re.IGNORECASE)


class PeriodError(ValueError):
    """A period label that does not name a period of the plan."""


@dataclass(frozen=True, slots=True)
class Calendar:
    """Periods of one plan: a start date and a unit (``day``, ``week``, ``month`` or
    ``quarter``)."""

    start: date
    unit: str

    def _month0(self) -> int:
        """Months since year 0 of the first month of period 0."""
        month = self.start.month - 1
        if self.unit == "quarter":
            month -= month % 3
        return self.start.year * 12 + month

    def start_of(self, index: int) -> date:
        """First day of period ``index``."""
        if self.unit == "day":
            return self.start + timedelta(days=index)
        if self.unit == "week":
            return self._monday() + timedelta(weeks=index)
        step = 3 if self.unit == "quarter" else 1
        months = self._month0() + index * step
        return date(months // 12, months % 12 + 1, 1)

    def end_of(self, index: int) -> date:
        """Last day of period ``index``."""
        return self.start_of(index + 1) - timedelta(days=1)

    def index_of(self, day: date) -> int:
        """Index of the period that holds ``day`` (negative before the start)."""
        if self.unit == "day":
            return (day - self.start).days
        if self.unit == "week":
            return (day - self._monday()).days // 7
        months = day.year * 12 + day.month - 1 - self._month0()
        return months // 3 if self.unit == "quarter" else months

    def label(self, index: int) -> str:
        """Canonical label of period ``index``."""
        first = self.start_of(index)
        if self.unit == "quarter":
            return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
        if self.unit == "month":
            return f"{first.year}-{first.month:02d}"
        if self.unit == "week":
            year, week, _ = first.isocalendar()
            return f"{year}-W{week:02d}"
        return first.isoformat()

    def _monday(self) -> date:
        """The Monday of the week that holds the start date."""
        return self.start - timedelta(days=self.start.weekday())

    def parse(self, text: str | int) -> int:
        """Period index of a label, a date inside the period, or a plain index."""
        if isinstance(text, int):
            return text
        if text.strip().lstrip("-").isdigit():
            return int(text)
        if m := _QUARTER.match(text):
            return self.index_of(date(int(m[1]), (int(m[2]) - 1) * 3 + 1, 1))
        try:
            if m := _WEEK.match(text):
                return self.index_of(date.fromisocalendar(int(m[1]), int(m[2]), 1))
            if m := _DAY.match(text):
                return self.index_of(date(int(m[1]), int(m[2]), int(m[3])))
            if m := _MONTH.match(text):
                return self.index_of(date(int(m[1]), int(m[2]), 1))
        except ValueError as exc:
            raise PeriodError(f"{text!r} is not a valid date: {exc}") from None
        raise PeriodError(
            f"{text!r} is not a period: use a label such as 2027-Q2, 2027-03, 2027-W05 or "
            "2027-03-15"
        )


def period_index(cal: Calendar, value: int | str) -> int:
    """The index of period ``value``; :class:`PeriodError` unless it has a label to write back.

    >>> cal = Calendar(date(2027, 1, 1), "month")
    >>> period_index(cal, "2027-03"), period_index(cal, 5)
    (2, 5)
    """
    index = cal.parse(value)
    try:
        if cal.parse(cal.label(index)) == index:
            return index
    except (ValueError, OverflowError):
        pass
    raise PeriodError(f"{value!r} is outside the plan's calendar")
