"""The messages the code asks the catalogs for, found by Babel's extractor as ``make catalogs``
finds them (the same ``babel.cfg``), so that a message the extractor cannot see fails here too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

ROOT = Path(__file__).resolve().parents[2]


@cache
def _extracted() -> tuple[tuple[str, int, str | tuple[str, ...]], ...]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    return tuple(
        (path, line, message)
        for path, line, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map
        )
    )


def used_msgids() -> dict[str, str]:
    """``msgid -> where`` for every message used, plurals keyed by their singular."""
    found: dict[str, str] = {}
    for path, line, message in _extracted():
        found.setdefault(message if isinstance(message, str) else message[0], f"{path}:{line}")
    return found


def plural_msgids() -> dict[str, str]:
    """``singular -> plural`` of every ``ngettext`` call."""
    return {m[0]: m[1] for _path, _line, m in _extracted() if isinstance(m, tuple)}
