"""Recording evidence, progress and measure readings from the command line, and erasing a
person's name everywhere."""

from __future__ import annotations

import shutil
from datetime import date, datetime
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


NOTES_FI = """Päivämäärä;Menetelmä;Toimija;Tarpeet;Yhteenveto;Kirjaaja
3.2.2027;haastattelu;Äitiys- ja lastenneuvola;NEUVOLA-1, NEUVOLA-2;Toinen käynti;p-kehittaja
4.2.2027;Enkät;perhe;PERHE-1;"Kysely; 40 vastausta";
"""


def test_interview_notes_are_imported_from_a_spreadsheet(db: Path, tmp_path: Path) -> None:
    notes = tmp_path / "muistiinpanot.csv"
    notes.write_text(NOTES_FI, encoding="utf-8-sig")
    assert run(db, "evidence", "import", str(notes)) == "Imported 2 pieces of evidence\n"
    first, second = stored(db).evidence[-2:]
    assert (first.key, first.date, first.method, first.stakeholder, first.needs) == (
        "EV-17", date(2027, 2, 3), "interview", "neuvola", ["NEUVOLA-1", "NEUVOLA-2"],
    )  # fmt: skip
    assert first.recorded_by == "p-kehittaja"
    assert (second.key, second.method, second.summary) == (
        "EV-18",
        "survey",
        "Kysely; 40 vastausta",
    )


def test_a_spreadsheet_of_notes_with_problems_names_them_all_and_stores_nothing(
    db: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text(
        "date,actor,needs,mood\n30.2.2027,nobody,X-1,fine\n2027-02-05,neuvola,NEUVOLA-1,\n",
        encoding="utf-8",
    )
    before = stored(db).evidence
    result = CliRunner().invoke(cli, ["--db", str(db), "evidence", "import", str(notes)])
    assert result.exit_code == 1
    name = str(notes)
    for message in (
        f"{name}:1: unknown column 'mood'",
        f"{name}:2: date: '30.2.2027' is not a date",
        f"{name}:2: stakeholder: no actor 'nobody' (give its key or its name)",
        f"{name}:2: needs: unknown need 'X-1'",
    ):
        assert message in result.output
    assert stored(db).evidence == before


def _workbook(path: Path, rows: list[list[object]], *, before: str | None = None) -> None:
    """An Excel workbook of ``rows`` on a sheet of notes, after a sheet ``before`` (if any)."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    if before is not None:
        first.title = before
        first.append(["Muistio", "ei tietoja"])
        notes = book.create_sheet("Anteckningar")
    else:
        notes = first
    for row in rows:
        notes.append(row)
    book.save(path)


def test_interview_notes_are_imported_from_an_excel_workbook(db: Path, tmp_path: Path) -> None:
    notes = tmp_path / "anteckningar.xlsx"
    _workbook(
        notes,
        [
            ["Intervjuer hösten 2027"],  # a title row above the header
            [],
            ["Datum", "Metod", "Aktör", "Behov", "Sammanfattning"],
            [datetime(2027, 2, 3), "intervju", "neuvola", "NEUVOLA-1", "Andra besöket"],
            ["4.2.2027", "Enkät", "perhe", "PERHE-1", "Kysely; 40 vastausta"],
        ],
        before="Kansi",
    )
    assert run(db, "evidence", "import", str(notes)) == "Imported 2 pieces of evidence\n"
    first, second = stored(db).evidence[-2:]
    assert (first.key, first.date, first.method, first.stakeholder, first.needs) == (
        "EV-17", date(2027, 2, 3), "interview", "neuvola", ["NEUVOLA-1"],
    )  # fmt: skip
    assert (second.date, second.method, second.summary) == (
        date(2027, 2, 4), "survey", "Kysely; 40 vastausta",
    )  # fmt: skip


def test_a_workbook_of_notes_with_problems_names_them_all_and_stores_nothing(
    db: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.xlsx"
    _workbook(
        notes,
        [["date", "actor", "needs", "summary", "mood"],
         ["30.2.2027", "nobody", "X-1", "", "fine"],
         [datetime(2027, 2, 5), "neuvola", "NEUVOLA-1", "=A3", None]],
    )  # fmt: skip
    before = stored(db).evidence
    result = CliRunner().invoke(cli, ["--db", str(db), "evidence", "import", str(notes)])
    assert result.exit_code == 1
    where = f"{notes}[Sheet]"
    for message in (
        f"{where}:1: unknown column 'mood'",
        f"{where}:2: date: '30.2.2027' is not a date",
        f"{where}:2: stakeholder: no actor 'nobody' (give its key or its name)",
        f"{where}:2: needs: unknown need 'X-1'",
        f"{where}:3: summary: a formula without a saved value",
    ):
        assert message in result.output
    assert stored(db).evidence == before
