"""The examples in the docstrings of the engine and of a few helpers hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    *(
        f"roadmap.engine.{name}"
        for name in (
            "capacity",
            "explanations",
            "graph",
            "horizons",
            "inputs",
            "records",
            "scenarios",
        )
    ),
    "roadmap.clock",
    "roadmap.model.periods",
    "roadmap.store.scores",
    "roadmap.tui.screens.base",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
