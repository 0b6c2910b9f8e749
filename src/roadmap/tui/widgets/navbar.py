"""The row of view names at the top of every view; a click or a number key switches view."""

from __future__ import annotations

from textual.widgets import Tab, Tabs

from roadmap.i18n import N_, _

VIEWS: dict[str, str] = {
    "items": N_("Items"),
    "priorities": N_("Priorities"),
    "dependencies": N_("Dependencies"),
    "roadmap": N_("Roadmap"),
    "narratives": N_("Narratives"),
    "stakeholders": N_("Stakeholders"),
    "sources": N_("Sources"),
    "teams": N_("Teams"),
    "silo": N_("Silo map"),
}
"""Mode name -> label (a catalog message, worded when shown), in the order of the keys 1-9."""

TAB_PREFIX = "view-"
"""Tab ids are ``view-<mode>``, so that they never equal the id of a widget inside a view."""


def tab_id(mode: str) -> str:
    return TAB_PREFIX + mode


def mode_of(tab: str | None) -> str | None:
    """The mode a tab id names (None for anything else)."""
    return tab.removeprefix(TAB_PREFIX) if tab and tab.startswith(TAB_PREFIX) else None


class NavBar(Tabs):
    """Tabs naming the views, the current one active; never focused, so keys stay with the view."""

    can_focus = False
    DEFAULT_CSS = """
    NavBar { height: 2; }
    """

    def __init__(self, active: str) -> None:
        tabs = [
            Tab(f"{n} {_(label)}", id=tab_id(mode))
            for n, (mode, label) in enumerate(VIEWS.items(), start=1)
        ]
        super().__init__(*tabs, active=tab_id(active))
