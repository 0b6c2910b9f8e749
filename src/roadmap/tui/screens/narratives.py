"""Narratives: the plan's sections (background, method, current state, vision, custom ones).

The list on the left picks a section; its title and Markdown body are edited beside a live
preview. What is typed is saved by itself half a second after the last key, each save in its
own short transaction, and when the section, the view or the app is left, so nothing typed is
lost; the status line says whether the text on screen is saved. Each save is one step of the
app's undo history (a pause in typing ends a step), like adding or deleting a section. Ctrl+L
switches the language: the plan's default language edits the section's own columns, other
languages its translations.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel
from rich.text import Text
from sqlalchemy.exc import SQLAlchemyError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Markdown, Static, TextArea

from roadmap.i18n import N_, _
from roadmap.model import tables as t
from roadmap.model.inputs import SectionIn
from roadmap.services.history import RowChange
from roadmap.services.items import NotFoundError
from roadmap.services.rows import add_section, save_section_texts, section_rows
from roadmap.tui.dialogs.form import Field
from roadmap.tui.dialogs.row_form import RowForm, RowSpec
from roadmap.tui.messages import ShowTextsIn
from roadmap.tui.screens.base import PlanView
from roadmap.tui.widgets.grid import Column, Grid

SAVE_AFTER = 0.5
"""Seconds after the last key before the text is saved."""
PREVIEW_AFTER = 0.25
"""Seconds after the last key before the preview is drawn again."""

NEW_SECTION = RowSpec(
    "section",
    SectionIn,
    (Field("key", N_("Key")), Field("title", N_("Title"))),
    (Field("title", N_("Title")),),
)


class NarrativesView(PlanView):
    """Narrative sections in Markdown, with a preview."""

    MODE = "narratives"
    HELP = N_(
        "The plan's narrative sections. Pick a section on the left; edit its title and its "
        "Markdown text, with a preview on the right. Everything typed is saved by itself (the "
        "status line says when). Ctrl+L switches the language of the text being edited; "
        "Ctrl+N adds a section of your own; Delete on the list deletes one after asking. "
        "Tab moves between the list, title and text."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "language", N_("Language")),
        Binding("ctrl+n", "new_section", N_("New section")),
        Binding("delete", "delete_section", N_("Delete section"), show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="narr"):
            yield Grid([Column(_("Section"), 1, stretch=True)], id="sections")
            with Vertical(id="narr-edit"):
                yield Static("", id="narr-status", classes="status-line")
                yield Input(placeholder=_("Title"), id="narr-title")
                with Horizontal():
                    yield TextArea.code_editor(
                        language="markdown",
                        id="narr-body",
                        soft_wrap=True,
                        show_line_numbers=False,
                        tab_behavior="focus",
                    )
                    with VerticalScroll(id="narr-preview"):
                        yield Markdown(id="narr-md")

    def on_mount(self) -> None:
        self.sections: list[t.Section] = []
        self.key: str | None = None
        self.stored: tuple[str, str] = ("", "")
        """Title and body as last read or saved, in the language edited."""
        self._save_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._wanted: str | None = None
        """A section to move to once the list is read again (one just added)."""
        # Kept, so that the text can still be saved while the view is taken down.
        self.title_box = self.query_one("#narr-title", Input)
        self.body = self.query_one("#narr-body", TextArea)

    @property
    def lang(self) -> str | None:
        """The translation being edited, None for the default language."""
        return self.ctx.translating

    # Reading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.save_now()
        self._load(self.shared.data_version)

    @work(thread=True, exclusive=True, group="narratives-load")
    def _load(self, version: int) -> None:
        rows = section_rows(self.ctx.store, self.ctx.plan_id)
        self.app.call_from_thread(self._show, rows, version)

    def _texts(self, section: t.Section) -> tuple[str, str]:
        if self.lang is None:
            return section.title, section.body
        texts = section.i18n.get(self.lang, {})
        return texts.get("title", ""), texts.get("body", "")

    def _show(self, rows: list[t.Section], version: int) -> None:
        self.sections = rows
        grid = self.query_one("#sections", Grid)
        grid.set_rows(
            [(s.key, self._texts(s)[0] or s.title or s.key) for s in rows], keep=lambda r: r[0]
        )
        self.loaded_version = version
        if self._wanted is not None:
            grid.move_to(lambda r: r[0] == self._wanted)
            self._wanted = None
        self._open(self._current())

    def _current(self) -> str | None:
        row = self.query_one("#sections", Grid).current_row
        return None if row is None else row[0]

    def _open(self, key: str | None) -> None:
        section = next((s for s in self.sections if s.key == key), None)
        self.key = None if section is None else section.key
        self.stored = ("", "") if section is None else self._texts(section)
        self.title_box.value, text = self.stored
        self.body.load_text(text)
        self._preview()
        self._status(_("saved"))

    @on(Grid.Highlighted, "#sections")
    def _picked(self) -> None:
        key = self._current()
        if key != self.key:
            self.save_now()
            self._open(key)

    # Saving ------------------------------------------------------------------------------

    def _editing(self) -> tuple[str, str]:
        return self.title_box.value, self.body.text

    @on(Input.Changed, "#narr-title")
    @on(TextArea.Changed, "#narr-body")
    def _typed(self) -> None:
        if self.key is None or self._editing() == self.stored:
            return
        self._status(_("editing ..."))
        for timer in (self._save_timer, self._preview_timer):
            if timer is not None:
                timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self.save_now)
        self._preview_timer = self.set_timer(PREVIEW_AFTER, self._preview)

    def save_now(self) -> bool:
        """Store what differs from the stored text, and say so on the status line; False:
        nothing was stored."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            if not self._write():
                return False
        except (SQLAlchemyError, NotFoundError) as exc:
            self._status(_("NOT SAVED: {problem}", problem=exc))
            self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
            return False
        self._status(_("saved"))
        return True

    def _write(self) -> bool:
        """Store what differs from the stored text in one short transaction, a step of the
        undo history that the view shows itself; False: nothing."""
        if self.key is None or self._editing() == self.stored:
            return False
        editing = self._editing()
        changed = {
            name: text
            for name, text, before in zip(("title", "body"), editing, self.stored, strict=True)
            if text != before
        }
        ctx = self.ctx
        change = save_section_texts(ctx.store, ctx.plan_id, self.key, self.lang, changed)
        self.edited(change, shown=True)
        self.stored = editing
        return True

    def on_screen_suspend(self) -> None:
        self.save_now()

    def on_unmount(self) -> None:
        self._write()

    def _preview(self) -> None:
        self.query_one("#narr-md", Markdown).update(self.body.text)

    def _status(self, state: str) -> None:
        lang = self.ctx.language
        where = f"{self.key}  ({lang})" if self.key else _("No section")
        if self.lang is not None and not any(self.stored):
            state += "; " + _(
                "no {lang} text yet, readers see the {default} one",
                lang=lang,
                default=self.ctx.default_language,
            )
        self.query_one("#narr-status", Static).update(Text(f"{where}  ·  {state}"))

    # Actions -----------------------------------------------------------------------------

    def action_language(self) -> None:
        languages = self.ctx.languages
        self.save_now()
        following = languages[(languages.index(self.ctx.language) + 1) % len(languages)]
        self.ask(ShowTextsIn(following))

    def action_new_section(self) -> None:
        ctx = self.ctx
        added: list[tuple[str, RowChange]] = []

        def save(row: BaseModel) -> None:
            values: dict[str, Any] = row.model_dump(include={"key", "title", "i18n"})
            added.append((values["key"], add_section(ctx.store, ctx.plan_id, values)))

        def done(row: BaseModel | None) -> None:
            if row is not None and added:
                self._wanted, change = added[-1]
                self.edited(change)

        self.save_now()
        self.app.push_screen(RowForm(ctx, NEW_SECTION, None, {}, save), done)

    def action_delete_section(self) -> None:
        key = self._current()
        if key is not None:
            self.save_now()
            question = _("Delete section {key} with its translations?", key=key)
            self.confirm_delete(t.Section, "section", key, question)
