"""The private tokens of the workshops this terminal joined, kept in the user's config folder.

A token is what lets a participant rejoin and find their votes (a typed name proves nothing).
They are kept per workshop code and per name as typed, so that the same person rejoins by
typing their name again at the same terminal, while another name starts someone new.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from roadmap.workshop.rules import name_key, normal_code


class TokenBook:
    """Tokens by workshop code and name, in ``workshop-tokens.json`` (readable by its owner)."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is None:
            from roadmap.config import user_config_dir

            folder = user_config_dir()
        self.file = Path(folder) / "workshop-tokens.json"

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, code: str, name: str) -> str | None:
        return self._load().get(normal_code(code), {}).get(name_key(name))

    def put(self, code: str, name: str, token: str) -> None:
        data = self._load()
        data.setdefault(normal_code(code), {})[name_key(name)] = token
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        tmp.replace(self.file)
