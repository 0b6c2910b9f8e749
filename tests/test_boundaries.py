"""The domain, storage and file modules stay importable without the terminal app."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "roadmap.model.tables",
    "roadmap.model.inputs",
    "roadmap.model.periods",
    "roadmap.model.check",
    "roadmap.store.db",
    "roadmap.store.migrate",
    "roadmap.store.repo",
    "roadmap.store.backup",
    "roadmap.store.workshop_sessions",
    "roadmap.store.workshop_rounds",
    "roadmap.store.workshop_results",
    "roadmap.store.workshop_people",
    "roadmap.store.busy",
    "roadmap.web.app",
    "roadmap.web.address",
    "roadmap.workshop.minutes",
    "roadmap.engine.result",
    "roadmap.cli",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", f"{module} loads textual"
