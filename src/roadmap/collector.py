"""The cycle collector paused while a large plan's objects are built.

Loading and sequencing a plan of 100,000 items build millions of objects and no reference
cycles. The collector's passes over them as they are made, and the young-generation pass over
all of them once it runs again, would cost about a tenth of the work and find nothing to free.
So the collector is paused meanwhile, and the objects are then moved to the oldest generation
without a pass (``gc.freeze`` followed by ``gc.unfreeze``): they stay collectable, by the next
full collection, like any long-lived object.

A caller that has turned the collector off already (an export around its loading and
sequencing, a short process) has nothing left to pause, and what is built is its business:
moving it would also hand back to the collector everything the caller froze, which the
final collection as the interpreter exits would then walk.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
>>> gc.disable(); gc.freeze()  # a caller's own pause, and what it keeps out of sight
>>> with collector_paused():
...     pass
>>> gc.isenabled(), gc.get_freeze_count() > 0
(False, True)
>>> gc.unfreeze(); gc.enable()
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector, unless it is off already; afterwards, age what was built
    without walking it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()
