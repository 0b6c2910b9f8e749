"""Workshops as the command line asks about them: the minutes' record and the session to serve.

The live windows of a workshop (the facilitator's and the participants') keep their own reads in
:mod:`roadmap.store.workshop_results`, which they poll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from roadmap.store.db import Store
from roadmap.store.repo import NotFoundError

if TYPE_CHECKING:
    from roadmap.workshop.minutes import Minutes

__all__ = ["NotFoundError", "minutes_record", "session_to_serve"]


def minutes_record(
    store: Store, plan_slug: str | None, name: str | None, *, names: bool = False
) -> Minutes:
    """What the minutes of workshop ``name`` (default: the plan's latest) say, listing the
    participants by name only with ``names``; :class:`NotFoundError` when there is none."""
    from roadmap.store.workshop_results import minutes_record as record

    with store.read() as session:
        return record(session=session, plan_slug=plan_slug, name=name, names=names)


def session_to_serve(store: Store, plan_slug: str | None, name: str | None) -> tuple[str, str, int]:
    """The join code, language and id of workshop ``name`` (default: the plan's latest)."""
    from roadmap.store import workshop_sessions
    from roadmap.store.repo import find_plan

    with store.read() as session:
        plan = find_plan(session=session, slug=plan_slug)
        assert plan.id is not None  # a stored plan
        found = workshop_sessions.find_session(session=session, plan_id=plan.id, name=name)
        assert found.id is not None  # a stored session
        lang = workshop_sessions.session_lang(session=session, workshop=found)
        return found.code, lang, found.id
