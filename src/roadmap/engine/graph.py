"""The dependency graph: cycles, paths that a new dependency would close, what waits for what.

The critical path is the sequencer's (:mod:`roadmap.engine.sequence`): it depends on dates
and capacity, not on the graph alone.

Nodes are item keys (with their ``effort``), edges run from blocker to blocked with their
``kind`` (``hard`` or ``soft``). Nodes and edges are added in key order, so that every search
below gives the same answer whatever order the plan was written in.

networkx and :mod:`roadmap.model.cycles` are imported by the functions that use them, not
with the module: sequencing needs them only to name a cycle, and a command that sequences a
plan should not wait for them to load.

Acyclicity is checked with :func:`networkx.is_directed_acyclic_graph` before a cycle is
searched for: :func:`networkx.find_cycle` grows quadratically on graphs that have none.

>>> g = build_graph([("A", 2.0), ("B", 1.0), ("C", 4.0)], [("A", "B", "hard"), ("B", "C", "soft")])
>>> find_cycle(g) is None
True
>>> existing_path(g, "C", "A")
['A', 'B', 'C']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from roadmap.engine.inputs import HARD, Edge

if TYPE_CHECKING:
    import networkx as nx


class CycleError(ValueError):
    """Dependencies that go round in a circle; ``cycle`` lists the items in order."""

    def __init__(self, cycle: Sequence[str]) -> None:
        from roadmap.model.cycles import cycle_text

        self.cycle = tuple(cycle)
        super().__init__(f"dependency cycle: {cycle_text(list(self.cycle))}")


def build_graph(nodes: Iterable[tuple[str, float]], edges: Iterable[Edge]) -> nx.DiGraph:
    """A graph of ``(key, effort)`` nodes and ``(blocker, blocked, kind)`` edges.

    A pair given both as hard and soft keeps ``hard``.
    """
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from((key, {"effort": effort}) for key, effort in sorted(nodes))
    kinds: dict[tuple[str, str], str] = {}
    for blocker, blocked, kind in edges:
        if kinds.get((blocker, blocked)) != HARD:
            kinds[(blocker, blocked)] = kind
    graph.add_edges_from((a, b, {"kind": kind}) for (a, b), kind in sorted(kinds.items()))
    return graph


def find_cycle(graph: nx.DiGraph) -> list[str] | None:
    """The items of one cycle in dependency order, starting from the smallest key; or None.

    >>> find_cycle(build_graph([("A", 1), ("B", 1), ("C", 1)],
    ...                        [("B", "C", "hard"), ("C", "A", "soft"), ("A", "B", "hard")]))
    ['A', 'B', 'C']
    """
    import networkx as nx

    from roadmap.model.cycles import in_order

    if nx.is_directed_acyclic_graph(graph):
        return None
    return in_order([blocker for blocker, _ in nx.find_cycle(graph)])


def check_acyclic(graph: nx.DiGraph) -> None:
    """Raise :class:`CycleError` naming the items of a cycle, if there is one."""
    cycle = find_cycle(graph)
    if cycle:
        raise CycleError(cycle)


def existing_path(graph: nx.DiGraph, blocker: str, blocked: str) -> list[str] | None:
    """The path from ``blocked`` to ``blocker`` that ``blocker -> blocked`` would close, or None.

    >>> g = build_graph([("A", 1), ("B", 1)], [("A", "B", "hard")])
    >>> existing_path(g, "B", "A"), existing_path(g, "A", "B")
    (['A', 'B'], None)
    """
    import networkx as nx

    if blocker == blocked:
        return [blocker]
    if blocker not in graph or blocked not in graph or not nx.has_path(graph, blocked, blocker):
        return None
    return nx.shortest_path(graph, blocked, blocker)


class Links:
    """Each item's direct blockers and dependants, hard and soft alike, to walk the dependencies
    either way: plain lists, built from a large plan's dependencies in a small part of the time
    its networkx graph takes.

    >>> links = Links([("A", "B", "hard"), ("B", "C", "soft")])
    >>> links.blocks("A"), links.blocked_by("C"), links.blocks("C")
    (['B', 'C'], ['A', 'B'], [])
    """

    __slots__ = ("_after", "_before")

    def __init__(self, edges: Iterable[Edge]) -> None:
        self._after: dict[str, list[str]] = {}
        self._before: dict[str, list[str]] = {}
        for blocker, blocked, _ in edges:
            self._after.setdefault(blocker, []).append(blocked)
            self._before.setdefault(blocked, []).append(blocker)

    def blocks(self, key: str) -> list[str]:
        """Every item that waits for ``key``, directly or through others, sorted by key."""
        return _reached(self._after, key)

    def blocked_by(self, key: str) -> list[str]:
        """Every item that ``key`` waits for, directly or through others, sorted by key."""
        return _reached(self._before, key)


def _reached(links: dict[str, list[str]], start: str) -> list[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    seen.discard(start)  # a plan as stored has no cycle; a document may, until it is checked
    return sorted(seen)
