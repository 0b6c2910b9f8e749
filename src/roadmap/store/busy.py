"""A write tried again when the database stays busy past its timeout (many windows or phones
writing at once), and then refused in words a person understands rather than crashing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from roadmap.i18n import N_
from roadmap.store.db import Store, is_busy
from roadmap.workshop.words import Refusal

TRIES = 3


class Busy(Refusal):
    """The database stayed busy; nothing was written."""


def write_retrying(store: Store, change: Callable[[Session], Any], tries: int = TRIES) -> Any:
    """``change(session)`` as :meth:`Store.run` runs it, the whole transaction tried ``tries``
    times while the database is busy; :class:`Busy` when it still is. Other errors of the
    database are raised as they are, not reported as a busy database."""
    try:
        return store.run(change, attempts=tries)
    except OperationalError as exc:
        if not is_busy(exc):
            raise
        raise Busy(N_("the database is busy and nothing was saved; please try again")) from exc
