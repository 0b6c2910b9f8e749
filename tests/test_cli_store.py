"""The database commands as a person types them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from roadmap.cli import cli


def run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_init_then_summary_and_plans(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    out = run(db, "init", "--plan", "Lahti & Asikkala", "--start", "2027-01-01")
    assert out.exit_code == 0, out.output
    assert "lahti-asikkala" in out.output
    out = run(db, "plans")
    assert out.output.strip() == "lahti-asikkala\tLahti & Asikkala"
    out = run(db, "summary")
    assert out.exit_code == 0
    assert "2027-01-01, 8 x quarter" in out.output


def test_bare_command_shows_summary(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "init", "--plan", "Only")
    out = run(db)
    assert out.exit_code == 0 and "Only" in out.output


def test_several_plans_need_a_choice(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "init", "--plan", "One")
    run(db, "init", "--plan", "Two")
    out = CliRunner().invoke(cli, ["--db", str(db), "summary"])
    assert out.exit_code == 1
    assert "--plan" in out.output and "one, two" in out.output
    out = run(db, "summary", "--plan", "two")
    assert out.exit_code == 0 and "Two" in out.output


def test_empty_database_says_what_to_do(tmp_path: Path) -> None:
    out = CliRunner().invoke(cli, ["--db", str(tmp_path / "r.db"), "summary"])
    assert out.exit_code == 1 and "roadmap init" in out.output


def test_db_from_environment(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("ROADMAP_DB", str(db))
    out = CliRunner().invoke(cli, ["init", "--plan", "Env"], catch_exceptions=False)
    assert out.exit_code == 0 and db.exists()


def test_backup_command(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "init", "--plan", "Copy me")
    out = run(db, "backup", str(tmp_path / "b.db"))
    assert out.exit_code == 0 and "b.db" in out.output
    out = run(tmp_path / "b.db", "plans")
    assert "copy-me" in out.output
    out = CliRunner().invoke(cli, ["--db", str(db), "backup", str(tmp_path / "b.db")])
    assert out.exit_code == 1 and "already exists" in out.output


def test_plan_given_before_the_command_is_used(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    run(db, "init", "--plan", "One")
    run(db, "init", "--plan", "Two")
    out = run(db, "--plan", "two", "summary")
    assert out.exit_code == 0 and "Two" in out.output


def test_check_finds_a_cycle_written_behind_the_stores_back(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert run(db, "demo", "--quiet").exit_code == 0
    out = run(db, "check")
    assert out.exit_code == 0 and "0 errors" in out.output
    conn = sqlite3.connect(db)
    with conn:
        ids = dict(conn.execute("SELECT key, id FROM item WHERE key IN ('CI-3', 'CI-4')"))
        conn.execute(
            "INSERT INTO dependency (created_at, updated_at, plan_id, blocker_id, blocked_id, kind)"
            " VALUES ('2027-01-01', '2027-01-01', 1, ?, ?, 'hard')",
            (ids["CI-4"], ids["CI-3"]),
        )
    conn.close()
    out = CliRunner().invoke(cli, ["--db", str(db), "check"])
    assert out.exit_code == 1
    assert "error: item CI-3: dependency cycle: CI-3 -> CI-4 -> CI-3" in out.output


def test_demo_is_created_once_and_recreated_only_on_request_with_a_copy(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run(db, "demo", "--if-missing", "--quiet").exit_code == 0
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE item SET title = 'Edited by the lead' WHERE key = 'CI-1'")
    conn.close()

    def title() -> str:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT title FROM item WHERE key = 'CI-1'").fetchone()[0]

    assert run(db, "demo", "--if-missing", "--quiet").exit_code == 0
    assert title() == "Edited by the lead"
    out = run(db, "demo", "--quiet")
    assert out.exit_code == 0 and "kept in" in out.output
    assert title() != "Edited by the lead"
    (kept,) = tmp_path.glob("demo.db.*.bak")
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT title FROM item WHERE key = 'CI-1'").fetchone()[0] == (
            "Edited by the lead"
        )
