"""Finding a dependency cycle among many items, and naming it the same way everywhere.

Peeling off the nodes that nothing blocks (Kahn's algorithm on plain lists) settles the
common, acyclic case in linear time; networkx, whose ``find_cycle`` grows quadratically on
graphs without one, only names a cycle among the nodes left over.

>>> find_cycle([("A", "B"), ("B", "C"), ("C", "B")])
['B', 'C']
>>> find_cycle([("A", "B")]) is None
True
>>> cycle_text(["C", "A", "B"])
'C -> A -> B -> C'
>>> cycle_text(in_order(["C", "A", "B"]))
'A -> B -> C -> A'
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import chain
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def find_cycle(edges: Iterable[tuple[Node, Node]]) -> list[Node] | None:
    """One cycle of the graph of ``(blocker, blocked)`` ``edges``, its nodes in the order they
    block one another, or None when there is none."""
    edges = list(edges)
    nodes = list(dict.fromkeys(chain.from_iterable(edges)))
    count = len(nodes)
    at = {node: i for i, node in enumerate(nodes)}.__getitem__
    blocks: list[list[int]] = [[] for _ in range(count)]
    waiting = [0] * count
    for blocker, blocked in edges:
        target = at(blocked)
        blocks[at(blocker)].append(target)
        waiting[target] += 1
    ready = [i for i, n in enumerate(waiting) if not n]
    pop, push = ready.pop, ready.append
    while ready:
        for blocked in blocks[pop()]:
            waiting[blocked] -= 1
            if not waiting[blocked]:
                push(blocked)
    left = {nodes[i] for i, n in enumerate(waiting) if n}
    if not left:
        return None
    import networkx as nx

    graph = nx.DiGraph((a, b) for a, b in edges if a in left and b in left)
    return [blocker for blocker, _ in nx.find_cycle(graph)]


def in_order(keys: list[str]) -> list[str]:
    """The cycle ``keys`` turned to start at its least key, so that it reads the same
    whichever item the search happened to start from."""
    first = keys.index(min(keys))
    return keys[first:] + keys[:first]


def cycle_text(keys: list[str]) -> str:
    """``A -> B -> A``: the cycle closed on its first item."""
    return " -> ".join([*keys, keys[0]])
