"""Input models of the chain from what was heard to what was done.

People responsible, evidence (what an interview, workshop, survey, document or data set showed,
and which needs it supports), goals with their measures, maturity perspectives, and the
progress of items under way. They are parts of a ``roadmap/2`` plan document
(:class:`~roadmap.model.inputs.PlanDoc`) and refer to its other rows by key;
:func:`record_problems` checks those references, which a single model cannot see.

People's names are personal data: the plan's ``personal_names`` setting decides whether any
output prints them, and ``roadmap erase-person`` removes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import compress
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from roadmap.i18n import _
from roadmap.i18n.terms import subject
from roadmap.model.enums import EvidenceMethod, Health, ItemStatus
from roadmap.model.fields import (
    I18n,
    In,
    Key,
    Loc,
    Name,
    Problem,
    Text,
    Translated,
    enum_default,
)

V1 = "roadmap/1"
"""The plan-file version that predates these records; it may not hold them."""

PersonalName = Annotated[str, StringConstraints(max_length=500)]
"""A person's name: personal data, empty once erased."""

LEVELS = 5
"""The steps of a maturity perspective's scale."""


class PersonIn(Translated):
    """Someone responsible for the roadmap, a goal or an item, or who gave or recorded
    evidence: a role and an organisation, and a name that is personal data."""

    key: Key
    name: PersonalName = ""
    role: Text = ""
    organisation: Key | None = None


class EvidenceIn(Translated):
    """What was learnt and where: the provenance that makes a need, and so a priority,
    defensible."""

    key: Key
    method: EvidenceMethod
    date: date
    stakeholder: Key | None = None
    """The actor it came from (none for anonymous workshop evidence)."""
    person: Key | None = None
    """The person it came from, where the plan names people."""
    recorded_by: Key | None = None
    """The person who recorded it."""
    summary: Text = ""
    quote: Text = ""
    personal: bool = False
    """The summary or quote holds personal data: outputs leave them out unless the plan's
    ``personal_names`` allows names."""
    needs: list[Key] = Field(default_factory=list)
    """Needs the evidence supports."""


class PointIn(In):
    """A measure's value on a date (its baseline or its target)."""

    value: float
    date: date


class MeasureValueIn(In):
    """A follow-up reading of a measure."""

    date: date
    value: float
    note: Text = ""


class MeasureIn(Translated):
    """An indicator that tells whether a goal is being reached."""

    key: Key
    name: Name
    unit: Text = ""
    source: Key | None = None
    """The information source it is read from."""
    baseline: PointIn | None = None
    target: PointIn | None = None
    values: list[MeasureValueIn] = Field(default_factory=list)
    """Follow-up readings, oldest first."""


class GoalIn(Translated):
    """A goal that makes the vision happen, with the items and themes that serve it."""

    key: Key
    text: Name
    owner: Key | None = None
    """The person responsible."""
    items: list[Key] = Field(default_factory=list)
    themes: list[Key] = Field(default_factory=list)
    measures: list[MeasureIn] = Field(default_factory=list)


Level = Annotated[int, Field(ge=1, le=LEVELS)]


class PerspectiveIn(Translated):
    """A maturity perspective rated on a five-level scale: where the plan starts, where it
    aims, and the items that raise it. Translations of the levels are ``level_1`` ...
    ``level_5`` in ``i18n``."""

    key: Key
    name: Name
    levels: Annotated[list[Text], Field(min_length=LEVELS, max_length=LEVELS)]
    start: Level | None = None
    start_evidence: Text = ""
    """Why the starting level is what it is."""
    target: Level | None = None
    target_year: int | None = Field(default=None, ge=1900, le=2200)
    items: list[Key] = Field(default_factory=list)


class ProgressUpdateIn(In):
    """Where an item stood on a date."""

    date: date
    status: ItemStatus = enum_default(ItemStatus.IN_PROGRESS)
    done: float = Field(default=0.0, ge=0, le=1)
    """Share done, 0-1."""
    health: Health = enum_default(Health.ON_TRACK)
    note: Text = ""


class ItemProgressIn(In):
    """An item's responsible person and its progress updates, oldest first."""

    item: Key
    responsible: Key | None = None
    updates: list[ProgressUpdateIn] = Field(default_factory=list)


RECORD_FIELDS = ("people", "evidence", "goals", "perspectives", "progress")
"""The plan document's lists of these records, in document order."""

TRANSLATABLE: dict[str, tuple[str, ...]] = {
    "people": ("role",),
    "evidence": ("summary", "quote"),
    "goals": ("text",),
    "measures": ("name", "unit"),
    "perspectives": ("name", "start_evidence", *(f"level_{n}" for n in range(1, LEVELS + 1))),
}
"""Reader-facing fields of each kind of record that may carry translations."""


CHECKED_TRANSLATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "people": ("person", ("role",)),
    "goals": ("goal", ("text",)),
    "measures": ("measure", ("name",)),
    "perspectives": ("perspective", ("name", "start_evidence")),
}
"""Records whose texts documents print, the noun that names each, and the fields that
``roadmap check`` wants in every language of the plan (evidence is counted, not printed)."""


def record_problems(doc: Any, keys: dict[str, set[str]]) -> list[Problem]:
    """Duplicate keys, unknown references and stray translations of the records of ``doc``
    (a plan document), given the keys of its other rows by kind."""
    problems: list[Problem] = []
    if doc.format == V1:
        newer: list[Loc] = [(field,) for field in RECORD_FIELDS if getattr(doc, field)]
        newer += [
            ("plan", f) for f in ("personal_names", "responsible") if f in doc.plan.model_fields_set
        ]
        problems.extend(
            Problem(
                loc,
                _(
                    "{field} needs format roadmap/2 (this file says {version})",
                    field=loc[-1],
                    version=V1,
                ),
            )
            for loc in newer
        )
    people = _unique(doc.people, ("people",), "person", problems)
    _unique(doc.evidence, ("evidence",), "evidence", problems)
    _unique(doc.goals, ("goals",), "goal", problems)
    _unique(doc.perspectives, ("perspectives",), "perspective", problems)
    measures = [(i, j, m) for i, g in enumerate(doc.goals) for j, m in enumerate(g.measures)]
    seen: set[str] = set()
    for i, j, measure in measures:
        if measure.key in seen:
            loc: Loc = ("goals", i, "measures", j, "key")
            key = repr(measure.key)
            message = _("duplicate {what} key {key}", what=subject("measure"), key=key)
            problems.append(Problem(loc, message))
        seen.add(measure.key)
    known = {**keys, "person": people}

    def ref(kind: str, value: str | None, loc: Loc) -> None:
        if value is not None and value not in known[kind]:
            problems.append(
                Problem(loc, _("unknown {what} {value}", what=subject(kind), value=repr(value)))
            )

    def refs(kind: str, values: list[str], loc: Loc) -> None:
        listed: set[str] = set()
        for j, value in enumerate(values):
            if value in listed:
                message = _("{value} is listed twice", value=repr(value))
                problems.append(Problem((*loc, j), message))
            listed.add(value)
            ref(kind, value, (*loc, j))

    ref("person", doc.plan.responsible, ("plan", "responsible"))
    for i, person in enumerate(doc.people):
        ref("organisation", person.organisation, ("people", i, "organisation"))
    for i, ev in enumerate(doc.evidence):
        loc = ("evidence", i)
        ref("stakeholder", ev.stakeholder, (*loc, "stakeholder"))
        ref("person", ev.person, (*loc, "person"))
        ref("person", ev.recorded_by, (*loc, "recorded_by"))
        refs("need", ev.needs, (*loc, "needs"))
    for i, goal in enumerate(doc.goals):
        loc = ("goals", i)
        ref("person", goal.owner, (*loc, "owner"))
        refs("item", goal.items, (*loc, "items"))
        refs("theme", goal.themes, (*loc, "themes"))
        for j, measure in enumerate(goal.measures):
            ref("source", measure.source, (*loc, "measures", j, "source"))
    for i, perspective in enumerate(doc.perspectives):
        refs("item", perspective.items, ("perspectives", i, "items"))
    tracked: set[str] = set()
    for i, progress in enumerate(doc.progress):
        loc = ("progress", i)
        if progress.item in tracked:
            message = _("{item} has progress twice", item=repr(progress.item))
            problems.append(Problem((*loc, "item"), message))
        tracked.add(progress.item)
        ref("item", progress.item, (*loc, "item"))
        ref("person", progress.responsible, (*loc, "responsible"))
    problems.extend(_translation_problems(doc))
    return problems


def _unique(rows: list[Any], loc: Loc, kind: str, problems: list[Problem]) -> set[str]:
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if row.key in seen:
            message = _("duplicate {what} key {key}", what=subject(kind), key=repr(row.key))
            problems.append(Problem((*loc, i, "key"), message))
        seen.add(row.key)
    return seen


def _translation_problems(doc: Any) -> Iterator[Problem]:
    others = set(doc.plan.languages) - {doc.plan.default_language}
    groups: list[tuple[str, Loc, list]] = [
        (field, (field,), getattr(doc, field)) for field in TRANSLATABLE if field != "measures"
    ]
    groups.extend(
        ("measures", ("goals", i, "measures"), goal.measures) for i, goal in enumerate(doc.goals)
    )
    for kind, loc, rows in groups:
        allowed = TRANSLATABLE[kind]
        texts: list[I18n] = [row.i18n for row in rows]
        for i, i18n in compress(enumerate(texts), texts):
            for lang, fields in i18n.items():
                if lang not in others:
                    yield Problem(
                        (*loc, i, "i18n", lang),
                        _(
                            "translation into {lang}, which is not one of the plan's other "
                            "languages ({languages})",
                            lang=repr(lang),
                            languages=", ".join(sorted(others)) or _("none"),
                        ),
                    )
                for field in fields:
                    if field not in allowed:
                        yield Problem(
                            (*loc, i, "i18n", lang, field),
                            _(
                                "{field} cannot be translated (only {fields})",
                                field=repr(field),
                                fields=", ".join(allowed),
                            ),
                        )
