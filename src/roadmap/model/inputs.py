"""Input models: the plan document as people write it (YAML, JSON, CSV rows, forms).

Every field is validated here before anything is stored. Entities refer to each other by
``key``; :func:`check_references` checks what a single model cannot see (duplicate keys,
unknown references, self-dependencies, dependency cycles, translations into languages the plan
does not have) and returns problems located by path, so that a reader can name the file, line
and field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from itertools import compress
from typing import Annotated, Final, Literal

from pydantic import (
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from roadmap.i18n import _
from roadmap.i18n.terms import subject
from roadmap.model.cycles import cycle_text, find_cycle, in_order
from roadmap.model.enums import (
    DependencyKind,
    Direction,
    ItemStatus,
    Language,
    Moscow,
    PeriodUnit,
    ScoringMethod,
    SectionKind,
)
from roadmap.model.evidence import (
    EvidenceIn,
    GoalIn,
    ItemProgressIn,
    PersonIn,
    PerspectiveIn,
    record_problems,
)
from roadmap.model.fields import In as _In
from roadmap.model.fields import (
    Key,
    Loc,
    Name,
    Period,
    Problem,
    Tag,
    Text,
)
from roadmap.model.fields import Translated as _Translated
from roadmap.model.fields import enum_default as _enum_default
from roadmap.model.tables import TRANSLATABLE_FIELDS

FORMAT: Final = "roadmap/2"
"""The version tag written at the top of every plan document; ``roadmap/1`` files, which
predate the records of :mod:`roadmap.model.evidence`, are read as well."""
FORMATS = Literal["roadmap/1", "roadmap/2"]


class PlanIn(_Translated):
    """The plan itself: name, languages, calendar and scoring method."""

    name: Name
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")] | None = None
    default_language: Language = _enum_default(Language.FI)
    languages: list[Language] = Field(default_factory=list)
    start_date: date
    period_unit: PeriodUnit = _enum_default(PeriodUnit.QUARTER)
    horizon: int = Field(default=8, ge=1, le=100_000)
    scoring_method: ScoringMethod = _enum_default(ScoringMethod.WEIGHTED)
    personal_names: bool = False
    """Whether outputs (documents, minutes, exports of evidence) may print people's names;
    by default they show roles."""
    responsible: Key | None = None
    """The person who owns, coordinates and follows up the roadmap."""

    @model_validator(mode="after")
    def _default_language_first(self) -> PlanIn:
        langs = [self.default_language, *(x for x in self.languages if x != self.default_language)]
        self.languages = list(dict.fromkeys(langs))
        return self


class SectionIn(_Translated):
    """A narrative section in Markdown."""

    key: Key
    kind: SectionKind = _enum_default(SectionKind.CUSTOM)
    title: Text = ""
    body: Text = ""


class OrganisationIn(_Translated):
    key: Key
    name: Name


class CapacityChangeIn(_In):
    """From period ``from_period`` on, the team's capacity is ``capacity``."""

    from_period: Period
    capacity: float = Field(ge=0)


class TeamIn(_In):
    key: Key
    organisation: Key
    name: Name
    capacity: float = Field(default=1.0, ge=0)
    capacity_assumed: bool = False
    """The capacity is a default given by an import, not yet set by anyone."""
    capacity_changes: list[CapacityChangeIn] = Field(default_factory=list)


class NeedIn(_Translated):
    key: Key
    text: Name
    importance: int = Field(default=3, ge=1, le=5)


class SourceAccessIn(_In):
    """A stakeholder needs this source; ``has_access``: can they reach it today."""

    source: Key
    has_access: bool = False


class StakeholderIn(_Translated):
    key: Key
    name: Name
    organisation: Key | None = None
    description: Text = ""
    needs: list[NeedIn] = Field(default_factory=list)
    sources: list[SourceAccessIn] = Field(default_factory=list)


class InfoSourceIn(_Translated):
    key: Key
    name: Name
    organisation: Key | None = None
    holds: Text = ""
    access: Text = ""


class ThemeIn(_Translated):
    key: Key
    name: Name
    description: Text = ""


class CriterionIn(_Translated):
    key: Key
    name: Name
    weight: float = Field(default=1.0, ge=0)
    direction: Direction = _enum_default(Direction.BENEFIT)
    scale: Literal["1-5", "0-10", "fibonacci"] = "1-5"
    workshop: bool = False
    derived: Literal["needs", "deadline"] | None = None
    """``needs``: an item not scored on the criterion takes the value derived from the needs
    it answers (:mod:`roadmap.engine.needs`); ``deadline``: from the pressure of its deadline
    (:mod:`roadmap.engine.deadlines`); a typed value wins."""


class ItemIn(_Translated):
    """A development item with its scores and links, all by key."""

    key: Key
    title: Name
    description: Text = ""
    theme: Key | None = None
    organisation: Key | None = None
    team: Key | None = None
    status: ItemStatus = _enum_default(ItemStatus.IDEA)
    effort: float = Field(default=1.0, ge=0, le=1_000_000)
    moscow: Moscow | None = None
    confidence: float = Field(default=1.0, ge=0, le=1)
    reach: float | None = Field(default=None, ge=0)
    impact: float | None = Field(default=None, ge=0)
    cost_of_delay: float | None = Field(default=None, ge=0)
    mandatory: bool = False
    pinned_period: Period | None = None
    earliest_start: date | None = None
    deadline: date | None = None
    tags: tuple[Tag, ...] = ()
    """Lists of an item are tuples: an item keeps no container of its own for them, which
    spares the cycle collector most of its work over a plan of 100,000 items."""
    scores: dict[Key, float] = Field(default_factory=dict)
    needs: tuple[Key, ...] = ()
    sources: tuple[Key, ...] = ()
    organisations: tuple[Key, ...] = ()
    """Organisations the item affects (besides its owner)."""
    depends_on: tuple[Key, ...] = ()
    """Keys of items that must finish before this one starts."""
    soft_depends_on: tuple[Key, ...] = ()
    """Keys of items that should come before this one."""
    lags: dict[Key, Annotated[int, Field(ge=0, le=100_000)]] = Field(default_factory=dict)
    """Periods that must pass after the end of a hard dependency (by its key) before this
    item starts."""
    duration: int | None = Field(default=None, ge=1, le=100_000)
    """Periods the effort is spread over evenly, whatever else the team could give."""
    max_share: float | None = Field(default=None, gt=0, le=1)
    """The largest share of its team's capacity the item may use in one period."""

    @model_validator(mode="after")
    def _no_repeats(self) -> ItemIn:
        """One check for all of the item's lists: a validator per list would cost a large
        import a fifth of its validation."""
        for field in _UNIQUE_LISTS:
            values = getattr(self, field)
            if len(values) > 1 and len(set(values)) < len(values):
                raise _repeated(field, values)
        return self


_UNIQUE_LISTS = ("tags", "needs", "sources", "organisations", "depends_on", "soft_depends_on")


def _repeated(field: str, values: tuple[str, ...]) -> ValidationError:
    """The error for the first value listed twice in ``values``, located at its repetition."""
    first: dict[str, int] = {}
    j = next(j for j, value in enumerate(values) if first.setdefault(value, j) != j)
    error = PydanticCustomError("repeated", "{value} is listed twice", {"value": repr(values[j])})
    return ValidationError.from_exception_data(
        "ItemIn", [InitErrorDetails(type=error, loc=(field, j), input=values[j])]
    )


class MilestoneIn(_Translated):
    """A dated point of the plan: reached when the ``items`` that lead to it end, and what
    the ``waiting`` items wait for; with ``deadline``, its date is their deadline."""

    key: Key
    name: Name
    date: date
    items: list[Key] = Field(default_factory=list)
    deadline: bool = False
    waiting: list[Key] = Field(default_factory=list)


class ScenarioIn(_In):
    """A named what-if: new capacities by team key, and new efforts, priorities (0-100, in
    place of the score) and pins (a period, or null to unpin) by item key. It changes none
    of the plan's own data."""

    key: Key
    name: Name
    description: Text = ""
    capacities: dict[Key, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    efforts: dict[Key, Annotated[float, Field(ge=0, le=1_000_000)]] = Field(default_factory=dict)
    priorities: dict[Key, Annotated[float, Field(ge=0, le=100)]] = Field(default_factory=dict)
    pins: dict[Key, Period | None] = Field(default_factory=dict)


class PlanDoc(_In):
    """A whole plan: what ``roadmap import`` reads and ``roadmap export-data`` writes."""

    format: FORMATS = FORMAT
    plan: PlanIn
    sections: list[SectionIn] = Field(default_factory=list)
    organisations: list[OrganisationIn] = Field(default_factory=list)
    teams: list[TeamIn] = Field(default_factory=list)
    themes: list[ThemeIn] = Field(default_factory=list)
    sources: list[InfoSourceIn] = Field(default_factory=list)
    stakeholders: list[StakeholderIn] = Field(default_factory=list)
    criteria: list[CriterionIn] = Field(default_factory=list)
    items: list[ItemIn] = Field(default_factory=list)
    milestones: list[MilestoneIn] = Field(default_factory=list)
    scenarios: list[ScenarioIn] = Field(default_factory=list)
    people: list[PersonIn] = Field(default_factory=list)
    evidence: list[EvidenceIn] = Field(default_factory=list)
    goals: list[GoalIn] = Field(default_factory=list)
    perspectives: list[PerspectiveIn] = Field(default_factory=list)
    progress: list[ItemProgressIn] = Field(default_factory=list)


def check_references(doc: PlanDoc) -> list[Problem]:
    """Problems that need the whole document: keys, references, cycles, translations."""
    problems: list[Problem] = []
    keys: dict[str, set[str]] = {}

    def collect(kind: str, rows: list, loc: Loc) -> None:
        seen = keys.setdefault(kind, set())
        for i, row in enumerate(rows):
            if row.key in seen:
                message = _("duplicate {what} key {key}", what=subject(kind), key=repr(row.key))
                problems.append(Problem((*loc, i, "key"), message))
            seen.add(row.key)

    collect("section", doc.sections, ("sections",))
    collect("organisation", doc.organisations, ("organisations",))
    collect("team", doc.teams, ("teams",))
    collect("theme", doc.themes, ("themes",))
    collect("source", doc.sources, ("sources",))
    collect("stakeholder", doc.stakeholders, ("stakeholders",))
    collect("criterion", doc.criteria, ("criteria",))
    collect("item", doc.items, ("items",))
    collect("milestone", doc.milestones, ("milestones",))
    needs = [n for s in doc.stakeholders for n in s.needs]
    need_locs = [
        ("stakeholders", i, "needs", j)
        for i, s in enumerate(doc.stakeholders)
        for j in range(len(s.needs))
    ]
    seen_needs: set[str] = set()
    for need, loc in zip(needs, need_locs, strict=True):
        if need.key in seen_needs:
            message = _("duplicate {what} key {key}", what=subject("need"), key=repr(need.key))
            problems.append(Problem((*loc, "key"), message))
        seen_needs.add(need.key)
    keys["need"] = seen_needs

    def ref(kind: str, value: str | None, loc: Loc) -> None:
        if value is not None and value not in keys[kind]:
            problems.append(
                Problem(loc, _("unknown {what} {value}", what=subject(kind), value=repr(value)))
            )

    for i, team in enumerate(doc.teams):
        ref("organisation", team.organisation, ("teams", i, "organisation"))
    for i, src in enumerate(doc.sources):
        ref("organisation", src.organisation, ("sources", i, "organisation"))
    for i, sh in enumerate(doc.stakeholders):
        ref("organisation", sh.organisation, ("stakeholders", i, "organisation"))
        for j, access in enumerate(sh.sources):
            ref("source", access.source, ("stakeholders", i, "sources", j, "source"))
    for i, item in _suspect_items(doc.items, keys):
        _item_problems(i, item, keys, ref, problems)
    for i, ms in enumerate(doc.milestones):
        if ms.key in keys["item"]:
            message = _("{key} is also an item's key", key=ms.key)
            problems.append(Problem(("milestones", i, "key"), message))
        for j, value in enumerate(ms.items):
            ref("item", value, ("milestones", i, "items", j))
        for j, value in enumerate(ms.waiting):
            ref("item", value, ("milestones", i, "waiting", j))
            if value in ms.items:
                text = _("{item} both leads to and waits for {key}", item=value, key=ms.key)
                problems.append(Problem(("milestones", i, "waiting", j), text))
    seen_scenarios: set[str] = set()
    for i, sc in enumerate(doc.scenarios):
        if sc.key in seen_scenarios:
            message = _("duplicate {what} key {key}", what=subject("scenario"), key=repr(sc.key))
            problems.append(Problem(("scenarios", i, "key"), message))
        seen_scenarios.add(sc.key)
        for value in sc.capacities:
            ref("team", value, ("scenarios", i, "capacities", value))
        for field in ("efforts", "priorities", "pins"):
            for value in getattr(sc, field):
                ref("item", value, ("scenarios", i, field, value))
    problems.extend(_translation_problems(doc))
    problems.extend(record_problems(doc, keys))
    if not problems:
        problems.extend(cycle_problems(doc))
    return problems


def _suspect_items(items: list[ItemIn], keys: dict[str, set[str]]) -> Iterator[tuple[int, ItemIn]]:
    """The items (with their index) that may have a broken reference, found in one tight pass:
    a clean item, as nearly all are, costs a few set lookups and no call."""
    themes, owners, teams = (keys[kind] | {None} for kind in ("theme", "organisation", "team"))
    criteria, needs, sources = keys["criterion"], keys["need"], keys["source"]
    orgs, known = keys["organisation"], keys["item"]
    for i, item in enumerate(items):
        hard, soft = item.depends_on, item.soft_depends_on
        if not (
            item.theme in themes
            and item.organisation in owners
            and item.team in teams
            and (not item.scores or criteria.issuperset(item.scores))
            and (not item.needs or needs.issuperset(item.needs))
            and (not item.sources or sources.issuperset(item.sources))
            and (not item.organisations or orgs.issuperset(item.organisations))
            and (not hard or (item.key not in hard and known.issuperset(hard)))
            and (not soft or (item.key not in soft and known.issuperset(soft)))
            and (not hard or not soft or set(hard).isdisjoint(soft))
            and (not item.lags or set(hard).issuperset(item.lags))
        ):
            yield i, item


def _item_problems(
    i: int,
    item: ItemIn,
    keys: dict[str, set[str]],
    ref: Callable[[str, str | None, Loc], None],
    problems: list[Problem],
) -> None:
    """Each broken reference of an item, located."""
    loc = ("items", i)
    ref("theme", item.theme, (*loc, "theme"))
    ref("organisation", item.organisation, (*loc, "organisation"))
    ref("team", item.team, (*loc, "team"))
    for name in item.scores:
        ref("criterion", name, (*loc, "scores", name))
    for field, kind in _ITEM_LISTS:
        for j, value in enumerate(getattr(item, field)):
            ref(kind, value, (*loc, field, j))
    hard, soft = item.depends_on, item.soft_depends_on
    for field, values in (("depends_on", hard), ("soft_depends_on", soft)):
        for j, value in enumerate(values):
            if value == item.key:
                message = _("{item} depends on itself", item=item.key)
                problems.append(Problem((*loc, field, j), message))
            else:
                ref("item", value, (*loc, field, j))
    for value in item.lags:
        if value not in hard:
            message = _("{item} is not a hard dependency", item=value)
            problems.append(Problem((*loc, "lags", value), message))
    for value in sorted(set(hard) & set(soft)):
        problems.append(
            Problem(
                (*loc, "soft_depends_on"),
                _("{item} is both a hard and a soft dependency", item=value),
            )
        )


_ITEM_LISTS = (("needs", "need"), ("sources", "source"), ("organisations", "organisation"))


def dependency_edges(doc: PlanDoc) -> Iterator[tuple[str, str, DependencyKind]]:
    """``(blocker, blocked, kind)`` for every dependency in the document."""
    for item in doc.items:
        for key in item.depends_on:
            yield key, item.key, DependencyKind.HARD
        for key in item.soft_depends_on:
            yield key, item.key, DependencyKind.SOFT


def cycle_problems(doc: PlanDoc) -> list[Problem]:
    """A dependency cycle, named item by item, if the document has one (see
    :mod:`roadmap.model.cycles`)."""
    blockers: dict[str, tuple[str, ...]] = {
        item.key: (*item.depends_on, *item.soft_depends_on)
        for item in doc.items
        if item.depends_on or item.soft_depends_on
    }
    for ms in doc.milestones:  # a milestone waits for its items; its waiting items for it
        if ms.waiting:
            blockers[ms.key] = tuple(ms.items)
            for key in ms.waiting:
                blockers[key] = (*blockers.get(key, ()), ms.key)
    cycle = find_cycle(blockers)
    if cycle is None:
        return []
    cycle = in_order(cycle)
    index = {item.key: i for i, item in enumerate(doc.items)}
    first = next((index[key] for key in cycle if key in index), 0)  # milestones are no items
    message = _("dependency cycle: {cycle}", cycle=cycle_text(cycle))
    return [Problem(("items", first, "depends_on"), message)]


def _translation_problems(doc: PlanDoc) -> Iterator[Problem]:
    plan = doc.plan
    others = set(plan.languages) - {plan.default_language}
    groups: list[tuple[str, Loc, list]] = [
        ("plan", ("plan",), [plan]),
        ("section", ("sections",), doc.sections),
        ("organisation", ("organisations",), doc.organisations),
        ("theme", ("themes",), doc.themes),
        ("info_source", ("sources",), doc.sources),
        ("stakeholder", ("stakeholders",), doc.stakeholders),
        ("criterion", ("criteria",), doc.criteria),
        ("item", ("items",), doc.items),
        ("milestone", ("milestones",), doc.milestones),
    ]
    for i, sh in enumerate(doc.stakeholders):
        groups.append(("need", ("stakeholders", i, "needs"), sh.needs))
    for table, loc, rows in groups:
        allowed = TRANSLATABLE_FIELDS[table]
        texts = [row.i18n for row in rows]
        for i, i18n in compress(enumerate(texts), texts):  # the rows that have translations
            row_loc = loc if table == "plan" else (*loc, i)
            for lang, fields in i18n.items():
                if lang not in others:
                    yield Problem(
                        (*row_loc, "i18n", lang),
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
                            (*row_loc, "i18n", lang, field),
                            _(
                                "{field} cannot be translated (only {fields})",
                                field=repr(field),
                                fields=", ".join(allowed),
                            ),
                        )
