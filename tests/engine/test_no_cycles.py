"""A run leaves no reference cycles: what it built goes as soon as its last reader lets go of
it, so that a long-running app re-sequencing after every edit does not grow between the
collector's passes."""

from __future__ import annotations

import gc
import random

from roadmap.engine.sequence import Sequencer

from .random_plans import random_snapshot


def test_runs_and_their_reasons_leave_nothing_for_the_cycle_collector() -> None:
    rng = random.Random(3)
    gc.collect()
    for _ in range(20):
        snap = random_snapshot(rng, 30)
        sequencer = Sequencer(snap)
        roadmaps = [sequencer.roadmap()]
        if snap.items:
            first = snap.items[0]
            roadmaps.append(sequencer.update_item(first._replace(mandatory=True)))
            roadmaps.append(sequencer.update_item(first._replace(effort=9.0)))
        for roadmap in roadmaps:
            assert all(p.reasons for p in roadmap.placements.values())
            assert all(isinstance(s.notes, tuple) for s in roadmap.scores.values())
        del sequencer, roadmaps, roadmap
    assert gc.collect() == 0
