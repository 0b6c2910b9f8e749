"""The one place the app relies on more of Textual than its documented API.

The workshop apps word their keys in the language the workshop chose, which is known only when a
screen is made; they add those bindings through the screen's own binding map. ``textual`` is
held below its next major version in ``pyproject.toml``; this test fails loudly if a version
that satisfies it no longer offers what they use.
"""

from __future__ import annotations

from textual.binding import BindingsMap
from textual.screen import Screen


def test_a_screen_has_a_binding_map_that_binds_keys_with_labels() -> None:
    screen = Screen()
    assert isinstance(screen._bindings, BindingsMap)
    screen._bindings.bind("ctrl+q", "app.quit", "Lähde", priority=True)
    (binding,) = screen._bindings.key_to_bindings["ctrl+q"]
    assert (binding.action, binding.description, binding.priority) == ("app.quit", "Lähde", True)
