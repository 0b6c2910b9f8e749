from __future__ import annotations

import doctest
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roadmap.model import periods
from roadmap.model.periods import Calendar, PeriodError


def test_doctests() -> None:
    assert doctest.testmod(periods).failed == 0


@pytest.mark.parametrize(
    ("unit", "index", "label", "first", "last"),
    [
        ("quarter", 0, "2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
        ("quarter", 3, "2027-Q4", date(2027, 10, 1), date(2027, 12, 31)),
        ("quarter", 4, "2028-Q1", date(2028, 1, 1), date(2028, 3, 31)),
        ("month", 1, "2027-03", date(2027, 3, 1), date(2027, 3, 31)),
        ("month", 11, "2028-01", date(2028, 1, 1), date(2028, 1, 31)),
        ("day", 2, "2027-02-12", date(2027, 2, 12), date(2027, 2, 12)),
        # 2027-02-10 is the Wednesday of ISO week 6: weeks run Monday to Sunday.
        ("week", 0, "2027-W06", date(2027, 2, 8), date(2027, 2, 14)),
        ("week", 46, "2027-W52", date(2027, 12, 27), date(2028, 1, 2)),
        ("week", 47, "2028-W01", date(2028, 1, 3), date(2028, 1, 9)),
    ],
)
def test_periods_by_hand(unit, index, label, first, last) -> None:
    cal = Calendar(date(2027, 2, 10), unit)
    assert cal.label(index) == label
    assert cal.start_of(index) == first
    assert cal.end_of(index) == last
    assert cal.parse(label) == index


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(["day", "week", "month", "quarter"]),
    st.integers(min_value=-50, max_value=500),
)
def test_label_parse_and_index_agree(start: date, unit: str, index: int) -> None:
    cal = Calendar(start, unit)
    assert cal.parse(cal.label(index)) == index
    assert cal.index_of(cal.start_of(index)) == index
    assert cal.index_of(cal.end_of(index)) == index


@pytest.mark.parametrize("text", ["2027-Q5", "someday", "2027-13", "2027-02-30", "2027-W53"])
def test_bad_labels_are_named(text: str) -> None:
    with pytest.raises(PeriodError, match=re.escape(repr(text))):
        Calendar(date(2027, 1, 1), "quarter").parse(text)
