"""A damaged database: caught by ``check``, refused by exports, mended by ``restore``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from roadmap.store.db import Store
from roadmap.store.integrity import integrity_problems
from roadmap.store.repo import list_plans

from .conftest import fingerprint, plain_message, roadmap

PAGE = 4096


def damage(path: Path) -> None:
    """Overwrite the page headers of the item table's index pages, as a failing disk or a
    stray write would (the file still opens; only reading those pages finds it)."""
    conn = sqlite3.connect(path)
    [(root,)] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type='index' AND tbl_name='item' LIMIT 1"
    ).fetchall()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * PAGE)
        fh.write(b"\x0d\xff\xff\xff\xff\x00")


def test_damage_is_found_by_check_quick_and_full(db: Path) -> None:
    damage(db)
    for flags in ([], ["--full"]):
        result = roadmap("--db", str(db), "check", *flags)
        assert result.exit_code == 1
        assert "error" in result.stdout and str(db) in result.stdout
        plain_message(result.stderr)
        assert "roadmap restore" in result.stderr


def test_a_sound_database_passes_and_postgresql_is_said_to_have_no_check(db: Path) -> None:
    result = roadmap("--db", str(db), "check")
    assert result.exit_code == 0 and "0 errors" in result.stdout
    assert "PostgreSQL" not in result.stdout


@pytest.mark.pg
def test_check_on_postgresql_says_there_is_no_file_check(pg_url: str) -> None:
    assert roadmap("--db", pg_url, "init").exit_code == 0
    result = roadmap("--db", pg_url, "check")
    assert result.exit_code == 0
    assert "PostgreSQL has no check of its files" in result.stdout
    store = Store.open(pg_url)
    assert integrity_problems(store) is None
    store.close()


def test_a_broken_reference_is_found(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=OFF")
    with conn:
        conn.execute(
            "UPDATE dependency SET blocker_id = 999999 WHERE id = (SELECT min(id) FROM dependency)"
        )
    conn.close()
    result = roadmap("--db", str(db), "check")
    assert result.exit_code == 1 and "refers to a missing row in item" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["export", "md", "html", "-o", "out"],
        ["export", "minutes", "-o", "out"],
        ["export-data", "-o", "out/plan.yaml"],
    ],
)
def test_exports_refuse_a_damaged_database(
    db: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db.parent)
    damage(db)
    before = fingerprint(db.parent)
    result = roadmap("--db", str(db), *command)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "damaged" in result.stderr and "roadmap restore BACKUP" in result.stderr
    assert fingerprint(db.parent) == before


def test_restore_checks_the_backup_keeps_the_database_aside_and_swaps(
    db: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.db"
    assert roadmap("--db", str(db), "backup", str(backup)).exit_code == 0
    assert roadmap("--db", str(db), "init", "--plan", "Later").exit_code == 0
    damage(db)
    reader = Store.open(db)  # a program that has the database open during the restore

    result = roadmap("--db", str(db), "restore", str(backup))
    assert result.exit_code == 0, result.output
    [aside] = [p for p in db.parent.iterdir() if ".before-restore-" in p.name]
    assert f"kept in {aside}" in result.stdout
    kept = Store.open(aside)
    assert integrity_problems(kept) not in (None, [])  # the damaged database, as it was
    kept.close()
    assert roadmap("--db", str(db), "check").exit_code == 0
    plans = roadmap("--db", str(db), "plans").stdout
    assert "lahti-asikkala" in plans and "later" not in plans
    with reader.read() as session:
        assert [p.slug for p in list_plans(session=session)] == ["lahti-asikkala"]
    reader.close()


def test_restore_refuses_a_damaged_or_foreign_backup(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    assert roadmap("--db", str(db), "backup", str(bad)).exit_code == 0
    damage(bad)
    text = tmp_path / "notes.txt"
    text.write_text("not a backup\n", encoding="utf-8")
    before = fingerprint(tmp_path)
    for backup, words in (
        (bad, "is damaged"),
        (text, "not a roadmap database"),
        (tmp_path / "nope.db", "does not exist"),
    ):
        result = roadmap("--db", str(db), "restore", str(backup))
        assert result.exit_code == 1 and words in result.stderr, result.output
    assert fingerprint(tmp_path) == before


def test_text_that_is_not_utf8_is_damage_only_when_the_database_gave_it() -> None:
    from roadmap.store.faults import Kind, classify

    def decode() -> None:
        b"\xff".decode("utf-8")

    try:
        decode()
    except UnicodeDecodeError as exc:
        assert classify(exc) is None  # a file being read: its reader says what is wrong
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("INSERT INTO t VALUES (CAST(x'ff41' AS TEXT))")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("SELECT x FROM t").fetchall()
    assert classify(raised.value).kind is Kind.DAMAGED


@pytest.mark.pg
def test_restore_on_postgresql_points_to_its_own_tools(pg_url: str, tmp_path: Path) -> None:
    assert roadmap("--db", pg_url, "init").exit_code == 0
    backup = tmp_path / "copy.db"
    assert roadmap("--db", pg_url, "backup", str(backup)).exit_code == 0
    result = roadmap("--db", pg_url, "restore", str(backup))
    assert result.exit_code == 1 and "its own tools" in result.stderr


def test_restore_over_a_file_sqlite_cannot_read(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert roadmap("--db", str(db), "backup", str(backup)).exit_code == 0
    with db.open("r+b") as fh:
        fh.write(b"\0" * 100)  # the header is gone: not a database any more
    ruined = db.read_bytes()
    assert roadmap("--db", str(db), "plans").exit_code == 1
    result = roadmap("--db", str(db), "restore", str(backup))
    assert result.exit_code == 0, result.output
    [aside] = [p for p in db.parent.iterdir() if p.name.endswith(tuple("0123456789"))]
    assert aside.read_bytes() == ruined
    assert roadmap("--db", str(db), "check").exit_code == 0
