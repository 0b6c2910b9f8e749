"""Pilot tests of the workshop apps are ``async def``: each runs in an event loop of its own.

``demo_store`` is a fresh SQLite copy of the demo plan (in Finnish, with Swedish and English).
"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from roadmap.config import demo_plan_file
from roadmap.io.planfile import load_plan
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Participants' tokens go to a folder of the test's own, never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv("ROADMAP_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def demo_store(tmp_path: Path):
    store = Store.open(f"sqlite:///{tmp_path / 'demo.db'}")
    with store.write() as s:
        write_plan(session=s, doc=load_plan(demo_plan_file()))
    yield store
    store.close()
