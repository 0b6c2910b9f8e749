"""Closed vocabularies of the plan: statuses, classes and units that rows refer to by value."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """Languages a plan's content and its documents can be written in."""

    FI = "fi"
    SV = "sv"
    EN = "en"


class PeriodUnit(StrEnum):
    """The length of one period of the roadmap."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


class ScoringMethod(StrEnum):
    """How a plan turns item data into a 0-100 priority score."""

    WEIGHTED = "weighted"
    RICE = "rice"
    WSJF = "wsjf"
    MOSCOW = "moscow"


class ItemStatus(StrEnum):
    """Where a development item is in its life."""

    IDEA = "idea"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Moscow(StrEnum):
    """MoSCoW class of an item."""

    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class DependencyKind(StrEnum):
    """Hard: the blocker must finish first. Soft: it should come first."""

    HARD = "hard"
    SOFT = "soft"


class Direction(StrEnum):
    """Whether a higher value of a criterion raises (benefit) or lowers (cost) the score."""

    BENEFIT = "benefit"
    COST = "cost"


class SectionKind(StrEnum):
    """The narrative sections a plan has; ``custom`` covers any section a user adds."""

    BACKGROUND = "background"
    METHOD = "method"
    CURRENT_STATE = "current_state"
    VISION = "vision"
    CUSTOM = "custom"


class EvidenceMethod(StrEnum):
    """How a piece of evidence was gathered."""

    INTERVIEW = "interview"
    WORKSHOP = "workshop"
    SURVEY = "survey"
    DOCUMENT = "document"
    DATA = "data"


class Health(StrEnum):
    """How an item under way is doing against its plan."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
