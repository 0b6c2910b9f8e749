"""Consistent copies of a live database, never a file copy.

A SQLite database is copied with SQLite's backup API, which sees one consistent state even
while other processes write. A PostgreSQL database is copied table by table, inside one
repeatable-read transaction, into a new SQLite file with the same schema: a portable copy that
``roadmap --db COPY`` opens directly.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select
from sqlmodel import SQLModel

from roadmap.store.db import Store
from roadmap.store.migrate import sqlite_copy


class BackupError(RuntimeError):
    """The copy could not be written."""


def backup_to(store: Store, target: Path) -> Path:
    """Write a consistent copy of ``store`` to the SQLite file ``target``; returns its path."""
    target = target.expanduser()
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"folder {target.parent} does not exist")
    source = store.path
    if source is not None:
        if source.resolve() == target.resolve():
            raise BackupError("the backup must go to another file than the database")
        sqlite_copy(source, target)
        return target
    copy = Store.open(target)
    try:
        with (
            store.engine.connect().execution_options(isolation_level="REPEATABLE READ") as src,
            copy.engine.begin() as dst,
        ):
            for table in SQLModel.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in src.execute(select(table))]
                if rows:
                    dst.execute(insert(table), rows)
    except Exception:
        copy.close()
        target.unlink(missing_ok=True)
        raise
    copy.close()
    return target
