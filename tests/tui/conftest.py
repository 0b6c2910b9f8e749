"""Fixtures of the terminal app tests: a small plan in a fresh database, and the app on it.

The plan is written through :func:`roadmap.store.plan_write.write_plan` from a document built
here, so every test starts from the same data; preferences and drafts go to a temporary folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan
from roadmap.tui.screens.base import REST

PLAN: dict[str, Any] = {
    "plan": {
        "name": "Lahti & Asikkala",
        "slug": "demo",
        "default_language": "fi",
        "languages": ["fi", "en"],
        "start_date": "2027-01-01",
        "horizon": 8,
    },
    "sections": [
        {"key": "background", "kind": "background", "title": "Tausta", "body": "# Tausta\n"},
        {"key": "vision", "kind": "vision", "title": "Visio", "body": "Tieto liikkuu."},
    ],
    "organisations": [
        {"key": "LAH", "name": "Lahden kaupunki"},
        {"key": "ASI", "name": "Asikkalan kunta"},
    ],
    "teams": [
        {"key": "dev", "organisation": "LAH", "name": "Kehitys", "capacity": 2},
        {"key": "ops", "organisation": "ASI", "name": "Palvelut", "capacity": 1},
    ],
    "themes": [
        {"key": "info", "name": "Tiedon saatavuus"},
        {"key": "svc", "name": "Palvelut"},
    ],
    "sources": [
        {"key": "reg", "name": "Asiakasrekisteri", "organisation": "LAH"},
        {"key": "case", "name": "Asiakirjat", "organisation": "ASI"},
    ],
    "stakeholders": [
        {
            "key": "sw",
            "name": "Sosiaalityö",
            "needs": [{"key": "N1", "text": "Näkee asiakkaan palvelut", "importance": 5}],
            "sources": [{"source": "reg", "has_access": True}, {"source": "case"}],
        }
    ],
    "criteria": [
        {"key": "value", "name": "Hyöty", "weight": 2},
        {"key": "risk", "name": "Riski", "direction": "cost"},
    ],
    "items": [
        {
            "key": "CI-1",
            "title": "Yhteinen asiakasnäkymä",
            "theme": "info",
            "organisation": "LAH",
            "team": "dev",
            "effort": 2,
            "tags": ["data"],
            "scores": {"value": 5, "risk": 2},
            "needs": ["N1"],
        },
        {
            "key": "CI-2",
            "title": "Suostumusten hallinta",
            "theme": "info",
            "organisation": "LAH",
            "team": "dev",
            "effort": 1,
            "scores": {"value": 3, "risk": 3},
            "depends_on": ["CI-1"],
        },
        {
            "key": "CI-3",
            "title": "Palveluohjaus [bold]kokeilu[/]",
            "theme": "svc",
            "organisation": "ASI",
            "team": "ops",
            "effort": 1,
            "tags": ["pilot"],
            "scores": {"value": 2, "risk": 1},
        },
        {
            "key": "CI-4",
            "title": "Raportointi",
            "theme": "svc",
            "organisation": "ASI",
            "team": "ops",
            "effort": 1,
            "status": "planned",
            "scores": {"value": 4, "risk": 4},
            "depends_on": ["CI-3"],
        },
        # Same team as CI-1, which fills the team's first quarter: CI-5 comes after it, until
        # its scores rise above CI-1's.
        {
            "key": "CI-5",
            "title": "Kirjaamiskäytännöt",
            "theme": "info",
            "organisation": "LAH",
            "team": "dev",
            "effort": 2,
            "scores": {"value": 3, "risk": 2},
        },
    ],
    "milestones": [
        {"key": "M1", "name": "Pilotti valmis", "date": "2027-06-30", "items": ["CI-3"]}
    ],
}


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot tests) in an event loop of their own."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def make_store(path: Path, doc: dict[str, Any] = PLAN) -> Store:
    store = Store.open(f"sqlite:///{path}")
    with store.write() as session:
        write_plan(session=session, doc=PlanDoc.model_validate(doc))
    return store


@pytest.fixture
def plan_store(tmp_path: Path) -> Iterator[Store]:
    store = make_store(tmp_path / "plan.db")
    yield store
    store.close()


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


@pytest.fixture
def app(plan_store: Store, config_dir: Path):
    from roadmap.tui.app import make_app

    return make_app(
        store=plan_store, config_dir=config_dir, theme="textual-dark", watch_interval=None
    )


@pytest.fixture
def demo_app(tmp_path: Path, config_dir: Path):
    """The app on a fresh copy of the demo plan, in the projector theme, without animations."""
    from roadmap.config import demo_plan_file
    from roadmap.io.planfile import load_plan
    from roadmap.tui.app import make_app

    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    with store.write() as session:
        write_plan(session=session, doc=load_plan(demo_plan_file()))
    app = make_app(store=store, config_dir=config_dir, theme="projector", watch_interval=None)
    app.animation_level = "none"
    yield app
    store.close()


async def settle(pilot) -> None:
    """Let the app's workers finish (reads, the editor's load, the engine) and redraw.

    Twice: the first screen starts the engine only once it is drawn.
    """
    for _ in range(2):
        await pilot.pause()
        await workers_done(pilot.app)
    await pilot.pause()


async def workers_done(app) -> None:
    """Wait for the app's running workers; one cancelled meanwhile (the watcher cancels its
    previous look) has nothing left to wait for."""
    from textual.worker import WorkerCancelled

    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def until(pilot, condition, what: str = "the condition") -> None:
    """Let the app run (messages, workers, redraws) until ``condition()`` holds.

    Polls: the test goes on as soon as the condition holds, however slow the machine, and a
    condition that never comes fails the test by name (after some 60 seconds) instead of
    hanging it. A short pause between looks lets timers (a resting cursor, a watcher) and
    workers run; it does not wait for the workers, so a condition can hold while one still
    runs (a save waiting for a database another program locked).
    """
    deadline = time.monotonic() + 60
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"the app never reached {what}")
        await pilot.pause(0.01)
    await pilot.pause()  # what the condition saw is mounted and drawn


async def palette_found(pilot, words: str) -> None:
    """Wait until the command palette's first match is the command named by ``words``."""
    from textual.command import CommandList

    def first() -> str:
        found = pilot.app.screen.query(CommandList)
        if not found or not found.first().option_count:
            return ""
        return str(found.first().get_option_at_index(0).prompt).lower()

    await until(pilot, lambda: words.lower() in first(), f"the palette's match for {words!r}")


def loaded(app) -> bool:
    """The view on screen shows the plan as it is, and the engine's roadmap has arrived."""
    view = app.screen
    version = getattr(view, "loaded_version", None)
    return version == app.data_version and app.roadmap is not None


async def rested(pilot) -> None:
    """Let the cursor rest (:data:`~roadmap.tui.screens.base.REST`), so that what the view shows
    for the selected row is worked out and drawn."""
    await pilot.pause(REST)
    await settle(pilot)


async def open_view(pilot, key: str):
    """Switch to the view of number ``key`` and wait until it shows its data."""
    from roadmap.tui.widgets.navbar import VIEWS

    mode = list(VIEWS)[int(key) - 1]
    app = pilot.app
    await until(pilot, lambda: loaded(app), "the first view with its data")
    await pilot.press(key)

    def shown() -> bool:
        return getattr(app.screen, "MODE", None) == mode and loaded(app)

    await until(pilot, shown, f"{mode} with its data")
    await settle(pilot)
    return pilot.app.screen


async def save_form(pilot, **values: str) -> None:
    """Fill the fields of the form on screen (``en__name``: field ``en.name``), press Ctrl+S."""
    from textual.widgets import TextArea

    form = pilot.app.screen
    for name, value in values.items():
        widget = form.query_one(f"#f-{name.replace('__', '-')}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        else:
            widget.value = value
    await pilot.press("ctrl+s")
    await settle(pilot)


def screen_lines(app) -> list[str]:
    """The characters on the terminal as the person sees them, a string per line.

    Read back from the app's own SVG screenshot, so a widget that is hidden, has no size or is
    covered by another shows nothing here.
    """
    import html
    import re

    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = {}
    cell = 12.2  # the width of a cell in Textual's SVG export
    for x, line, text in re.findall(
        r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
        r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">([^<]*)</text>',
        svg,
    ):
        row = lines.setdefault(int(line), {})
        for i, char in enumerate(html.unescape(text).replace("\xa0", " ").rstrip("\n")):
            row[round(float(x) / cell) + i] = char
    return [
        "".join(row.get(x, " ") for x in range(max(row, default=-1) + 1))
        for row in (lines.get(y, {}) for y in range(max(lines, default=-1) + 1))
    ]


def seen(app) -> str:
    """Everything on the screen as one text (lines joined by newlines)."""
    return "\n".join(screen_lines(app))


def notices(app) -> list[str]:
    """The text of each notice (toast) on screen, its lines joined (needs
    ``run_test(notifications=True)``)."""
    lines = screen_lines(app)
    out = []
    for toast in app.screen.query("Toast"):
        box = toast.region
        rows = (line[box.x + 1 : box.right] for line in lines[box.y : box.bottom])
        out.append(" ".join(" ".join(rows).split()))
    return out
