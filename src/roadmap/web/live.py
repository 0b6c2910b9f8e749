"""Live updates for the open pages: one revision, fanned out to the streams it concerns.

A write made by this server (a vote, a join, an idea) hands the workshop's new revision to
:meth:`Broadcaster.publish` with the participants whose pages it changes: a vote changes its
voter's page alone, as no page shows anyone else's votes, so a room of 100 voting costs one
update per vote, not 100. No database read per change and none per stream: a waiting page
costs a suspended coroutine. Changes made by the facilitator (in this process or another,
with ``roadmap serve``) are noticed by one task reading the revision a few times a second,
and reach every page. The workshop's language is read with it, so that pages need no read to
know it.
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
        self._streams: set[tuple[asyncio.AbstractEventLoop, asyncio.Event, int | None]] = set()
        """``(loop, event, participant)`` of each open stream."""
        self._task: asyncio.Task | None = None
        self._looked = -1
        """The revision the last look read."""
        self._ours: set[int] = set()
        """Revisions this server wrote since the last look (their pages were told already)."""
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
        """Read the revision; wake every stream when someone other than this server (the
        facilitator) wrote since the last look."""
        revision, lang = await anyio.to_thread.run_sync(self._read)
        self.lang = lang
        others = self._looked >= 0 and any(
            r not in self._ours for r in range(self._looked + 1, revision + 1)
        )
        self._looked = max(self._looked, revision)
        self._ours = {r for r in self._ours if r > self._looked}
        self.revision = max(self.revision, revision)
        if others:
            self._wake(None)

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

    def publish(self, revision: int, *, to: tuple[int, ...]) -> None:
        """This server wrote ``revision``, which changes the pages of participants ``to``
        alone: wake their streams."""
        self._ours.add(revision)
        self.revision = max(self.revision, revision)
        self._wake(to)

    def _wake(self, to: tuple[int, ...] | None) -> None:
        """Wake the streams of participants ``to`` (None: every stream)."""
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        for loop, changed, participant in tuple(self._streams):
            if to is not None and participant not in to:
                continue
            if loop is here:
                changed.set()
            else:  # a stream served by another thread's loop (tests' clients)
                with contextlib.suppress(RuntimeError):  # that loop has closed
                    loop.call_soon_threadsafe(changed.set)

    @contextlib.asynccontextmanager
    async def follow(self, participant: int | None) -> AsyncIterator[asyncio.Event]:
        """An event set whenever the workshop changes for ``participant``'s page (None: a
        page of nobody yet); the follower clears it."""
        await self.start()
        follower = (asyncio.get_running_loop(), asyncio.Event(), participant)
        self._streams.add(follower)
        try:
            yield follower[1]
        finally:
            self._streams.discard(follower)
