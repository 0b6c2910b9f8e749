"""One item explained: its score breakdown, where it lands and why, and what it waits for.

Gathers what ``roadmap plan --explain KEY`` and the terminal app show about one item, so that
both read the same facts: the score and its parts, the placement with its reasons, the items
it blocks and is blocked by (transitively, through hard and soft dependencies, whatever their
status) and the warnings that name it.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.engine.graph import Links
from roadmap.engine.inputs import Snapshot
from roadmap.engine.result import Placement, Roadmap, Score, Warning


@dataclass(frozen=True, slots=True)
class Explanation:
    key: str
    title: str
    status: str
    score: Score | None
    """None for done and dropped items, which are not sequenced."""
    placement: Placement | None
    """None when the item is not placed (done, dropped or unplaced)."""
    blocks: tuple[str, ...]
    blocked_by: tuple[str, ...]
    warnings: tuple[Warning, ...]


def explain(
    snapshot: Snapshot, roadmap: Roadmap, key: str, links: Links | None = None
) -> Explanation:
    """The explanation of item ``key``; :class:`KeyError` names an unknown key.

    ``links`` are those of the snapshot's dependencies, for a caller that explains one item
    after another and keeps them.
    """
    item = next((x for x in snapshot.items if x.key == key), None)
    if item is None:
        raise KeyError(f"no item {key!r} in this plan")
    if links is None:
        links = Links(snapshot.dependencies)
    return Explanation(
        key=key,
        title=item.title,
        status=item.status,
        score=roadmap.scores.get(key),
        placement=roadmap.placements.get(key),
        blocks=tuple(links.blocks(key)),
        blocked_by=tuple(links.blocked_by(key)),
        warnings=tuple(w for w in roadmap.warnings if key in w.items),
    )
