"""The cycle collector paused while a large plan's objects are built.

Loading and sequencing a plan of 100,000 items build millions of objects and no reference
cycles. The collector's passes over them as they are made, and the young-generation pass over
all of them once it runs again, would cost about a tenth of the work and find nothing to free.
So the collector is paused meanwhile, and the objects are then moved to the oldest generation
without a pass (``gc.freeze`` followed by ``gc.unfreeze``): they stay collectable, by the next
full collection, like any long-lived object.

``gc.unfreeze`` also hands back whatever the process froze before (the command line freezes
what its imports built, the app its own state), and the next full collection, at the latest
the one as the interpreter exits, walks all of it again. Work that builds no reference cycle
(the engine's runs) says so with ``acyclic``: what it built then stays frozen along with what
was frozen already, and reference counting alone frees it.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
>>> gc.freeze()  # what a process keeps out of the collector's sight
>>> with collector_paused(acyclic=True):
...     pass
>>> gc.get_freeze_count() > 0
True
>>> gc.unfreeze()
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, acyclic: bool = False) -> Iterator[None]:
    """Pause the cycle collector; afterwards, age what was built without walking it. When it
    is ``acyclic`` and ends without an error (whose traceback is a cycle), what was frozen
    before stays frozen, with what was built."""
    enabled, keep = gc.isenabled(), False
    gc.disable()
    try:
        yield
        keep = acyclic and gc.get_freeze_count() > 0
    finally:
        gc.freeze()
        if not keep:
            gc.unfreeze()
        if enabled:
            gc.enable()
