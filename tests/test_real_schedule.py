"""A real schedule: roadmap against TaskJuggler 3 on the Fedora 20 release schedule.

The Fedora 20 release schedule (``tests/fixtures/fedora20/f-20.tjp``, the example shipped with
TaskJuggler 3.7.1) is converted into a roadmap plan of ISO-week periods (see
:mod:`tests.tjp_plan`), imported and sequenced by roadmap through its services, and every
task's start and end week is compared with the dates TaskJuggler 3.7.1 scheduled for it
(``f-20-reference.csv``, made once with ``tj3``; see the folder's README). Container tasks
are left out, each named with the reason; the rest must land within one week of TaskJuggler's.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from roadmap.model.inputs import PlanDoc, check_references
from roadmap.model.periods import Calendar
from roadmap.store.db import Store
from tjp_plan import convert, read_tasks, sequence_backwards

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


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="Weeks are coarser than this schedule; 23 of 380 tasks land two or three weeks "
    "from TaskJuggler's: chains of one- or two-day tasks take a week each in roadmap (the "
    "elections, the release naming, press texts scheduled backwards), gaps of one or two "
    "working days round to no week, and a milestone that waits for a pinned milestone is "
    "shown a week before it (it is reached at the end of the previous week).",
)
def test_every_fedora_20_task_lands_within_a_week_of_taskjuggler(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROADMAP_TODAY", PLAN_START.isoformat())
    tasks = read_tasks(HERE / "f-20.tjp")
    reference = _reference()
    excluded = _containers(tasks)
    roadmap, runs = sequence_backwards(sqlite_store, convert(tasks, plan_start=PLAN_START))
    cal = Calendar(PLAN_START, "week")
    off = {}
    for tid in tasks:
        if tid in excluded:
            continue
        place = roadmap.placements[tid.replace(".", "-")]
        start, end = (cal.index_of(day) for day in reference[tid])
        if abs(place.start - start) > 1 or abs(place.end - end) > 1:
            off[tid] = (cal.label(place.start), cal.label(place.end), cal.label(start),
                        cal.label(end))  # fmt: skip
    compared = len(tasks) - len(excluded)
    print(f"{compared} compared after {runs} runs; more than a week off: {len(off)}")
    for tid, (rs, re_, ts, te) in sorted(off.items()):
        print(f"  {tid}: roadmap {rs}..{re_}, TaskJuggler {ts}..{te}")
    assert off == {}
