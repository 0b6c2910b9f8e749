"""The agenda of a workshop: the steps of the planning cycle, and what quick capture makes.

A session's agenda is a list of ``{"key": step, "minutes": n}``; the steps follow the planning
cycle from the current state to the roadmap. Quick capture turns a typed line into an item, a
need or a note: by default what the step is about, or what a prefix such as ``need:`` asks for.
"""

from __future__ import annotations

from typing import Any

from roadmap.i18n.lang import Lang
from roadmap.workshop.words import LANGS
from roadmap.workshop.words import PREFIXES as PREFIX_WORDS

STEPS: tuple[str, ...] = (
    "current_state",
    "needs",
    "vision",
    "items",
    "voting",
    "results",
    "roadmap",
)
"""Steps of the planning cycle, in order."""

DEFAULT_MINUTES: dict[str, int] = {
    "current_state": 15,
    "needs": 20,
    "vision": 20,
    "items": 25,
    "voting": 10,
    "results": 15,
    "roadmap": 15,
}

CAPTURE_KINDS = ("item", "need", "note", "decision")
"""What quick capture stores: a new item of the plan, or a need, note or decision of the session."""

PREFIXES: dict[str, str] = {
    Lang(lang)._(PREFIX_WORDS[kind]): kind for lang in LANGS for kind in CAPTURE_KINDS
}
"""Prefix word -> kind, in every language: ``tarve:`` and ``behov:`` are ``need:``."""

_STEP_CAPTURE = {"needs": "need", "items": "item", "results": "decision", "roadmap": "decision"}


def default_agenda() -> list[dict[str, Any]]:
    """Every step of the cycle with its usual length."""
    return [{"key": key, "minutes": DEFAULT_MINUTES[key]} for key in STEPS]


def parse_agenda(text: str) -> list[dict[str, Any]]:
    """An agenda from ``"vision:20,items,voting:5"``: step keys, each with optional minutes.

    >>> parse_agenda("vision:20, voting")
    [{'key': 'vision', 'minutes': 20}, {'key': 'voting', 'minutes': 10}]
    """
    agenda = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, minutes = part.partition(":")
        key = key.strip()
        if key not in STEPS:
            raise ValueError(f"unknown agenda step {key!r} (steps: {', '.join(STEPS)})")
        if minutes and not minutes.strip().isdigit():
            raise ValueError(f"minutes of {key} must be a whole number, not {minutes!r}")
        agenda.append({"key": key, "minutes": int(minutes) if minutes else DEFAULT_MINUTES[key]})
    if not agenda:
        raise ValueError("the agenda needs at least one step")
    return agenda


def parse_capture(text: str, step: str) -> tuple[str, str]:
    """``(kind, text)`` of a quick-capture line typed during ``step``.

    >>> parse_capture("need: one place to see a family's services", "vision")
    ('need', "one place to see a family's services")
    >>> parse_capture("Shared calendar", "items")
    ('item', 'Shared calendar')
    >>> parse_capture("Päätös: kalenteri ensin", "vision")
    ('decision', 'kalenteri ensin')
    """
    head, sep, rest = text.partition(":")
    kind = PREFIXES.get(head.strip().lower())
    if sep and kind and rest.strip():
        return kind, rest.strip()
    return _STEP_CAPTURE.get(step, "note"), text.strip()
