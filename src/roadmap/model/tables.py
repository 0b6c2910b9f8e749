"""SQLModel table models: what a plan stores.

Table models skip validation by design; everything that comes from a user goes through the
input models in :mod:`roadmap.model.inputs` first. Texts that stakeholders read are stored in
the plan's default language in their own column, with other languages in ``i18n``
(``{"en": {"title": "..."}}``), so that sorting and searching work on plain columns and a
missing translation falls back to the default text.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

if TYPE_CHECKING:
    from sqlalchemy import Table


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    """A foreign key that goes away with what it points to (or is cleared, when optional).

    ``index=False`` where a unique constraint already starts with the column, or where the
    referencing rows are looked up only when the row they point to is deleted: on the largest
    tables every index costs imports of a hundred thousand rows noticeably.
    """
    return Field(
        default=None,
        foreign_key=target,
        ondelete="SET NULL" if nullable else "CASCADE",
        nullable=nullable,
        index=index,
    )


def _json(default_factory: Any) -> Any:
    return Field(default_factory=default_factory, sa_type=JSON, nullable=False)


def _enum(default: str | None = None, *, nullable: bool = False) -> Any:
    return Field(default=default, sa_type=String(20), nullable=nullable)


class Timestamped(SQLModel):
    """Created/updated times that every row carries."""

    if TYPE_CHECKING:  # SQLModel sets it on each table model without declaring it
        __table__: ClassVar[Table]

    created_at: datetime = Field(
        default_factory=utcnow, nullable=False, sa_column_kwargs={"default": utcnow}
    )
    updated_at: datetime = Field(
        default_factory=utcnow,
        nullable=False,
        sa_column_kwargs={"default": utcnow, "onupdate": utcnow},
    )


class Translatable(SQLModel):
    """Other-language versions of the row's reader-facing texts: ``{lang: {field: text}}``."""

    i18n: dict[str, dict[str, str]] = _json(dict)


class Plan(Timestamped, Translatable, table=True):
    """One planning effort: its name, calendar and languages. A database holds several."""

    __tablename__ = "plan"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    slug: str = Field(unique=True, index=True)
    """Short name used in file names and on the command line."""
    default_language: str = _enum("fi")
    languages: list[str] = _json(list)
    """Languages the plan's content is written in; the default language comes first."""
    start_date: date
    period_unit: str = _enum("quarter")
    horizon: int = 8
    """Number of periods the roadmap covers."""
    scoring_method: str = _enum("weighted")


class Section(Timestamped, Translatable, table=True):
    """A narrative section of the plan (background, method, current state, vision, custom)."""

    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    kind: str = _enum("custom")
    position: int = 0
    title: str = ""
    body: str = ""
    """Markdown."""


class Organisation(Timestamped, Translatable, table=True):
    """An organisation taking part in the plan (a city, a municipality)."""

    __tablename__ = "organisation"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str


class Team(Timestamped, table=True):
    """A team of an organisation that carries out items, with a capacity per period."""

    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    organisation_id: int = _fk("organisation.id")
    key: str
    name: str
    capacity: float = 1.0
    """Effort units per period, until a :class:`TeamCapacity` row changes it."""
    capacity_assumed: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    """The capacity is a default an import gave a team it created; ``roadmap check`` flags it
    until someone sets the capacity."""


class TeamCapacity(Timestamped, table=True):
    """A change of a team's capacity from a given period (0-based from the plan's start) on."""

    __tablename__ = "team_capacity"
    __table_args__ = (UniqueConstraint("team_id", "from_period"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = _fk("team.id")
    from_period: int
    capacity: float


class Stakeholder(Timestamped, Translatable, table=True):
    """An actor serving the client group (a service or role), or the client themselves."""

    __tablename__ = "stakeholder"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    organisation_id: int | None = _fk("organisation.id", nullable=True)
    key: str
    name: str
    description: str = ""


class Need(Timestamped, Translatable, table=True):
    """Something a stakeholder needs; items answer needs."""

    __tablename__ = "need"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    stakeholder_id: int = _fk("stakeholder.id")
    key: str
    text: str
    importance: int = 3
    """1 (nice to have) to 5 (essential)."""


class InfoSource(Timestamped, Translatable, table=True):
    """A system or register that holds client information."""

    __tablename__ = "info_source"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    organisation_id: int | None = _fk("organisation.id", nullable=True)
    """The organisation that owns the source."""
    key: str
    name: str
    holds: str = ""
    """What information it holds."""
    access: str = ""
    """Who can access it today."""


class StakeholderSource(Timestamped, table=True):
    """A stakeholder needs a source; ``has_access`` tells whether they can reach it today."""

    __tablename__ = "stakeholder_source"

    stakeholder_id: int = Field(foreign_key="stakeholder.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(foreign_key="info_source.id", primary_key=True, ondelete="CASCADE")
    has_access: bool = False


class Theme(Timestamped, Translatable, table=True):
    """A theme that groups items (e.g. availability of information)."""

    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str
    description: str = ""


class Criterion(Timestamped, Translatable, table=True):
    """A scoring criterion with its weight and direction."""

    __tablename__ = "criterion"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str
    weight: float = 1.0
    direction: str = _enum("benefit")
    scale: str = "1-5"
    """``"1-5"``, ``"0-10"`` or ``"fibonacci"``: the values a score may take."""
    workshop: bool = False
    """Values come from workshop results rather than from the lead's own scoring."""
    derived: str | None = _enum(None, nullable=True)
    """``needs``: unscored items take the value derived from the needs they answer."""
    position: int = 0


class Item(Timestamped, Translatable, table=True):
    """A development item: the unit that is prioritised and sequenced."""

    __tablename__ = "item"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id", index=False)
    key: str
    title: str
    description: str = ""
    """Markdown."""
    theme_id: int | None = _fk("theme.id", nullable=True, index=False)
    organisation_id: int | None = _fk("organisation.id", nullable=True, index=False)
    """The owner organisation."""
    team_id: int | None = _fk("team.id", nullable=True, index=False)
    status: str = _enum("idea")
    effort: float = 1.0
    """Effort units; a team's capacity is counted in the same units per period."""
    moscow: str | None = _enum(None, nullable=True)
    confidence: float = 1.0
    """0-1: how sure the estimates are (used by RICE)."""
    reach: float | None = None
    impact: float | None = None
    cost_of_delay: float | None = None
    mandatory: bool = False
    """Required whatever its score (a law, a decision already taken)."""
    pinned_period: int | None = None
    """0-based period index from the plan's start; the sequencer keeps it there."""
    earliest_start: date | None = None
    deadline: date | None = None
    tags: list[str] = _json(list)
    version: int = 1
    """Raised on every edit, so that an edit based on an older version is refused."""
    duration: int | None = None
    """Periods the effort is spread over evenly; None: as fast as capacity allows."""
    max_share: float | None = None
    """Largest share (0-1] of its team's capacity the item may use in one period."""


class ItemScore(Timestamped, table=True):
    """An item's value on one criterion."""

    __tablename__ = "item_score"

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    criterion_id: int = Field(foreign_key="criterion.id", primary_key=True, ondelete="CASCADE")
    value: float


class Dependency(Timestamped, table=True):
    """``blocker`` comes before ``blocked``: hard (must finish first) or soft (should)."""

    __tablename__ = "dependency"
    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    blocker_id: int = _fk("item.id", index=False)
    blocked_id: int = _fk("item.id")
    kind: str = _enum("hard")
    lag: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    """Periods that must pass between the blocker's end and the blocked item's start."""


class ItemNeed(Timestamped, table=True):
    """An item answers a need."""

    __tablename__ = "item_need"

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    need_id: int = Field(foreign_key="need.id", primary_key=True, ondelete="CASCADE", index=True)


class ItemSource(Timestamped, table=True):
    """An item concerns an information source."""

    __tablename__ = "item_source"

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    source_id: int = Field(
        foreign_key="info_source.id", primary_key=True, ondelete="CASCADE", index=True
    )


class ItemOrganisation(Timestamped, table=True):
    """An item affects an organisation."""

    __tablename__ = "item_organisation"

    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(
        foreign_key="organisation.id", primary_key=True, ondelete="CASCADE", index=True
    )


class Milestone(Timestamped, Translatable, table=True):
    """A dated point of the plan, with the items it waits for."""

    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str
    date: dt.date
    deadline: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    """The date is a deadline for the items that lead to the milestone."""


class MilestoneItem(Timestamped, table=True):
    """An item leads to a milestone, or waits for it (``waits``)."""

    __tablename__ = "milestone_item"

    milestone_id: int = Field(foreign_key="milestone.id", primary_key=True, ondelete="CASCADE")
    item_id: int = Field(foreign_key="item.id", primary_key=True, ondelete="CASCADE", index=True)
    waits: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


class Baseline(Timestamped, table=True):
    """A saved sequenced roadmap, to compare later roadmaps against."""

    __tablename__ = "baseline"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    name: str
    data: dict[str, Any] = _json(dict)
    """The roadmap as the engine produced it: placements, priorities and reasons per item."""


class Scenario(Timestamped, table=True):
    """A named what-if: changes to capacities, efforts, priorities and pins that the plan
    itself does not take."""

    __tablename__ = "scenario"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = _fk("plan.id")
    key: str
    name: str
    description: str = ""
    changes: dict[str, Any] = _json(dict)
    """``capacities`` by team, ``efforts``, ``priorities`` and ``pins`` (period indexes) by
    item key."""


#: Reader-facing fields per table that may carry translations in ``i18n``.
TRANSLATABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "plan": ("name",),
    "section": ("title", "body"),
    "organisation": ("name",),
    "stakeholder": ("name", "description"),
    "need": ("text",),
    "info_source": ("name", "holds", "access"),
    "theme": ("name", "description"),
    "criterion": ("name",),
    "item": ("title", "description"),
    "milestone": ("name",),
}
