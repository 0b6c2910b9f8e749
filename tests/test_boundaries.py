"""The command line starts without loading the terminal app.

Which layer may import which is declared in ``pyproject.toml`` and checked by ``lint-imports``;
this test holds what a static check cannot: that the commands load the app only when asked.
"""

from __future__ import annotations

import subprocess
import sys


def test_the_command_line_does_not_load_textual() -> None:
    code = "import sys, roadmap.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "roadmap.cli loads textual"
