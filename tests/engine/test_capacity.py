"""Team capacity as the sequencer hands it out."""

from __future__ import annotations

from roadmap.engine.capacity import TeamLoad
from roadmap.engine.inputs import TeamData


def test_a_team_whose_capacity_ends_keeps_only_the_periods_it_reached() -> None:
    """Asking again and again whether work still fits before the capacity ends creates no
    periods beyond those reached: each check used to double them, until memory ran out."""
    load = TeamLoad(TeamData("gone", capacity=1.0, changes=((2, 0.0),)))
    assert load.take(0, 1.5) == ((0, 1.0), (1, 0.5))
    for _ in range(10):
        assert load.take(0, 1.0) is None
    assert load.take(1, 0.5) == ((1, 0.5),)
    assert len(load.free) == 16


def test_work_larger_than_the_room_left_before_the_team_stops_is_refused_whole() -> None:
    # Half a unit in the first period and none after: effort 1 never fits, even when the
    # first period still has room, and nothing is taken.
    load = TeamLoad(TeamData("dev", capacity=0.5, changes=((1, 0.0),)))
    assert load.take(0, 1.0) is None
    assert load.take(0, 1.0) is None
    assert load.take(0, 0.5) == ((0, 0.5),)
