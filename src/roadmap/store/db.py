"""Where the plan is stored: database URLs, engines and short transactions.

SQLite is the default (a file under ``data/``); PostgreSQL serves organisations that share one
server. SQLite connections run in WAL mode with foreign keys on and a busy timeout, and every
write transaction starts with ``BEGIN IMMEDIATE``: with the driver's default deferred
transactions, a read-then-write from several processes silently loses updates.

Callers never hold a session open: ``with store.read() as s`` and ``with store.write() as s``
each cover one short unit of work; ``store.run(work)`` also tries the work again when the
database stays busy past its timeout.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

T = TypeVar("T")

DEFAULT_DB = Path("data") / "roadmap.db"
"""The default database, relative to the working directory."""

BUSY_TIMEOUT_MS = 30_000
RETRIES = 5
"""Tries of :meth:`Store.run` before a busy database is reported."""
_WRITE = "roadmap_write"


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given, a file path as SQLite, else the default.

    ``ROADMAP_DB`` overrides the default when ``db`` is not given.
    """
    db = db if db is not None else os.environ.get("ROADMAP_DB") or DEFAULT_DB
    text = os.fspath(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for ``url``, with SQLite set up for several processes writing at once.

    ``foreign_keys=False`` is for schema migrations, which rebuild tables on SQLite.
    """
    path = sqlite_path(url)
    if path is None:
        return create_engine(url, pool_pre_ping=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - driver callback
        # Let SQLAlchemy's "begin" event decide how transactions start.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk imports update many indexes
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class Store:
    """One database: an engine and short read and write transactions over it."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._write_engine = self.engine.execution_options(**{_WRITE: True})

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, *, upgrade: bool = True) -> Store:
        """Open ``db`` (see :func:`database_url`), creating or upgrading its schema."""
        from roadmap.store.migrate import ensure_schema

        store = cls(database_url(db))
        ensure_schema(store, upgrade=upgrade)
        return store

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return sqlite_path(self.url)

    def describe(self) -> str:
        """The database as a person would name it (file path, or URL without password)."""
        path = self.path
        return str(path) if path else make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self, *, foreign_keys: bool = True) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back on any error.

        ``foreign_keys=False`` is for inserting many rows whose references were checked
        beforehand: SQLite then skips looking up every referenced row, a fifth of the inserts'
        cost in a large import. Nothing may be deleted in such a session, as deleting relies
        on the database's cascades.
        """
        if foreign_keys or not is_sqlite(self.engine):
            with Session(self._write_engine, expire_on_commit=False) as session:
                yield from _committed(session)
            return
        with self._write_engine.connect() as conn:
            # Set outside the transaction (inside one SQLite ignores it), on this connection only.
            driver = conn.connection.driver_connection
            driver.execute("PRAGMA foreign_keys=OFF")
            try:
                with Session(bind=conn, expire_on_commit=False) as session:
                    yield from _committed(session)
            finally:
                driver.execute("PRAGMA foreign_keys=ON")

    def run(self, work: Callable[[Session], T], *, attempts: int = RETRIES) -> T:
        """``work(session)`` in a write transaction, committed; run again from the start when
        the database could not take it for a moment (SQLite still locked after its busy
        timeout, a PostgreSQL deadlock or serialisation failure), with a growing pause between
        tries. Whatever else ``work`` raises ends it, rolled back."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as session:
                    return work(session)
            except OperationalError as exc:
                if attempt == attempts or not _transient(exc):
                    raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.0))
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.engine.dispose()


def _transient(exc: OperationalError) -> bool:
    """Whether ``exc`` says the database was busy rather than that the work was wrong."""
    code = getattr(exc.orig, "sqlstate", None)
    if code in ("40001", "40P01"):  # serialization_failure, deadlock_detected
        return True
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text


def _committed(session: Session) -> Iterator[Session]:
    """``session``, committed after the caller's work, or rolled back on any error."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
