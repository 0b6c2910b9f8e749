"""The words people type, read the same way by the importers and the app's item form."""

from __future__ import annotations

from datetime import date

import pytest

from roadmap.model.periods import Calendar
from roadmap.model.typed_words import (
    parse_moscow,
    parse_number,
    parse_status,
    split_list,
)
from roadmap.tui.dialogs.item_editor import item_of


@pytest.mark.parametrize(
    ("typed", "status"),
    [("Suunniteltu", "planned"), ("KÄYNNISSÄ", "in_progress"), ("valmis", "done"),
     ("Planerad", "planned"), ("Pågående", "in_progress"), ("Klar", "done"),
     ("in progress", "in_progress"), ("in_progress", "in_progress"), ("Hylätty", "dropped")],
)  # fmt: skip
def test_statuses_in_three_languages(typed: str, status: str) -> None:
    assert parse_status(typed) == status


@pytest.mark.parametrize(
    ("typed", "moscow"),
    [("Pakollinen", "must"), ("tärkeä", "should"), ("Hyvä  olla", "could"), ("Ei nyt", "wont"),
     ("Måste", "must"), ("Bör", "should"), ("Kan", "could"), ("inte nu", "wont"),
     ("Must have", "must"), ("W", "wont")],
)  # fmt: skip
def test_moscow_in_three_languages(typed: str, moscow: str) -> None:
    assert parse_moscow(typed) == moscow


def test_unknown_words_say_what_would_do() -> None:
    with pytest.raises(ValueError, match="'ehkä' is not a MoSCoW class"):
        parse_moscow("ehkä")


def test_lists_and_numbers() -> None:
    assert split_list("A-1\nA-2\r\nA-3") == ["A-1", "A-2", "A-3"]
    assert split_list("A-1; A-2, 3") == ["A-1", "A-2, 3"]
    assert parse_number("1\u00a0234,5") == 1234.5
    with pytest.raises(ValueError):
        parse_number("1,2,3")


def test_the_item_form_reads_typed_numbers_dates_and_tags() -> None:
    calendar = Calendar(date(2027, 1, 1), "quarter")
    values = {"key": "A-1", "title": "Otsikko", "effort": "2,5", "deadline": "31.3.2027",
              "earliest_start": "", "tags": "data; perheet", "confidence": "0,8"}  # fmt: skip
    item, errors = item_of(values, calendar)
    assert errors == {}
    assert item is not None
    assert (item.effort, item.confidence, item.deadline, item.tags) == (
        2.5, 0.8, date(2027, 3, 31), ("data", "perheet"),
    )  # fmt: skip
    item, errors = item_of({**values, "effort": "paljon", "deadline": "2027-02-30"}, calendar)
    assert item is None
    assert errors == {
        "effort": "'paljon' is not a number",
        "deadline": "'2027-02-30' is not a date (day is out of range for month)",
    }
