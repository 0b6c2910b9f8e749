"""The workshop's words that depend on a code: agenda steps, voting methods, round states, what a
facilitator captures; the languages of a session; refusals worded by the window that shows them.

The words themselves live in the gettext catalogs (``roadmap/locale``) like every other word a
person reads; a window words them through the :class:`~roadmap.i18n.lang.Lang` of its own
language, so that the facilitator's screen and each participant's may differ. Texts from the plan
itself come in the language asked for through :func:`translated`, falling back to the plan's
default language.
"""

from __future__ import annotations

from collections.abc import Mapping

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang

LANGS = ("fi", "sv", "en")
"""Languages of workshop sessions."""

STEPS = {
    "current_state": N_("Current state"),
    "needs": N_("Needs"),
    "vision": N_("Vision"),
    "items": N_("Development items"),
    "voting": N_("Voting"),
    "results": N_("Results"),
    "roadmap": N_("Roadmap"),
}
"""Agenda steps by key."""

RULES = {
    "dots": N_("dot voting, {budget} dots per person, at most {per_item} on one item"),
    "points": N_("{budget} points per person, at most {per_item} on one item"),
    "score": N_("each item scored 1-5 on the plan's criteria"),
}
"""How a round of each voting method is voted, in a sentence."""

METHODS = {
    "dots": N_("Dot voting"),
    "points": N_("100 points"),
    "score": N_("Score on the criteria (1-5)"),
}
"""Voting methods by key, as a facilitator picks them."""

UNITS = {"dots": N_("dots"), "points": N_("points")}
"""What a participant gives in a round of each budgeted method."""

STATES = {
    "open": N_("OPEN for votes"),
    "locked": N_("LOCKED"),
    "revealed": N_("REVEALED"),
}
"""A voting round's states."""


def captured_kind(lang: Lang, kind: str) -> str:
    """What a facilitator captured (``item``, ``need``, ``note``, ``decision``), as the minutes
    list it; a note taken in the room is worded apart from a document's remark."""
    if kind == "note":
        return lang.pgettext("workshop", "Note")
    kinds = {
        "item": N_("New item"),
        "need": N_("Need"),
        "decision": N_("Decision"),
        "idea": N_("Idea sent from a phone"),
    }
    return lang._(kinds[kind])


PREFIXES = {
    "item": N_("item"),
    "need": N_("need"),
    "note": N_("note"),
    "decision": N_("decision"),
}
"""The word a facilitator types before a capture (``need: ...``), in each language."""


def step_name(lang: Lang, key: str) -> str:
    """The name of agenda step ``key`` in ``lang``."""
    return lang._(STEPS[key]) if key in STEPS else key


def lang_or_default(lang: str | None, default: str | None = None) -> str:
    """``lang`` when it is a workshop language, else ``default`` when it is, else English."""
    for candidate in (lang, default):
        if candidate in LANGS:
            return candidate
    return "en"


def translated(text: str, i18n: Mapping | None, lang: str | None, field: str) -> str:
    """``field`` of a plan's row in ``lang``; its default-language ``text`` when untranslated."""
    return (i18n or {}).get(lang, {}).get(field) or text


class Refusal(Exception):
    """Something a workshop refused, worded later in the language of the window that shows it:
    it carries the English message (a catalog msgid) and its fields."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message, self.values = message, values

    def say(self, lang: str) -> str:
        return Lang(lang)._(self.message, **self.values)

    def __str__(self) -> str:
        return self.say("en")
