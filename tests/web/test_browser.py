"""The participants' page in a real browser (Debian's Chromium driven by Playwright), at phone
and desktop sizes: it lays out, joins, votes, follows the room live, and asks no other host.

Skipped, with the reason shown, where Chromium is not installed; ``ROADMAP_REQUIRE_BROWSER=1``
(set by CI, which installs it) turns that into a failure.
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from tests.workshop.plans import seed

from roadmap.store import workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.web.app import make_web_app

CHROMIUM = os.environ.get("ROADMAP_CHROMIUM", "/usr/bin/chromium")
SIZES = [(320, 640), (1200, 900)]


def _require_browser() -> None:
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "playwright is not installed"
    if problem is None and not Path(CHROMIUM).exists():
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if problem:
        if os.environ.get("ROADMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"ROADMAP_REQUIRE_BROWSER=1 but {problem}")
        pytest.skip(problem)


@pytest.fixture
def server(sqlite_store: Store):
    """The page of a workshop with an open dots round, served on a free loopback port."""
    import uvicorn

    _require_browser()
    _, session_id, code = seed(sqlite_store)
    with sqlite_store.write() as s:
        round_id = workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=3
        ).id
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = make_web_app(sqlite_store, session_id, stream_seconds=30)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    ready = threading.Event()
    while not running.started and thread.is_alive():
        ready.wait(0.05)
    yield f"http://127.0.0.1:{port}", code, round_id
    running.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_join_vote_and_follow_the_room(server, sqlite_store: Store, size) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, code, round_id = server
    width, height = size
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height})
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(base + "/")
        fits = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(fits), "the join page scrolls sideways"
        for field in ("#code", "#name"):
            box = page.locator(field).bounding_box()
            assert box["y"] + box["height"] <= height and box["height"] >= 44
        page.fill("#code", code.lower())
        page.fill("#name", "Anna")
        page.get_by_role("button", name="Join").click()
        expect(page.locator("#status")).to_contain_text("3 of 3 dots left")
        assert page.evaluate(fits), "the voting page scrolls sideways"
        more = page.get_by_role("button", name="More").first
        assert more.bounding_box()["height"] >= 44 and more.bounding_box()["width"] >= 44
        more.click()
        more = page.get_by_role("button", name="More").first
        more.click()
        expect(page.locator("#status")).to_contain_text("1 of 3 dots left")
        with sqlite_store.write() as s:  # the facilitator reveals: the page follows, unasked
            workshop_rounds.set_round_state(session=s, round_id=round_id, state="revealed")
        expect(page.locator(".results")).to_contain_text("Item A")
        expect(page.locator(".results")).to_contain_text("1 voter")
        browser.close()
    assert asked and all(url.startswith(base + "/") for url in asked), asked


STATES = ["join", "waiting", "ideas", "idea sent", "dots", "points", "score", "results"]


@pytest.mark.parametrize("width", [320, 1280])
def test_no_wcag_aa_violation_in_any_state(server, sqlite_store: Store, width: int) -> None:
    """axe-core (bundled by axe-playwright-python) on every state of the page."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect, sync_playwright

    from roadmap.model.workshop_tables import WorkshopRound

    base, code, round_id = server
    with sqlite_store.read() as s:
        session_id = s.get(WorkshopRound, round_id).session_id
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    found: dict[str, list[str]] = {}

    def check(state: str, page) -> None:
        results = axe.run(page, options=options)
        found[state] = [v["id"] for v in results.response["violations"]]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(base + "/")
        check("join", page)
        page.fill("#code", code)
        page.fill("#name", "Anna")
        page.get_by_role("button", name="Join").click()
        expect(page.locator("#status")).to_be_visible()
        with sqlite_store.write() as s:
            workshop_rounds.delete_round(session=s, round_id=round_id)
        expect(page.locator(".status")).to_contain_text("No voting")
        check("waiting", page)
        with sqlite_store.write() as s:
            workshop_sessions.set_step(session=s, session_id=session_id, step=3)  # items
        expect(page.locator("#idea-text")).to_be_visible()
        check("ideas", page)
        page.fill("#idea-text", "Yhteinen kalenteri")
        page.locator("form.idea button").click()
        expect(page.get_by_text("your idea is on the screen")).to_be_visible()
        check("idea sent", page)
        for method in ("dots", "points", "score"):
            with sqlite_store.write() as s:
                rnd = workshop_rounds.new_round(session=s, session_id=session_id, method=method)
            expect(page.locator(".items")).to_be_visible()
            page.get_by_role("button", name="1" if method == "score" else "More").first.click()
            expect(page.locator(".saved")).to_be_visible()
            check(method, page)
        with sqlite_store.write() as s:
            workshop_rounds.set_round_state(session=s, round_id=rnd.id, state="revealed")
        expect(page.locator(".results")).to_be_visible()
        check("results", page)
        browser.close()
    assert found == {state: [] for state in STATES}
