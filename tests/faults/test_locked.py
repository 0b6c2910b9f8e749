"""A database another program keeps locked: waited for, retried, then a plain message."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from roadmap.store.db import retry_locked

from .conftest import fingerprint, plain_message, roadmap

SHORT = {"ROADMAP_BUSY_TIMEOUT_MS": "300"}


@pytest.fixture
def held(db: Path) -> Iterator[sqlite3.Connection]:
    """Another connection holding the database's write lock."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    yield conn
    conn.execute("ROLLBACK")
    conn.close()


@pytest.mark.parametrize(
    "command", [["init", "--plan", "More"], ["demo", "--quiet"], ["import", "ITEMS"]]
)
def test_a_held_write_lock_ends_in_a_message(
    db: Path, held: sqlite3.Connection, command: list[str], tmp_path: Path
) -> None:
    items = tmp_path / "items.csv"
    items.write_text("key,title\nNEW-1,New\n", encoding="utf-8")
    command = [str(items) if arg == "ITEMS" else arg for arg in command]
    if command[0] == "import":
        command += ["--plan", "lahti-asikkala"]
    before = fingerprint(db.parent)
    result = roadmap("--db", str(db), *command, env=SHORT)
    assert result.exit_code == 1
    plain_message(result.stderr)
    assert "locked" in result.stderr and str(db) in result.stderr
    assert fingerprint(db.parent) == before


def test_reading_goes_on_while_another_program_writes(db: Path, held: sqlite3.Connection) -> None:
    for command in (["plans"], ["check"], ["export-data", "--format", "yaml"]):
        result = roadmap("--db", str(db), *command, env=SHORT)
        assert result.exit_code == 0, result.output


def _locked() -> OperationalError:
    return OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))


def test_a_lock_reported_at_once_is_retried_with_growing_pauses(monkeypatch) -> None:
    pauses: list[float] = []
    monkeypatch.setattr("roadmap.store.db.time.sleep", pauses.append)
    attempts = iter([_locked(), _locked(), _locked(), None])

    def start() -> None:
        failure = next(attempts)
        if failure is not None:
            raise failure

    retry_locked(start, timeout_ms=10_000)
    assert len(pauses) == 3 and pauses == sorted(pauses) and pauses[0] < pauses[-1]


def test_retrying_stops_at_the_timeout_and_other_errors_are_not_retried(monkeypatch) -> None:
    clock = iter(range(0, 1000))
    monkeypatch.setattr("roadmap.store.db.time.monotonic", lambda: next(clock))
    monkeypatch.setattr("roadmap.store.db.time.sleep", lambda _: None)

    def always_locked() -> None:
        raise _locked()

    with pytest.raises(OperationalError):
        retry_locked(always_locked, timeout_ms=5_000)
    calls = []

    def broken() -> None:
        calls.append(1)
        raise OperationalError("BEGIN", {}, sqlite3.OperationalError("disk I/O error"))

    with pytest.raises(OperationalError):
        retry_locked(broken, timeout_ms=5_000)
    assert calls == [1]
