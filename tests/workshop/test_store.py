"""Workshop storage on both backends: sessions, joining, votes within the rules, results."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from roadmap.model import tables as t
from roadmap.model.workshop_tables import WorkshopNote, WorkshopParticipant, WorkshopVote
from roadmap.store import workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.workshop.rules import VoteRefused

from .plans import seed


def _join(store: Store, code: str, name: str) -> int:
    with store.write() as s:
        return workshop_sessions.join(session=s, code=code, name=name)[0].id


def _round(store: Store, session_id: int, method: str = "dots", **kw) -> int:
    with store.write() as s:
        return workshop_rounds.new_round(session=s, session_id=session_id, method=method, **kw).id


def _vote(store: Store, round_id: int, who: int, item: str, **kw):
    with store.write() as s:
        return workshop_rounds.cast_vote(
            session=s, round_id=round_id, participant_id=who, item_key=item, **kw
        )


def test_session_is_resumed_by_name(store: Store) -> None:
    plan_id, session_id, code = seed(store)
    with store.write() as s:
        again, created = workshop_sessions.open_session(
            session=s, plan_id=plan_id, name="Kick-off", held_on=date(2030, 1, 1), agenda=[]
        )
    assert (again.id, again.code, created) == (session_id, code, False)
    assert again.held_on == date(2027, 2, 3)


def test_the_token_rejoins_and_a_name_alone_is_someone_else(store: Store) -> None:
    """Typing a taken name is no takeover: without the token it is a new participant with a
    suffix, who sees none of the first one's votes and cannot change them."""
    _, session_id, code = seed(store)
    with store.write() as s:
        anna, token = workshop_sessions.join(session=s, code=code, name="Anna  Virtanen")
    round_id = _round(store, session_id)
    _vote(store, round_id, anna.id, "A", value=3)
    with store.write() as s:
        again, same = workshop_sessions.join(
            session=s, code=code.lower(), name="anna virtanen", token=token
        )
        other, other_token = workshop_sessions.join(session=s, code=code, name="ANNA VIRTANEN")
        third, _ = workshop_sessions.join(
            session=s, code=code, name="Anna Virtanen", token="made-up"
        )
    assert (again.id, same) == (anna.id, token)
    assert other.id != anna.id and other_token != token
    assert other.name == "ANNA VIRTANEN (2)" and third.name == "Anna Virtanen (3)"
    with store.read() as s:
        assert (
            workshop_rounds.allocation(session=s, round_id=round_id, participant_id=other.id) == {}
        )
        assert workshop_sessions.participant_count(session=s, session_id=session_id) == 3
        stored = s.exec(select(WorkshopParticipant.token_hash)).all()
    assert token not in stored and all(stored)
    _vote(store, round_id, other.id, "A", value=1)
    with store.read() as s:
        assert workshop_rounds.allocation(session=s, round_id=round_id, participant_id=anna.id) == {
            ("A", ""): 3
        }
        assert (
            workshop_sessions.participant_by_token(
                session=s, session_id=session_id, token=other_token
            ).id
            == other.id
        )
        with pytest.raises(workshop_sessions.NotYou):
            workshop_sessions.participant_by_token(session=s, session_id=session_id, token="x")
    with pytest.raises(workshop_sessions.JoinRefused), store.write() as s:
        workshop_sessions.join(session=s, code="XXXXXX", name="Anna")


def test_dots_respect_budget_and_per_item_limit(store: Store) -> None:
    _, session_id, code = seed(store)
    anna = _join(store, code, "Anna")
    round_id = _round(store, session_id, budget=4, per_item=2)
    _vote(store, round_id, anna, "A", delta=2)
    with pytest.raises(VoteRefused, match="at most 2"):
        _vote(store, round_id, anna, "A", delta=1)
    _vote(store, round_id, anna, "B", value=2)
    with pytest.raises(VoteRefused, match="only 0 of your 4"):
        _vote(store, round_id, anna, "C", delta=1)
    mine = _vote(store, round_id, anna, "B", delta=-1)
    assert mine == {("A", ""): 2, ("B", ""): 1}
    with store.read() as s:
        stored = s.exec(select(WorkshopVote.item_key, WorkshopVote.value)).all()
    assert sorted(stored) == [("A", 2), ("B", 1)]


def test_locked_round_refuses_votes_until_reopened(store: Store) -> None:
    _, session_id, code = seed(store)
    anna = _join(store, code, "Anna")
    round_id = _round(store, session_id, method="points")
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=round_id, state="locked")
    with pytest.raises(VoteRefused, match="closed"):
        _vote(store, round_id, anna, "A", value=60)
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=round_id, state="open")
    _vote(store, round_id, anna, "A", value=60)
    with pytest.raises(VoteRefused, match="only 40 of your 100"):
        _vote(store, round_id, anna, "B", value=41)


def test_scoring_round_tallies_spread_and_reverses_cost(store: Store) -> None:
    _, session_id, code = seed(store)
    round_id = _round(store, session_id, method="score")
    people = [_join(store, code, name) for name in ("A1", "A2", "A3")]
    for who, (benefit_a, benefit_b) in zip(people, [(5, 3), (1, 3), (3, 3)], strict=True):
        _vote(store, round_id, who, "A", value=benefit_a, criterion="benefit")
        _vote(store, round_id, who, "B", value=benefit_b, criterion="benefit")
    _vote(store, round_id, people[0], "C", value=1, criterion="cost")
    with pytest.raises(VoteRefused, match="from 1 to 5"):
        _vote(store, round_id, people[0], "C", value=6, criterion="cost")
    with store.read() as s:
        results = {r.key: r for r in workshop_rounds.round_results(session=s, round_id=round_id)}
    assert results["C"].total == 5.0 and results["C"].rank == 1
    assert results["A"].total == results["B"].total == 3.0
    assert results["A"].spread > 1.5 and results["A"].contested
    assert results["B"].spread == 0 and not results["B"].contested
    assert results["D"].voters == 0 and results["D"].rank is None


def test_results_become_the_workshop_criterion(store: Store) -> None:
    _, session_id, code = seed(store)
    round_id = _round(store, session_id)
    for name, item in (("P1", "D"), ("P2", "D"), ("P3", "B")):
        _vote(store, round_id, _join(store, code, name), item, value=2)
    with pytest.raises(ValueError, match="lock the round"), store.write() as s:
        workshop_results.apply_results(session=s, round_id=round_id)
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=round_id, state="locked")
        applied = workshop_results.apply_results(session=s, round_id=round_id, mode="replace")
    assert applied.created and applied.criterion == "workshop"
    with store.read() as s:
        crit = s.exec(select(t.Criterion).where(t.Criterion.workshop)).one()
        rows = s.exec(
            select(t.Item.key, t.ItemScore.value)
            .join(t.ItemScore, t.ItemScore.item_id == t.Item.id)
            .where(t.ItemScore.criterion_id == crit.id)
        ).all()
    assert sorted(rows) == [("B", 3.0), ("D", 5.0)]  # nobody voted on A or C


def test_timer_and_step_are_stored(store: Store) -> None:
    _, session_id, _ = seed(store)
    now = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=2)
        workshop_sessions.change_timer(session=s, session_id=session_id, action="start", now=now)
        workshop_sessions.change_timer(session=s, session_id=session_id, action="add", now=now)
        workshop_sessions.change_timer(
            session=s, session_id=session_id, action="toggle", now=now + timedelta(seconds=30)
        )
    with store.read() as s:
        row = workshop_sessions.get_session(session=s, session_id=session_id)
    assert row.step == 2 and row.timer_deadline is None
    assert row.timer_remaining == 20 * 60 + 60 - 30
    assert row.revision == 4


def test_each_step_keeps_its_own_timer(store: Store) -> None:
    """A stray clicker press and back again loses no time: the step's countdown is kept."""
    _, session_id, _ = seed(store)
    now = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=2)
        workshop_sessions.change_timer(session=s, session_id=session_id, action="start", now=now)
        workshop_sessions.change_timer(
            session=s, session_id=session_id, action="pause", now=now + timedelta(seconds=90)
        )
        workshop_sessions.set_step(session=s, session_id=session_id, step=3)
        fresh = workshop_sessions.get_session(session=s, session_id=session_id)
        assert (fresh.timer_deadline, fresh.timer_remaining) == (None, None)
        workshop_sessions.set_step(session=s, session_id=session_id, step=2)
    with store.read() as s:
        row = workshop_sessions.get_session(session=s, session_id=session_id)
    assert row.timer_remaining == 20 * 60 - 90 and row.timer_deadline is None


def test_time_up_counts_overtime() -> None:
    from roadmap.workshop.timer import Timer, overtime_clock

    now = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)
    timer = Timer(deadline=now - timedelta(seconds=75))
    assert timer.left(now, 600) == 0 and overtime_clock(timer.overtime(now)) == "+01:15"
    assert Timer(remaining=0.0).overtime(now) == 0


def test_capture_adds_items_to_the_plan_and_notes_to_the_session(store: Store) -> None:
    plan_id, session_id, _ = seed(store)
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=3)
        workshop_sessions.capture(session=s, session_id=session_id, text="Shared family calendar")
        workshop_sessions.capture(session=s, session_id=session_id, text="need: one contact person")
    with store.read() as s:
        item = s.exec(select(t.Item).where(t.Item.key == "W1")).one()
        kinds = [(n.kind, n.step, n.item_key) for n in s.exec(select(WorkshopNote))]
        votable = workshop_rounds.votable_items(session=s, plan_id=plan_id, text="family")
    assert item.title == "Shared family calendar" and item.plan_id == plan_id
    assert kinds == [("item", "items", "W1"), ("need", "items", None)]
    assert votable == ["W1"]


def test_taken_names_are_told_apart_regardless_of_case_and_spaces(store: Store) -> None:
    _, session_id, code = seed(store)
    _join(store, code, "Äijä Öberg")
    _join(store, code, "  äijä   ÖBERG ")
    _join(store, code, "Anna")
    with store.read() as s:
        names = s.exec(select(WorkshopParticipant.name).order_by(WorkshopParticipant.id)).all()
        assert workshop_sessions.participant_count(session=s, session_id=session_id) == 3
    assert names == ["Äijä Öberg", "äijä ÖBERG (2)", "Anna"]


def test_the_workshop_keeps_its_language(store: Store) -> None:
    plan_id, session_id, _ = seed(store)
    with store.read() as s:
        assert (
            workshop_sessions.get_session(session=s, session_id=session_id).lang == "en"
        )  # plan's default
    with store.write() as s:
        row, created = workshop_sessions.open_session(
            session=s,
            plan_id=plan_id,
            name="Kick-off",
            held_on=date(2027, 2, 3),
            agenda=[],
            lang="sv",
        )
        assert not created
    with store.write() as s:
        row, _ = workshop_sessions.open_session(
            session=s, plan_id=plan_id, name="Kick-off", held_on=date(2027, 2, 3), agenda=[]
        )
        assert workshop_sessions.session_lang(session=s, workshop=row) == "sv"
    with pytest.raises(ValueError, match="no workshop language"), store.write() as s:
        workshop_sessions.open_session(
            session=s, plan_id=plan_id, name="X", held_on=date(2027, 2, 3), agenda=[], lang="de"
        )


def test_join_codes_stay_as_strong(store: Store) -> None:
    from roadmap.workshop.rules import CODE_ALPHABET, CODE_LENGTH, new_code

    assert len(CODE_ALPHABET) ** CODE_LENGTH >= 14**6
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190 and all(len(c) == CODE_LENGTH for c in codes)


def _round_for_d(store: Store) -> int:
    """A locked dots round that puts item D first."""
    _, session_id, code = seed(store)
    round_id = _round(store, session_id)
    for name in ("P1", "P2"):
        _vote(store, round_id, _join(store, code, name), "D", value=3)
    with store.write() as s:
        workshop_rounds.set_round_state(session=s, round_id=round_id, state="locked")
    return round_id


def test_roadmap_comparison_ignores_edits_saved_meanwhile(
    store: Store, tmp_path, monkeypatch
) -> None:
    import threading

    import roadmap.store.snapshot as snapshot
    from roadmap.store.item_write import ItemWrite, update_item

    control = Store.open(tmp_path / "control.db")
    expected = workshop_results.apply_to_plan(control, _round_for_d(control)).changes
    control.close()
    round_id = _round_for_d(store)
    with store.read() as s:
        plan_id = s.exec(select(t.Plan.id)).one()

    def edit() -> None:  # another window raises B's benefit: B would move too
        with store.write() as s:
            write = ItemWrite("B", {"scores": {"benefit": 5}})
            update_item(session=s, plan_id=plan_id, write=write)

    load, other = snapshot.load_snapshot, threading.Thread(target=edit)

    def load_then_edit(**kw):
        found = load(**kw)
        if not other.is_alive() and other.ident is None:
            other.start()
            other.join(timeout=1.0)  # SQLite: waits for the write lock; PostgreSQL: commits
        return found

    monkeypatch.setattr(snapshot, "load_snapshot", load_then_edit)
    outcome = workshop_results.apply_to_plan(store, round_id)
    other.join(timeout=30)
    assert not other.is_alive()
    assert [(c.key, c.kind) for c in outcome.changes] == [(c.key, c.kind) for c in expected]
    assert {c.key for c in expected if c.kind == "earlier"} == {"D"}
    with store.read() as s:  # the edit was saved all the same
        score = s.exec(
            select(t.ItemScore.value)
            .join(t.Item, t.Item.id == t.ItemScore.item_id)
            .join(t.Criterion, t.Criterion.id == t.ItemScore.criterion_id)
            .where(t.Item.key == "B", t.Criterion.key == "benefit")
        ).one()
    assert score == 5


def test_locking_a_round_is_not_starved_by_votes_on_postgresql(pg_url: str) -> None:
    """While a vote is in flight, the facilitator's lock waits for it, and a vote that comes
    after the lock waits behind it (and is then refused) instead of slipping ahead, which is
    what let a stream of voters keep a lock waiting for minutes."""
    import threading

    from sqlalchemy import text

    store = Store.open(pg_url)
    try:
        _, session_id, code = seed(store)
        round_id = _round(store, session_id)
        first, second = _join(store, code, "P1"), _join(store, code, "P2")
        in_flight, finish = threading.Event(), threading.Event()
        outcome: dict[str, object] = {}

        def slow_vote() -> None:
            with store.write() as s:
                workshop_rounds.cast_vote(
                    session=s, round_id=round_id, participant_id=first, item_key="A", value=1
                )
                in_flight.set()
                finish.wait(30)

        def lock() -> None:
            with store.write() as s:
                workshop_rounds.set_round_state(session=s, round_id=round_id, state="locked")
            outcome["locked"] = True

        def late_vote() -> None:
            try:
                _vote(store, round_id, second, "B", value=1)
                outcome["late"] = "saved"
            except VoteRefused:
                outcome["late"] = "refused"

        def waiting(n: int) -> bool:
            """At least ``n`` of this test's round statements wait for a lock."""
            with store.engine.connect() as conn:
                found = conn.execute(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                        "WHERE NOT l.granted AND a.datname = current_database() "
                        "AND (a.query ILIKE '%advisory%' OR a.query ILIKE '%workshop_round%')"
                    )
                ).scalar()
            return found >= n

        def until(condition) -> None:
            for _ in range(1500):
                if condition():
                    return
                in_flight.wait(0.02)
            raise AssertionError("gave up waiting")

        threads = [threading.Thread(target=slow_vote)]
        threads[0].start()
        assert in_flight.wait(30)
        threads.append(threading.Thread(target=lock))
        threads[1].start()
        until(lambda: waiting(1))
        threads.append(threading.Thread(target=late_vote))
        threads[2].start()
        until(lambda: waiting(2) or "late" in outcome)
        assert "late" not in outcome  # the late vote waits behind the lock
        finish.set()
        for thread in threads:
            thread.join(30)
        assert outcome == {"locked": True, "late": "refused"}
        with store.read() as s:
            assert (
                workshop_rounds.allocation(session=s, round_id=round_id, participant_id=second)
                == {}
            )
    finally:
        store.close()


def test_a_busy_database_is_tried_again_then_refused_in_words(sqlite_store: Store) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from roadmap.store.busy import Busy, write_retrying

    tries = []
    locked = sqlite3.OperationalError("database is locked")

    def busy_twice(session):
        tries.append(1)
        if len(tries) < 3:
            raise OperationalError("BEGIN IMMEDIATE", {}, locked)
        return "written"

    assert write_retrying(sqlite_store, busy_twice) == "written" and len(tries) == 3

    def always_busy(session):
        raise OperationalError("BEGIN IMMEDIATE", {}, locked)

    with pytest.raises(Busy) as refused:
        write_retrying(sqlite_store, always_busy)
    assert refused.value.say("fi").startswith("tietokanta on varattu")
