"""Rows of the smaller tables deleted and restored with what hangs on them, and replays refused
when the stored row is no longer as the change left it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from roadmap.model import tables as t
from roadmap.store.items import delete_item
from roadmap.store.repo import KeyTakenError, NotFoundError
from roadmap.store.rows import (
    DeletedRow,
    RowChangedError,
    add_row,
    delete_row,
    edit_row,
    restore_row,
    row_state,
    set_row,
    set_translation,
)
from roadmap.store.silo import silo_matrix
from roadmap.store.teams import capacity_changes, set_capacity_changes
from tui.conftest import make_store


@pytest.fixture
def store(tmp_path: Path):
    store = make_store(tmp_path / "plan.db")
    yield store
    store.close()


def links(store) -> dict[str, set]:
    """Every link between the rows of the plan, by key: the items' needs, sources and teams,
    the needs' stakeholders, the silo map and the capacity changes."""
    Item, Need, Source, Team = t.Item, t.Need, t.InfoSource, t.Team
    with store.read() as session:

        def pairs(query) -> set:
            return set(session.execute(query).all())

        return {
            "needs": pairs(
                select(Item.key, Need.key).select_from(t.ItemNeed).join(Item).join(Need)
            ),
            "sources": pairs(
                select(Item.key, Source.key).select_from(t.ItemSource).join(Item).join(Source)
            ),
            "teams": pairs(select(Item.key, Team.key).join(Team, Team.id == Item.team_id)),
            "owners": pairs(select(Need.key, t.Stakeholder.key).join(t.Stakeholder)),
            "silo": set(silo_matrix(session=session, plan_id=1).items()),
            "capacity": {
                (team, tuple(changes))
                for team, changes in capacity_changes(session=session, plan_id=1).items()
            },
        }


def state(store, model: type, key: str) -> dict:
    with store.read() as session:
        return row_state(session=session, plan_id=1, model=model, key=key)


def delete(store, model: type, key: str, **kw) -> DeletedRow:
    with store.write() as session:
        return delete_row(session=session, plan_id=1, model=model, key=key, **kw)


def restore(store, deleted: DeletedRow) -> None:
    with store.write() as session:
        restore_row(session=session, plan_id=1, deleted=deleted)


def test_stakeholder_comes_back_with_needs_their_items_and_silo_cells(store) -> None:
    with store.write() as session:
        set_translation(
            session=session, plan_id=1, model=t.Need, key="N1", lang="en", field="text", text="Sees"
        )
    before, linked = state(store, t.Stakeholder, "sw"), links(store)
    need = state(store, t.Need, "N1")
    deleted = delete(store, t.Stakeholder, "sw")
    assert links(store)["needs"] == set() and links(store)["silo"] == set()
    restore(store, deleted)
    assert state(store, t.Stakeholder, "sw") == before
    assert state(store, t.Need, "N1") == need
    assert need["i18n"] == {"en": {"text": "Sees"}}
    assert links(store) == linked


def test_source_comes_back_with_items_and_stakeholders_that_referred_to_it(store) -> None:
    with store.write() as session:
        item = session.scalars(select(t.Item).where(t.Item.key == "CI-2")).one()
        source = session.scalars(select(t.InfoSource).where(t.InfoSource.key == "case")).one()
        session.add(t.ItemSource(item_id=item.id, source_id=source.id))
    linked = links(store)
    assert ("CI-2", "case") in linked["sources"] and (("sw", "case"), False) in linked["silo"]
    restore(store, delete(store, t.InfoSource, "case"))
    assert links(store) == linked


def test_team_comes_back_to_its_items_with_its_capacity(store) -> None:
    with store.write() as session:
        set_capacity_changes(session=session, plan_id=1, team="dev", changes=[(2, 4.0)])
    linked, before = links(store), state(store, t.Team, "dev")
    deleted = delete(store, t.Team, "dev")
    assert {key for key, _ in links(store)["teams"]} == {"CI-3", "CI-4"}
    restore(store, deleted)
    assert links(store) == linked
    assert state(store, t.Team, "dev") == before


def test_restore_refused_when_the_key_was_taken_meanwhile(store) -> None:
    deleted = delete(store, t.Need, "N1")
    with store.write() as session:
        add_row(
            session=session,
            plan_id=1,
            model=t.Need,
            values={"key": "N1", "text": "Other", "stakeholder_id": 1},
        )
    with pytest.raises(KeyTakenError, match="'N1'"):
        restore(store, deleted)


def test_replays_are_refused_when_the_row_changed_meanwhile(store) -> None:
    before = state(store, t.InfoSource, "reg")
    with store.write() as session:
        edit_row(
            session=session, plan_id=1, model=t.InfoSource, key="reg", values={"name": "Elsewhere"}
        )
    with pytest.raises(RowChangedError, match="info source reg was changed"):
        delete(store, t.InfoSource, "reg", expected=before)
    with store.write() as session, pytest.raises(RowChangedError):
        set_row(
            session=session, plan_id=1, model=t.InfoSource, key="reg", state=before, expected=before
        )
    with store.write() as session, pytest.raises(RowChangedError):
        set_capacity_changes(
            session=session, plan_id=1, team="dev", changes=[], expected=[(1, 2.0)]
        )
    assert state(store, t.InfoSource, "reg")["name"] == "Elsewhere"


def test_set_row_renames_and_points_at_another_organisation(store) -> None:
    before = state(store, t.Team, "ops")
    after = {**before, "key": "svc", "organisation_id": "LAH"}
    with store.write() as session:
        set_row(session=session, plan_id=1, model=t.Team, key="ops", state=after, expected=before)
    assert state(store, t.Team, "svc") == after
    with store.read() as session, pytest.raises(NotFoundError):
        row_state(session=session, plan_id=1, model=t.Team, key="ops")


def test_links_to_rows_deleted_meanwhile_are_left_out(store) -> None:
    deleted = delete(store, t.Need, "N1")
    with store.write() as session:
        delete_item(session=session, plan_id=1, key="CI-1")
    restore(store, deleted)
    assert state(store, t.Need, "N1") == deleted.state
    assert links(store)["needs"] == set()
