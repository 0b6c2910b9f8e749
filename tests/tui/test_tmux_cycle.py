"""The real app in a real terminal (tmux): a short planning cycle, checked in the database after.

Open, filter, edit an item, add a dependency, look at the roadmap, quit. Skipped where tmux is
not installed (``apt-get install -y tmux``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.terminals import keys, needs_tmux, screen_of, start, stop, wait_for, wait_until

from roadmap.store.dependencies import dependency_edges
from roadmap.store.repo import find_item

pytestmark = needs_tmux


def field_shows(session: str, label: str, text: str, timeout: float = 60.0) -> None:
    """Wait until the field under ``label`` (its box's middle line, two lines down) shows
    exactly ``text``."""
    shown: list[str] = []

    def ready() -> bool:
        lines = screen_of(session).splitlines()
        shown[:] = [
            lines[n + 2].strip("█ ").strip("▊▎ ")
            for n, line in enumerate(lines[:-2])
            if line.strip("█ ") == label
        ]
        return text in shown

    wait_until(
        f"the field {label!r} showing {text!r}", ready, timeout, seen=lambda: f"it shows {shown}"
    )


def test_planning_cycle_in_tmux(tmp_path: Path, plan_store) -> None:
    store = plan_store
    session = f"roadmap-{uuid.uuid4().hex[:8]}"
    start(session, f"--db {tmp_path / 'plan.db'}", tmp_path / "config")
    try:
        wait_for(session, "5 items")
        wait_for(session, "n New")  # the footer shows the view's keys: it takes them now
        keys(session, "/")
        wait_for(session, "n New", gone=True)  # the filter has the focus
        keys(session, "Raportointi", literal=True)
        wait_for(session, "1 of 5 items")
        keys(session, "Enter")
        wait_for(session, "n New")  # the table has the focus again
        keys(session, "Enter")
        wait_for(session, "Item CI-4")
        field_shows(session, "Title", "Raportointi")  # the editor has loaded the item
        # Keys typed while the app is busy reach it together: the field takes them in order.
        keys(session, "C-u")
        keys(session, "Raportx", literal=True)
        keys(session, "BSpace")
        field_shows(session, "Title", "Raport")
        for n, char in enumerate("it ja mittarit", 1):  # as a person types
            keys(session, char, literal=True)
            field_shows(session, "Title", ("Raport" + "it ja mittarit"[:n]).strip())
        keys(session, "C-s")
        wait_for(session, "CI-4 saved")
        keys(session, "3")
        wait_for(session, "Waits for")
        keys(session, "a")
        wait_for(session, "Type part of a key or title")
        keys(session, "Kirjaamis", literal=True)
        wait_for(session, "Kirjaamis")
        keys(session, "Enter")
        wait_for(session, "Waits for (1 in all)")
        wait_for(session, "CI-1 now waits for CI-5")
        keys(session, "4")
        wait_for(session, "Milestones")
        keys(session, "C-q")
    finally:
        stop(session)
    with store.read() as s:
        assert find_item(session=s, plan_id=1, key="CI-4").title == "Raportit ja mittarit"
        assert ("CI-5", "CI-1", "hard") in dependency_edges(session=s, plan_id=1)
