"""Recording evidence, progress and measure readings from the command line, and erasing a
person's name everywhere."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.io.planfile import load_plan
from roadmap.model.workshop_tables import WorkshopNote, WorkshopParticipant, WorkshopSession
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan

NAME = "Maija Esimerkki"
DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / "plan.yaml"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=load_plan(DEMO))
    store.close()  # the last connection folds the log into the file, which is copied alone
    return path


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    shutil.copy(template, path)
    return path


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def stored(db: Path):
    store = Store.open(db)
    with store.read() as session:
        doc = read_plan(session=session, plan_id=1)
    store.close()
    return doc


def test_evidence_added_backs_its_need_in_the_explanation(db: Path) -> None:
    out = run(
        db, "evidence", "add", "--stakeholder", "neuvola", "--need", "NEUVOLA-1",
        "--date", "2027-02-03", "--summary", "Second visit confirmed it", "--recorded-by",
        "p-kehittaja",
    )  # fmt: skip
    assert out == "Saved EV-17\n"
    ev = stored(db).evidence[-1]
    assert (ev.key, ev.method, ev.date, ev.needs) == (
        "EV-17",
        "interview",
        date(2027, 2, 3),
        ["NEUVOLA-1"],
    )
    explained = run(db, "plan", "--explain", "CI-33")
    assert "answers NEUVOLA-1, backed by 2 interviews, latest 2027-02" in explained
    assert "EV-17" in run(db, "evidence", "list")


def test_evidence_with_unknown_references_is_refused_naming_them_all(db: Path) -> None:
    before = stored(db).evidence
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "evidence", "add", "--stakeholder", "nobody", "--need", "X-1",
         "--need", "NEUVOLA-1", "--recorded-by", "ghost"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Not saved: no stakeholder 'nobody'; no person 'ghost'; no need 'X-1'" in result.output
    assert stored(db).evidence == before


def test_progress_and_measure_readings_are_recorded(db: Path) -> None:
    run(
        db, "progress", "record", "CI-11", "--done", "15", "--health", "at_risk",
        "--note", "Waiting for the agreement", "--date", "2027-04-10", "--responsible", "p-data",
    )  # fmt: skip
    run(db, "measure", "record", "M-AUKOT", "17", "--date", "2027-12-31", "--note", "Two fixed")
    doc = stored(db)
    item = next(i for i in doc.items if i.key == "CI-11")
    assert item.status == "in_progress"
    tracked = next(p for p in doc.progress if p.item == "CI-11")
    assert tracked.responsible == "p-data"
    update = tracked.updates[-1]
    assert (update.done, update.health, update.note) == (
        0.15,
        "at_risk",
        "Waiting for the agreement",
    )
    measure = next(m for g in doc.goals for m in g.measures if m.key == "M-AUKOT")
    assert (measure.values[-1].value, measure.values[-1].date) == (17, date(2027, 12, 31))
    result = CliRunner().invoke(cli, ["--db", str(db), "measure", "record", "M-NONE", "1"])
    assert result.exit_code == 1 and "no measure 'M-NONE'" in result.output


def test_erase_person_removes_the_name_everywhere_and_names_the_backups(db: Path) -> None:
    store = Store.open(db)
    with store.write() as session:
        workshop = WorkshopSession(
            plan_id=1, name="Kick-off", code="ABC123", held_on=date(2027, 1, 4)
        )
        session.add(workshop)
        session.flush()
        session.add(
            WorkshopParticipant(session_id=workshop.id, name=NAME, name_key="maija esimerkki")
        )
        session.add(WorkshopNote(session_id=workshop.id, step="needs", text=f"{NAME} asked for it"))
    store.close()
    backup = db.with_name(f"{db.name}.0005-20270101.bak")
    shutil.copy(db, backup)
    out = run(db, "erase-person", "maija  esimerkki", "--yes")
    assert "Erased: 1 person, 0 pieces of evidence, 1 workshop participant, 1 workshop note" in out
    assert f"These backups still hold the name:\n  {backup}\n" in out
    doc = stored(db)
    lead = next(p for p in doc.people if p.key == "p-projekti")
    assert (lead.name, lead.role) == ("", "Projektipäällikkö")
    assert NAME.encode() not in db.read_bytes()
    assert NAME not in run(db, "export-data", "--format", "yaml", "-o", "-")
