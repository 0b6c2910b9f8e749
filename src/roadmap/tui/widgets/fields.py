"""Text fields that take their keys in the order they were typed: the forms' fields and the
views' filter boxes."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, TextArea


class KeysInOrder:
    """A text field that runs its own editing keys (Backspace, arrows, Ctrl+U, ...) as they
    arrive, in order with the characters typed around them.

    Textual inserts a typed character as soon as the field gets it, but runs a key bound to the
    field only once the key has travelled up to the app; when the app is busy (the editor
    loading, the engine sequencing), characters typed after Ctrl+U or Backspace reached the
    field first and were then wiped or deleted in their place (textual issue 6605).
    """

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # the field inserts it itself, in order
        field: Any = self
        active = field.screen.active_bindings.get(event.key)
        if active is None or active.node is not self or active.binding.priority:
            return  # a key of the form or the app: it goes up as usual
        event.stop()
        event.prevent_default()
        await field.run_action(active.binding.action)


class FieldInput(KeysInOrder, Input):
    """A one-line field that takes its keys in the order they were typed."""


class FieldArea(KeysInOrder, TextArea):
    """A text area that takes its keys in the order they were typed."""
