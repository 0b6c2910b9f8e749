"""Whether a SQLite file is sound: SQLite's own page and reference checks.

``quick_check`` reads every page and finds most damage in about the time it takes to read
the file; ``integrity_check`` also compares every index with its table and takes longer
(bench/bench_integrity.py measures both). ``foreign_key_check`` finds references to rows that
are not there. PostgreSQL has no such check to ask for: it relies on its own write-ahead
log and, where enabled, page checksums, so :func:`integrity_problems` answers ``None`` there.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DBAPIError

from roadmap.store.db import Store, is_sqlite
from roadmap.store.faults import Kind, StoreFault, sqlite_kind

SHOWN = 20
"""Most problems a check lists (SQLite stops looking after this many)."""


def file_problems(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """The problems SQLite finds in the database of ``conn``; empty when it is sound."""
    check = "integrity_check" if full else "quick_check"
    try:
        rows = [row[0] for row in conn.execute(f"PRAGMA {check}({SHOWN})")]
        problems = [] if rows == ["ok"] else rows
        problems += [
            f"{table} row {rowid} refers to a missing row in {parent}"
            for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check")
        ][:SHOWN]
    except sqlite3.DatabaseError as exc:
        if sqlite_kind(exc) not in (Kind.DAMAGED, Kind.NOT_DATABASE):
            raise
        return [str(exc)]
    return problems


def integrity_problems(store: Store, *, full: bool = False) -> list[str] | None:
    """The problems SQLite finds in ``store``'s file, or ``None`` on PostgreSQL."""
    if not is_sqlite(store.engine):
        return None
    try:
        with store.sqlite_connection() as conn:
            return file_problems(conn, full=full)
    except DBAPIError as exc:
        orig = exc.orig
        if not isinstance(orig, sqlite3.Error):
            raise
        if sqlite_kind(orig) not in (Kind.DAMAGED, Kind.NOT_DATABASE):
            raise
        return [str(orig)]


def require_sound(store: Store) -> None:
    """Raise a :class:`StoreFault` of kind ``DAMAGED`` when ``store``'s file fails SQLite's
    quick check, so that nothing is exported from a damaged database."""
    problems = integrity_problems(store)
    if problems:
        raise StoreFault(Kind.DAMAGED, store.describe(), problems[0])
