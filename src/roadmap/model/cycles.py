"""Finding a dependency cycle among many items, and naming it the same way everywhere.

An item whose blockers all come before it, each of them settled the same way, cannot be on a
cycle: one pass in order settles most plans, which list blockers first (an export keeps the
stored order, and stored items are numbered in the order they were written). Kahn's
algorithm peels off the items left over, and networkx, whose ``find_cycle`` grows
quadratically on graphs without one, names a cycle only among those it cannot peel.

>>> cycle_text(in_order(find_cycle({"B": ["A"], "C": ["B"], "A": ["C"], "D": ["A"]})))
'A -> B -> C -> A'
>>> find_cycle({2: [1], 3: [2, 1]}) is None
True
>>> find_cycle({"B": ["A"], "C": ["A", "B"]}) is None
True
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def find_cycle(blockers: Mapping[Node, Sequence[Node]]) -> list[Node] | None:
    """One cycle of the graph where each node of ``blockers`` waits for the nodes it maps to,
    as its nodes in the order they block one another; None when there is none. A node that
    is not a key waits for nothing; the keys' order is the one the first pass goes in."""
    settled: set[Node] = set()
    rest = []
    for node, before in blockers.items():
        for blocker in before:
            if blocker not in settled and blocker in blockers:
                rest.append(node)
                break
        else:
            settled.add(node)
    if not rest:
        return None
    waiting = dict.fromkeys(rest, 0)
    blocks: dict[Node, list[Node]] = {node: [] for node in rest}
    for node in rest:
        for blocker in blockers[node]:
            if blocker in waiting:
                blocks[blocker].append(node)
                waiting[node] += 1
    ready = [node for node in rest if not waiting[node]]
    while ready:
        for blocked in blocks[ready.pop()]:
            waiting[blocked] -= 1
            if not waiting[blocked]:
                ready.append(blocked)
    left = {node for node in rest if waiting[node]}
    if not left:
        return None
    import networkx as nx

    # Edges in the order of ``blockers``, so that the same plan always names the same cycle.
    graph = nx.DiGraph(
        (b, node) for node, before in blockers.items() if node in left for b in before if b in left
    )
    return [blocker for blocker, _ in nx.find_cycle(graph)]


def in_order(keys: list[str]) -> list[str]:
    """The cycle ``keys`` turned to start at its least key, so that it reads the same
    whichever item the search happened to start from."""
    first = keys.index(min(keys))
    return keys[first:] + keys[:first]


def cycle_text(keys: list[str]) -> str:
    """``A -> B -> A``: the cycle closed on its first item."""
    return " -> ".join([*keys, keys[0]])
