"""Real ``roadmap join`` processes in real terminals (tmux) voting through a served workshop.

Three people join by the address and the code, two of them under the same name, and each gives a
dot by keyboard; the facilitator's own reading of the workshop counts them apart. Skipped where
tmux is not installed (``apt-get install -y tmux``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.workshop.plans import seed

from roadmap.store import workshop_people, workshop_results, workshop_rounds
from roadmap.store.db import Store
from roadmap.web.address import start_server
from roadmap.web.app import make_web_app

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
ROADMAP = Path(sys.executable).with_name("roadmap")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen_of(pane: str) -> str:
    return tmux("capture-pane", "-p", "-t", pane)


def wait_until(what: str, ready: Callable[[], object], timeout: float = 60.0) -> object:
    """``ready()`` once it is true; fails naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = ready()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout:.0f} s")


def wait_for_text(pane: str, text: str) -> str:
    return wait_until(f"{text!r} on {pane}", lambda: text in screen_of(pane) and screen_of(pane))


def test_join_processes_vote_apart_even_under_one_name(tmp_path: Path) -> None:
    db = tmp_path / "plan.db"
    store = Store.open(db)
    _, session_id, code = seed(store)
    with store.write() as s:
        workshop_rounds.new_round(
            session=s, session_id=session_id, method="dots", budget=3, per_item=3
        )
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = start_server(make_web_app(store, session_id), "127.0.0.1", port)
    url = f"http://127.0.0.1:{port}/"
    run = uuid.uuid4().hex[:8]
    # Each person has a terminal and a config folder of their own (where the token is kept).
    people = {f"anna1-{run}": "Anna", f"anna2-{run}": "Anna", f"bo-{run}": "Bo"}
    try:
        for pane, name in people.items():
            env = f"-u COLUMNS -u LINES ROADMAP_CONFIG_DIR={tmp_path / pane} TERM=xterm-256color"
            command = f"env {env} {ROADMAP} join {url} --code {code} --name {name}; sleep 30"
            tmux("new-session", "-d", "-s", pane, "-x", "100", "-y", "30", command)
            wait_for_text(pane, "3 of 3 dots left")  # joined: the next one joins after
        # Anna (the first) gives a dot to A; the other Anna two to B; Bo one to A.
        presses = {f"anna1-{run}": ["Tab", "Tab"], f"anna2-{run}": ["Tab"] * 4,
                   f"bo-{run}": ["Tab", "Tab"]}  # fmt: skip
        times = {f"anna1-{run}": 1, f"anna2-{run}": 2, f"bo-{run}": 1}
        for pane in people:
            tmux("send-keys", "-t", pane, *presses[pane])
            for given in range(1, times[pane] + 1):
                tmux("send-keys", "-t", pane, "Enter")
                wait_for_text(pane, f"{3 - given} of 3 dots left")

        def everyone_voted():
            with store.read() as s:
                live = workshop_results.load_live(session=s, session_id=session_id)
                return live if live.voted == 3 else None

        live = wait_until("three votes in the facilitator's view", everyone_voted)
        with store.read() as s:
            listed = workshop_people.people(session=s, session_id=session_id)
            mine = {
                p.name: workshop_rounds.allocation(
                    session=s, round_id=live.round.id, participant_id=p.id
                )
                for p in listed
            }
        assert [p.name for p in listed] == ["Anna", "Anna (2)", "Bo"]
        assert [p.left for p in listed] == [2, 1, 2]
        assert mine == {"Anna": {("A", ""): 1}, "Anna (2)": {("B", ""): 2}, "Bo": {("A", ""): 1}}
    finally:
        for pane in people:
            subprocess.run(["tmux", "kill-session", "-t", pane], capture_output=True)
        server.should_exit = True
        store.close()
