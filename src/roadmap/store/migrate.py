"""Schema versions: create a new database, upgrade an older one safely, refuse a newer one.

An older SQLite database is first copied aside with SQLite's backup API; the upgrade runs on a
working copy, and only a successful upgrade is copied back over the original, so a failed
migration leaves the original file as it was. PostgreSQL upgrades in one transaction.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

from roadmap import __version__
from roadmap.store.db import Store, make_engine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

SCHEMA = "0007"
"""The newest schema revision, checked against the migrations by a test: opening an
up-to-date database compares against it without loading Alembic."""


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
    if _stored_revision(store) == SCHEMA:
        return
    head = head_revision()
    with store.engine.connect() as conn:
        current = current_revision(conn)
        has_tables = bool(inspect(conn).get_table_names())
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
    path = store.path
    if current is None or path is None:
        with store.engine.begin() as conn:
            upgrade_connection(conn)
        return
    _upgrade_sqlite_file(store, path, current)


def _stored_revision(store: Store) -> str | None:
    """The stored revision read with plain SQL, or ``None`` when there is none to read."""
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def _upgrade_sqlite_file(store: Store, path: Path, current: str) -> None:
    """Back up, upgrade a working copy, then copy it back: the original is never half-done."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    backup = path.with_name(f"{path.name}.{current}-{stamp}.bak")
    store.engine.dispose()
    sqlite_copy(path, backup)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        work = Path(tmp) / path.name
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


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy a SQLite database with the backup API (safe while others use ``source``)."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target, timeout=30)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
