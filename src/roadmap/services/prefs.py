"""What the app remembers between runs: preferences (theme, language) and unsaved form drafts.

Both live in the user's config folder (:func:`roadmap.config.user_config_dir`, which
``ROADMAP_CONFIG_DIR`` overrides; tests pass a folder of their own). A draft is written on
every change of an open form and removed when the form is saved or cancelled, so a crash or a
killed terminal leaves it behind to be offered back on the next start.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


class Prefs:
    """Preferences and drafts in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from roadmap.config import user_config_dir

            folder = user_config_dir()
        self.folder = Path(folder)

    @property
    def _file(self) -> Path:
        return self.folder / "tui.json"

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, name: str, default: Any = None) -> Any:
        return self.load().get(name, default)

    def set(self, name: str, value: Any) -> None:
        data = self.load()
        data[name] = value
        _write_json(self._file, data)

    # Drafts ------------------------------------------------------------------------------

    def _draft(self, plan: str) -> Path:
        return self.folder / "drafts" / f"{plan}.json"

    def save_draft(self, plan: str, draft: dict[str, Any]) -> None:
        _write_json(self._draft(plan), draft)

    def load_draft(self, plan: str) -> dict[str, Any] | None:
        try:
            data = json.loads(self._draft(plan).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def drop_draft(self, plan: str) -> None:
        self._draft(plan).unlink(missing_ok=True)


def _write_json(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` so that a crash midway leaves the old file, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)
