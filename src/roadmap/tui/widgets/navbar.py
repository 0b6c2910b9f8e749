"""The row of view names at the top of every view; a click or a number key switches view."""

from __future__ import annotations

from textual.widgets import Tab, Tabs

VIEWS: dict[str, str] = {
    "items": "Items",
    "priorities": "Priorities",
    "dependencies": "Dependencies",
    "roadmap": "Roadmap",
    "narratives": "Narratives",
    "stakeholders": "Stakeholders",
    "sources": "Sources",
    "teams": "Teams",
    "silo": "Silo map",
}
"""Mode name -> label, in the order of the number keys 1-9."""

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
            Tab(f"{n} {label}", id=tab_id(mode))
            for n, (mode, label) in enumerate(VIEWS.items(), start=1)
        ]
        super().__init__(*tabs, active=tab_id(active))
