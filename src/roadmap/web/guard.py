"""How many wrong join codes the web page accepts: per address and per workshop.

Guessing is limited where it cannot be reset: by the address a request comes from (a new page
or a cleared cookie changes nothing) and by the workshop as a whole (many addresses guessing
at once). Nothing is kept per visitor before a code is right except this count of failures,
and old counts are forgotten after ``window`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class Throttle:
    """At most ``per_address`` wrong codes from one address and ``per_workshop`` in all,
    within any ``window`` seconds."""

    def __init__(
        self,
        *,
        per_address: int = 5,
        per_workshop: int = 50,
        window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_address, self.per_workshop, self.window = per_address, per_workshop, window
        self._clock = clock
        self._lock = threading.Lock()
        self._by_address: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def _forget(self, now: float) -> None:
        while self._all and self._all[0] <= now - self.window:
            self._all.popleft()
        for address in list(self._by_address):
            times = self._by_address[address]
            while times and times[0] <= now - self.window:
                times.popleft()
            if not times:
                del self._by_address[address]

    def blocked(self, address: str) -> bool:
        """Whether ``address`` (or everyone) has used up the wrong codes allowed for now."""
        with self._lock:
            now = self._clock()
            self._forget(now)
            mine = len(self._by_address.get(address, ()))
            return mine >= self.per_address or len(self._all) >= self.per_workshop

    def failed(self, address: str) -> None:
        with self._lock:
            now = self._clock()
            self._by_address.setdefault(address, deque()).append(now)
            self._all.append(now)
