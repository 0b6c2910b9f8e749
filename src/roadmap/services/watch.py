"""Notice when another process (a second terminal, an import) changed the database.

On SQLite, ``PRAGMA data_version`` on a connection of its own changes whenever another
connection commits, and costs microseconds. On PostgreSQL the watcher compares the latest
``updated_at`` and the row counts of the tables the app shows. Either way :meth:`changed` is
cheap enough to call every second from the app's timer.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from roadmap.model import evidence_tables as e
from roadmap.model import followup_tables as fu
from roadmap.model import tables as t
from roadmap.store.db import Store

_WATCHED = (t.Item, t.Dependency, t.Section, t.Stakeholder, t.Need, t.InfoSource, t.Team,
            e.Evidence, fu.Goal, fu.Measure, fu.Perspective)  # fmt: skip
_WATCHED_THROUGH: tuple[tuple[Any, Any, Any], ...] = (
    (fu.MeasureValue, fu.MeasureValue.measure_id, fu.Measure),
    (fu.ItemProgress, fu.ItemProgress.item_id, t.Item),
    (fu.ProgressUpdate, fu.ProgressUpdate.item_id, t.Item),
)
"""Tables of the follow-up without a plan column: ``(table, its link, the table it links to)``."""


class DataVersion:
    """SQLite's ``PRAGMA data_version`` on a connection of its own.

    A worker thread asks it while the app may be closing it: the lock makes :meth:`close` wait
    for a read in progress, as closing a connection under a running statement crashes.
    """

    def __init__(self, path: str | Path) -> None:
        self._conn: sqlite3.Connection | None = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.Lock()

    def read(self) -> int | None:
        """The data version; None once closed."""
        with self._lock:
            if self._conn is None:
                return None
            return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class ChangeWatcher:
    """Tells whether the database changed since the last call (or the last :meth:`sync`)."""

    def __init__(self, store: Store, plan_id: int) -> None:
        self.store, self.plan_id = store, plan_id
        path = store.path
        self._version = DataVersion(path) if path else None
        self._last = self._token()

    def _token(self) -> Any:
        if self._version is not None:
            return self._version.read()
        with self.store.read() as session:
            token = []
            for model in _WATCHED:
                c = model.__table__.c
                query = select(func.max(c.updated_at), func.count()).where(
                    c.plan_id == self.plan_id
                )
                token.append(tuple(session.execute(query).one()))
            for model, link, parent in _WATCHED_THROUGH:
                c, owner = model.__table__.c, parent.__table__.c
                query = (
                    select(func.max(c.updated_at), func.count())
                    .select_from(model)
                    .join(parent, link == owner.id)
                    .where(owner.plan_id == self.plan_id)
                )
                token.append(tuple(session.execute(query).one()))
            return tuple(token)

    def changed(self) -> bool:
        token = self._token()
        if token is None or token == self._last:  # None: closed
            return False
        self._last = token
        return True

    def sync(self) -> None:
        """Forget changes so far (the app's own writes, which it has shown already)."""
        self._last = self._token()

    def close(self) -> None:
        if self._version is not None:
            self._version.close()
