"""Reasons and score notes worded when first read: the same sentences as worded at once."""

from __future__ import annotations

import dataclasses
import pickle
from itertools import pairwise
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap.engine import explanations
from roadmap.engine.baseline import to_data
from roadmap.engine.sequence import Sequencer, sequence

from .build import item, snapshot
from .random_plans import snapshots


def _plan():
    return snapshot(
        item("A", 9), item("B", 5), item("C", 7, status="in_progress"), item("D", 1),
        deps=[("A", "D", "hard")],
        teams={"dev": 1},
    )  # fmt: skip


def test_a_first_run_words_an_items_reasons_and_notes_when_they_are_first_read() -> None:
    worded = {"reasons": 0, "notes": 0}

    def counted(name, method):
        def call(self, i):
            worded[name] += 1
            return method(self, i)

        return call

    with (
        mock.patch.object(
            explanations.Why, "__call__", counted("reasons", explanations.Why.__call__)
        ),
        mock.patch.object(
            explanations.Raised, "__call__", counted("notes", explanations.Raised.__call__)
        ),
    ):
        roadmap = sequence(_plan())
        assert worded == {"reasons": 0, "notes": 0}
        reasons = roadmap.placements["D"].reasons
        assert [r.kind for r in reasons] == ["dependency", "capacity"]
        assert roadmap.placements["D"].reasons is reasons
        notes = roadmap.scores["C"].notes
        assert notes == ("in progress: sequenced ahead of optional work",)
        assert roadmap.scores["C"].notes is notes
        assert worded == {"reasons": 1, "notes": 1}


def test_records_with_sentences_not_yet_worded_compare_and_pickle_as_worded_ones() -> None:
    lazy, worded = sequence(_plan()), sequence(_plan())
    to_data(worded)
    assert lazy == worded
    assert hash(lazy.placements["D"]) == hash(worded.placements["D"])
    assert repr(lazy.scores["C"]) == repr(worded.scores["C"])
    assert pickle.loads(pickle.dumps(sequence(_plan()))) == worded


@settings(max_examples=100, deadline=None)
@given(snapshots(max_items=40), st.data())
def test_sentences_read_after_later_runs_are_those_of_their_own_run(snap, data) -> None:
    """A roadmap's reasons and notes, read only after the sequencer went on to re-sequence
    changes of score, of mandatory work and of effort, are those of a fresh run of its plan,
    whether or not the sequencer prepared for re-sequencing in between."""
    sequencer = Sequencer(snap)
    roadmaps = [(sequencer.roadmap(), snap)]
    for _ in range(data.draw(st.integers(0, 4)) if snap.items else 0):
        if data.draw(st.booleans()):
            sequencer.prepare()
        old = data.draw(st.sampled_from(snap.items))
        new = old._replace(
            scores={"value": data.draw(st.integers(0, 10))},
            mandatory=data.draw(st.booleans()),
            effort=old.effort if data.draw(st.integers(0, 4)) else old.effort + 1,
        )
        snap = dataclasses.replace(
            snap, items=tuple(new if x.key == new.key else x for x in snap.items)
        )
        roadmaps.append((sequencer.update_item(new), snap))
    for (before, _), (after, _) in pairwise(roadmaps):
        changed = after.changed_since(before)
        if changed is not None:  # what it leaves out is as it was
            for key in (before.placements.keys() | after.placements.keys()) - changed:
                assert after.placements.get(key) == before.placements.get(key)
                assert after.scores.get(key) == before.scores.get(key)
    for roadmap, plan in roadmaps:
        assert to_data(roadmap) == to_data(sequence(plan))


@settings(max_examples=100, deadline=None)
@given(snapshots(max_items=40), st.randoms(use_true_random=False))
def test_sentences_worded_when_read_do_not_depend_on_the_order_they_are_read_in(
    snap, random
) -> None:
    """One deferred maker serves a run's records: read in any order, each record gets its own
    item's sentences, as read in key order (and, by the test above, as a re-sequencing run words
    the items it changes at once)."""
    in_key_order = to_data(sequence(snap))
    roadmap = sequence(snap)
    records = [
        *((placement, "reasons") for placement in roadmap.placements.values()),
        *((score, "notes") for score in roadmap.scores.values()),
    ]
    random.shuffle(records)
    read = [getattr(record, field) for record, field in records]
    assert all(isinstance(sentences, tuple) for sentences in read)
    assert to_data(roadmap) == in_key_order
