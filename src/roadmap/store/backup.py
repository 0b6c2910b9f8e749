"""Consistent copies of a live database, never a file copy, and restoring one.

A SQLite database is copied with SQLite's backup API, which sees one consistent state even
while other processes write. A PostgreSQL database is copied table by table, inside one
repeatable-read transaction, into a new SQLite file with the same schema: a portable copy that
``roadmap --db COPY`` opens directly. Either copy is written under a temporary name and renamed
once complete (:mod:`roadmap.io.outfiles`), so a copy that was interrupted never looks like a
backup.

Restoring checks the backup, keeps the current database aside, then copies the backup into
the database with the backup API in one transaction. This rather than renaming the backup over
the file: programs that have the database open keep writing to the file they opened, and
SQLite's WAL file beside the old file would be applied to the new one.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import insert, select
from sqlmodel import SQLModel

from roadmap.i18n import _
from roadmap.io.outfiles import OutputExistsError, Outputs
from roadmap.store.db import Store, busy_timeout_ms
from roadmap.store.faults import Kind, StoreFault, sqlite_kind
from roadmap.store.integrity import file_problems
from roadmap.store.migrate import known_revisions, sqlite_copy

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first bytes of every SQLite database file."""


class BackupError(RuntimeError):
    """The copy could not be written, or a backup cannot be restored."""


def backup_to(store: Store, target: Path, outputs: Outputs | None = None) -> Path:
    """Write a consistent copy of ``store`` to the new SQLite file ``target``; returns its
    path."""
    target = target.expanduser()
    if target.exists() or target.is_symlink():
        raise BackupError(_("{path} already exists; choose a new file name", path=target))
    if not target.parent.is_dir():
        raise BackupError(_("Folder {path} does not exist.", path=target.parent))
    source = store.path
    if source is not None and source.resolve() == target.resolve():
        raise BackupError(_("The backup must go to another file than the database."))
    try:
        with (outputs or Outputs()).writing(target, replace=False) as tmp:
            if source is not None:
                # Through the store's own connection, which may be a read-only one.
                with store.sqlite_connection() as conn:
                    sqlite_copy(conn, tmp)
            else:
                _copy_server(store, tmp)
    except OutputExistsError as exc:
        raise BackupError(_("{path} already exists; choose a new file name", path=target)) from exc
    return target


def _copy_server(store: Store, target: Path) -> None:
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
    finally:
        copy.close()


def _open_backup(backup: Path) -> sqlite3.Connection:
    """The backup for reading, leaving no shared-memory or WAL file beside it."""
    return sqlite3.connect(f"file:{quote(str(backup.resolve()))}?immutable=1", uri=True)


def check_backup(backup: Path) -> None:
    """Refuse a backup that is missing, damaged or not a database of this roadmap."""
    if not backup.is_file():
        raise BackupError(_("{path} does not exist or is not a file.", path=backup))
    with backup.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(_("{path} is not a roadmap database.", path=backup))
    conn = _open_backup(backup)
    try:
        problems = file_problems(conn)
        if problems:
            raise BackupError(
                _(
                    "{path} is damaged ({problem}); choose another backup.",
                    path=backup,
                    problem=problems[0],
                )
            )
        try:
            [(revision,)] = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise BackupError(_("{path} is not a roadmap database.", path=backup)) from exc
    finally:
        conn.close()
    if revision not in known_revisions():
        raise BackupError(
            _(
                "{path} was written by a newer version of roadmap; upgrade roadmap to restore it.",
                path=backup,
            )
        )


def restore_from(path: Path, backup: Path, outputs: Outputs) -> Path | None:
    """Make the SQLite database ``path`` hold what ``backup`` holds; the copy of the database
    as it was (kept beside it), or ``None`` when there was no database.

    A database too damaged for SQLite to copy or write into is kept aside byte for byte
    (with its WAL file) and the backup renamed over it instead: nobody can be using it.
    """
    backup = backup.expanduser()
    if path.is_dir():
        raise StoreFault(Kind.FOLDER, str(path))
    if not path.parent.is_dir():
        raise StoreFault(Kind.MISSING, str(path.parent))
    check_backup(backup)
    if path.exists() and path.resolve() == backup.resolve():
        raise BackupError(_("The backup is the database itself."))
    if not path.exists():
        with outputs.writing(path, replace=False) as tmp:
            sqlite_copy(_open_backup(backup), tmp)
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.before-restore-{stamp}")
    try:
        with outputs.writing(aside, replace=False) as tmp:
            sqlite_copy(path, tmp)
        _copy_into(backup, path)
    except sqlite3.DatabaseError as exc:
        if sqlite_kind(exc) not in (Kind.DAMAGED, Kind.NOT_DATABASE):
            raise
        _replace_unreadable(path, backup, aside, outputs)
    return aside


def _copy_into(backup: Path, path: Path) -> None:
    """Copy ``backup`` into the live database ``path`` in one transaction."""
    src = _open_backup(backup)
    dst = sqlite3.connect(path, timeout=busy_timeout_ms() / 1000)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()


def _replace_unreadable(path: Path, backup: Path, aside: Path, outputs: Outputs) -> None:
    wal = Path(f"{path}-wal")
    for source, kept in ((path, aside), (wal, Path(f"{aside}-wal"))):
        if source.exists() and not kept.exists():
            with outputs.writing(kept, replace=False) as tmp:
                shutil.copyfile(source, tmp)
    with outputs.writing(path) as tmp:
        sqlite_copy(_open_backup(backup), tmp)
        # The old file's WAL and shared memory must not be applied to the restored one.
        for side in (wal, Path(f"{path}-shm")):
            side.unlink(missing_ok=True)
