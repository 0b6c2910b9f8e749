"""Generated plan documents of any size, for benchmarks of the store and the engine.

:func:`generate_plan` returns a plain, JSON-able dict that :class:`roadmap.model.inputs.PlanDoc`
accepts: organisations, teams with capacities, themes, criteria, stakeholders with needs,
information sources, items whose hard dependencies only point to earlier items (so they form a
DAG), a few soft dependencies, pins, deadlines and milestones. The same arguments always give
the same document.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Any

from roadmap.model.periods import Calendar

START = date(2027, 1, 1)
EFFORTS = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0)
CRITERIA = (
    ("impact", "Impact", "benefit"),
    ("urgency", "Urgency", "benefit"),
    ("reach", "Reach", "benefit"),
    ("risk", "Risk", "cost"),
    ("feasibility", "Feasibility", "benefit"),
)
STATUSES = ("idea",) * 6 + ("planned",) * 3 + ("in_progress", "done")
MOSCOW = (None, "must", "should", "should", "could", "could", "wont")
TARGET_PERIODS = 20
"""Team capacities are scaled so that the items fill about this many quarters."""


def generate_plan(
    n_items: int,
    *,
    seed: int = 0,
    deps_per_item: float = 1.5,
    teams: int | None = None,
    period_unit: str = "quarter",
) -> dict[str, Any]:
    """A valid plan document of ``n_items`` items, about ``deps_per_item`` dependencies each,
    planned in ``period_unit`` periods."""
    rng = random.Random(seed)
    calendar = Calendar(START, period_unit)
    periods = TARGET_PERIODS * {"quarter": 1, "month": 3, "day": 91}[period_unit]

    orgs = [
        {"key": f"ORG{i + 1}", "name": f"Organisation {i + 1}"} for i in range(rng.randint(3, 8))
    ]
    n_teams = teams if teams is not None else rng.randint(5, 20)
    efforts = [rng.choice(EFFORTS) for _ in range(n_items)]
    per_team = max(1.0, math.ceil(sum(efforts) / (n_teams * periods)))
    team_rows = []
    for i in range(n_teams):
        team = {
            "key": f"T{i + 1}",
            "organisation": rng.choice(orgs)["key"],
            "name": f"Team {i + 1}",
            "capacity": per_team * rng.choice((0.5, 1.0, 1.0, 1.5)),
        }
        if rng.random() < 0.3:
            team["capacity_changes"] = [
                {
                    "from_period": calendar.label(rng.randint(2, 8)),
                    "capacity": team["capacity"] * 1.5,
                }
            ]
        team_rows.append(team)
    themes = [{"key": f"TH{i + 1}", "name": f"Theme {i + 1}"} for i in range(rng.randint(4, 10))]
    criteria = [
        {"key": key, "name": name, "weight": float(rng.randint(1, 5)), "direction": direction}
        for key, name, direction in CRITERIA[: rng.randint(3, 5)]
    ]
    sources = [
        {"key": f"SRC{i + 1}", "name": f"Register {i + 1}", "organisation": rng.choice(orgs)["key"]}
        for i in range(5)
    ]
    stakeholders = [
        {
            "key": f"SH{i + 1}",
            "name": f"Stakeholder {i + 1}",
            "organisation": rng.choice(orgs)["key"],
            "needs": [
                {"key": f"N{i + 1}.{j + 1}", "text": f"Need {j + 1} of stakeholder {i + 1}"}
                for j in range(3)
            ],
            "sources": [
                {"source": s["key"], "has_access": rng.random() < 0.5} for s in sources[:2]
            ],
        }
        for i in range(6)
    ]
    need_keys = [n["key"] for s in stakeholders for n in s["needs"]]
    items = [
        _item(rng, i, efforts[i], team_rows, themes, criteria, need_keys, sources, deps_per_item)
        for i in range(n_items)
    ]
    for item in items:
        if "pinned_period" in item:
            index = item["pinned_period"] * periods // TARGET_PERIODS
            item["pinned_period"] = calendar.label(index)
    milestones = [
        {
            "key": f"M{i + 1}",
            "name": f"Milestone {i + 1}",
            "date": (START + timedelta(days=365 * (i + 1))).isoformat(),
            "items": sorted({items[rng.randrange(n_items)]["key"] for _ in range(5)}),
        }
        for i in range(3 if n_items else 0)
    ]
    return {
        "format": "roadmap/1",
        "plan": {
            "name": f"Generated plan of {n_items} items",
            "slug": f"generated-{n_items}",
            "default_language": "fi",
            "languages": ["fi", "en"],
            "start_date": START.isoformat(),
            "period_unit": period_unit,
            "horizon": periods * 6 // 5,
            "scoring_method": "weighted",
        },
        "sections": [
            {"key": "vision", "kind": "vision", "title": "Vision", "body": "Information moves."}
        ],
        "organisations": orgs,
        "teams": team_rows,
        "themes": themes,
        "sources": sources,
        "stakeholders": stakeholders,
        "criteria": criteria,
        "items": items,
        "milestones": milestones,
    }


def _item(
    rng: random.Random,
    i: int,
    effort: float,
    teams: list[dict],
    themes: list[dict],
    criteria: list[dict],
    need_keys: list[str],
    sources: list[dict],
    deps_per_item: float,
) -> dict[str, Any]:
    team = rng.choice(teams)
    item: dict[str, Any] = {
        "key": _key(i),
        "title": f"Item {i + 1}",
        "theme": rng.choice(themes)["key"],
        "organisation": team["organisation"],
        "team": team["key"],
        "status": rng.choice(STATUSES),
        "effort": effort,
        "scores": {c["key"]: float(rng.randint(1, 5)) for c in criteria},
    }
    if moscow := rng.choice(MOSCOW):
        item["moscow"] = moscow
    hard = _blockers(rng, i, deps_per_item)
    if hard:
        item["depends_on"] = [_key(j) for j in hard]
    if i > 1 and rng.random() < 0.05:
        soft = rng.randrange(i)
        if soft not in hard:
            item["soft_depends_on"] = [_key(soft)]
    roll = rng.random()
    if roll < 0.01:
        item["pinned_period"] = rng.randint(0, TARGET_PERIODS // 2)  # labelled by the caller
    elif roll < 0.03:
        item["deadline"] = (START + timedelta(days=rng.randint(180, 2000))).isoformat()
    elif roll < 0.04:
        item["earliest_start"] = (START + timedelta(days=rng.randint(0, 700))).isoformat()
    if rng.random() < 0.02:
        item["mandatory"] = True
    if rng.random() < 0.1:
        item["needs"] = [rng.choice(need_keys)]
    if rng.random() < 0.05:
        item["sources"] = [rng.choice(sources)["key"]]
    if rng.random() < 0.1:
        item["tags"] = [rng.choice(("data", "law", "service", "integration"))]
    return item


def _blockers(rng: random.Random, i: int, mean: float) -> list[int]:
    """Indexes of earlier items this one depends on: mostly near it, sometimes far back."""
    if i == 0:
        return []
    count = min(i, int(mean) + (rng.random() < mean - int(mean)))
    chosen: list[int] = []
    while len(chosen) < count:
        j = rng.randrange(max(0, i - 50), i) if rng.random() < 0.7 else rng.randrange(i)
        if j not in chosen:
            chosen.append(j)
    return chosen


def _key(i: int) -> str:
    return f"I{i + 1:06d}"
