"""A small plan for workshop tests: four equal items that one team does one per quarter."""

from __future__ import annotations

from datetime import date

from roadmap.model import tables as t
from roadmap.store import workshop_sessions
from roadmap.store.db import Store
from roadmap.workshop.agenda import default_agenda

ITEMS = ("A", "B", "C", "D")


def seed(store: Store, *, name: str = "Kick-off") -> tuple[int, int, str]:
    """``(plan_id, session_id, code)`` of a new plan with a workshop session on it."""
    with store.write() as s:
        plan = t.Plan(
            name="Small",
            slug="small",
            start_date=date(2027, 1, 1),
            default_language="en",
            languages=["en"],
        )
        s.add(plan)
        s.flush()
        org = t.Organisation(plan_id=plan.id, key="org", name="Org")
        s.add(org)
        s.flush()
        team = t.Team(plan_id=plan.id, organisation_id=org.id, key="dev", name="Dev", capacity=1)
        benefit = t.Criterion(plan_id=plan.id, key="benefit", name="Benefit")
        cost = t.Criterion(plan_id=plan.id, key="cost", name="Cost", direction="cost", position=1)
        s.add_all([team, benefit, cost])
        s.flush()
        for key in ITEMS:
            item = t.Item(plan_id=plan.id, key=key, title=f"Item {key}", team_id=team.id)
            s.add(item)
            s.flush()
            s.add(t.ItemScore(item_id=item.id, criterion_id=benefit.id, value=3))
        workshop, _ = workshop_sessions.open_session(
            session=s,
            plan_id=plan.id,
            name=name,
            held_on=date(2027, 2, 3),
            agenda=default_agenda(),
        )
        return plan.id, workshop.id, workshop.code
