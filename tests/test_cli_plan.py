"""``roadmap plan`` and ``roadmap baseline`` as a person types them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import insert, select, update

from roadmap.cli import cli
from roadmap.model import tables as t
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

LONG = "Data warehouse loading with a very long title that cannot fit in eighty columns at all"
DOC = {
    "plan": {"name": "CLI plan", "slug": "cli", "start_date": "2027-01-01"},
    "organisations": [{"key": "O", "name": "Org"}],
    "teams": [{"key": "dev", "organisation": "O", "name": "Dev", "capacity": 1}],
    "criteria": [{"key": "value", "name": "Value", "scale": "0-10"}],
    "items": [
        {"key": "A", "title": "Register survey", "team": "dev", "scores": {"value": 9}},
        {"key": "B", "title": "Shared concepts", "team": "dev", "scores": {"value": 5},
         "depends_on": ["A"]},
        {"key": "C", "title": LONG, "team": "dev", "scores": {"value": 7}},
        {"key": "D", "title": "Nobody's job", "scores": {"value": 2}},
        {"key": "E", "title": "Finished", "team": "dev", "status": "done"},
    ],
}  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(DOC))
    store.close()
    return path


def run(db: Path, *args: str, code: int = 0) -> str:
    out = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert out.exit_code == code, out.output
    return out.output


def _set_value(db: Path, key: str, value: float) -> None:
    store = Store.open(db)
    with store.write() as session:
        item_id = session.execute(select(t.Item.id).where(t.Item.key == key)).scalar_one()
        session.execute(
            update(t.ItemScore).where(t.ItemScore.item_id == item_id).values(value=value)
        )
    store.close()


def test_plan_prints_the_roadmap_by_period_within_80_columns_then_warnings(db: Path) -> None:
    out = run(db, "plan")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = [re.split(r"\s{2,}", line)[:2] for line in lines if line[:1] in ("2", " ")]
    # dev is full until B ends, so C cannot slip either: critical by its slack of 0.
    assert rows[:4] == [["2027 Q1", "A*"], ["", "D"], ["2027 Q2", "C*"], ["2027 Q3", "B*"]]
    assert [re.split(r"\s{2,}", line)[4] for line in lines[1:3]] == ["2027 Q1", "2027 Q1"]
    assert "Data warehouse loading" in out and LONG not in out
    assert "4 items placed, 1 done, 0 dropped." in out
    assert out.index("Warnings (1):") > out.index("2027 Q3")
    assert "- No team: D. They are placed without a capacity limit." in out


def test_plan_groups_into_now_next_later(db: Path) -> None:
    out = run(db, "plan", "--horizons")
    rows = [line.split()[:2] for line in out.splitlines() if line.startswith(("Now", "Next"))]
    assert rows == [["Now", "A*"], ["Next", "C*"]]
    assert "Later" not in out


def test_now_next_later_counts_from_the_date_given_as_today(db: Path) -> None:
    # A quarter before the plan starts nothing is Now; Q1 and Q2 are Next, B (Q3) is Later.
    out = run(db, "--date", "2026-10-01", "plan", "--horizons")
    starts = ("Now", "Next", "Later")
    rows = [line.split()[:2] for line in out.splitlines() if line.startswith(starts)]
    assert rows == [["Next", "A*"], ["Later", "B*"]]
    assert "Now" not in out
    # In the third quarter nothing has started yet: the work is placed from that quarter on,
    # never in the quarters gone by.
    out = run(db, "--date", "2027-08-15", "plan", "--horizons")
    rows = [line.split()[:2] for line in out.splitlines() if line.startswith(starts)]
    assert rows == [["Now", "A*"], ["Next", "C*"]]
    assert "Later" not in out


def test_explain_shows_score_reasons_and_dependencies(db: Path) -> None:
    out = run(db, "plan", "--explain", "C")
    assert " ".join(out.split()).startswith(f"C: {LONG} (idea)")
    assert "Score 70.0 (weighted criteria)" in out
    assert "Value" in out and "70.0" in out
    flat = " ".join(out.split())
    assert "Placed 2027 Q2, team Dev" in flat
    assert (
        "- Dev is fully booked in 2027 Q1 by work ranked higher: Register survey (A): 1 of 1."
        in flat
    )
    assert "- It ends in 2027 Q2, the period it starts in." in flat
    assert "Blocks: nothing" in out
    out = run(db, "plan", "--explain", "B")
    flat = " ".join(out.split())
    assert "- It waits for Register survey (A), which ends in 2027 Q1." in flat
    assert "Blocked by: A" in out and "on the critical path, slack 0 periods" in out
    assert "Waits for (hard): A" in out
    out = run(db, "plan", "--explain", "E")
    assert "E: Finished (done)" in out and "Placed" not in out


def test_explain_of_an_unknown_item_is_an_error(db: Path) -> None:
    out = run(db, "plan", "--explain", "Q", code=1)
    assert "Error: no item 'Q' in this plan" in out


def test_baselines_are_saved_listed_and_compared(db: Path, monkeypatch) -> None:
    assert "Saved baseline 'v1' (4 items placed)" in run(db, "baseline", "save", "v1")
    assert run(db, "baseline", "list").startswith("v1\t")
    assert "use --replace" in run(db, "baseline", "save", "v1", code=1)
    run(db, "baseline", "save", "v1", "--replace")
    assert "No changes since baseline 'v1'." in run(db, "plan", "--baseline", "v1")
    _set_value(db, "C", 1)  # C falls below B: B moves earlier, C later
    out = run(db, "plan", "--baseline", "v1")
    assert "Changes since baseline v1" in out
    changes = [line.split()[:3] for line in out.splitlines() if line[:2] in ("B ", "C ")]
    assert changes == [["B", "Moved", "earlier"], ["C", "Moved", "later"]]
    monkeypatch.setenv("COLUMNS", "200")  # room for the whole reason
    flat = " ".join(run(db, "plan", "--baseline", "v1").split())
    # The reason, worded from the catalog, names the team and the items ranked higher.
    assert (
        "Dev is fully booked from 2027 Q1 to 2027 Q2, in 2027 Q2 by work ranked higher: B" in flat
    )
    assert "2027-Q" not in flat
    # A Finnish reader reads the change in Finnish, periods as the documents word them.
    flat = " ".join(run(db, "--lang", "fi", "plan", "--baseline", "v1").split())
    assert "myöhästetty jaksolta Q2/2027 jaksolle Q3/2027" in flat
    assert "Dev on täysin varattu jaksoilla Q1/2027–Q2/2027, jaksolla Q2/2027 " in flat
    assert "moved" not in flat and "2027-Q" not in flat
    out = run(db, "plan", "--baseline", "v2", code=1)
    assert "no baseline 'v2' for this plan (baselines: v1)" in out


def test_no_baselines_yet(db: Path) -> None:
    assert "No baselines yet" in run(db, "baseline", "list")


def test_a_cycle_in_the_stored_plan_is_reported_by_name(db: Path) -> None:
    store = Store.open(db)
    with store.write() as session:
        ids = dict(session.execute(select(t.Item.key, t.Item.id)).all())
        session.execute(
            insert(t.Dependency).values(plan_id=1, blocker_id=ids["B"], blocked_id=ids["A"])
        )
    store.close()
    out = run(db, "plan", code=1)
    assert "Error: dependency cycle: A -> B -> A" in out


def test_an_unknown_plan_is_an_error(db: Path) -> None:
    assert "no plan 'nope'" in run(db, "plan", "--plan", "nope", code=1)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ["Milloin", "Nimi", "kohdetta sijoitettu", "Pisteet", "Miksi se alkaa silloin:"]),
        ("sv", ["När", "Titel", "objekt placerade", "Poäng", "Varför den börjar då:"]),
    ],
)
def test_plan_speaks_the_chosen_language(db: Path, lang: str, words: list[str]) -> None:
    out = run(db, "--lang", lang, "plan") + run(db, "--lang", lang, "plan", "--explain", "C")
    for word in words:
        assert word in out
    assert "items placed" not in out and "Why it starts" not in out


@pytest.mark.parametrize(
    ("env", "word"),
    [
        ({"LANG": "fi_FI.UTF-8"}, "Suunnitelma, jota käsitellään"),
        ({"LANG": "sv_FI.UTF-8"}, "Planen som bearbetas"),
    ],
)
def test_help_speaks_the_locale_language(tmp_path: Path, env: dict[str, str], word: str) -> None:
    import os
    import subprocess
    import sys

    environ = {
        k: v for k, v in os.environ.items() if k not in ("ROADMAP_LANG", "LC_ALL", "LC_MESSAGES")
    }
    environ |= {"ROADMAP_CONFIG_DIR": str(tmp_path), **env}
    out = subprocess.run(
        [sys.executable, "-m", "roadmap", "plan", "--help"],
        capture_output=True,
        text=True,
        env=environ,
        check=True,
    ).stdout
    assert word in " ".join(out.split())


def test_reasons_and_warnings_speak_the_chosen_language(db: Path) -> None:
    out = run(db, "--lang", "fi", "plan", "--explain", "C")
    assert "Miksi se alkaa silloin:" in out and "Dev on täysin varattu jaksolla Q1/2027" in out
    assert "is full" not in out and "ranked higher" not in out


def test_plan_words_its_periods_and_milestones_as_readers_write_them(tmp_path: Path) -> None:
    """The When and Ends columns and the milestone lines are read, not typed back: they word
    the periods as the documents do, ``Q1/2027`` in Finnish and ``2027 Q1`` in English."""
    doc = {**DOC, "milestones": [{"key": "M", "name": "Survey out", "date": "2027-06-30",
                                  "items": ["A"]}]}  # fmt: skip
    path = tmp_path / "plan.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(doc))
    store.close()
    fi = run(path, "--lang", "fi", "plan").splitlines()
    assert re.split(r"\s{2,}", fi[1])[:5] == ["Q1/2027", "A*", "Register survey", "Dev", "Q1/2027"]
    assert any(line.startswith("Q3/2027  B*") for line in fi)
    assert "- Survey out (M): saavutetaan jakson Q2/2027 alussa" in fi
    en = run(path, "plan")
    assert "- Survey out (M): reached at the start of 2027 Q2" in en
    assert "2027-Q" not in en
