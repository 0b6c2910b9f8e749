"""Live updates for every open page from one poll of the workshop's revision.

One task reads the workshop's change counter a few times a second (one indexed read, in a
worker thread) and wakes every page's server-sent event stream when it changed, so that the
cost of a waiting page is a suspended coroutine, not a database read. A write made by this
server (a vote, a join) pokes it to read at once, so that the voter's own update does not wait
for the next poll.
"""

from __future__ import annotations

import asyncio
import contextlib

import anyio

from roadmap.store import workshop_sessions
from roadmap.store.db import Store

POLL_SECONDS = 0.25


class Broadcaster:
    """Tells waiting streams that workshop ``session_id`` changed."""

    def __init__(self, store: Store, session_id: int, poll: float = POLL_SECONDS) -> None:
        self.store, self.session_id, self.poll = store, session_id, poll
        self.revision = -1
        self._changed: asyncio.Event | None = None
        self._poked: asyncio.Event | None = None
        self._task: asyncio.Task | None = None
        self._limiter = anyio.CapacityLimiter(1)
        """The revision is read in a thread of its own: never queued behind votes that wait
        for the database in the shared pool."""

    def _read(self) -> int:
        with self.store.read() as session:
            return workshop_sessions.revision(session=session, session_id=self.session_id)

    async def _run(self) -> None:
        while True:
            now = await anyio.to_thread.run_sync(self._read, limiter=self._limiter)
            if now != self.revision:
                self.revision = now
                changed, self._changed = self._changed, asyncio.Event()
                if changed is not None:
                    changed.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poked.wait(), self.poll)
            self._poked.clear()

    def poke(self) -> None:
        """Read the revision now (called after this server wrote)."""
        if self._poked is not None:
            self._poked.set()

    async def next_change(self, timeout: float) -> bool:
        """Wait until the workshop changes (True) or ``timeout`` seconds pass (False)."""
        if self._task is None or self._task.done():
            self.revision = await anyio.to_thread.run_sync(self._read, limiter=self._limiter)
            self._changed, self._poked = asyncio.Event(), asyncio.Event()
            self._task = asyncio.get_running_loop().create_task(self._run())
        event = self._changed
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True
