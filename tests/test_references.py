"""Every broken reference of an item is found and located, in a plan that is otherwise whole."""

from __future__ import annotations

from typing import Any

import pytest

from roadmap.model.inputs import PlanDoc, check_references
from sample_plans import rich_plan_data

BROKEN: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
    ({"theme": "NO"}, [("items[1].theme", "unknown theme 'NO'")]),
    ({"organisation": "NO"}, [("items[1].organisation", "unknown organisation 'NO'")]),
    ({"team": "NO"}, [("items[1].team", "unknown team 'NO'")]),
    ({"scores": {"impact": 2, "NO": 1}}, [("items[1].scores.NO", "unknown criterion 'NO'")]),
    ({"needs": ["N1", "NO"]}, [("items[1].needs[1]", "unknown need 'NO'")]),
    ({"sources": ["NO"]}, [("items[1].sources[0]", "unknown source 'NO'")]),
    (
        {"organisations": ["ASIK", "NO"]},
        [("items[1].organisations[1]", "unknown organisation 'NO'")],
    ),
    ({"depends_on": ["Z-1", "NO"]}, [("items[1].depends_on[1]", "unknown item 'NO'")]),
    ({"soft_depends_on": ["NO"]}, [("items[1].soft_depends_on[0]", "unknown item 'NO'")]),
    ({"depends_on": ["A-2"]}, [("items[1].depends_on[0]", "A-2 depends on itself")]),
    ({"soft_depends_on": ["A-2"]}, [("items[1].soft_depends_on[0]", "A-2 depends on itself")]),
    (
        {"depends_on": ["Z-1"], "soft_depends_on": ["Z-1"]},
        [("items[1].soft_depends_on", "Z-1 is both a hard and a soft dependency")],
    ),
    (
        {"theme": "NO", "team": "NOT", "depends_on": ["A-2", "X"]},
        [
            ("items[1].theme", "unknown theme 'NO'"),
            ("items[1].team", "unknown team 'NOT'"),
            ("items[1].depends_on[0]", "A-2 depends on itself"),
            ("items[1].depends_on[1]", "unknown item 'X'"),
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), BROKEN)
def test_a_broken_reference_is_named_where_it_is(
    change: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    data = rich_plan_data()
    assert data["items"][1]["key"] == "A-2"
    data["items"][1].update(change)
    problems = check_references(PlanDoc.model_validate(data))
    assert [(p.where(), p.message) for p in problems] == expected


def test_a_whole_plan_has_no_problems() -> None:
    assert check_references(PlanDoc.model_validate(rich_plan_data())) == []
