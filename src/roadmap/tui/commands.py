"""The app's own commands in the command palette (Ctrl+P).

Jump to an item (by key or title), add an item or a dependency, export the stakeholder
documents, switch view, change the language texts are shown in, switch theme. Items are
matched against the typed text directly, so the palette stays quick on plans of any size.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from roadmap.i18n import _
from roadmap.i18n.catalogs import LOCALES
from roadmap.i18n.choice import NAMES
from roadmap.services.items import search_items
from roadmap.tui.messages import EditItem
from roadmap.tui.widgets.navbar import VIEWS

if TYPE_CHECKING:
    from collections.abc import Callable

    from roadmap.services.context import PlanContext
    from roadmap.tui.app import RoadmapApp

ITEM_HITS = 20
"""Items offered at most for one query."""


class RoadmapCommands(Provider):
    """Commands of the roadmap app."""

    @property
    def ctx(self) -> PlanContext:
        """The open plan, as the app shares it with its views."""
        return cast("RoadmapApp", self.app).shared.ctx

    def _action(self, action: str) -> Callable[[], object]:
        """Run the app's ``action`` (a command is an action of the app, as a key is)."""
        return partial(self.app.run_action, action)

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        out: list[tuple[str, Callable[[], object], str]] = [
            (_("Add item"), self._action("new_item"), _("Open the editor on a new item")),
            (
                _("Add dependency"),
                self._action("pick_dependency"),
                _("Pick two items: one waits for the other"),
            ),
            (
                _("Export documents"),
                self._action("export"),
                _("Stakeholder documents as Markdown, HTML, CSV or calendar"),
            ),
            (
                _("Evidence and follow-up"),
                self._action("follow_up"),
                _("Evidence, goals and measures, maturity, traceability"),
            ),
            (
                _("Scenarios"),
                self._action("scenarios"),
                _("What-ifs compared with the plan: length, deadlines, items moved"),
            ),
        ]
        out += [
            (
                _("View: {name}", name=_(label)),
                self._action(f"view({mode!r})"),
                _("Switch to the view {name}", name=_(label)),
            )
            for mode, label in VIEWS.items()
        ]
        out += [
            (
                _("Language: {name}", name=NAMES.get(lang, lang)),
                self._action(f"language({lang!r})"),
                _("The app and the plan's texts in it"),
            )
            for lang in dict.fromkeys([*LOCALES, *self.ctx.languages])
        ]
        out += [
            (
                _("Theme: {name}", name=name),
                partial(setattr, self.app, "theme", name),
                _("Remembered for next time"),
            )
            for name in ("projector", "textual-dark", "textual-light")
        ]
        return out

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
        needle = query.strip().casefold()
        if len(needle) < 2:
            return
        ctx = self.ctx
        rows = search_items(ctx.store, ctx.plan_id, needle, ITEM_HITS)
        for key, title in rows:
            yield Hit(
                0.9 if key.casefold().startswith(needle) else 0.5,
                Text(_("Jump to {key}  {title}", key=key, title=title)),
                partial(self.app.post_message, EditItem(key)),
                text=_("Jump to {key}  {title}", key=key, title=title),
                help=_("Open the item"),
            )
