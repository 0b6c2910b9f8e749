"""The examples in the docstrings of the modules that parse and write spreadsheet cells."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "name",
    [
        "roadmap.io.formula",
        "roadmap.io.matching",
        "roadmap.model.bidi",
        "roadmap.model.typed_words",
    ],
)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0
    assert result.failed == 0
