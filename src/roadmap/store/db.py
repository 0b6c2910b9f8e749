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
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from roadmap.store.faults import Kind, StoreFault, sqlite_kind

T = TypeVar("T")

DEFAULT_DB = Path("data") / "roadmap.db"
"""The default database, relative to the working directory."""

BUSY_TIMEOUT_MS = 30_000
"""How long a transaction waits for another process's lock before giving up;
``ROADMAP_BUSY_TIMEOUT_MS`` overrides it."""
RETRIES = 5
"""Tries of :meth:`Store.run` before a busy database is reported."""
_WRITE = "roadmap_write"


def busy_timeout_ms() -> int:
    override = os.environ.get("ROADMAP_BUSY_TIMEOUT_MS", "")
    return int(override) if override.isdigit() else BUSY_TIMEOUT_MS


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


def describe(url: str) -> str:
    """The database of ``url`` as a person would name it (file path, or URL without password)."""
    path = sqlite_path(url)
    return str(path) if path else make_url(url).render_as_string(hide_password=True)


def read_only_uri(path: Path) -> str | None:
    """A URL that opens the SQLite file ``path`` for reading only, or ``None`` when the file
    and its folder can be written (and it opens as usual).

    A WAL database needs its shared-memory file: where the folder is read-only and nothing
    is pending in a WAL file, the file is opened as immutable, which needs none. (Nobody can
    write it then either, unless another user may write into the folder; that user's writes
    would not be seen.)
    """
    folder_writable = os.access(path.parent, os.W_OK)
    if os.access(path, os.W_OK) and folder_writable:
        return None
    target = quote(str(path.resolve()))
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    if not folder_writable and not pending:
        return f"sqlite:///file:{target}?immutable=1&uri=true"
    return f"sqlite:///file:{target}?mode=ro&uri=true"


def make_engine(url: str, *, foreign_keys: bool = True, read_only_url: str | None = None) -> Engine:
    """An engine for ``url``, with SQLite set up for several processes writing at once.

    ``foreign_keys=False`` is for schema migrations, which rebuild tables on SQLite.
    ``read_only_url`` (see :func:`read_only_uri`) opens the file for reading only.
    """
    path = sqlite_path(url)
    if path is None:
        return create_engine(url, pool_pre_ping=True)
    timeout_ms = busy_timeout_ms()
    engine = create_engine(read_only_url or url, connect_args={"timeout": timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - driver callback
        # Let SQLAlchemy's "begin" event decide how transactions start.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        if read_only_url is None:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: bulk imports update many indexes
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"
        retry_locked(lambda: conn.exec_driver_sql(begin), timeout_ms)

    return engine


def retry_locked(start: Callable[[], object], timeout_ms: int) -> None:
    """Call ``start`` (which begins a transaction), again with growing pauses while SQLite
    says the database is locked, until ``timeout_ms`` has passed.

    SQLite's busy handler already waits for most locks, but some it reports at once (a
    checkpoint or recovery under way); the pauses let those pass instead of failing the work.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    pause = 0.01
    while True:
        try:
            start()
            return
        except DBAPIError as exc:
            locked = isinstance(exc.orig, sqlite3.Error) and sqlite_kind(exc.orig) is Kind.LOCKED
            if not locked or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def _check_file(path: Path, *, create: bool) -> None:
    """Refuse a folder, and a missing file unless it may be created (its folders too)."""
    where = str(path)
    if path.is_dir():
        raise StoreFault(Kind.FOLDER, where)
    if path.exists():
        return
    if not create:
        raise StoreFault(Kind.MISSING, where)
    path.parent.mkdir(parents=True, exist_ok=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


class Store:
    """One database: an engine and short read and write transactions over it."""

    def __init__(
        self, url: str, engine: Engine | None = None, *, read_only_url: str | None = None
    ) -> None:
        self.url = url
        self.read_only = read_only_url is not None
        """The file or its folder cannot be written: the store was opened for reading only."""
        self.engine = engine or make_engine(url, read_only_url=read_only_url)
        self._write_engine = self.engine.execution_options(**{_WRITE: True})
        self.removed: list[Path] = []
        """Leftovers removed on opening: stale upgrade copies and the oldest upgrade backups."""
        self.upgrade_backup: Path | None = None
        """The copy of the file as it was before opening upgraded its schema, if it did."""

    @classmethod
    def open(
        cls, db: str | os.PathLike[str] | None = None, *, upgrade: bool = True, create: bool = True
    ) -> Store:
        """Open ``db`` (see :func:`database_url`), creating or upgrading its schema.

        With ``create=False`` a SQLite file that does not exist is refused
        (:class:`~roadmap.store.faults.StoreFault`) rather than created with its folders. A file
        that cannot be written is opened for reading only.
        """
        from roadmap.store.migrate import ensure_schema

        url = database_url(db)
        path = sqlite_path(url)
        if path is not None:
            _check_file(path, create=create)
        read_only_url = None
        if path is not None and path.exists():
            read_only_url = read_only_uri(path)
        store = cls(url, read_only_url=read_only_url)
        try:
            ensure_schema(store, upgrade=upgrade)
        except BaseException:
            store.close()
            raise
        return store

    @property
    def path(self) -> Path | None:
        """The SQLite file, or ``None`` for a server database."""
        return sqlite_path(self.url)

    def describe(self) -> str:
        """The database as a person would name it (file path, or URL without password)."""
        return describe(self.url)

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
        self.require_writable()
        if foreign_keys or not is_sqlite(self.engine):
            with Session(self._write_engine, expire_on_commit=False) as session:
                yield from _committed(session)
            return
        with self._write_engine.connect() as conn:
            # Set outside the transaction (inside one SQLite ignores it), on this connection only.
            driver = conn.connection.driver_connection
            assert driver is not None  # the connection is open
            driver.execute("PRAGMA foreign_keys=OFF")
            try:
                with Session(bind=conn, expire_on_commit=False) as session:
                    yield from _committed(session)
            finally:
                driver.execute("PRAGMA foreign_keys=ON")

    def run(self, work: Callable[[Session], T], *, attempts: int = RETRIES) -> T:
        """``work(session)`` in a write transaction, committed; run again from the start, in a
        new transaction, when the database could not take it for a moment (:func:`is_busy`:
        SQLite still locked after its busy timeout, whether at the start, at a statement or at
        the commit; a PostgreSQL deadlock or serialisation failure), with a growing pause
        between tries. The failed try was rolled back whole, so ``work`` must only read and
        write through ``session``. Whatever else ``work`` raises ends it, rolled back."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as session:
                    return work(session)
            except OperationalError as exc:
                if attempt == attempts or not is_busy(exc):
                    raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * random.uniform(0.5, 1.0))
        raise AssertionError("unreachable")

    @contextmanager
    def sqlite_connection(self) -> Iterator[sqlite3.Connection]:
        """The driver's own connection to a SQLite store, for SQLite's pragmas and backup API
        (opened read-only where the store is)."""
        with self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            yield driver

    def require_writable(self) -> None:
        """Refuse, before any work, to change a database opened for reading only."""
        if self.read_only:
            raise StoreFault(Kind.READ_ONLY, self.describe())

    def close(self) -> None:
        self.engine.dispose()


def is_busy(exc: DBAPIError) -> bool:
    """Whether ``exc`` says the database was busy rather than that the work was wrong: SQLite's
    busy and locked results (``SQLITE_BUSY_SNAPSHOT`` and the other extended codes too), a
    PostgreSQL serialisation failure or deadlock."""
    if getattr(exc.orig, "sqlstate", None) in ("40001", "40P01"):
        return True
    return isinstance(exc.orig, sqlite3.Error) and sqlite_kind(exc.orig) is Kind.LOCKED


def _committed(session: Session) -> Iterator[Session]:
    """``session``, committed after the caller's work, or rolled back on any error."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
