"""Notice a workshop change within a second without loading the database.

Every write of a workshop raises its ``revision``. On SQLite, ``PRAGMA data_version`` on a
connection of the watcher's own tells in microseconds whether anyone committed at all, and only
then is the revision read; on PostgreSQL the revision is one primary-key read per poll.
"""

from __future__ import annotations

from roadmap.services.watch import DataVersion
from roadmap.services.workshops import Store, workshop_sessions


class RevisionWatcher:
    """Tells whether workshop ``session_id`` changed since the last call."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store, self.session_id = store, session_id
        path = store.path
        self._version = DataVersion(str(path)) if path else None
        self._data_version: int | None = None
        self._revision = -1

    def changed(self) -> bool:
        if self._version is not None:
            version = self._version.read()
            if version is None or version == self._data_version:  # None: closed
                return False
            self._data_version = version
        with self.store.read() as session:
            now = workshop_sessions.revision(session=session, session_id=self.session_id)
        if now == self._revision:
            return False
        self._revision = now
        return True

    def close(self) -> None:
        if self._version is not None:
            self._version.close()
