"""A write transaction that the database turns down after it began (at the commit, not at
``BEGIN``) is run again whole, in a new transaction, and lands once.

The store's write transactions start with ``BEGIN IMMEDIATE``, so in WAL mode no other
connection can make a later statement or the commit busy. A database in rollback-journal mode
(where WAL is not available) still makes the commit wait for the readers: another connection
reading for longer than the busy timeout turns the commit down with ``SQLITE_BUSY``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

import roadmap.store.db as db
from roadmap.store.busy import Busy, write_retrying
from roadmap.store.db import Store, make_engine


@pytest.fixture
def journal_store(tmp_path: Path, monkeypatch) -> Iterator[Store]:
    """A store on a database in rollback-journal mode, giving up waiting after 100 ms."""
    monkeypatch.setenv("ROADMAP_BUSY_TIMEOUT_MS", "100")
    path = tmp_path / "journal.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _rollback_journal(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA journal_mode=DELETE")

    store = Store(url, engine)
    with store.write() as session:
        session.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
        session.execute(text("INSERT INTO note (body) VALUES ('first')"))
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "delete"
    yield store
    store.close()


def bodies(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT body FROM note ORDER BY id")]


def reading(path: Path) -> sqlite3.Connection:
    """Another connection in the middle of a read transaction (it holds a shared lock)."""
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM note").fetchone()
    return reader


def test_a_commit_turned_down_as_busy_runs_the_whole_work_again(
    journal_store: Store, monkeypatch
) -> None:
    path = journal_store.path
    reader = reading(path)
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # the reader finishes while the store waits
        pauses.append(seconds)
        reader.execute("COMMIT")

    monkeypatch.setattr(db.time, "sleep", pause)
    runs: list[int] = []

    def work(session) -> int:
        runs.append(1)
        count = session.execute(text("SELECT count(*) FROM note")).scalar()
        session.execute(text("INSERT INTO note (body) VALUES (:b)"), {"b": f"after {count}"})
        return count

    assert journal_store.run(work) == 1
    assert len(runs) == 2 and len(pauses) == 1  # the first try reached its commit
    assert bodies(path) == ["first", "after 1"]  # once, from the try that committed
    reader.close()


def test_a_commit_busy_past_every_try_writes_nothing(journal_store: Store, monkeypatch) -> None:
    path = journal_store.path
    reader = reading(path)
    monkeypatch.setattr(db.time, "sleep", lambda seconds: None)
    runs: list[int] = []

    def work(session) -> None:
        runs.append(1)
        session.execute(text("INSERT INTO note (body) VALUES ('never')"))

    with pytest.raises(Busy):
        write_retrying(journal_store, work, tries=3)
    assert len(runs) == 3
    reader.execute("COMMIT")
    reader.close()
    assert bodies(path) == ["first"]


def test_a_database_error_that_is_not_busy_is_not_called_busy(journal_store: Store) -> None:
    runs: list[int] = []

    def work(session) -> None:
        runs.append(1)
        session.execute(text("INSERT INTO no_such_table VALUES (1)"))

    with pytest.raises(OperationalError, match="no such table"):
        write_retrying(journal_store, work)
    assert runs == [1]
