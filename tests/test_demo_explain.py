"""Golden ``roadmap plan --explain`` outputs for three items of the demo plan: the needs and
evidence behind each score, and where the item lands and why.

After an intended change, regenerate them with ``UPDATE_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.io.planfile import load_plan
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

GOLDEN = Path(__file__).with_name("golden_explain")
DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / "plan.yaml"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=load_plan(DEMO))
    store.close()
    return path


@pytest.mark.parametrize("key", ["CI-3", "CI-22", "CI-33"])
def test_explanation_matches_golden_file(demo_db: Path, key: str) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(demo_db), "plan", "--explain", key], env={"COLUMNS": "100"}
    )
    assert result.exit_code == 0, result.output
    path = GOLDEN / f"{key}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(result.output, encoding="utf-8")
    assert result.output == path.read_text(encoding="utf-8"), f"{path.name} differs"
    assert "answers " in result.output and "backed by " in result.output
