"""The messages the export code asks the catalogs for, found in its syntax tree.

Reading the syntax tree (rather than the tokens) also finds calls inside f-strings and calls
nested in other calls: ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "roadmap"
MODULES = (
    "i18n", "docdata", "document", "doc_roadmap", "doc_diagrams", "doc_sources", "doc_appendix",
    "svg", "html", "csv_roadmap", "ics", "export",
)  # fmt: skip
FILES = [
    *(SRC / "io" / f"{name}.py" for name in MODULES),
    SRC / "cli" / "export.py",
    SRC / "cli" / "plan.py",
    SRC / "engine" / "explanations.py",
]
SINGLE = {"_", "N_"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def used_msgids() -> dict[str, str]:
    """``msgid -> where`` for every message used, plurals keyed by their singular."""
    found: dict[str, str] = {}
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name, first = _name(node.func), node.args[0]
            if name in {*SINGLE, "ngettext"} and isinstance(getattr(first, "value", None), str):
                found.setdefault(first.value, f"{path.name}:{node.lineno}")
    return found


def plural_msgids() -> dict[str, str]:
    """``singular -> plural`` of every ``ngettext`` call."""
    found: dict[str, str] = {}
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) == "ngettext":
                singular, plural = node.args[0], node.args[1]
                if isinstance(singular, ast.Constant) and isinstance(plural, ast.Constant):
                    found[singular.value] = plural.value
    return found
