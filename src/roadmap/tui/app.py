"""The app: a hub that opens the plan, switches views and runs the work they ask for.

Views are modes, built on first use (so a view's imports load when it is opened). The app owns
what views share: the plan context, the undo history, the latest roadmap from the engine
(re-sequenced in a worker thread after every change), the watcher that notices other processes'
changes, and the preferences. :func:`make_app` builds it for the command line and for tests.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.theme import Theme

from roadmap.i18n import N_, _
from roadmap.services.context import PlanContext
from roadmap.services.history import REFUSALS, Change, History, ItemChange
from roadmap.services.planning import Planner
from roadmap.services.plans import Store, open_store
from roadmap.services.prefs import Prefs
from roadmap.tui import messages
from roadmap.tui.shared import Shared
from roadmap.tui.widgets.navbar import VIEWS

if TYPE_CHECKING:
    from roadmap.engine.result import Roadmap
    from roadmap.services.watch import ChangeWatcher

PROJECTOR = Theme(
    name="projector",
    primary="#0033cc",
    secondary="#6a1b9a",
    accent="#b34700",
    warning="#8a5a00",
    error="#b00020",
    success="#1b5e20",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#dcdcdc",
    dark=False,
    variables={
        "block-cursor-background": "#0033cc",
        "block-cursor-foreground": "#ffffff",
        "footer-key-foreground": "#0033cc",
    },
)
"""Light and high-contrast, for projectors in bright meeting rooms."""


def _view(mode: str, shared: Shared) -> Screen:
    from importlib import import_module

    module = import_module(f"roadmap.tui.screens.{mode}")
    return getattr(module, f"{mode.capitalize()}View")(shared)


SYSTEM_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""Textual's own palette commands, worded like the app's (``Quit`` is the app's key too)."""


def _commands():
    from roadmap.tui.commands import RoadmapCommands

    return RoadmapCommands


class RoadmapApp(App[None]):
    """The terminal app for project leads."""

    CSS_PATH = "app.tcss"
    TITLE = "roadmap"
    COMMANDS = App.COMMANDS | {lambda: _commands()}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", N_("Help")),
        Binding("ctrl+e", "export", N_("Export")),
        Binding("ctrl+z", "undo", N_("Undo")),
        Binding("ctrl+y", "redo", N_("Redo")),
        Binding("ctrl+q", "quit", N_("Quit")),
        *(
            Binding(str(n), f"view('{mode}')", label, show=False)
            for n, (mode, label) in enumerate(VIEWS.items(), start=1)
        ),
    ]

    def __init__(
        self,
        ctx: PlanContext,
        prefs: Prefs,
        *,
        theme: str | None = None,
        watch_interval: float | None = 1.0,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.prefs = prefs
        self.history = History(ctx.store, ctx.plan_id)
        self.planner = Planner(ctx.store, ctx.plan_id)
        self.shared = Shared(ctx, self.planner)
        """What the views read: they are given it as they are built."""
        for mode in VIEWS:
            self.add_mode(mode, partial(_view, mode, self.shared))
        self._fixed_theme = theme
        self._watch_interval = watch_interval
        self._watcher: ChangeWatcher | None = None
        self._engine_started = False
        self._told: list[str] = []
        self._edited: str | None = None
        self.sub_title = ctx.name

    @property
    def data_version(self) -> int:
        """Raised on every change of the plan; views compare it with what they loaded."""
        return self.shared.data_version

    @property
    def roadmap(self) -> Roadmap | None:
        """The engine's latest roadmap, or None until it ran."""
        return self.shared.roadmap

    def action_command_palette(self) -> None:
        """Textual's command palette, its prompt in the interface's language."""
        from textual.command import CommandPalette

        # Textual's is_open takes an App[object], though any App's palette is asked for.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = _("Search for commands…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    async def action_quit(self) -> None:
        """Quit, by key or from the palette; while a form saves, once its save is done."""
        from roadmap.tui.dialogs.form import FormDialog

        for screen in reversed(self.screen_stack):
            if isinstance(screen, FormDialog) and screen.saving:
                screen.action_quit()
                return
        self.exit()

    def get_system_commands(self, screen: Screen):
        """Textual's own commands (theme, quit, keys, screenshot), in the interface's language."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

    async def on_mount(self) -> None:
        self.register_theme(PROJECTOR)
        self.theme = self._fixed_theme or self.prefs.get("theme") or "textual-dark"
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        await self.switch_mode("items")
        if self._watch_interval:
            from roadmap.services.watch import ChangeWatcher

            self._watcher = ChangeWatcher(self.ctx.store, self.ctx.plan_id)
            self.set_interval(self._watch_interval, self._poll)
        self._offer_draft()

    def _remember_theme(self, theme: Theme) -> None:
        if self._fixed_theme is None:
            self.prefs.set("theme", theme.name)

    def on_unmount(self) -> None:
        if self._watcher is not None:
            self._watcher.close()

    # Views -------------------------------------------------------------------------------

    def action_view(self, mode: str) -> None:
        if mode in VIEWS and mode != self.current_mode:
            self.switch_mode(mode)

    @on(messages.ShowView)
    def _show_view(self, message: messages.ShowView) -> None:
        self.action_view(message.mode)

    @on(messages.ShowTextsIn)
    def _show_texts_in(self, message: messages.ShowTextsIn) -> None:
        self.show_texts_in(message.lang)

    def show_texts_in(self, lang: str) -> None:
        """Show and edit the plan's texts in ``lang``, the interface staying as it is (while
        writing a translation); the plan's default language shows the stored text."""
        from roadmap.i18n.choice import NAMES

        self.ctx.language = lang
        self.notify(_("Texts in {language}", language=NAMES.get(lang, lang)), timeout=2)
        self.plan_changed(own=True)

    async def action_language(self, lang: str) -> None:
        await self.set_language(lang)

    async def set_language(self, lang: str) -> None:
        """Speak ``lang`` from now on: the interface, remembered for the next start, and the
        plan's texts where the plan has them in ``lang`` (its default language shows the
        stored text). Views are built again, so that every word on them changes."""
        from roadmap.i18n import set_language
        from roadmap.i18n.catalogs import LOCALES
        from roadmap.i18n.choice import NAMES

        if lang in LOCALES:
            set_language(lang)
            self.prefs.set("language", lang)
        if lang in self.ctx.languages:
            self.ctx.language = lang
        current = self.current_mode
        self.add_mode("rewording", Screen)
        await self.switch_mode("rewording")
        for mode in VIEWS:
            await self.remove_mode(mode)
            self.add_mode(mode, partial(_view, mode, self.shared))
        await self.switch_mode(current)
        await self.remove_mode("rewording")
        self.notify(_("Language: {name}", name=NAMES.get(lang, lang)), timeout=2)
        self.plan_changed(own=True)

    def action_pick_dependency(self) -> None:
        """Pick the item that waits, then the one it waits for."""
        from roadmap.services.items import item_list
        from roadmap.tui.dialogs.pick_item import Picked, PickItem

        rows = [(r.key, r.title) for r in item_list(self.ctx.store, self.ctx.plan_id)]

        def blocked_picked(first: Picked | None) -> None:
            if first is None:
                return
            blocked = first[0]

            def blocker_picked(second: Picked | None) -> None:
                if second is not None:
                    self.add_dependency(second[0], blocked, "soft" if second[1] else "hard")

            others = [row for row in rows if row[0] != blocked]
            self.push_screen(
                PickItem(_("{item} waits for ...", item=blocked), others, with_kind=True),
                blocker_picked,
            )

        self.push_screen(PickItem(_("Which item waits?"), rows), blocked_picked)

    def action_follow_up(self) -> None:
        """Open the evidence and follow-up screen."""
        from roadmap.tui.screens.followup import FollowupView

        self.push_screen(FollowupView(self.ctx))

    def action_scenarios(self) -> None:
        """Open the scenarios, each compared with the plan."""
        from roadmap.tui.screens.scenarios import ScenariosView

        self.push_screen(ScenariosView(self.ctx))

    def action_export(self) -> None:
        """Write the stakeholder documents (``exports/`` under the working folder by default)."""
        from roadmap.tui.dialogs.export import ExportDialog

        self.push_screen(ExportDialog(self.ctx, Path("exports")))

    def action_help(self) -> None:
        from roadmap.tui.dialogs.help import Help

        screen = self.screen
        self.push_screen(Help(screen, getattr(screen, "HELP", "")))

    def plan_changed(self, *, own: bool = True, reload: bool = True) -> None:
        """The plan changed: reload the view on screen (others reload when shown), re-sequence."""
        self.shared.data_version += 1
        if own and self._watcher is not None:
            self._watcher.sync()
        if not reload:
            return
        view_reload = getattr(self.screen, "reload", None)
        if view_reload is not None:
            view_reload()
        self.resequence()

    def _poll(self) -> None:
        self._check_external()

    @work(thread=True, exclusive=True, group="watch")
    def _check_external(self) -> None:
        if self._watcher is not None and self._watcher.changed():
            self.call_from_thread(self._external_change)

    def _external_change(self) -> None:
        form = getattr(self.screen, "changed_elsewhere", None)
        if form is not None:
            form()  # an open form keeps what was typed and says itself what changed
        else:
            self.tell(_("The plan was changed elsewhere; showing the stored version."))
        self.plan_changed(own=False)

    def tell(self, text: str, key: str | None = None) -> None:
        """Say ``text`` about a change of item ``key`` (if one) once the engine re-sequenced the
        plan, in one notice with what the change moved, so an edit makes one notice only."""
        if text:
            self._told.append(text)
        self._edited = key or self._edited

    # The engine --------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="engine")
    def resequence(self, key: str | None = None, scores: dict[str, float] | None = None) -> None:
        """Sequence the plan again (only item ``key``'s ``scores`` changed, if given)."""
        if key is not None and scores is not None:
            roadmap = self.planner.scores_changed(key, scores).roadmap
            self.call_from_thread(self._roadmap_ready, roadmap)
        else:
            roadmap = self.planner.full().roadmap
            self.call_from_thread(self._roadmap_ready, roadmap)
            self.planner.prepare()  # while the lead reads the new roadmap

    @on(messages.ViewLoaded)
    def view_loaded(self) -> None:
        """A view shows its data; the first time, :meth:`_first_screen_drawn` follows."""
        if not self._engine_started:
            self._engine_started = True
            self.call_after_refresh(self._first_screen_drawn)

    def _first_screen_drawn(self) -> None:
        """The engine starts once the first screen is drawn: running it meanwhile would only
        delay that screen."""
        self.resequence()

    def _roadmap_ready(self, roadmap: Roadmap) -> None:
        from roadmap.services.planning import moves

        old, self.shared.roadmap = self.shared.roadmap, roadmap
        told, self._told = self._told, []
        edited, self._edited = self._edited, None
        if old is not None and roadmap is not None:
            told += moves(old, roadmap, self.ctx.calendar, first=edited)
        if told:
            self.notify(" ".join(told), timeout=4, markup=False)
        changed = getattr(self.screen, "roadmap_changed", None)
        if changed is not None:
            with suppress(NoMatches):  # a roadmap that arrives as the app closes: no view
                changed()

    # Items -------------------------------------------------------------------------------

    @on(messages.EditItem)
    def _edit_item(self, message: messages.EditItem) -> None:
        self.edit_item(message.key)

    def edit_item(self, key: str | None, draft: dict[str, Any] | None = None) -> None:
        """Open the item editor on ``key`` (a new item when None), read in a worker thread."""
        self._load_editor(key, draft)

    @work(thread=True, exclusive=True, group="editor-load")
    def _load_editor(self, key: str | None, draft: dict[str, Any] | None) -> None:
        from roadmap.services.items import NotFoundError
        from roadmap.tui.dialogs.item_editor import load

        try:
            loaded = load(self.ctx, key)
        except NotFoundError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.call_from_thread(self._open_editor, key, loaded, draft)

    def _open_editor(self, key: str | None, loaded, draft: dict[str, Any] | None) -> None:
        from roadmap.tui.dialogs.item_editor import ItemEditor, Saved

        def record(saved: Saved) -> None:
            self.history.record(ItemChange(saved.before, saved.after))
            self.tell(_("{key} saved.", key=saved.after.key), saved.after.key)
            self.plan_changed()

        def done(saved: Saved | None) -> None:
            self.prefs.drop_draft(self.ctx.slug)
            if saved is not None:
                record(saved)

        def keep(values: dict[str, Any]) -> None:
            self.prefs.save_draft(self.ctx.slug, values)

        self.push_screen(
            ItemEditor(self.ctx, key, loaded, draft=draft, on_draft=keep, on_saved=record), done
        )

    def action_new_item(self) -> None:
        self.edit_item(None)

    @on(messages.DeleteItem)
    def _delete_item(self, message: messages.DeleteItem) -> None:
        from roadmap.services.items import remove_item
        from roadmap.tui.dialogs.confirm import Confirm

        key = message.key

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            deleted = remove_item(self.ctx.store, self.ctx.plan_id, key)
            self.history.record(ItemChange(deleted, None))
            self.tell(_("{key} deleted (Ctrl+Z brings it back).", key=key))
            self.plan_changed()

        self.push_screen(
            Confirm(_("Delete item {key} with its scores and dependencies?", key=key), _("Delete")),
            answer,
        )

    def _offer_draft(self) -> None:
        draft = self.prefs.load_draft(self.ctx.slug)
        if not draft:
            return
        from roadmap.tui.dialogs.confirm import Confirm

        what = draft.get("key") or _("a new item")

        def answer(yes: bool | None) -> None:
            if yes:
                self.edit_item(draft.get("key"), draft=draft)
            else:
                self.prefs.drop_draft(self.ctx.slug)

        self.push_screen(
            Confirm(
                _("An unsaved edit of {what} was kept from last time. Open it again?", what=what),
                _("Open"),
            ),
            answer,
        )

    # Edits and undo ----------------------------------------------------------------------

    def apply(self, change: Change, done: str = "", *, key: str | None = None) -> bool:
        """Make ``change`` in its own transaction; a refusal is shown, and nothing is written.

        ``done`` is said (with what moved) once the roadmap is sequenced again; ``key`` names
        the item changed, whose move comes first.
        """
        if not messages.made(self, self.ctx, change):
            return False
        self._plan_edited(messages.PlanEdited(change, done, key=key))
        return True

    @on(messages.PlanEdited)
    def _plan_edited(self, message: messages.PlanEdited) -> None:
        """A view stored a change: record it, and reload and re-sequence as it asks."""
        if message.change is not None:
            self.history.record(message.change)
        self.tell(message.said, message.key)
        view = message.shown_by
        if view is None:
            self.plan_changed()
            return
        self.plan_changed(reload=False)
        view.mark_loaded()
        if message.scores is not None and message.key is not None:
            self.resequence(message.key, message.scores)

    @on(messages.AddDependency)
    def _add_dependency(self, message: messages.AddDependency) -> None:
        self.add_dependency(message.blocker, message.blocked, message.kind)

    def add_dependency(self, blocker: str, blocked: str, kind: str = "hard") -> bool:
        from roadmap.services.history import DependencyChange

        change = DependencyChange(blocker, blocked, kind, added=True)
        return self.apply(
            change, _("{item} now waits for {other}.", item=blocked, other=blocker), key=blocked
        )

    def action_undo(self) -> None:
        self._replay(
            self.history.undo, _("Undone: {change}."), _("Not undone"), _("Nothing to undo")
        )

    def action_redo(self) -> None:
        self._replay(
            self.history.redo, _("Redone: {change}."), _("Not redone"), _("Nothing to redo")
        )

    def _replay(
        self, step: Callable[[], Change | None], done: str, refused: str, nothing: str
    ) -> None:
        save_now = getattr(self.screen, "save_now", None)
        if save_now is not None and save_now():
            # Text typed but not saved yet is the last change, and the one undone: once the
            # view's message recording it has been handled.
            self.call_later(self._replay, step, done, refused, nothing)
            return
        try:
            change = step()
        except REFUSALS as exc:
            self.notify(str(exc), title=refused, severity="error", markup=False)
            return
        if change is None:
            self.notify(nothing, timeout=2)
            return
        self.tell(done.format(change=change.label))
        self.plan_changed()


def make_app(
    db: str | Path | None = None,
    *,
    plan: str | None = None,
    store: Store | None = None,
    config_dir: Path | None = None,
    theme: str | None = None,
    watch_interval: float | None = 1.0,
) -> RoadmapApp:
    """The app on ``db`` (or an open ``store``), working on plan ``plan``.

    ``config_dir`` is where preferences and drafts live (default: the user's config folder);
    ``theme`` fixes the theme and stops it being remembered (tests, snapshots);
    ``watch_interval`` None turns off watching for other processes' changes.
    """
    store = store or open_store(db)
    ctx = PlanContext.open(store, plan)
    return RoadmapApp(ctx, Prefs(config_dir), theme=theme, watch_interval=watch_interval)
