"""The participants' web page through Starlette's TestClient: joining, voting, and refusing
what another site, a wrong code or a guessed name tries."""

from __future__ import annotations

import re
import threading

import pytest
from sqlmodel import select
from starlette.testclient import TestClient
from tests.workshop.plans import seed

from roadmap.model.workshop_tables import WorkshopParticipant, WorkshopVote
from roadmap.store import workshop_rounds
from roadmap.store.db import Store
from roadmap.web.app import make_web_app
from roadmap.web.guard import Throttle

ORIGIN = {"origin": "http://testserver"}


@pytest.fixture
def served(sqlite_store: Store):
    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        workshop_rounds.new_round(session=s, session_id=session_id, method="dots", budget=3)
    app = make_web_app(sqlite_store, session_id, stream_seconds=5)
    return sqlite_store, app, code


def _csrf(client: TestClient) -> str:
    page = client.get("/").text
    return re.search(r'name="csrf" value="([^"]+)"', page)[1]


def _join(client: TestClient, code: str, name: str, **headers):
    csrf = _csrf(client)
    return client.post(
        "/join",
        data={"csrf": csrf, "code": code, "name": name},
        headers={**ORIGIN, **headers},
        follow_redirects=False,
    )


def _vote(client: TestClient, item: str, **data):
    page = client.get("/vote").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
    return client.post(
        "/vote", data={"csrf": csrf, "item": item, **data}, headers=ORIGIN, follow_redirects=False
    )


def _votes(store: Store) -> list[tuple[int, str, int]]:
    with store.read() as s:
        rows = s.exec(
            select(WorkshopVote.participant_id, WorkshopVote.item_key, WorkshopVote.value)
        )
        return sorted(rows.all())


def test_the_page_loads_nothing_from_elsewhere_and_static_does_not_list(served) -> None:
    _, app, _ = served
    client = TestClient(app)
    page = client.get("/")
    assert (
        page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    )
    links = re.findall(r'(?:src|href|action)="([^"]+)"', page.text)
    assert links and all(link.startswith("/") for link in links)
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/").status_code == 404
    assert "style.css" not in client.get("/static/").text
    cookie = page.headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie


def test_cross_site_posts_and_missing_tokens_are_refused(served) -> None:
    store, app, code = served
    client = TestClient(app)
    csrf = _csrf(client)
    form = {"csrf": csrf, "code": code, "name": "Eve"}
    evil = client.post("/join", data=form, headers={"origin": "http://evil.example.com"})
    bare = client.post("/join", data=form)
    no_token = client.post("/join", data={**form, "csrf": "guess"}, headers=ORIGIN)
    assert [r.status_code for r in (evil, bare, no_token)] == [403, 403, 403]
    with store.read() as s:
        assert s.exec(select(WorkshopParticipant)).all() == []
    joined = _join(client, code, "Anna")
    assert joined.status_code == 303 and joined.headers["location"] == "/vote"
    set_cookie = joined.headers["set-cookie"].lower()
    assert "roadmap_ws" in set_cookie and "samesite=strict" in set_cookie
    refused = client.post(
        "/vote",
        data={"csrf": csrf, "item": "A", "delta": "1"},
        headers={"origin": "http://evil.example.com"},
    )
    assert refused.status_code == 403 and _votes(store) == []


def test_votes_are_the_participants_own(served) -> None:
    store, app, code = served
    anna, intruder = TestClient(app), TestClient(app)
    assert _join(anna, code, "Anna").status_code == 303
    assert _vote(anna, "A", delta="1").headers["location"] == "/vote?m=saved"
    assert "2 of 3 dots left" in anna.get("/vote").text
    assert _join(intruder, code, "ANNA").status_code == 303
    page = intruder.get("/vote").text
    assert "ANNA (2)" in page and "3 of 3 dots left" in page
    _vote(intruder, "B", value="2")
    over = _vote(anna, "C", value="3")
    assert over.status_code == 200 and "Not saved" in over.text
    votes = _votes(store)
    assert [(item, value) for _, item, value in votes] == [("A", 1), ("B", 2)]
    assert votes[0][0] != votes[1][0]
    stranger = TestClient(app)
    assert stranger.get("/vote", follow_redirects=False).headers["location"] == "/"


def test_a_code_opens_only_its_own_workshop(sqlite_store: Store) -> None:
    _, first, _ = seed(sqlite_store, name="One")
    with sqlite_store.write() as s:
        from roadmap.store import workshop_sessions

        other = workshop_sessions.open_session(
            session=s,
            plan_id=1,
            name="Two",
            held_on=__import__("datetime").date(2027, 1, 1),
            agenda=[],
        )[0].code
    client = TestClient(make_web_app(sqlite_store, first))
    answer = _join(client, other, "Anna")
    assert answer.status_code == 400 and "no workshop has that code" in answer.text
    with sqlite_store.read() as s:
        assert s.exec(select(WorkshopParticipant)).all() == []


def test_guessing_is_limited_per_address_and_per_workshop(sqlite_store: Store) -> None:
    _, session_id, code = seed(sqlite_store)
    throttle = Throttle(per_address=3, per_workshop=5)
    app = make_web_app(sqlite_store, session_id, throttle=throttle)
    guesser = TestClient(app, client=("10.0.0.1", 5000))
    for _ in range(3):
        assert _join(guesser, "ZZZZZZ", "G").status_code == 400
    assert _join(guesser, code, "G").status_code == 429  # even the right code, for now
    fresh_page = TestClient(app, client=("10.0.0.1", 5001))  # a new page changes nothing
    assert _join(fresh_page, code, "G").status_code == 429
    other = TestClient(app, client=("10.0.0.2", 5000))
    assert _join(other, "ZZZZZZ", "H").status_code == 400
    assert _join(other, "ZZZZZZ", "H").status_code == 400
    third = TestClient(app, client=("10.0.0.3", 5000))
    assert _join(third, code, "I").status_code == 429  # the workshop's limit is reached
    with sqlite_store.read() as s:
        assert s.exec(select(WorkshopParticipant)).all() == []


def test_a_vote_is_pushed_to_its_voter_and_the_facilitators_changes_to_everyone(served) -> None:
    from roadmap.store import workshop_sessions

    store, app, code = served
    anna, bo = TestClient(app), TestClient(app)
    _join(anna, code, "Anna")
    _join(bo, code, "Bo")
    answers, locked = [], []

    def room() -> None:
        answers.append(_vote(bo, "A", delta="1"))  # changes Bo's page only
        answers.append(_vote(anna, "B", delta="1"))  # Anna's
        with store.write() as s:  # the facilitator locks the round: every page changes
            workshop = workshop_sessions.session_by_code(session=s, code=code)
            row = workshop_rounds.current_round(session=s, session_id=workshop.id)
            workshop_rounds.set_round_state(session=s, round_id=row.id, state="locked")
        with store.read() as s:
            locked.append(workshop_sessions.revision(session=s, session_id=workshop.id))

    pushed: list[str] = []
    with anna.stream("GET", "/events") as stream:
        lines = stream.iter_lines()
        assert next(lines).startswith("retry:")
        acting = threading.Timer(0.5, room)
        acting.start()
        for line in lines:
            if line.startswith("event:"):
                pushed += [line, next(lines)]
            if len(pushed) == 4:
                break
    acting.join()  # the answers may come after the updates
    bos, annas = (int(a.headers["X-Workshop-Revision"]) for a in answers)
    assert bos < annas < locked[0]
    # Anna's page hears of her vote (the revision her vote's answer names), not of Bo's.
    assert pushed == ["event: change", f"data: {annas}", "event: change", f"data: {locked[0]}"]
    assert sorted(item for _, item, _ in _votes(store)) == ["A", "B"]


def test_the_page_speaks_the_chosen_language(served) -> None:
    _, app, _ = served
    client = TestClient(app)
    client.get("/?lang=fi")
    page = client.get("/").text
    assert 'lang="fi"' in page and "Nimi, jolla ryhmä sinut tuntee" in page


def test_ideas_from_phones_become_items_to_vote_on(served) -> None:
    from roadmap.model.workshop_tables import WorkshopNote
    from roadmap.store import workshop_sessions

    store, app, code = served
    client = TestClient(app)
    _join(client, code, "Anna")
    with store.read() as s:
        session_id = s.exec(select(WorkshopParticipant.session_id)).one()

    def send(text: str):
        page = client.get("/vote").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)[1]
        return client.post("/idea", data={"csrf": csrf, "text": text}, headers=ORIGIN)

    early = send("A shared calendar")
    assert "Ideas are collected during the needs and items steps" in early.text
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=3)  # items
    assert 'action="/idea"' in client.get("/vote").text
    sent = send("A shared <b>calendar</b>")
    assert "your idea is on the screen" in sent.text and "<b>calendar" not in sent.text
    with store.write() as s:
        assert workshop_sessions.accept_ideas(session=s, session_id=session_id) == 1
        rnd = workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", choose="new"
        )
        notes = s.exec(select(WorkshopNote.kind, WorkshopNote.item_key)).all()
    assert rnd.items == ["W1"] and notes == [("item", "W1")]
