"""Golden files: the demo plan exported in every format and language, byte for byte.

After an intended change of the exports, regenerate them with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/exports/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import yaml

from roadmap.engine.sequence import sequence
from roadmap.io.export import FORMATS, file_name, render
from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.snapshot import load_snapshot

from .checks import html_problems

GOLDEN = Path(__file__).with_name("golden")
DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "plan.yaml"
DAY = date(2027, 1, 4)


def _demo(tmp: Path):
    """The demo plan as ``roadmap export`` sees it: stored, read back and sequenced."""
    doc = PlanDoc.model_validate(yaml.safe_load(DEMO.read_text(encoding="utf-8")))
    store = Store.open(f"sqlite:///{tmp / 'demo.db'}")
    with store.write() as session:
        plan = write_plan(session=session, doc=doc)
    with store.read() as session:
        doc = read_plan(session=session, plan_id=plan.id)
        roadmap = sequence(load_snapshot(session=session, plan_id=plan.id))
    store.close()
    return doc, roadmap


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    return _demo(tmp_path_factory.mktemp("demo"))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_demo_plan_matches_golden_file(demo, fmt: str, lang: str) -> None:
    doc, roadmap = demo
    data = render(fmt, doc, roadmap, lang, generated=DAY)
    path = GOLDEN / file_name(doc, fmt, lang)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path.name}: run with UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{path.name} differs; review and run with UPDATE_GOLDEN=1"
    if fmt == "html":
        assert html_problems(data.decode(), lang) == []
