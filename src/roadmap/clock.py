"""Today, for the whole product: one clock that ``--date`` or ``ROADMAP_TODAY`` can set.

Whatever depends on the date (Now / Next / Later, the date an export says it was generated,
the start of a new plan) asks :func:`today`, so that a command, a test or a golden file can
fix the day once: :func:`set_today` (the command line's ``--date``) first, then the
``ROADMAP_TODAY`` environment variable, then ``SOURCE_DATE_EPOCH`` (reproducible builds),
then the system's date.

>>> set_today(date(2027, 1, 4)); today()
datetime.date(2027, 1, 4)
>>> set_today(None)
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

_fixed: date | None = None


def set_today(day: date | None) -> None:
    """Take ``day`` as today from now on (None: ask the environment and the system again)."""
    global _fixed
    _fixed = day


def today() -> date:
    """Today's date, as the product should see it; a malformed ``ROADMAP_TODAY`` raises
    :class:`ValueError` naming it rather than being ignored."""
    if _fixed is not None:
        return _fixed
    given = os.environ.get("ROADMAP_TODAY", "").strip()
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise ValueError(f"ROADMAP_TODAY={given!r} is not a date (YYYY-MM-DD)") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()
