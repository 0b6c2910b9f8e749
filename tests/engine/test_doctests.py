"""The examples in the engine's docstrings hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["capacity", "collector", "graph", "horizons", "inputs", "reasons"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"roadmap.engine.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
