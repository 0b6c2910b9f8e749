"""``roadmap serve`` listens on loopback only unless told otherwise; exposed, it asks for the
join code, and a wrong one is refused."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from roadmap.cli.base import cli
from roadmap.store.db import Store
from roadmap.tui.workshop.participant import JoinScreen, make_participant_app

from .plans import seed
from .test_participant_app import SIZE, settle


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> list[str]:
    """Local addresses listening on ``port`` (IPv4, from /proc/net/tcp), as dotted quads."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_serve_binds_to_loopback_by_default(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    store = Store.open(db)
    seed(store)
    store.close()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "roadmap", "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        deadline = time.monotonic() + 30
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _listening(port) == ["127.0.0.1"]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_an_unknown_workshop(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    store = Store.open(db)
    seed(store)
    store.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "serve", "--session", "Nope"])
    assert result.exit_code == 1 and "no workshop 'Nope'" in result.output


async def test_exposed_view_asks_for_the_code_and_refuses_a_wrong_one(
    sqlite_store: Store,
) -> None:
    _, _, code = seed(sqlite_store)
    wrong = "2" * len(code) if code != "2" * len(code) else "3" * len(code)
    app = make_participant_app(sqlite_store, code=None, name=None, poll=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query("#code")
        app.screen.query_one("#code").value = wrong
        app.screen.query_one("#name").value = "Mallory"
        await pilot.click("#join-button")
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen) and app.participant_id is None


async def test_wrong_codes_are_paused_and_limited(sqlite_store: Store) -> None:
    _, _, code = seed(sqlite_store)
    wrong = "2" * len(code) if code != "2" * len(code) else "3" * len(code)
    delay = 1.5  # long enough that a busy machine still sees the pause
    app = make_participant_app(
        sqlite_store, code=None, poll=0.1, attempts=2, wrong_code_delay=delay
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        button = screen.query_one("#join-button")
        assert "You can try the code 2 times." in str(screen.query_one("#join-note").render())
        screen.query_one("#code").value = wrong
        screen.query_one("#name").value = "Mallory"
        await pilot.click("#join-button")
        await pilot.pause()
        error = str(screen.query_one("#join-error").render())
        assert "No workshop has that code" in error and "Tries left: 1" in error
        assert button.disabled
        app.join(code, "Mallory")  # refused during the pause, even with the right code
        assert app.participant_id is None and app.guard.wrong == 1
        await until(pilot, lambda: not button.disabled, within=delay + 2)
        await pilot.click("#join-button")
        await pilot.pause()
        assert app.guard.exhausted
        assert "Too many wrong codes" in str(screen.query_one("#join-error").render())
        await pilot.pause(delay + 0.2)
        assert button.disabled
        assert screen.query_one("#code").disabled
        app.join(code, "Mallory")
        assert app.participant_id is None


async def until(pilot, condition, within: float) -> None:
    """Wait for ``condition`` to hold, for at most ``within`` seconds."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        await pilot.pause(0.05)


def test_serve_prints_a_reachable_address_never_0_0_0_0(tmp_path: Path, monkeypatch) -> None:
    import uvicorn

    import roadmap.web.address as address

    db = tmp_path / "w.db"
    store = Store.open(db)
    _, _, code = seed(store)
    store.close()
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(kw))
    monkeypatch.setattr(address, "lan_address", lambda: "192.168.1.23")
    runner = CliRunner()
    exposed = runner.invoke(cli, ["--db", str(db), "serve", "--host", "0.0.0.0", "--port", "8123"])
    proxied = runner.invoke(
        cli, ["--db", str(db), "serve", "--public-url", "https://ws.example.org"]
    )
    assert exposed.exit_code == 0 and "0.0.0.0" not in exposed.output
    assert f"http://192.168.1.23:8123/ and type the code {code}" in exposed.output
    assert "https://ws.example.org/" in proxied.output
    assert served[0]["host"] == "0.0.0.0" and served[1]["host"] == "127.0.0.1"


def test_workshop_serve_runs_the_page_beside_the_projector(tmp_path: Path, monkeypatch) -> None:
    import roadmap.web.address as address
    from roadmap.tui.workshop.facilitator import FacilitatorApp

    db = tmp_path / "w.db"
    store = Store.open(db)
    seed(store)
    store.close()
    shown, served = [], []

    class Running:
        should_exit = False

    monkeypatch.setattr(FacilitatorApp, "run", lambda self: shown.append(self.join_url))
    monkeypatch.setattr(
        address, "start_server", lambda app, h, p: served.append((h, p)) or Running()
    )
    monkeypatch.setattr(address, "lan_address", lambda: "10.1.2.3")
    args = ["--db", str(db), "workshop", "--serve", "--host", "0.0.0.0", "--port", "8111"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert shown == ["http://10.1.2.3:8111/"] and served == [("0.0.0.0", 8111)]
