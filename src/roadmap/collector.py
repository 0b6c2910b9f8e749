"""The cycle collector paused while a large plan's objects are built.

Loading and sequencing a plan of 100,000 items build millions of objects and no reference
cycles. The collector's passes over them as they are made, and the young-generation pass over
all of them once it runs again, would cost about a tenth of the work and find nothing to free.
So the collector is paused meanwhile, and the objects are then moved to the oldest generation
without a pass (``gc.freeze`` followed by ``gc.unfreeze``): they stay collectable, by the next
full collection, like any long-lived object.

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector; afterwards, age what was built without walking it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()
