"""The smaller tables' rows, the sections and the follow-up records stored through the
services the app uses, each change undone and redone through the undo history."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from roadmap.model import tables as t
from roadmap.services.followup import add_evidence
from roadmap.services.history import Changes, History
from roadmap.services.plans import NotFoundError, read_document
from roadmap.services.rows import (
    add_section,
    remove_row,
    row_for_form,
    save_row,
    save_section_texts,
    section_rows,
)
from roadmap.services.views import stakeholders_view, team_capacity, teams_view
from tui.conftest import make_store


@pytest.fixture
def store(tmp_path: Path):
    store = make_store(tmp_path / "plan.db")
    yield store
    store.close()


def test_a_team_and_its_capacity_are_saved_and_undone_as_one_step(store) -> None:
    values = {"key": "dev", "name": "Kehitys", "organisation": "ASI", "capacity": 3.0}
    change = save_row(store, 1, t.Team, "team", "dev", values, capacity=[(2, 5.0)])
    assert isinstance(change, Changes)
    teams = teams_view(store, 1)
    dev = next(team for team in teams.teams if team.key == "dev")
    assert (teams.organisations[dev.organisation_id], dev.capacity) == ("ASI", 3.0)
    assert team_capacity(store, 1, "dev") == [(2, 5.0)]

    history = History(store, 1)
    history.record(change)
    history.undo()
    teams = teams_view(store, 1)
    dev = next(team for team in teams.teams if team.key == "dev")
    assert (teams.organisations[dev.organisation_id], dev.capacity) == ("LAH", 2.0)
    assert team_capacity(store, 1, "dev") == []
    history.redo()
    assert team_capacity(store, 1, "dev") == [(2, 5.0)]


def test_saving_what_is_stored_is_no_change(store) -> None:
    stored = row_for_form(store, 1, t.Team, "dev", ["organisation"])
    assert stored.references == {"organisation": "LAH"}
    assert dict(stored.choices["organisation"]) == {
        "LAH": "Lahden kaupunki",
        "ASI": "Asikkalan kunta",
    }
    values = {"key": "dev", "name": "Kehitys", "organisation": "LAH", "capacity": 2.0}
    assert save_row(store, 1, t.Team, "team", "dev", values) is None


def test_a_deleted_stakeholder_comes_back_with_its_needs(store) -> None:
    change = remove_row(store, 1, t.Stakeholder, "stakeholder", "sw")
    view = stakeholders_view(store, 1, None)
    assert (view.stakeholders, view.needs) == ([], [])

    history = History(store, 1)
    history.record(change)
    history.undo()
    view = stakeholders_view(store, 1, None)
    assert [s.key for s in view.stakeholders] == ["sw"]
    assert [n.key for n in view.needs] == ["N1"]
    assert view.answers == {"N1": [("CI-1", "Yhteinen asiakasnäkymä")]}


def test_a_new_section_goes_last_and_its_translation_is_undone(store) -> None:
    added = add_section(store, 1, {"key": "extra", "title": "Lisää", "i18n": {}})
    assert [s.key for s in section_rows(store, 1)] == ["background", "vision", "extra"]
    assert added.after is not None and added.after["kind"] == "custom"

    change = save_section_texts(store, 1, "vision", "en", {"title": "Vision"})
    vision = next(s for s in section_rows(store, 1) if s.key == "vision")
    assert (vision.title, vision.i18n) == ("Visio", {"en": {"title": "Vision"}})
    history = History(store, 1)
    history.record(change)
    history.undo()
    vision = next(s for s in section_rows(store, 1) if s.key == "vision")
    assert vision.i18n.get("en", {}).get("title") is None


def test_evidence_gets_the_next_key_and_bad_evidence_stores_nothing(store) -> None:
    values = {"method": "interview", "date": "2027-01-04", "summary": "Kuultiin"}
    assert add_evidence(store, 1, values) == "EV-1"
    assert add_evidence(store, 1, values) == "EV-2"
    with pytest.raises(ValidationError):
        add_evidence(store, 1, {**values, "method": "guess"})
    with pytest.raises(NotFoundError, match="nobody"):
        add_evidence(store, 1, {**values, "stakeholder": "nobody"})
    assert [ev.key for ev in read_document(store, 1, scores=False).evidence] == ["EV-1", "EV-2"]
