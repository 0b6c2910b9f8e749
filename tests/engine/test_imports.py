"""Sequencing a plan loads only what it needs: networkx is for naming a cycle."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from datetime import date
from roadmap.engine.inputs import ItemData, Snapshot, TeamData
from roadmap.engine.sequence import sequence
from roadmap.model.periods import Calendar
items = (ItemData("A", team="dev"), ItemData("B", team="dev", effort=3.0))
snap = Snapshot(Calendar(date(2027, 1, 1), "day"), items, (("A", "B", "hard"),),
                {"dev": TeamData("dev")})
assert sequence(snap).periods == 4
print("networkx" in sys.modules)
"""


def test_sequencing_does_not_load_networkx() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
