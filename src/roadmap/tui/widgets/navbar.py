"""The row of view names at the top of every view; a click or a number key switches view."""

from __future__ import annotations

from textual.widgets import Tab, Tabs

VIEWS: dict[str, str] = {
    "items": "Items",
    "priorities": "Priorities",
    "dependencies": "Dependencies",
    "roadmap": "Roadmap",
}
"""Mode name -> label, in the order of the number keys 1-8."""


class NavBar(Tabs):
    """Tabs naming the views, the current one active; never focused, so keys stay with the view."""

    can_focus = False
    DEFAULT_CSS = """
    NavBar { height: 2; }
    """

    def __init__(self, active: str) -> None:
        tabs = [
            Tab(f"{n} {label}", id=mode) for n, (mode, label) in enumerate(VIEWS.items(), start=1)
        ]
        super().__init__(*tabs, active=active)
