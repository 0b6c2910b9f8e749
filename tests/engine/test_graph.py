"""The dependency graph: cycles named in order, paths a new dependency would close, chains."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from roadmap.engine.graph import (
    CycleError,
    Links,
    build_graph,
    check_acyclic,
    existing_path,
    find_cycle,
)
from roadmap.engine.sequence import sequence

from .build import item, snapshot


def _graph(edges: list[tuple[str, str]], efforts: dict[str, float] | None = None) -> nx.DiGraph:
    keys = sorted({k for edge in edges for k in edge} | set(efforts or {}))
    nodes = [(k, (efforts or {}).get(k, 1.0)) for k in keys]
    return build_graph(nodes, [(a, b, "hard") for a, b in edges])


def test_a_cycle_lists_every_item_on_it_in_order_from_the_smallest_key() -> None:
    graph = _graph([("CI-5", "CI-1"), ("CI-1", "CI-3"), ("CI-3", "CI-5"), ("CI-5", "CI-9")])
    assert find_cycle(graph) == ["CI-1", "CI-3", "CI-5"]
    with pytest.raises(CycleError, match=r"dependency cycle: CI-1 -> CI-3 -> CI-5 -> CI-1") as exc:
        check_acyclic(graph)
    assert exc.value.cycle == ("CI-1", "CI-3", "CI-5")


def test_the_same_cycle_is_named_whatever_order_the_edges_come_in() -> None:
    edges = [("D", "A"), ("A", "B"), ("B", "C"), ("C", "D"), ("B", "E"), ("E", "F")]
    found = set()
    for seed in range(10):
        random.Random(seed).shuffle(edges)
        found.add(tuple(find_cycle(_graph(edges)) or ()))
    assert found == {("A", "B", "C", "D")}


def test_an_acyclic_graph_has_no_cycle() -> None:
    assert find_cycle(_graph([("A", "B"), ("B", "C"), ("A", "C")])) is None
    check_acyclic(_graph([("A", "B")]))


def test_sequencing_a_cycle_is_an_error_naming_its_items() -> None:
    snap = snapshot(
        item("A"), item("B"), item("C"), item("D"),
        deps=[("A", "B", "hard"), ("B", "C", "soft"), ("C", "B", "hard"), ("C", "D", "hard")],
    )  # fmt: skip
    with pytest.raises(CycleError, match="dependency cycle: B -> C -> B"):
        sequence(snap)


def test_existing_path_names_the_path_a_new_dependency_would_close() -> None:
    graph = _graph([("CI-3", "CI-5"), ("CI-5", "CI-1"), ("CI-1", "CI-7")])
    # CI-1 blocking CI-3 would close CI-3 -> CI-5 -> CI-1 -> CI-3
    assert existing_path(graph, "CI-1", "CI-3") == ["CI-3", "CI-5", "CI-1"]
    assert existing_path(graph, "CI-3", "CI-7") is None
    assert existing_path(graph, "CI-3", "CI-3") == ["CI-3"]
    assert existing_path(graph, "CI-3", "NEW") is None


def test_soft_and_hard_pairs_keep_hard() -> None:
    graph = build_graph([("A", 1), ("B", 1)], [("A", "B", "soft"), ("A", "B", "hard")])
    assert graph.edges["A", "B"]["kind"] == "hard"


def test_blocks_and_blocked_by_are_transitive_and_sorted() -> None:
    hard = [("A", "C"), ("C", "D"), ("B", "C"), ("D", "E"), ("X", "Y")]
    links = Links([*((a, b, "hard") for a, b in hard), ("A", "D", "soft")])
    assert links.blocks("A") == ["C", "D", "E"]
    assert links.blocked_by("E") == ["A", "B", "C", "D"]
    assert links.blocks("E") == [] and links.blocked_by("A") == []
    assert links.blocks("NEW") == [] and links.blocked_by("NEW") == []


@pytest.mark.parametrize("seed", range(5))
def test_links_reach_what_networkx_reaches(seed: int) -> None:
    rng = random.Random(seed)
    keys = [f"K{i}" for i in range(60)]
    edges = {(keys[a], keys[b]) for a, b in (sorted(rng.sample(range(60), 2)) for _ in range(90))}
    links = Links((a, b, rng.choice(("hard", "soft"))) for a, b in edges)
    graph = nx.DiGraph(edges)
    graph.add_nodes_from(keys)
    for key in keys:
        assert links.blocks(key) == sorted(nx.descendants(graph, key))
        assert links.blocked_by(key) == sorted(nx.ancestors(graph, key))
