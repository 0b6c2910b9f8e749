"""A real schedule: roadmap against TaskJuggler 3 on the Fedora 20 release schedule.

The Fedora 20 release schedule (``tests/fixtures/fedora20/f-20.tjp``, the example shipped with
TaskJuggler 3.7.1) counts in working days, so it is converted into a roadmap plan of day
periods whose team works Monday to Friday (see :mod:`tests.tjp_plan`), imported and sequenced
by roadmap through its services, and every task's start and end is compared with the dates
TaskJuggler 3.7.1 scheduled for it (``f-20-reference.csv``, made once with ``tj3``; see the
folder's README). Container tasks are left out, each named with the reason; every other task
must start and end within one working day of TaskJuggler's dates.

Working days, not calendar days, because TaskJuggler reports the instant a task may begin: a
task whose blocker ends on a Friday evening is reported to start that Friday, while its first
hour of work, and roadmap's first period of it, is Monday's. Counted in working days (a
Saturday or Sunday counts as the Monday after), both are the same time.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from roadmap.model.inputs import PlanDoc, check_references
from roadmap.model.periods import Calendar
from roadmap.store.db import Store
from tjp_plan import convert, read_tasks, sequence_settled

HERE = Path(__file__).resolve().parent / "fixtures" / "fedora20"
PLAN_START = date(2013, 5, 1)  # the project's first working day (``start_work`` in the file)


def _reference() -> dict[str, tuple[date, date]]:
    """TaskJuggler's start and end date of each task, by full id."""
    with (HERE / "f-20-reference.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return {r["Id"]: (date.fromisoformat(r["Start"]), date.fromisoformat(r["End"])) for r in rows}


def _containers(tasks: dict) -> dict[str, str]:
    """The tasks left out of the comparison, with the reason."""
    reason = "a container: roadmap has no summary items; its leaf tasks are compared instead"
    return {tid: reason for tid, task in tasks.items() if task.children}


def _working_day(day: date) -> int:
    """The working days (Monday to Friday) from the plan's start before ``day``: a Saturday or
    Sunday counts as the Monday after."""
    days = (day - PLAN_START).days
    return sum((PLAN_START + timedelta(days=n)).weekday() < 5 for n in range(days))


def test_at_least_nine_tasks_in_ten_of_the_schedule_are_converted() -> None:
    tasks = read_tasks(HERE / "f-20.tjp")
    reference = _reference()
    assert set(tasks) == set(reference), "the converter reads every task TaskJuggler scheduled"
    excluded = _containers(tasks)
    print(f"{len(excluded)} of {len(tasks)} tasks left out:")
    for tid, reason in excluded.items():
        print(f"  {tid}: {reason}")
    assert len(excluded) <= 0.10 * len(tasks)
    conv = convert(tasks, plan_start=PLAN_START)
    keys = {item["key"] for item in conv.doc["items"]}
    assert keys == {tid.replace(".", "-") for tid in tasks if tid not in excluded}
    assert check_references(PlanDoc.model_validate(conv.doc)) == []


def test_every_fedora_20_task_lands_within_a_working_day_of_taskjuggler(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_TODAY", PLAN_START.isoformat())
    tasks = read_tasks(HERE / "f-20.tjp")
    reference = _reference()
    excluded = _containers(tasks)
    roadmap, runs = sequence_settled(sqlite_store, convert(tasks, plan_start=PLAN_START))
    cal = Calendar(PLAN_START, "day")
    off, exact = {}, 0
    for tid in tasks:
        if tid in excluded:
            continue
        place = roadmap.placements[tid.replace(".", "-")]
        ours = (cal.start_of(place.start), cal.start_of(place.end))
        theirs = reference[tid]
        gaps = [_working_day(a) - _working_day(b) for a, b in zip(ours, theirs, strict=True)]
        exact += gaps == [0, 0]
        if any(abs(gap) > 1 for gap in gaps):
            off[tid] = (*ours, *theirs)
    compared = len(tasks) - len(excluded)
    print(f"{compared} compared after {runs} runs: {exact} on the very working days; "
          f"more than a working day off: {len(off)}")  # fmt: skip
    for tid, (rs, re_, ts, te) in sorted(off.items()):
        print(f"  {tid}: roadmap {rs}..{re_}, TaskJuggler {ts}..{te}")
    assert compared >= 0.90 * len(tasks)
    assert off == {}


SMALL = """
macro major [20]
/* a block comment with task fake "Fake" { */
project p${major} "P" 2013-05-01 - 2013-12-31 { }
task r${major} "Root" {
  start 2013-05-01
  task a "A" {
    length 7d   # seven working days
  }
  task g "Group" {
    depends !a {gaplength 6d}
    task b"B, no space before the name" {
      duration 8d
    }
    task m "Milestone" {
      depends !!a {gapduration 14d}, !b
    }
  }
  task late "Late" {
    start 2013-06-03
  }
  task s "Shadow" {
    precedes !g.m {gaplength 5d}
  }
}
"""


def test_the_converter_reads_references_gaps_containers_and_backward_tasks(
    tmp_path: Path,
) -> None:
    path = tmp_path / "small.tjp"
    path.write_text(SMALL, encoding="utf-8")
    tasks = read_tasks(path)
    assert list(tasks) == ["r20", "r20.a", "r20.g", "r20.g.b", "r20.g.m", "r20.late", "r20.s"]
    assert tasks["r20.g.m"].depends == {"r20.a": 14.0, "r20.g.b": 0}
    assert tasks["r20.g.m"].elapsed == {"r20.a"}
    conv = convert(tasks, plan_start=PLAN_START)
    items = {item["key"]: item for item in conv.doc["items"]}
    assert sorted(items) == ["r20-a", "r20-g-b", "r20-g-m", "r20-late", "r20-s"]
    # a: seven working days of one person's work; b: eight calendar days in a row.
    assert (items["r20-a"]["team"], items["r20-a"]["effort"]) == ("release", 7)
    assert items["r20-a"]["max_share"] * conv.doc["teams"][0]["capacity"] == 1
    assert (items["r20-g-b"]["team"], items["r20-g-b"]["duration"]) == ("community", 8)
    # b inherits its group's dependency on a: six working days, at least six days until the
    # runs make it exact. m adds b; the shadow task is placed from m, m does not wait for it.
    assert items["r20-g-b"]["depends_on"] == ["r20-a"]
    assert items["r20-g-b"]["lags"] == {"r20-a": 6}
    assert conv.gaps == {"r20-g-b": {"r20-a": 6}}
    assert items["r20-g-m"]["depends_on"] == ["r20-a", "r20-g-b"]
    assert items["r20-g-m"]["lags"] == {"r20-a": 14}
    assert "duration" not in items["r20-g-m"] and items["r20-g-m"]["effort"] == 0
    assert items["r20-late"]["earliest_start"] == "2013-06-03"
    assert conv.backwards == {"r20-s": {"r20-g-m": 5}}
    assert conv.containers == ["r20", "r20.g"]
    # The release team works Monday to Friday: none from each Saturday, all from Monday.
    changes = conv.doc["teams"][0]["capacity_changes"][:2]
    assert changes == [{"from_period": "2013-05-04", "capacity": 0},
                       {"from_period": "2013-05-06", "capacity": 1000}]  # fmt: skip


def test_a_task_scheduled_backwards_is_pinned_to_end_before_what_it_precedes(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_TODAY", PLAN_START.isoformat())
    path = tmp_path / "small.tjp"
    path.write_text(SMALL, encoding="utf-8")
    roadmap, runs = sequence_settled(sqlite_store, convert(read_tasks(path), plan_start=PLAN_START))
    cal = Calendar(PLAN_START, "day")
    spans = {k: (cal.label(p.start), cal.label(p.end)) for k, p in roadmap.placements.items()}
    # a takes seven working days from Wednesday 1 May to Thursday 9 May; b waits six working
    # days (Friday 10 to Friday 17) and runs eight days from Saturday 18 May. m is reached when
    # b ends, at the start of Sunday 26 May; the shadow task ends five working days before,
    # reached on Monday 20 May.
    assert spans == {
        "r20-a": ("2013-05-01", "2013-05-09"),
        "r20-g-b": ("2013-05-18", "2013-05-25"),
        "r20-g-m": ("2013-05-25", "2013-05-25"),
        "r20-late": ("2013-06-03", "2013-06-03"),
        "r20-s": ("2013-05-20", "2013-05-20"),
    }
    assert roadmap.placements["r20-g-m"].reached == cal.index_of(date(2013, 5, 26))
    assert runs == 3
