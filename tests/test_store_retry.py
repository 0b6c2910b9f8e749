"""A write the database cannot take for a moment is tried again: SQLite still locked after its
busy timeout, as another process's long write transaction leaves it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

import roadmap.store.db as db
from roadmap.store.db import Store


def _locked_store(tmp_path: Path, monkeypatch) -> tuple[Store, sqlite3.Connection]:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)  # give up waiting quickly
    store = Store.open(tmp_path / "roadmap.db")
    holder = sqlite3.connect(tmp_path / "roadmap.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the database
    return store, holder


def test_a_locked_database_is_tried_again_once_it_is_free(tmp_path: Path, monkeypatch) -> None:
    store, holder = _locked_store(tmp_path, monkeypatch)
    pauses: list[float] = []

    def pause(seconds: float) -> None:  # the other writer finishes while the product waits
        pauses.append(seconds)
        holder.execute("COMMIT")

    monkeypatch.setattr(db.time, "sleep", pause)
    calls: list[int] = []

    def work(session) -> str:
        session.connection()  # begins the write transaction
        calls.append(1)
        return "written"

    assert store.run(work) == "written"
    assert len(pauses) == 1 and calls == [1]
    store.close()
    holder.close()


def test_a_database_locked_past_every_try_is_reported(tmp_path: Path, monkeypatch) -> None:
    store, holder = _locked_store(tmp_path, monkeypatch)
    pauses: list[float] = []
    monkeypatch.setattr(db.time, "sleep", pauses.append)
    with pytest.raises(OperationalError, match="locked"):
        store.run(lambda session: session.connection(), attempts=3)
    assert len(pauses) == 2
    holder.execute("ROLLBACK")
    store.close()
    holder.close()


def test_other_errors_are_not_tried_again(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path / "roadmap.db")
    calls: list[int] = []

    def work(session) -> None:
        calls.append(1)
        raise ValueError("wrong input")

    with pytest.raises(ValueError):
        store.run(work)
    assert calls == [1]
    store.close()
