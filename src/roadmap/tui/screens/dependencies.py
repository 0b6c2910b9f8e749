"""Dependencies: add and remove them from the keyboard, and see what an item waits for and holds up.

The left pane lists items (filtered as you type); the right pane shows the selected item's
blockers and dependants as a tree, transitively. A dependency that would close a cycle is
refused, with the cycle named, before anything is written.
"""

from __future__ import annotations

from collections import defaultdict
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from roadmap.i18n import N_, _
from roadmap.i18n.terms import dependency_word
from roadmap.services.history import DependencyChange
from roadmap.services.views import ItemRow, dependencies_view
from roadmap.tui.messages import AddDependency
from roadmap.tui.screens.base import PlanView
from roadmap.tui.widgets.fields import FieldInput
from roadmap.tui.widgets.grid import Column, Grid

TREE_LIMIT = 200
"""Children shown under one node of the tree; the rest are counted."""


class DependenciesView(PlanView):
    """Blockers and dependants of the selected item."""

    MODE = "dependencies"
    HELP = N_(
        "Pick an item on the left (type to filter). The tree shows what it waits for and what "
        "waits for it, through other items too. a adds a blocker, b adds a dependant; "
        "d removes the dependency selected in the tree. A dependency that would close a cycle "
        "is refused with the cycle named."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add('blocker')", N_("Add blocker")),
        Binding("b", "add('dependant')", N_("Add dependant")),
        Binding("d,delete", "remove", N_("Remove")),
        Binding("slash", "focus_filter", N_("Filter")),
        Binding("tab", "app.focus_next", N_("Switch pane"), show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="dep-left"):
                yield FieldInput(placeholder=_("Filter items"), id="filter")
                yield Grid(
                    [Column(_("Key"), 0, 9), Column(_("Title"), 1, 12, stretch=True)],
                    search=lambda row: f"{row[0]} {row[1]}",
                    id="dep-items",
                )
            yield Tree(Text(""), id="dep-tree")
        yield Static("", classes="status-line", id="dep-status")

    def on_mount(self) -> None:
        self.titles: dict[str, str] = {}
        self.blockers: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.dependants: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.query_one("#dep-tree", Tree).show_root = False

    @property
    def grid(self) -> Grid:
        return self.query_one("#dep-items", Grid)

    def reload(self) -> None:
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="deps-load")
    def _load(self, version: int) -> None:
        ctx = self.ctx
        rows, edges = dependencies_view(ctx.store, ctx.plan_id, ctx.translating)
        self.app.call_from_thread(self._show, rows, edges, version)

    def _show(self, rows: list[ItemRow], edges: list[tuple[str, str, str]], version: int) -> None:
        self.titles = {r.key: r.title for r in rows}
        self.blockers, self.dependants = defaultdict(list), defaultdict(list)
        for blocker, blocked, kind in edges:
            self.blockers[blocked].append((blocker, kind))
            self.dependants[blocker].append((blocked, kind))
        self.grid.set_rows([(r.key, r.title) for r in rows], keep=lambda row: row[0])
        self.loaded_version = version
        self._draw_tree()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.grid.filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.grid.focus()

    @on(Grid.Highlighted, "#dep-items")
    def _highlighted(self) -> None:
        self.at_rest(self._draw_tree)

    @on(Grid.Selected, "#dep-items")
    def _selected(self) -> None:
        self.query_one("#dep-tree", Tree).focus()

    # The tree ----------------------------------------------------------------------------

    @property
    def selected(self) -> str | None:
        row = self.grid.current_row
        return None if row is None else row[0]

    def _label(self, key: str, kind: str | None = None) -> Text:
        text = Text(key, style="bold")
        text.append("  " + self.titles.get(key, ""))
        if kind == "soft":
            text.append(f"  ({dependency_word(kind)})", style="italic")
        return text

    def _draw_tree(self) -> None:
        tree = self.query_one("#dep-tree", Tree)
        tree.clear()
        key = self.selected
        if key is None:
            return
        tree.root.set_label(self._label(key))
        for title, links in ((_("Waits for"), self.blockers), (_("Holds up"), self.dependants)):
            count = _("{n} in all", n=self._count(key, links))
            branch = tree.root.add(Text(f"{title} ({count})"), expand=True)
            self._add_branches(branch, key, links, {key})
        status = self.query_one("#dep-status", Static)
        status.update(Text(_("{key}: d removes the selected direct dependency", key=key)))

    def _count(self, key: str, links: dict[str, list[tuple[str, str]]]) -> int:
        seen: set[str] = set()
        todo = [key]
        while todo:
            for other, _kind in links.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return len(seen)

    def _add_branches(
        self, node: TreeNode, key: str, links: dict[str, list[tuple[str, str]]], path: set[str]
    ) -> None:
        children = links.get(key, [])
        for other, kind in children[:TREE_LIMIT]:
            has_more = bool(links.get(other)) and other not in path
            child = node.add(
                self._label(other, kind),
                data=(key, other, kind, links is self.blockers, frozenset(path | {other})),
                allow_expand=has_more,
            )
            if has_more and len(path) < 3:
                self._add_branches(child, other, links, path | {other})
                child.expand()
        if len(children) > TREE_LIMIT:
            node.add_leaf(Text(_("... and {n} more", n=len(children) - TREE_LIMIT)))

    @on(Tree.NodeExpanded, "#dep-tree")
    def _expand(self, event: Tree.NodeExpanded) -> None:
        node = event.node
        if node.data is None or node.children:
            return
        _key, other, _kind, up, path = node.data
        self._add_branches(node, other, self.blockers if up else self.dependants, set(path))

    # Edits -------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_add(self, role: str) -> None:
        key = self.selected
        if key is None:
            return
        from roadmap.tui.dialogs.pick_item import Picked, PickItem

        rows = [(k, title) for k, title in self.titles.items() if k != key]
        question = (
            _("{item} waits for ...", item=key)
            if role == "blocker"
            else _("... waits for {item}", item=key)
        )

        def picked(choice: Picked | None) -> None:
            if choice is None:
                return
            other, soft = choice
            blocker, blocked = (other, key) if role == "blocker" else (key, other)
            self.ask(AddDependency(blocker, blocked, "soft" if soft else "hard"))

        self.app.push_screen(PickItem(question, rows, with_kind=True), picked)

    def action_remove(self) -> None:
        node = self.query_one("#dep-tree", Tree).cursor_node
        if node is None or node.data is None or node.parent is None or node.parent.data is not None:
            self.notify(_("Select a direct dependency in the tree first"), severity="warning")
            return
        key, other, kind, up, _path = node.data
        blocker, blocked = (other, key) if up else (key, other)
        from roadmap.tui.dialogs.confirm import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                self.make(DependencyChange(blocker, blocked, kind, added=False))

        question = _("Remove: {item} waits for {other}?", item=blocked, other=blocker)
        self.app.push_screen(Confirm(question, _("Remove")), answer)
