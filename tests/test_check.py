"""What `roadmap check` finds in a plan."""

from __future__ import annotations

import doctest
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError
from sqlalchemy import text

from roadmap.cli import cli
from roadmap.config import demo_plan_file
from roadmap.io.planfile import dump_yaml, load_plan
from roadmap.model import cycles
from roadmap.model.check import ERROR, WARNING, Finding, check_plan
from roadmap.model.inputs import ItemIn, PlanDoc
from roadmap.store.check import check_stored
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from test_roundtrip_props import plan_docs


def doc(**parts) -> PlanDoc:
    base = {
        "plan": {"name": "P", "start_date": "2027-01-01", "languages": ["fi", "en"]},
        "organisations": [{"key": "city", "name": "Kaupunki", "i18n": {"en": {"name": "City"}}}],
        "teams": [{"key": "t", "organisation": "city", "name": "Tiimi"}],
    }
    return PlanDoc.model_validate(base | parts)


def item(key: str, **extra) -> dict:
    return {
        "key": key,
        "title": f"Kohde {key}",
        "organisation": "city",
        "team": "t",
        "i18n": {"en": {"title": f"Item {key}"}},
        **extra,
    }


def test_clean_plan_has_no_findings() -> None:
    plan = doc(items=[item("A"), item("B", depends_on=["A"])])
    plan.plan.i18n = {"en": {"name": "P"}}
    assert check_plan(plan) == []


def test_cycle_is_an_error_listing_every_item() -> None:
    plan = doc(
        items=[
            item("A", depends_on=["C"]),
            item("B", depends_on=["A"]),
            item("C", depends_on=["B"]),
        ]
    )
    plan.plan.i18n = {"en": {"name": "P"}}
    [finding] = check_plan(plan)
    assert finding.severity == ERROR
    assert finding.subject.startswith("item ")
    for key in "ABC":
        assert key in finding.message
    assert finding.message.count("->") == 3


def test_deadline_before_earliest_start() -> None:
    plan = doc(items=[item("A", earliest_start="2027-06-01", deadline="2027-03-01")])
    plan.plan.i18n = {"en": {"name": "P"}}
    [finding] = check_plan(plan)
    assert (finding.severity, finding.subject) == (ERROR, "item A")
    assert "2027-03-01" in finding.message and "2027-06-01" in finding.message


def test_gaps_and_open_needs_and_translations_are_warnings() -> None:
    plan = doc(
        stakeholders=[
            {
                "key": "school",
                "name": "Koulu",
                "i18n": {"en": {"name": "School"}},
                "needs": [
                    {"key": "N1", "text": "Tieto", "i18n": {"en": {"text": "Data"}}},
                    {"key": "N2", "text": "Avoin"},
                ],
            }
        ],
        items=[
            item("A", needs=["N1"]),
            {"key": "B", "title": "Ilman tiimiä", "i18n": {"en": {"title": "No team"}}},
            {"key": "C", "title": "Valmis", "status": "done", "i18n": {"en": {"title": "Done"}}},
        ],
    )
    found = {(f.severity, f.subject, f.message) for f in check_plan(plan)}
    assert (WARNING, "item B", "has no organisation and no team") in found
    assert not any(subject == "item C" for _, subject, _ in found)
    assert (WARNING, "need N2", "no item answers it (Koulu: Avoin)") in found
    assert (WARNING, "need N2", "no en translation of text") in found
    assert (WARNING, "plan", "no en translation of name") in found
    assert not any(subject == "need N1" for _, subject, _ in found)


def test_infinite_and_undefined_numbers_are_refused() -> None:
    for bad in ("inf", "nan"):
        with pytest.raises(ValidationError, match="effort"):
            ItemIn(key="A", title="a", effort=float(bad))
        with pytest.raises(ValidationError, match="scores"):
            ItemIn(key="A", title="a", scores={"value": float(bad)})


def test_cycle_examples() -> None:
    result = doctest.testmod(cycles)
    assert result.attempted > 0 and result.failed == 0


def flawed() -> PlanDoc:
    """A plan with one of each finding but a cycle, in several rows of each kind."""
    plan = doc(
        sections=[
            {"key": "s2", "kind": "vision", "title": "Visio", "body": "Teksti"},
            {"key": "s1", "kind": "background", "title": "Tausta", "i18n": {"en": {"title": "B"}}},
        ],
        stakeholders=[
            {
                "key": "school",
                "name": "Koulu",
                "needs": [
                    {"key": "N2", "text": "Avoin"},
                    {"key": "N1", "text": "Tieto", "i18n": {"en": {"text": "Data"}}},
                ],
            },
            {"key": "clinic", "name": "Neuvola", "needs": [{"key": "N3", "text": "Kolmas"}]},
        ],
        items=[
            item("Z", needs=["N1"], earliest_start="2027-06-01", deadline="2027-03-01"),
            {"key": "B", "title": "Ilman tiimiä", "description": "Kuvaus"},
            {"key": "A", "title": "Ilman omistajaa", "team": "t", "depends_on": ["B"]},
            {"key": "C", "title": "Valmis", "status": "done", "i18n": {"en": {"title": "Done"}}},
            item("D", earliest_start="2027-01-01", deadline="2027-01-01", depends_on=["Z", "A"]),
        ],
    )
    plan.sections[1].i18n = {"en": {"title": "Background", "body": ""}}
    return plan


@pytest.mark.parametrize("make", [flawed, lambda: load_plan(demo_plan_file())])
def test_a_stored_plan_is_checked_as_its_document_is(store: Store, make) -> None:
    plan = make()
    with store.write() as session:
        plan_id = write_plan(session=session, doc=plan).id
    with store.read() as session:
        stored = check_stored(session=session, plan_id=plan_id)
        whole = check_plan(read_plan(session=session, plan_id=plan_id))
    assert stored == whole == check_plan(plan)
    if make is flawed:
        assert (ERROR, "item Z") in {(f.severity, f.subject) for f in stored}
        assert len({f.subject for f in stored}) >= 8


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plan_docs())
def test_random_stored_plans_are_checked_as_their_documents_are(
    plan: PlanDoc, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("check") / "r.db"
    shutil.copy(_empty_db(tmp_path_factory), path)
    store = Store.open(path)
    with store.write() as session:
        plan_id = write_plan(session=session, doc=plan).id
    with store.read() as session:
        assert check_stored(session=session, plan_id=plan_id) == check_plan(
            read_plan(session=session, plan_id=plan_id)
        )
    store.close()


_EMPTY: list[Path] = []


def _empty_db(factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty database, made once, to copy for each example."""
    if not _EMPTY:
        _EMPTY.append(factory.mktemp("template") / "empty.db")
        Store.open(_EMPTY[0]).close()
    return _EMPTY[0]


def test_a_stored_cycle_is_named_from_its_least_key(store: Store) -> None:
    plan = doc(items=[item("C", depends_on=["B"]), item("B"), item("A", depends_on=["C"])])
    with store.write() as session:
        plan_id = write_plan(session=session, doc=plan).id
        session.execute(
            text(
                "INSERT INTO dependency"
                " (created_at, updated_at, plan_id, blocker_id, blocked_id, kind)"
                " SELECT b.created_at, b.updated_at, b.plan_id, b.id, c.id, 'soft'"
                " FROM item b, item c WHERE b.key = 'A' AND c.key = 'B'"
            )
        )
    with store.read() as session:
        findings = check_stored(session=session, plan_id=plan_id)
    assert findings[0] == Finding(ERROR, "item A", "dependency cycle: A -> B -> C -> A")


def test_check_a_file_before_importing_it(tmp_path: Path) -> None:
    good = tmp_path / "plan.yaml"
    good.write_text(dump_yaml(flawed()), encoding="utf-8")
    db = tmp_path / "r.db"
    out = CliRunner().invoke(cli, ["--db", str(db), "check", str(good)])
    assert out.exit_code == 1
    assert "error: item Z: deadline 2027-03-01 is before its earliest start" in out.output
    assert "warning: need N3: no item answers it (Neuvola: Kolmas)" in out.output
    assert (
        out.output.splitlines()[-1] == f"{good}: 1 error, {len(check_plan(flawed())) - 1} warnings"
    )
    bad = tmp_path / "cycle.yaml"
    cyclic = flawed()
    cyclic.items[0].depends_on = ("D",)
    bad.write_text(dump_yaml(cyclic), encoding="utf-8")
    out = CliRunner().invoke(cli, ["--db", str(db), "check", str(bad)])
    assert out.exit_code == 1
    assert f"error: {bad}:" in out.output
    assert "dependency cycle: D -> Z -> D" in out.output
    assert (
        not db.exists()
        or not sqlite3.connect(db)
        .execute("SELECT name FROM sqlite_master WHERE name = 'item'")
        .fetchall()
    )


def test_the_same_plan_names_the_same_cycle_whatever_the_hash_seed() -> None:
    script = (
        "from roadmap.model.cycles import find_cycle\n"
        "print(find_cycle({'A': ['Z', 'B'], 'M': ['A', 'Z'], 'B': ['M'], 'Z': ['B']}))"
    )
    named = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(named) == 1
