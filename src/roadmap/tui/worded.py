"""Key descriptions in the interface's language, for Textual's own footer and the help.

Bindings are declared with catalog messages (``N_("Filter")``) at class level, before the
language may change; a screen that mixes in :class:`WordedBindings` hands them out worded each
time the footer or the help asks for its active bindings, so that a language switch needs no
new bindings.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.binding import ActiveBinding

from roadmap.i18n import N_, _

PALETTE = N_("palette")
"""Textual's own description of the command palette's key, worded like the app's keys."""


if TYPE_CHECKING:
    from textual.screen import Screen as _Mixed
else:
    _Mixed = object


class WordedBindings(_Mixed):
    """Mixed in before a screen class: its active bindings carry their descriptions in the
    interface's language (a mixin, so that a modal screen keeps its own styles)."""

    def word_key(self, description: str) -> str:
        """``description`` (a catalog message) in the language this screen speaks."""
        return _(description)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return {
            key: active._replace(
                binding=replace(
                    active.binding, description=self.word_key(active.binding.description)
                )
                if active.binding.description
                else active.binding
            )
            for key, active in super().active_bindings.items()
        }
