"""Minutes of a scripted workshop on the demo plan match the golden files, in three languages.

After an intended change of the minutes, regenerate the files with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/workshop/test_minutes.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli.base import cli
from roadmap.store import workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.store.repo import find_plan
from roadmap.workshop.agenda import parse_agenda

GOLDEN = Path(__file__).with_name("golden")


def _script(store: Store) -> None:
    """A short workshop: a need and an item captured, one round into the plan, one hidden."""
    with store.write() as s:
        plan_id = find_plan(session=s, slug=None).id
        workshop, _ = workshop_sessions.open_session(
            session=s,
            plan_id=plan_id,
            name="Lahti | Asikkala kick-off",
            held_on=date(2027, 2, 3),
            agenda=parse_agenda("needs:20,items:25,voting:10,results"),
        )
        workshop_sessions.capture(
            session=s, session_id=workshop.id, text="Families want one contact person"
        )
        workshop_sessions.set_step(session=s, session_id=workshop.id, step=1)
        workshop_sessions.capture(session=s, session_id=workshop.id, text="Shared family calendar")
        workshop_sessions.capture(
            session=s, session_id=workshop.id, text="note: check the *data* protection"
        )
        first = workshop_rounds.new_round(
            session=s, session_id=workshop.id, method="dots", filter_text="CI-2"
        )
        people = [
            workshop_sessions.join(session=s, code=workshop.code, name=f"P{n}")[0].id
            for n in range(3)
        ]
    for who, (a, b) in zip(people, [(3, 2), (2, 3), (3, 0)], strict=True):
        for item, value in zip(first.items[:2], (a, b), strict=True):
            with store.write() as s:
                workshop_rounds.cast_vote(
                    session=s, round_id=first.id, participant_id=who, item_key=item, value=value
                )
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=first.id, state="revealed")
    workshop_results.apply_to_plan(store, first.id)
    with store.write() as s:
        workshop_sessions.capture(
            session=s, session_id=workshop.id, text="decision: start with the calendar"
        )
        second = workshop_rounds.new_round(
            session=s, session_id=workshop.id, method="score", filter_text="W1"
        )
        workshop_rounds.cast_vote(
            session=s,
            round_id=second.id,
            participant_id=people[0],
            item_key="W1",
            criterion="perhe",
            value=4,
        )


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_minutes_of_a_scripted_session(tmp_path: Path, lang: str) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--quiet"]).exit_code == 0
    store = Store.open(db)
    _script(store)
    store.close()
    out = tmp_path / f"minutes.{lang}.md"
    result = runner.invoke(
        cli, ["--db", str(db), "workshop", "minutes", "--lang", lang, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    golden = GOLDEN / f"minutes.{lang}.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(out.read_bytes())
    assert out.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")
    out.chmod(0o640)
    again = runner.invoke(
        cli, ["--db", str(db), "workshop", "minutes", "--lang", lang, "-o", str(out)]
    )
    assert again.exit_code == 0 and f"Replaced {out}" in again.stderr
    assert out.stat().st_mode & 0o777 == 0o640


def test_roadmap_export_writes_the_minutes_in_each_language(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--quiet"]).exit_code == 0
    store = Store.open(db)
    _script(store)
    store.close()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["--db", str(db), "export", "minutes", "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(out.iterdir())
    assert [p.name.rsplit(".", 2)[-2] for p in written] == ["en", "fi", "sv"]
    assert sorted(result.stdout.split()) == [str(p) for p in written]
    assert result.stderr == f"Created folder {out}\n"
    for path in written:
        lang = path.name.rsplit(".", 2)[-2]
        assert path.read_text(encoding="utf-8") == (GOLDEN / f"minutes.{lang}.md").read_text(
            encoding="utf-8"
        )


def test_export_of_minutes_without_a_workshop_says_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--quiet"]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(db), "export", "minutes", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "roadmap workshop" in result.output


def test_minutes_are_in_the_workshops_language_unless_asked(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--quiet"]).exit_code == 0
    store = Store.open(db)
    _script(store)  # a new workshop speaks the plan's default language: Finnish
    store.close()
    result = runner.invoke(cli, ["--db", str(db), "workshop", "minutes"])
    assert result.exit_code == 0, result.output
    assert result.output == (GOLDEN / "minutes.fi.md").read_text(encoding="utf-8")


def test_minutes_name_people_as_the_plan_allows_and_say_what_moved(tmp_path: Path) -> None:
    from roadmap.model.evidence_tables import PlanSettings

    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--quiet"]).exit_code == 0
    store = Store.open(db)
    _script(store)
    args = ["--db", str(db), "workshop", "minutes", "--lang", "en"]
    quiet = runner.invoke(cli, args).output
    assert "Participants: 3" in quiet and "P0" not in quiet  # the demo shows roles only
    assert runner.invoke(cli, [*args, "--names"]).exit_code != 0  # the plan decides, no flag
    with store.write() as s:
        plan_id = workshop_sessions.find_session(session=s, plan_id=1).plan_id
        settings = s.get(PlanSettings, plan_id) or PlanSettings(plan_id=plan_id)
        settings.personal_names = True
        s.add(settings)
    store.close()
    named = runner.invoke(cli, args).output
    assert "Participants: 3 (P0, P1, P2)" in named
    assert "Criteria scored:" in named and " moved from " in named


def test_a_first_workshop_is_named_in_the_plans_language(demo_store: Store) -> None:
    from roadmap.tui.workshop.facilitator import make_facilitator_app

    app = make_facilitator_app(demo_store)
    with demo_store.read() as s:
        name = workshop_sessions.get_session(session=s, session_id=app.workshop_id).name
    assert name == "Työpaja"


def test_minutes_as_a_web_page_escape_what_the_room_typed(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "demo", "--quiet"]).exit_code == 0
    store = Store.open(db)
    _script(store)
    with store.write() as s:
        workshop = workshop_sessions.find_session(session=s, plan_id=1)
        workshop_sessions.capture(
            session=s, session_id=workshop.id, text="note: <script>alert(1)</script>"
        )
    store.close()
    args = ["--db", str(db), "workshop", "minutes", "--format", "html", "--lang", "fi"]
    page = runner.invoke(cli, args).output
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fi">' in page
    assert "<table>" in page and "<script>" not in page and "&lt;script&gt;" in page
