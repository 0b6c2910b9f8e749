"""The footer of keys, rebuilt only when the keys it shows change.

Textual's footer rebuilds its keys on every announcement that bindings may have changed, and a
view announces that several times while it opens or takes focus; each rebuild mounts and styles
every key again, a tenth of the time it takes to open a view.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from roadmap.i18n import N_, _

PALETTE = N_("palette")
"""Textual's own description of the command palette's key, worded like the app's keys."""


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that skips rebuilds showing the same keys."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple | None = None

    def _keys(self) -> tuple:
        """What :meth:`compose` shows: the shown bindings, their state and the palette's key."""
        if not self._bindings_ready:
            return ()
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = [
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        ]
        return (self.show_command_palette, *shown)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description)  # bindings carry catalog messages
            if isinstance(widget, FooterKey) and widget._reactive_connect:
                # Bound to the footer's compact: it starts with the footer's value instead of
                # its own default, so that it is not styled once for each as it mounts.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
