"""The keys a screen offers, described in the interface's language.

Bindings carry English catalog messages (``Binding("slash", "focus_filter", N_("Filter"))``).
Textual's own footer, its keys panel and the command palette read a screen's
:attr:`~textual.screen.Screen.active_bindings`; screens with :class:`WordedKeys` give them with
their descriptions worded, so that a change of language shows in the views built after it.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from roadmap.i18n import N_, _

PALETTE = N_("palette")
"""Textual's own description of the command palette's key, worded like the app's keys."""


class WordedKeys:
    """Mixin for a :class:`~textual.screen.Screen` whose keys are described in the
    interface's language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {
            key: shown._replace(binding=replace(shown.binding, description=_(description)))
            if (description := shown.binding.description)
            else shown
            for key, shown in active.items()
        }
