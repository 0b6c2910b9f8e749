"""Live updates for every open page: one revision, fanned out to every stream.

A write made by this server (a vote, a join, an idea) hands the workshop's new revision to
:meth:`Broadcaster.publish`, which wakes every page's server-sent event stream at once: no
database read per change and none per stream, so the cost of a waiting page is a suspended
coroutine. Changes made by another process (the facilitator's window when the page is served
by ``roadmap serve``) are noticed by one task reading the revision a few times a second.
The workshop's language is read with it, so that pages need no read to know it.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import AsyncIterator

import anyio

from roadmap.store import workshop_sessions
from roadmap.store.db import Store

POLL_SECONDS = 0.25
"""How often changes made by another process are looked for."""


class Broadcaster:
    """Tells waiting streams that workshop ``session_id`` changed."""

    def __init__(self, store: Store, session_id: int, poll: float = POLL_SECONDS) -> None:
        self.store, self.session_id, self.poll = store, session_id, poll
        self.revision = -1
        self.lang = ""
        """The workshop's language as of :attr:`revision`."""
        self._streams: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._task: asyncio.Task | None = None
        self._writers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter]
        self._writers = weakref.WeakKeyDictionary()

    def writer(self) -> anyio.CapacityLimiter:
        """The one thread in which this server's writes take turns (one per event loop)."""
        loop = asyncio.get_running_loop()
        if loop not in self._writers:
            self._writers[loop] = anyio.CapacityLimiter(1)
        return self._writers[loop]

    def _read(self) -> tuple[int, str]:
        with self.store.read() as session:
            workshop = workshop_sessions.get_session(session=session, session_id=self.session_id)
            lang = workshop_sessions.session_lang(session=session, workshop=workshop)
            return workshop.revision, lang

    async def _look(self) -> None:
        revision, lang = await anyio.to_thread.run_sync(self._read)
        self.publish(revision, lang)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.poll)
            await self._look()

    async def start(self) -> None:
        """Know the current revision and follow other processes' changes (once per loop)."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            await self._look()
            self._task = loop.create_task(self._watch())

    def publish(self, revision: int, lang: str | None = None) -> None:
        """The workshop is at ``revision`` now; wake every stream if that is news."""
        if lang:
            self.lang = lang
        if revision <= self.revision:
            return
        self.revision = revision
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        for loop, changed in tuple(self._streams):
            if loop is here:
                changed.set()
            else:  # a stream served by another thread's loop (tests' clients)
                with contextlib.suppress(RuntimeError):  # that loop has closed
                    loop.call_soon_threadsafe(changed.set)

    @contextlib.asynccontextmanager
    async def follow(self) -> AsyncIterator[asyncio.Event]:
        """An event set whenever the workshop changes (the follower clears it)."""
        await self.start()
        follower = (asyncio.get_running_loop(), asyncio.Event())
        self._streams.add(follower)
        try:
            yield follower[1]
        finally:
            self._streams.discard(follower)
