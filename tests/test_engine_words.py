"""The engine's warnings and reasons as a reader sees them: worded from the catalogs in every
language, English too, with every field they name (periods as the documents word them, dates
as the reader writes them, the items ranked higher)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.engine.result import Reason, Warning
from roadmap.i18n.labels import PeriodLabel
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import REASONS, WARNINGS, reason_text, warning_text
from roadmap.model.inputs import PlanDoc
from roadmap.model.periods import Calendar
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

CAL = Calendar(date(2027, 1, 1), "quarter")
PINNED = ("B",)
WARNING_ROWS = {
    ("deadline", ""): Warning("deadline", ("A",), None, 2),
    ("deadline", "day"): Warning("deadline", ("A",), None, 2, deadline=date(2027, 3, 31), due=0),
    ("overload", ""): Warning("overload", ("A", "B"), "dev", 1),
    ("overload", "pinned"): Warning("overload", ("A",), "dev", 1, cause="pinned"),
    ("overload", "horizon"): Warning("overload", ("A", "B"), "dev", 7, cause="horizon"),
    ("no_team", ""): Warning("no_team", ("A", "B")),
    ("no_team", "unknown"): Warning("no_team", ("A",), unknown=("ghost",)),
    ("unplaced", ""): Warning("unplaced", ("A",)),
    ("unplaced", "no_capacity"): Warning("unplaced", ("A",), "dev", 2, cause="no_capacity"),
    ("unplaced", "beyond_limit"): Warning(
        "unplaced", ("A",), "dev", cause="beyond_limit", count=100_000
    ),
    ("unplaced", "too_much"): Warning(
        "unplaced", ("A",), "dev", cause="too_much", count=2, amount=1.5
    ),
    ("unplaced", "blocker"): Warning("unplaced", ("A", "B"), cause="blocker"),
    ("soft_dependency", ""): Warning("soft_dependency", ("A", "B")),
    ("soft_dependency", "held"): Warning("soft_dependency", ("A", "B"), "ops", 1),
    ("pin_conflict", ""): Warning("pin_conflict", ("A", "B"), None, 0),
    ("pin_conflict", "ends"): Warning("pin_conflict", ("A", "B"), None, 0, blocker_end=1),
    ("pin_conflict", "unplaced"): Warning("pin_conflict", ("A", "B"), None, 2, cause="unplaced"),
    ("dropped_dependency", ""): Warning("dropped_dependency", ("A", "B")),
}
REASON_ROWS = {
    ("start", ""): Reason("start", (), 0),
    ("dependency", ""): Reason("dependency", ("A",), 0),
    ("soft_dependency", ""): Reason("soft_dependency", ("A",), 0),
    ("capacity", ""): Reason("capacity", ("A", "B"), 0, "dev", first=0, pinned=PINNED),
    ("capacity", "span"): Reason("capacity", ("A",), 1, "dev", first=0),
    ("capacity", "pinned"): Reason("capacity", ("B",), 0, "dev", first=0, pinned=PINNED),
    ("capacity", "pinned_span"): Reason("capacity", ("B",), 1, "dev", first=0, pinned=PINNED),
    ("capacity", "none"): Reason("capacity", (), 0, "dev", first=0),
    ("capacity", "none_span"): Reason("capacity", (), 1, "dev", first=0),
    ("pinned", ""): Reason("pinned", (), 2),
    ("earliest_start", ""): Reason("earliest_start", (), 2),
    ("earliest_start", "day"): Reason("earliest_start", (), 2, day=date(2027, 8, 15)),
    ("no_team", ""): Reason("no_team"),
    ("lag", ""): Reason("lag", ("A",), 0, gap=1),
    ("not_started", ""): Reason("not_started", (), 1),
}


def test_every_sentence_has_a_record_here() -> None:
    assert set(WARNING_ROWS) == set(WARNINGS) and set(REASON_ROWS) == set(REASONS)


def _worded(row, lang: str) -> str:
    words = Lang(lang)
    text = warning_text if isinstance(row, Warning) else reason_text
    return text(row, PeriodLabel(CAL, words), words, team=lambda key: key.title())


@pytest.mark.parametrize(
    "row",
    [*WARNING_ROWS.values(), *REASON_ROWS.values()],
    ids=[f"{type(row).__name__} {' '.join(key)}" for rows in (WARNING_ROWS, REASON_ROWS)
         for key, row in rows.items()],
)  # fmt: skip
def test_each_sentence_is_worded_in_each_language_with_its_fields(row) -> None:
    worded = {lang: _worded(row, lang) for lang in ("fi", "sv", "en")}
    for text in worded.values():
        assert "{" not in text and "2027-" not in text and "None" not in text
    assert worded["fi"] != worded["en"] and worded["sv"] != worded["en"]


def test_english_is_worded_from_the_catalog_too() -> None:
    assert _worded(WARNING_ROWS[("deadline", "day")], "en") == (
        "A ends in 2027 Q3, after its deadline 31 Mar 2027 (2027 Q1)."
    )
    assert _worded(REASON_ROWS[("capacity", "")], "en") == (
        "Dev is fully booked in 2027 Q1 by work ranked higher: A, B (pinned)"
    )
    assert (
        _worded(REASON_ROWS[("earliest_start", "day")], "en") == "cannot start before 15 Aug 2027"
    )
    assert _worded(WARNING_ROWS[("unplaced", "beyond_limit")], "en").startswith(
        "A cannot be placed: Dev cannot fit it within 100,000 periods"
    )


def test_dates_and_numbers_are_written_as_the_reader_writes_them() -> None:
    deadline = WARNING_ROWS[("deadline", "day")]
    assert (
        _worded(deadline, "fi")
        == "A päättyy jaksolla Q3/2027, määräajan 31.3.2027 (Q1/2027) jälkeen."
    )
    assert (
        _worded(deadline, "sv")
        == "A blir klart under Q3/2027, efter tidsfristen 31 mars 2027 (Q1/2027)."
    )
    assert "1,5 jaksossa" in _worded(WARNING_ROWS[("unplaced", "too_much")], "fi")
    assert "100\xa0000 perioder" in _worded(WARNING_ROWS[("unplaced", "beyond_limit")], "sv")


def test_a_long_list_of_items_names_five_and_how_many_more() -> None:
    row = Warning("no_team", tuple("ABCDEFG"))
    assert _worded(row, "en") == (
        "No team: A, B, C, D, E, 2 more. They are placed without a capacity limit."
    )
    assert "A, B, C, D, E, 2 muuta" in _worded(row, "fi")


DOC = {
    "plan": {"name": "Warned plan", "slug": "warned", "start_date": "2027-01-01"},
    "organisations": [{"key": "O", "name": "Org"}],
    "teams": [
        {"key": "dev", "organisation": "O", "name": "Kehitys", "capacity": 1},
        {"key": "ops", "organisation": "O", "name": "Ylläpito", "capacity": 1},
    ],
    "criteria": [{"key": "value", "name": "Value", "scale": "0-10"}],
    "items": [
        {"key": "A", "title": "Register survey", "team": "dev", "scores": {"value": 9}},
        {"key": "B", "title": "Portal", "team": "dev", "scores": {"value": 5}},
        {"key": "L", "title": "Late report", "team": "dev", "scores": {"value": 1},
         "deadline": "2027-06-30"},
        {"key": "O", "title": "Ops first", "team": "ops", "scores": {"value": 9}},
        {"key": "S", "title": "Ops later", "team": "ops", "scores": {"value": 1}},
        {"key": "T", "title": "Soft follower", "team": "dev", "scores": {"value": 8},
         "soft_depends_on": ["S"]},
        {"key": "P", "title": "Pinned early", "team": "ops", "scores": {"value": 2},
         "depends_on": ["B"], "pinned_period": "2027-Q1"},
        {"key": "R", "title": "Dropped", "team": "dev", "status": "dropped"},
        {"key": "Y", "title": "Waits for dropped", "team": "ops", "scores": {"value": 1},
         "depends_on": ["R"]},
    ],
}  # fmt: skip
ENGLISH = ("ranked higher", "cannot", "deadline", "depends on", "does not wait", "pinned")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(DOC))
    store.close()
    return path


def _warnings(db: Path, lang: str) -> list[str]:
    """The warnings ``roadmap plan`` prints, a line each."""
    out = CliRunner().invoke(
        cli, ["--db", str(db), "plan"], env={"ROADMAP_LANG": lang, "COLUMNS": "200"}
    )
    assert out.exit_code == 0, out.output
    assert "2027-Q" not in out.output
    heading = Lang(lang)._("Warnings ({n}):", n=4)
    lines = out.output.splitlines()
    return lines[lines.index(heading) + 1 :]


def test_roadmap_plan_words_every_warning_in_the_readers_language(db: Path) -> None:
    assert _warnings(db, "en") == [
        "- Y depends on R, which is dropped; the dependency is ignored.",
        "- T does not wait for S, which it should preferably follow: S ends only in 2027 Q3, "
        "held back by the capacity of Ylläpito.",
        "- P is fixed to 2027 Q1, but B, which it waits for, ends in 2027 Q1.",
        "- L ends in 2027 Q4, after its deadline 30 Jun 2027 (2027 Q2).",
    ]
    fi = _warnings(db, "fi")
    assert fi[1].endswith(
        "S valmistuu vasta jaksolla Q3/2027, koska tiimin Ylläpito kapasiteetti ei riitä aiemmin."
    )
    assert fi[3] == "- L päättyy jaksolla Q4/2027, määräajan 30.6.2027 (Q2/2027) jälkeen."
    sv = _warnings(db, "sv")
    assert (
        sv[2]
        == "- P är fastlagt till Q1/2027, men B, som det väntar på, blir klart först under Q1/2027."
    )
    assert sv[3] == "- L blir klart under Q4/2027, efter tidsfristen 30 juni 2027 (Q2/2027)."
    for line in (*fi, *sv):
        assert not [word for word in ENGLISH if word in line.lower()], line
