"""The real ``roadmap`` command in real terminals (tmux), for the tests that drive it by keys.

Tests wait for what they need to see (a text on the screen, a stored vote) rather than for a
fixed time: a busy machine is slow, never wrong. Tests that use this are skipped where tmux is
not installed (``apt-get install -y tmux``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
ROADMAP = Path(sys.executable).with_name("roadmap")
T = TypeVar("T")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def start(pane: str, command: str, config: Path, *, width: int = 100, height: int = 30) -> None:
    """``roadmap`` with the arguments in ``command`` in a new terminal named ``pane``, with a
    config folder of its own. The pane stays a while after the app ends, so that a failure
    shows what the app printed."""
    env = f"-u COLUMNS -u LINES ROADMAP_CONFIG_DIR={config} TERM=xterm-256color"
    line = f"env {env} {ROADMAP} {command}; sleep 30"
    tmux("new-session", "-d", "-s", pane, "-x", str(width), "-y", str(height), line)


def stop(*panes: str) -> None:
    """Close the terminals, those already gone too."""
    for pane in panes:
        subprocess.run(["tmux", "kill-session", "-t", pane], capture_output=True)


def screen_of(pane: str) -> str:
    return tmux("capture-pane", "-p", "-t", pane)


def keys(pane: str, *names: str, literal: bool = False) -> None:
    tmux("send-keys", "-t", pane, *(["-l"] if literal else []), *names)


def wait_until(
    what: str, ready: Callable[[], T], timeout: float = 60.0, *, seen: Callable[[], str] = str
) -> T:
    """``ready()`` once it is true; after ``timeout`` seconds fails naming ``what`` and showing
    ``seen()`` (what there was instead)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = ready()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout:.0f} s\n{seen()}")


def wait_for(pane: str, text: str, timeout: float = 60.0, *, gone: bool = False) -> str:
    """The screen of ``pane`` once ``text`` shows on it (or, with ``gone``, no longer does)."""
    screen = ""

    def ready() -> str:
        nonlocal screen
        try:
            screen = screen_of(pane)
        except subprocess.CalledProcessError:
            raise AssertionError(f"{pane} closed while waiting for {text!r}\n{screen}") from None
        return screen if (text in screen) != gone else ""

    what = f"{text!r} {'leaving' if gone else 'showing on'} {pane}"
    return wait_until(what, ready, timeout, seen=lambda: screen)
