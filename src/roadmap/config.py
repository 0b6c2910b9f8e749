"""Where things are: the demo plan, the exports folder, the user's preferences.

The demo plan lives in the source tree under ``data/demo/`` and is shipped inside the package
(as ``roadmap/demo/``) when installed from a wheel; both places are looked up here.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

EXPORTS_DIR = Path("exports")
"""Default folder for generated documents, relative to the working directory."""


def demo_plan_file() -> Path:
    """The demo plan document (YAML)."""
    for folder in (_PACKAGE / "demo", _PACKAGE.parent.parent / "data" / "demo"):
        candidate = folder / "plan.yaml"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("the demo plan (data/demo/plan.yaml) is missing from this install")


def user_config_dir() -> Path:
    """Preferences remembered between runs (theme, language); ``ROADMAP_CONFIG_DIR`` overrides."""
    override = os.environ.get("ROADMAP_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("roadmap", appauthor=False)
