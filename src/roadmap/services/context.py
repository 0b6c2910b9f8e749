"""What every view of the app shares: the store, the plan being worked on, and the language.

Views read the database through :attr:`PlanContext.store` in short transactions and never keep a
session; the context only remembers which plan it is and how its calendar counts periods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roadmap.model.periods import Calendar
from roadmap.model.tables import Plan
from roadmap.store.db import Store
from roadmap.store.repo import find_plan


@dataclass
class PlanContext:
    """One open plan of one store."""

    store: Store
    plan_id: int
    slug: str
    name: str
    calendar: Calendar
    languages: list[str]
    default_language: str
    scoring_method: str
    horizon: int
    language: str = field(default="")
    """The language texts are shown and edited in."""

    @classmethod
    def open(cls, store: Store, slug: str | None) -> PlanContext:
        with store.read() as session:
            plan = find_plan(session=session, slug=slug)
        return cls.of_plan(store, plan)

    @classmethod
    def of_plan(cls, store: Store, plan: Plan) -> PlanContext:
        assert plan.id is not None  # a stored plan
        return cls(
            store=store,
            plan_id=plan.id,
            slug=plan.slug,
            name=plan.name,
            calendar=Calendar(plan.start_date, plan.period_unit),
            languages=list(plan.languages) or [plan.default_language],
            default_language=plan.default_language,
            scoring_method=plan.scoring_method,
            horizon=plan.horizon,
            language=plan.default_language,
        )

    @property
    def translating(self) -> str | None:
        """The language shown, when it is not the plan's default one."""
        return None if self.language == self.default_language else self.language

    def period(self, index: int | None) -> str:
        return "" if index is None else self.calendar.label(index)
