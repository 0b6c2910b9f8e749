"""Scenarios: what-ifs that change capacities, efforts, priorities and pins without touching
the plan, through plan files, the store, the engine and ``roadmap plan``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.engine.from_doc import snapshot_of
from roadmap.engine.scenarios import ScenarioData, apply, compare
from roadmap.engine.sequence import sequence
from roadmap.io.planfile import dump_yaml, load_plan
from roadmap.model.inputs import PlanDoc, check_references
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "plan": {"name": "What if", "slug": "whatif", "start_date": "2027-01-01"},
        "organisations": [{"key": "O", "name": "Org"}],
        "teams": [{"key": "dev", "organisation": "O", "name": "Developers", "capacity": 1}],
        "criteria": [{"key": "value", "name": "Value", "scale": "0-10"}],
        "items": [
            {"key": "A", "title": "Survey", "team": "dev", "effort": 2, "scores": {"value": 9}},
            {"key": "B", "title": "Portal", "team": "dev", "effort": 1, "scores": {"value": 5},
             "deadline": "2027-06-30"},
            {"key": "C", "title": "Training", "team": "dev", "effort": 1, "scores": {"value": 2}},
        ],
        "scenarios": [
            {"key": "more-people", "name": "Two developers", "capacities": {"dev": 2}},
            {"key": "portal-first", "name": "Portal first", "priorities": {"B": 100},
             "efforts": {"A": 3}, "pins": {"C": "2027-Q4"}},
        ],
    }  # fmt: skip
    doc.update(changes)
    return doc


def test_a_scenario_changes_the_roadmap_and_not_the_plan() -> None:
    doc = PlanDoc.model_validate(_doc())
    snap = snapshot_of(doc)
    plain = sequence(snap)
    what_if = apply(snap, ScenarioData("p", priorities={"B": 100}, efforts={"A": 3},
                                       pins={"C": 3}))  # fmt: skip
    roadmap = sequence(what_if)
    spans = lambda r: {k: (p.start, p.end) for k, p in r.placements.items()}  # noqa: E731
    assert spans(plain) == {"A": (0, 1), "B": (2, 2), "C": (3, 3)}
    # C, pinned to Q4, takes dev's quarter there first: A works around it.
    assert spans(roadmap) == {"B": (0, 0), "A": (1, 4), "C": (3, 3)}
    assert "priority set to 100" in roadmap.scores["B"].notes
    assert sequence(snap) == plain  # the snapshot itself is as it was
    found = compare(plain, roadmap)
    assert (found.periods_before, found.periods_after) == (4, 5)
    assert (found.missed_before, found.missed_after) == (("B",), ())
    assert [(c.key, c.kind) for c in found.changes] == [("B", "earlier"), ("A", "later")]


def test_scenarios_round_trip_through_plan_files_and_the_store(
    store: Store, tmp_path: Path
) -> None:
    doc = PlanDoc.model_validate(_doc())
    path = tmp_path / "plan.yaml"
    path.write_text(dump_yaml(doc), encoding="utf-8")
    assert load_plan(path) == doc
    with store.write() as session:
        plan_id = write_plan(session=session, doc=doc).id
    with store.read() as session:
        assert read_plan(session=session, plan_id=plan_id) == doc


def test_scenario_references_are_checked() -> None:
    doc = _doc()
    doc["scenarios"][0]["capacities"] = {"ops": 2}
    doc["scenarios"][1]["pins"] = {"Z": "2027-Q2"}
    doc["scenarios"].append({"key": "more-people", "name": "Again"})
    problems = {(p.where(), p.message) for p in check_references(PlanDoc.model_validate(doc))}
    assert problems == {
        ("scenarios[0].capacities.ops", "unknown team 'ops'"),
        ("scenarios[1].pins.Z", "unknown item 'Z'"),
        ("scenarios[2].key", "duplicate scenario key 'more-people'"),
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(_doc()))
    store.close()
    return path


def _run(db: Path, *args: str, code: int = 0) -> str:
    out = CliRunner().invoke(cli, ["--db", str(db), *args], env={"COLUMNS": "200"})
    assert out.exit_code == code, out.output
    return " ".join(out.output.split())


def test_roadmap_plan_shows_and_compares_scenarios(db: Path) -> None:
    assert "2027 Q3 B" in _run(db, "plan")
    assert "2027 Q1 B" in _run(db, "plan", "--scenario", "portal-first")
    out = _run(db, "plan", "--compare", "more-people")
    assert "Scenario more-people compared with the plan:" in out
    # The sentences of the app's scenario view and of the documents, not wording of its own.
    assert "- The roadmap ends 2 periods sooner: it takes 2 periods instead of 4." in out
    assert "- Deadlines missed: 0 (before: 1)." in out
    assert "- Met now, missed before: Portal (B)." in out
    assert "- Items moved: 2 items start earlier, 1 item ends earlier." in out
    assert "roadmap length" not in out
    assert "B Moved earlier moved earlier from 2027 Q3 to 2027 Q2" in out
    out = _run(db, "plan", "--scenario", "more-people", "--compare", "portal-first")
    assert "Scenario portal-first compared with more-people:" in out
    out = _run(db, "plan", "--scenario", "nope", code=1)
    assert "no scenario 'nope' in this plan (scenarios: more-people, portal-first)" in out


def test_roadmap_plan_compares_scenarios_in_finnish(db: Path) -> None:
    out = _run(db, "--lang", "fi", "plan", "--compare", "more-people")
    assert "Skenaario more-people suunnitelmaan verrattuna:" in out
    assert "- Tiekartta päättyy 2 jaksoa aiemmin: se kestää 2 jaksoa aiemman 4 sijaan." in out
    assert "- Ylittyviä määräaikoja: 0 (ennen: 1)." in out
    assert "- Pysyy nyt määräajassa, ennen ylittyi: Portal (B)." in out
    assert "Siirtyneet kohteet: 2 kohdetta alkaa aiemmin" in out
    # Each change in Finnish too: where it was and is, what else changed, and why.
    assert "A Päättyy aiemmin päättyy jaksolla Q1/2027 eikä jaksolla Q2/2027 (2 → 1 jakso)" in out
    assert "B Aikaistettu aikaistettu jaksolta Q3/2027 jaksolle Q2/2027" in out
    assert "periods" not in out and "->" not in out and "2027-Q" not in out
    out = _run(db, "--lang", "fi", "plan", "--scenario", "more-people", "--compare", "portal-first")
    assert "Skenaario portal-first verrattuna skenaarioon more-people:" in out


def test_an_unknown_scenario_is_named_in_the_readers_language(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(_doc(scenarios=[])))
    store.close()
    out = _run(path, "--lang", "fi", "plan", "--scenario", "nope", code=1)
    assert "suunnitelmassa ei ole skenaariota 'nope' (skenaariot: ei yhtään)" in out
    out = _run(path, "--lang", "sv", "plan", "--baseline", "old", code=1)
    assert "planen har ingen jämförelseversion 'old' (jämförelseversioner: inga)" in out


def test_a_missed_deadline_names_its_date_as_each_language_writes_it(db: Path) -> None:
    """The warning is worded from the catalog in every language, English too: its periods as
    the documents word them, its deadline as the reader writes a date."""
    out = _run(db, "plan")
    assert "- B ends in 2027 Q3, after its deadline 30 Jun 2027 (2027 Q2)." in out
    assert "2027-Q" not in out and "2027-06-30" not in out
    fi = _run(db, "--lang", "fi", "plan")
    assert "- B päättyy jaksolla Q3/2027, määräajan 30.6.2027 (Q2/2027) jälkeen." in fi
    sv = _run(db, "--lang", "sv", "plan")
    assert "- B blir klart under Q3/2027, efter tidsfristen 30 juni 2027 (Q2/2027)." in sv
