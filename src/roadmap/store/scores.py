"""Scores: the steps of each criterion's scale, checking a typed value, and every item's scores.

Setting a score is a change of its item and goes through :mod:`roadmap.store.item_write`
(field ``scores``).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlmodel import Session

from roadmap.model import tables as t

FIBONACCI = (1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0)
SCALE_RANGES = {"1-5": (1.0, 5.0), "0-10": (0.0, 10.0), "fibonacci": (1.0, 21.0)}


def step_value(scale: str, value: float | None, delta: int) -> float:
    """The next value up (``delta`` 1) or down (-1) a criterion's scale, kept inside it.

    >>> step_value("1-5", 3, 1), step_value("1-5", 5, 1), step_value("fibonacci", 5, -1)
    (4.0, 5.0, 3.0)
    >>> step_value("0-10", None, 1)
    6.0
    """
    low, high = SCALE_RANGES[scale]
    if value is None:
        value = (low + high) / 2 if scale != "fibonacci" else 5.0
        value = float(int(value))
    if scale == "fibonacci":
        below = [v for v in FIBONACCI if v < value]
        above = [v for v in FIBONACCI if v > value]
        if delta > 0:
            return above[0] if above else FIBONACCI[-1]
        return below[-1] if below else FIBONACCI[0]
    return float(min(high, max(low, round(value) + delta)))


def check_score(scale: str, value: float) -> str | None:
    """Why ``value`` is not a value of ``scale``, or ``None`` when it is."""
    low, high = SCALE_RANGES[scale]
    if scale == "fibonacci" and value not in FIBONACCI:
        return "use one of 1, 2, 3, 5, 8, 13, 21"
    if not low <= value <= high:
        return f"use a value from {low:g} to {high:g}"
    return None


def all_scores(*, session: Session, plan_id: int) -> dict[str, dict[str, float]]:
    """``item key -> criterion key -> value`` for every scored item of the plan."""
    item, crit, score = (m.__table__.c for m in (t.Item, t.Criterion, t.ItemScore))
    out: dict[str, dict[str, float]] = defaultdict(dict)
    query = (
        select(item.key, crit.key, score.value)
        .join(t.Item, item.id == score.item_id)
        .join(t.Criterion, crit.id == score.criterion_id)
        .where(item.plan_id == plan_id)
    )
    for item_key, crit_key, value in session.execute(query):
        out[item_key][crit_key] = value
    return dict(out)
