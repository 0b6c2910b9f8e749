"""Checks of a whole plan, as ``roadmap check`` reports them.

Errors make a plan unusable for sequencing or contradict themselves (broken references,
dependency cycles, a deadline before the earliest start). Warnings are gaps a project lead
should see before publishing: items without owner or team, teams whose capacity an import
guessed, needs that no item answers, texts with hidden direction controls, missing
translations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from roadmap.i18n import _, language
from roadmap.i18n.terms import subject
from roadmap.model.bidi import BIDI_CONTROLS, bidi_controls
from roadmap.model.cycles import cycle_text, in_order
from roadmap.model.evidence import CHECKED_TRANSLATIONS

if TYPE_CHECKING:
    from roadmap.model.fields import Translated
    from roadmap.model.inputs import PlanDoc, Problem

ERROR = "error"
WARNING = "warning"


class Finding(NamedTuple):
    """One error or warning. A tuple, as a large plan can have 100,000 of them."""

    severity: str
    subject: str
    """What the finding is about: ``item CI-7``, ``need N-3``, ``plan``."""
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.subject}: {self.message}"


def check_plan(doc: PlanDoc) -> list[Finding]:
    """Every error and warning of the plan document ``doc``, errors first, each group in
    document order. (:func:`roadmap.store.check.check_stored` finds the same in a stored
    plan without reading it whole.)"""
    from roadmap.model.inputs import check_references  # a stored plan needs no pydantic

    errors = [Finding(ERROR, _subject(doc, p), p.message) for p in check_references(doc)]
    errors += [
        late_start(item.key, item.deadline, item.earliest_start)
        for item in doc.items
        if item.deadline and item.earliest_start and item.deadline < item.earliest_start
    ]
    warnings = [
        no_owner(item.key, item.organisation, item.team)
        for item in doc.items
        if item.status not in CLOSED and (item.organisation is None or item.team is None)
    ]
    answered = {key for item in doc.items for key in item.needs}
    warnings += [
        assumed_capacity(team.key, team.capacity) for team in doc.teams if team.capacity_assumed
    ]
    warnings += [
        open_need(need.key, stakeholder.name, need.text)
        for stakeholder in doc.stakeholders
        for need in stakeholder.needs
        if need.key not in answered
    ]
    warnings += [
        hidden_direction(subject, field, text)
        for subject, field, text in _texts(doc)
        if BIDI_CONTROLS.search(text)
    ]
    if doc.evidence:
        warnings += _evidence_gaps(doc)
    return errors + warnings + _missing_translations(doc)


BIDI_FIELDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("organisations", "organisation", ("name",)),
    ("teams", "team", ("name",)),
    ("themes", "theme", ("name",)),
    ("stakeholders", "stakeholder", ("name",)),
    ("sources", "source", ("name",)),
    ("items", "item", ("title", "description")),
)
"""Where ``check`` looks for direction controls: rows of the document (by list), their kind
and the fields people read; the plan's name besides."""


def _texts(doc: PlanDoc) -> Iterator[tuple[str, str, str]]:
    """``(subject, field, text)`` of every text :data:`BIDI_FIELDS` names."""
    yield subject("plan"), "name", doc.plan.name
    for rows, kind, fields in BIDI_FIELDS:
        for row in getattr(doc, rows):
            for field in fields:
                yield subject(kind, row.key), field, getattr(row, field)


def hidden_direction(subject: str, field: str, text: str) -> Finding:
    """The warning for a text that holds right-to-left override or isolate characters."""
    codes = ", ".join(dict.fromkeys(bidi_controls(text)))
    return Finding(
        WARNING,
        subject,
        _(
            "{field} holds direction control characters ({codes}) that can make it read as "
            "something else; remove them unless the text is right-to-left",
            field=field,
            codes=codes,
        ),
    )


def _evidence_gaps(doc: PlanDoc) -> list[Finding]:
    """In a plan that records evidence: needs no evidence backs, and open items that answer
    no need (their priority rests on nothing anyone said)."""
    backed = {key for ev in doc.evidence for key in ev.needs}
    found = [
        unbacked_need(need.key, stakeholder.name, need.text)
        for stakeholder in doc.stakeholders
        for need in stakeholder.needs
        if need.key not in backed
    ]
    return found + [
        answers_no_need(item.key)
        for item in doc.items
        if not item.needs and item.status not in CLOSED
    ]


CLOSED = ("done", "dropped")
"""Statuses of items that need no owner or team any more."""


def late_start(key: str, deadline: object, earliest_start: object) -> Finding:
    return Finding(
        ERROR,
        subject("item", key),
        _(
            "deadline {deadline} is before its earliest start {start}",
            deadline=deadline,
            start=earliest_start,
        ),
    )


def no_owner(key: str, organisation: object, team: object) -> Finding:
    """The warning for an open item whose ``organisation`` or ``team`` (or both) is None."""
    if organisation is None and team is None:
        message = _("has no organisation and no team")
    elif organisation is None:
        message = _("has no organisation")
    else:
        message = _("has no team")
    return Finding(WARNING, subject("item", key), message)


def assumed_capacity(key: str, capacity: float) -> Finding:
    """The warning for a team whose capacity an import guessed (see
    :data:`roadmap.io.matching.DEFAULT_TEAM_CAPACITY`)."""
    return Finding(
        WARNING,
        subject("team", key),
        _(
            "capacity {capacity} per period was given by an import; set the team's real capacity",
            capacity=format(capacity, "g"),
        ),
    )


def open_need(key: str, stakeholder: str, text: str) -> Finding:
    return Finding(
        WARNING,
        subject("need", key),
        _("no item answers it ({stakeholder}: {text})", stakeholder=stakeholder, text=text),
    )


def unbacked_need(key: str, stakeholder: str, text: str) -> Finding:
    return Finding(
        WARNING,
        subject("need", key),
        _("no evidence backs it ({stakeholder}: {text})", stakeholder=stakeholder, text=text),
    )


def answers_no_need(key: str) -> Finding:
    return Finding(WARNING, subject("item", key), _("answers no need"))


def cycle_error(keys: list[str]) -> Finding:
    """The error for a dependency cycle through the items ``keys``, in order."""
    keys = in_order(keys)
    return Finding(
        ERROR, subject("item", keys[0]), _("dependency cycle: {cycle}", cycle=cycle_text(keys))
    )


def _subject(doc: PlanDoc, problem: Problem) -> str:
    loc = problem.loc
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        return subject("item", doc.items[loc[1]].key)
    return problem.where()


TRANSLATED = {
    "sections": ("section", ("title", "body")),
    "organisations": ("organisation", ("name",)),
    "themes": ("theme", ("name", "description")),
    "sources": ("source", ("name", "holds", "access")),
    "stakeholders": ("stakeholder", ("name", "description")),
    "criteria": ("criterion", ("name",)),
    "items": ("item", ("title", "description")),
    "milestones": ("milestone", ("name",)),
}
"""The document's lists of rows with reader-facing texts: the noun that names such a row, and
its translated fields. The plan's name and the needs' texts are translated too."""


def untranslated(
    about: str,
    written: list[str],
    i18n: Mapping[Any, Mapping[str, str]],
    others: Sequence[str],
) -> list[Finding]:
    """Warnings for the fields of one row that have text in the default language
    (``written``) but none in its ``i18n`` for one of the ``others`` languages."""
    out = []
    for lang in others:
        have = i18n.get(lang)
        lacking = written if not have else [field for field in written if not have.get(field)]
        if lacking:
            message = _no_translation(language(), lang, tuple(lacking))
            out.append(Finding(WARNING, about, message))
    return out


@cache
def _no_translation(reader: str, lang: str, fields: tuple[str, ...]) -> str:
    """The message for ``fields`` lacking in ``lang``, worded in the ``reader``'s language
    (one message per combination: a large plan lacks the same fields in many rows)."""
    return _("no {lang} translation of {fields}", lang=lang, fields=", ".join(fields))


def _missing_translations(doc: PlanDoc) -> list[Finding]:
    """Reader-facing texts that exist in the default language but not in another."""
    others = [lang for lang in doc.plan.languages if lang != doc.plan.default_language]
    if not others:
        return []
    rows: list[tuple[str, Translated, tuple[str, ...]]] = [(subject("plan"), doc.plan, ("name",))]
    for group, (noun, fields) in TRANSLATED.items():
        rows.extend((subject(noun, row.key), row, fields) for row in getattr(doc, group))
    for stakeholder in doc.stakeholders:
        rows.extend((subject("need", need.key), need, ("text",)) for need in stakeholder.needs)
    for group, (noun, fields) in CHECKED_TRANSLATIONS.items():
        found = (
            [m for goal in doc.goals for m in goal.measures]
            if group == "measures"
            else getattr(doc, group)
        )
        rows.extend((subject(noun, row.key), row, fields) for row in found)
    out = []
    for about, row, fields in rows:
        written = [field for field in fields if getattr(row, field)]
        out += untranslated(about, written, row.i18n, others)
    return out
