"""Schema creation, upgrades from an older schema, refusal of a newer one."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel, select

from roadmap.model.tables import Baseline, Dependency, Item, Plan
from roadmap.store import migrate
from roadmap.store.db import Store, make_engine
from roadmap.store.migrate import SchemaError, head_revision, upgrade_connection

FIXTURE = Path(__file__).parent / "fixtures" / "schema_0001.db"


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    with engine.connect() as conn:
        rev = migrate.current_revision(conn)
    engine.dispose()
    return rev


def test_new_database_gets_newest_schema(db_url: str) -> None:
    Store.open(db_url).close()
    assert _revision(db_url) == head_revision()


def test_migrations_match_the_models(db_url: str) -> None:
    """A new database is made from the models, an older one by the migrations: run from the
    first, they must make what the models declare, server defaults included."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        upgrade_connection(conn)
        context = MigrationContext.configure(conn, opts={"compare_server_default": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == []


def _schema(path: Path) -> dict[str, object]:
    """Every table of a SQLite file as its columns, keys, indexes and unique constraints."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        found = inspect(conn)
        schema: dict[str, object] = {
            name: (
                sorted(  # a column a migration added comes last; nothing reads by position
                    (c["name"], str(c["type"]), c["nullable"], c["default"], c["primary_key"])
                    for c in found.get_columns(name)
                ),
                found.get_pk_constraint(name)["constrained_columns"],
                sorted(
                    (fk["constrained_columns"], fk["referred_table"], fk["referred_columns"])
                    for fk in found.get_foreign_keys(name)
                ),
                sorted(
                    (i["name"], i["column_names"], i["unique"]) for i in found.get_indexes(name)
                ),
                sorted((u["name"], u["column_names"]) for u in found.get_unique_constraints(name)),
            )
            for name in found.get_table_names()
        }
    engine.dispose()
    return schema


def test_a_new_database_has_the_schema_the_migrations_make(tmp_path: Path) -> None:
    made, migrated = tmp_path / "made.db", tmp_path / "migrated.db"
    Store.open(made).close()
    engine = make_engine(f"sqlite:///{migrated}")
    with engine.begin() as conn:
        upgrade_connection(conn)
    engine.dispose()
    expected = _schema(migrated)
    assert "alembic_version" in expected and len(expected) > 30
    assert _schema(made) == expected


def test_old_sqlite_database_is_backed_up_and_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE, db)
    before = _dump(db)
    store = Store.open(db)
    with store.read() as s:
        plan = s.exec(select(Plan)).one()
        items = s.exec(select(Item).order_by(Item.key)).all()
        dep = s.exec(select(Dependency)).one()
        assert s.exec(select(Baseline)).all() == []
    store.close()
    assert plan.name == "Vanha suunnitelma" and plan.i18n == {"en": {"name": "Old plan"}}
    assert [i.key for i in items] == ["A", "B"]
    assert (dep.blocker_id, dep.blocked_id) == (items[0].id, items[1].id)
    assert _revision(f"sqlite:///{db}") == head_revision()
    backups = list(tmp_path.glob("old.db.0001-*.bak"))
    assert len(backups) == 1
    assert _dump(backups[0]) == before


def test_old_postgresql_schema_is_upgraded(pg_url: str) -> None:
    engine = make_engine(pg_url)
    with engine.begin() as conn:
        upgrade_connection(conn, "0001")
    engine.dispose()
    assert _revision(pg_url) == "0001"
    Store.open(pg_url).close()
    assert _revision(pg_url) == head_revision()


def test_failed_upgrade_leaves_the_file_untouched(tmp_path, monkeypatch) -> None:
    db = tmp_path / "old.db"
    shutil.copy(FIXTURE, db)
    before = _dump(db)

    def broken(conn, target="head"):
        upgrade_connection(conn, target)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrate, "upgrade_connection", broken)
    with pytest.raises(SchemaError, match="from schema 0001 failed, the file is unchanged"):
        Store.open(db)
    assert _dump(db) == before
    assert _revision(f"sqlite:///{db}") == "0001"


def test_newer_database_is_refused_naming_both_versions(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    conn.close()
    with pytest.raises(SchemaError) as info:
        Store.open(db)
    assert "0999" in str(info.value) and head_revision() in str(info.value)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE something (x)")
    conn.close()
    with pytest.raises(SchemaError, match="not a roadmap database"):
        Store.open(db)


def test_schema_constant_is_the_newest_migration() -> None:
    assert head_revision() == migrate.SCHEMA


def test_opening_an_up_to_date_database_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    Store.open(tmp_path / "r.db").close()
    code = (
        "import sys; from roadmap.store.db import Store; "
        f"Store.open({str(tmp_path / 'r.db')!r}); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_participants_of_0004_get_name_keys_and_keep_apart(db_url: str) -> None:
    """0005 compares names regardless of case and spacing: participants who joined under
    names that now match stay two participants, with their votes."""
    from sqlalchemy import text
    from sqlmodel import Session

    from roadmap.model.inputs import PlanIn
    from roadmap.model.workshop_tables import WorkshopParticipant, WorkshopSession
    from roadmap.store.repo import create_plan

    engine = make_engine(db_url)
    with engine.begin() as conn:
        upgrade_connection(conn, "0004")
        with Session(bind=conn) as session:
            plan_id = create_plan(
                session=session, plan_in=PlanIn(name="P", start_date="2027-01-01")
            ).id
            session.flush()
        now = "CURRENT_TIMESTAMP"
        conn.execute(
            text(
                "INSERT INTO workshop_session (created_at, updated_at, id, plan_id, name, code,"
                f" held_on, agenda, step, revision) VALUES ({now}, {now}, 1, :plan, 'Kick-off',"
                " 'ABC123', '2027-01-04', '[]', 2, 0)"
            ),
            {"plan": plan_id},
        )
        for row_id, name in ((1, "Anna"), (2, " anna "), (3, "Bo")):
            conn.execute(
                text(
                    "INSERT INTO workshop_participant (created_at, updated_at, id, session_id,"
                    f" name) VALUES ({now}, {now}, :id, 1, :name)"
                ),
                {"id": row_id, "name": name},
            )
    engine.dispose()

    store = Store.open(db_url)
    with store.read() as s:
        workshop = s.exec(select(WorkshopSession)).one()
        people = s.exec(select(WorkshopParticipant).order_by(WorkshopParticipant.id)).all()
    store.close()
    assert (workshop.name, workshop.step, workshop.lang) == ("Kick-off", 2, None)
    assert [(p.name, p.name_key) for p in people] == [
        ("Anna", "anna"),
        (" anna ", "anna #2"),
        ("Bo", "bo"),
    ]
    assert _revision(db_url) == head_revision()
