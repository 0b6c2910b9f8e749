"""The cycle check of a plan document against networkx, in any order of the items."""

from __future__ import annotations

import random
from itertools import pairwise

import networkx as nx
import pytest

from roadmap.model.inputs import PlanDoc, cycle_problems, dependency_edges


def _doc(rng: random.Random) -> PlanDoc:
    n = rng.randint(1, 12)
    keys = [f"K{i}" for i in range(n)]
    items = []
    for key in keys:
        others = [k for k in keys if k != key]
        hard = rng.sample(others, rng.randint(0, min(3, len(others))))
        left = [k for k in others if k not in hard]
        soft = rng.sample(left, min(1, len(left))) if rng.random() < 0.3 else []
        items.append({"key": key, "title": key, "depends_on": hard, "soft_depends_on": soft})
    rng.shuffle(items)
    plan = {"name": "P", "start_date": "2027-01-01"}
    return PlanDoc.model_validate({"plan": plan, "items": items})


@pytest.mark.parametrize("seed", range(20))
def test_a_cycle_is_found_exactly_when_networkx_finds_one(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        doc = _doc(rng)
        graph = nx.DiGraph()
        graph.add_nodes_from(item.key for item in doc.items)
        graph.add_edges_from((a, b) for a, b, _ in dependency_edges(doc))
        problems = cycle_problems(doc)
        assert bool(problems) != nx.is_directed_acyclic_graph(graph)
        if problems:
            chain = problems[0].message.removeprefix("dependency cycle: ").split(" -> ")
            assert chain[0] == chain[-1] == min(chain)
            assert all(graph.has_edge(a, b) for a, b in pairwise(chain))
            index = problems[0].loc[1]
            assert doc.items[index].key == chain[0]
