"""Schema versions: create a new database, upgrade an older one safely, refuse a newer one.

An older SQLite database is first copied aside with SQLite's backup API; the upgrade runs on a
working copy, and only a successful upgrade is copied back over the original, so a failed
migration leaves the original file as it was. PostgreSQL upgrades in one transaction.

An upgrade that was killed leaves its working copy behind, and each attempt leaves a backup:
opening a database removes working copies nobody holds any more and keeps only the newest
:data:`KEPT_BACKUPS` upgrade backups, listing what it removed in ``Store.removed``.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from roadmap import __version__
from roadmap.io.outfiles import abandoned, glob_escape, held, writing
from roadmap.store.db import Store, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

SCHEMA = "0009"
"""The newest schema revision, checked against the migrations by a test: opening an
up-to-date database compares against it without loading Alembic."""


KEPT_BACKUPS = 3
"""Upgrade backups (``<file>.<schema>-<time>.bak``) kept beside a database; older ones go."""

_WORK_PREFIX = ".upgrade-"
"""Begins the name of an upgrade's working folder: ``.upgrade-<file>.<random>``."""


class SchemaError(RuntimeError):
    """The database cannot be opened by this version of roadmap."""


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of roadmap knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    """The schema revision stored in the database, or ``None`` if it has none."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade_connection(conn: Connection, target: str = "head") -> None:
    """Run migrations up to ``target`` on ``conn``, inside the caller's transaction."""
    from alembic import command

    cfg = _config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)


def ensure_schema(store: Store, *, upgrade: bool = True) -> None:
    """Create the schema of a new database, upgrade an older one, refuse a newer one."""
    if store.path is not None and not store.read_only:
        store.removed += remove_leftovers(store.path)
    if _stored_revision(store) == SCHEMA:
        return
    with store.engine.connect() as conn:
        has_tables = bool(inspect(conn).get_table_names())
    if not has_tables and not store.read_only:
        create_schema(store)
        return
    head = head_revision()
    with store.engine.connect() as conn:
        current = current_revision(conn)
    if current == head:
        return
    if current is None and has_tables:
        raise SchemaError(f"{store.describe()} is not a roadmap database")
    if current is not None and current not in known_revisions():
        raise SchemaError(
            f"{store.describe()} was written by a newer version of roadmap (schema {current}); "
            f"this is roadmap {__version__}, which knows schemas up to {head}. "
            "Upgrade roadmap to open it."
        )
    if current is not None and not upgrade:
        raise SchemaError(f"{store.describe()} has schema {current}; {head} is needed")
    if store.read_only:
        raise SchemaError(
            f"{store.describe()} has schema {current or 'none'} and cannot be written here; "
            f"open it once where it can be written to upgrade it to {head}"
        )
    assert current is not None  # a database without a revision was created or refused above
    path = store.path
    if path is None:
        with store.engine.begin() as conn:
            upgrade_connection(conn)
        return
    _upgrade_sqlite_file(store, path, current)


def create_schema(store: Store) -> None:
    """Give an empty database the models' tables and the newest revision, in one transaction.

    This is Alembic's own advice for a new database: the tables as the models declare them,
    then the version stamped, in a third of the time of running every migration in turn. A
    test holds the migrations' schema equal to the models', so both ways end alike. The version
    table is written with plain SQL, as :func:`_stored_revision` reads it, which keeps Alembic
    unloaded.
    """
    from sqlmodel import SQLModel

    import roadmap.model.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
    from roadmap.model import evidence_tables, followup_tables, workshop_tables  # noqa: F401

    with store.engine.begin() as conn:
        SQLModel.metadata.create_all(conn, checkfirst=False)
        conn.execute(
            text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
        )
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": SCHEMA})


def _stored_revision(store: Store) -> str | None:
    """The stored revision read with plain SQL, or ``None`` when there is none to read."""
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the working folders of killed upgrades of ``path`` and all but the newest
    :data:`KEPT_BACKUPS` upgrade backups; the paths removed.

    A running upgrade holds a lock on its working folder, so only abandoned ones go.
    """
    removed = []
    works = [*path.parent.glob(f"{_WORK_PREFIX}{glob_escape(path.name)}.*")]
    # Earlier versions named the folder as tempfile does and put only the copy in it.
    copy = {path.name, *(f"{path.name}-{end}" for end in ("journal", "wal", "shm"))}
    for old in path.parent.glob("tmp????????"):
        names = {p.name for p in old.iterdir()} if old.is_dir() else set()
        if path.name in names and names <= copy:
            works.append(old)
    for work in sorted(works):
        if abandoned(work):
            shutil.rmtree(work, ignore_errors=True)
            removed.append(work)
    pattern = re.compile(rf"{re.escape(path.name)}\.\w+-(\d{{8}}T\d{{6}}\d*)\.bak")
    stamped = [(m[1], p) for p in path.parent.iterdir() if (m := pattern.fullmatch(p.name))]
    backups = [p for _, p in sorted(stamped)]
    for old in backups[: max(0, len(backups) - KEPT_BACKUPS)]:
        with suppress(FileNotFoundError):
            old.unlink()
            removed.append(old)
    return removed


def _upgrade_sqlite_file(store: Store, path: Path, current: str) -> None:
    """Back up, upgrade a working copy, then copy it back: the original is never half-done."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    backup = path.with_name(f"{path.name}.{current}-{stamp}.bak")
    store.engine.dispose()
    with writing(backup, replace=False) as tmp:
        sqlite_copy(path, tmp)
    store.removed += remove_leftovers(path)
    with (
        tempfile.TemporaryDirectory(
            dir=path.parent, prefix=f"{_WORK_PREFIX}{path.name}."
        ) as work_dir,
        held(Path(work_dir)),
    ):
        work = Path(work_dir) / path.name
        sqlite_copy(path, work)
        engine = make_engine(f"sqlite:///{work}", foreign_keys=False)
        try:
            with engine.begin() as conn:
                upgrade_connection(conn)
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise SchemaError(f"upgrade left {len(bad)} broken references")
        except Exception as exc:
            raise SchemaError(
                f"upgrading {path} from schema {current} failed, the file is unchanged: {exc}"
            ) from exc
        finally:
            engine.dispose()
        sqlite_copy(work, path)
    store.upgrade_backup = backup


def sqlite_copy(source: Path | sqlite3.Connection, target: Path) -> None:
    """Copy a SQLite database (a file, or the database of an open connection) with the backup
    API, safe while others use it."""
    src = source if isinstance(source, sqlite3.Connection) else sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target, timeout=30)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        if src is not source:
            src.close()
