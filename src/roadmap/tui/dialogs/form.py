"""What every modal form of the app shares: fields, their widgets, values in and out, messages.

A form is a list of :class:`Field` objects. :class:`FormDialog` composes a label, a widget and
a message line per field, fills the widgets from a dict of values and reads them back, and
shows validation messages (from :func:`messages_of`) under their fields. The item editor and
the row form (stakeholders, needs, sources, teams, sections) are both built on it. Labels and
messages are shown literally, whatever the user typed. Its text fields take the keys in the
order they were typed (:mod:`roadmap.tui.widgets.fields`), and Ctrl+S saves only after what
was typed before it. When another process changes the plan, a form keeps what was typed and
says so on its banner (:meth:`FormDialog.changed_elsewhere`). Every form saves in a worker
(:meth:`FormDialog.save_in_background`): a database locked by another program keeps the store
retrying for a while, and meanwhile the form says "Saving…", the app answers keys and what is
typed stays; a save the database cannot take (read-only, locked past the retries) is said in
plain words with the typed values kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from roadmap.i18n import N_, _
from roadmap.i18n.terms import choices
from roadmap.i18n.validation import error_message
from roadmap.services.context import PlanContext
from roadmap.services.items import KeyTakenError, NotFoundError
from roadmap.services.plans import explain
from roadmap.tui.widgets.fields import FieldArea, FieldInput
from roadmap.tui.worded import WordedBindings

TEXT, AREA, SELECT, CHECK, MULTI = "text", "area", "select", "check", "multi"

Choices = list[tuple[str, str]]
"""``(key, name)`` of the rows a select or a multiple choice offers."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    """The value's name; ``lang.field`` for a translation."""
    label: str
    kind: str = TEXT
    hint: str = ""


def wid(name: str) -> str:
    """The id of the widget of field ``name``."""
    return "f-" + name.replace(".", "-")


Lang = TypeVar("Lang", bound=str)
"""A language code: a plain string, or an item's :class:`~roadmap.model.enums.Language`."""


def translation_fields(
    languages: Iterable[str], default: str, fields: Iterable[Field]
) -> list[Field]:
    """A field per other language and translatable field (``en.name``: "Name (en)")."""
    return [
        Field(f"{lang}.{f.name}", f"{_(f.label)} ({lang})", f.kind)
        for lang in languages
        if lang != default
        for f in fields
    ]


def translation_values(i18n: Mapping[Lang, Mapping[str, str]]) -> dict[str, str]:
    """Stored translations as form values (``{"en": {"name": ...}}`` -> ``{"en.name": ...}``)."""
    return {f"{lang}.{name}": text for lang, texts in i18n.items() for name, text in texts.items()}


def messages_of(exc: ValidationError) -> dict[str, str]:
    """The first message per field of a failed validation, keyed like the form's fields."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        loc = error["loc"]
        name = f"{loc[1]}.{loc[2]}" if loc[0] == "i18n" and len(loc) > 2 else str(loc[0])
        errors.setdefault(name, error_message(error))
    return errors


def split_translations(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, dict]]:
    """Form values without the translations, and the non-empty translations as ``i18n``."""
    plain: dict[str, Any] = {}
    i18n: dict[str, dict[str, str]] = {}
    for name, value in values.items():
        if "." in name:
            lang, field = name.split(".", 1)
            if value.strip():
                i18n.setdefault(lang, {})[field] = value
        else:
            plain[name] = value
    return plain, i18n


def _message(id: str, classes: str) -> Static:
    """A line for a message, hidden while there is none (CSS ``:empty`` matches every
    ``Static``, whatever it shows, so it cannot tell)."""
    line = Static("", id=id, classes=classes)
    line.display = False
    return line


def _say(line: Static, text: str) -> None:
    """Show ``text`` (literally) on a message line, or hide the line when ``text`` is empty."""
    line.update(Text(text))
    line.display = bool(text)


def _announce(banner: Static, text: str, *, saving: bool = False) -> None:
    """Show ``text`` on the banner: calm while a save runs, as a warning otherwise."""
    banner.set_class(saving, "saving")
    banner.set_class(not saving, "error")
    _say(banner, text)


class FormDialog(WordedBindings, ModalScreen):
    """A modal form; subclasses say which fields it has and what saving does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority key: it reaches the form after the keys typed before it.
        Binding("ctrl+s", "save", N_("Save")),
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+q", "quit", N_("Quit"), show=False),
    ]

    ctx: PlanContext
    choices: dict[str, Choices]
    fixed_choices: ClassVar[dict[str, dict[str, str]]] = {}
    """Code -> message of the fields whose choices are fixed words (statuses, MoSCoW)."""
    required_selects: ClassVar[tuple[str, ...]] = ()

    heading: str = ""

    def form_fields(self) -> list[Field]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.heading), classes="dialog-title")
            yield _message("banner", "error")
            with VerticalScroll(id="form"):
                for f in self.form_fields():
                    yield from self.field(f)
            with Horizontal(classes="buttons"):
                yield Button(_("Save") + "  ^S", variant="primary", id="save")
                yield Button(_("Cancel") + "  Esc", id="cancel")
        yield Footer()

    def field(self, f: Field) -> ComposeResult:
        yield Label(
            Text(_(f.label) + (f"  ({_(f.hint)})" if f.hint else "")), classes="field-label"
        )
        name = wid(f.name)
        widget: Widget
        if f.kind == AREA:
            widget = FieldArea(id=name, classes="field-area", soft_wrap=True)
        elif f.kind == SELECT:
            options = (
                choices(self.fixed_choices[f.name])
                if f.name in self.fixed_choices
                else [(Text(f"{key}  {label}"), key) for key, label in self.choices[f.name]]
            )
            widget = Select(
                options,
                id=name,
                allow_blank=f.name not in self.required_selects,
                prompt=_("Select"),
            )
        elif f.kind == CHECK:
            widget = Checkbox(id=name)
        elif f.kind == MULTI:
            widget = SelectionList(
                *((Text(f"{key}  {label}"), key) for key, label in self.choices[f.name]),
                id=name,
                classes="field-multi",
            )
        else:
            widget = FieldInput(id=name)
        yield widget
        yield _message("e-" + name[2:], "field-error")

    def _names(self) -> list[str]:
        return [f.name for f in self.form_fields()]

    def fill(self, values: dict[str, Any]) -> None:
        for name in self._names():
            widget = self.query_one(f"#{wid(name)}")
            value = values.get(name)
            if isinstance(widget, TextArea):
                widget.load_text(value or "")
            elif isinstance(widget, Select):
                widget.value = value if value else Select.NULL
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, SelectionList):
                widget.deselect_all()
                for key in value or ():
                    widget.select(key)
            elif isinstance(widget, Input):
                widget.value = "" if value is None else str(value)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self._names():
            widget = self.query_one(f"#{wid(name)}")
            if isinstance(widget, TextArea):
                out[name] = widget.text
            elif isinstance(widget, Select):
                out[name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                out[name] = list(widget.selected)
            elif isinstance(widget, Input | Checkbox):
                out[name] = widget.value
        return out

    saving = False
    """A save runs (in a worker): a second one waits, and Esc (or quitting) closes the form
    (the app) only after it."""
    _after_save = ""

    def start_saving(self) -> None:
        """Show that a save runs: the fields stay as typed (and take keys), Save is off."""
        self.saving, self._after_save = True, ""
        self.query_one("#save", Button).disabled = True
        self.show_errors({})
        self.say(_("Saving…"), saving=True)

    def stop_saving(self) -> str:
        """The save ended: Save is on again. What was asked meanwhile: ``"close"`` (Esc),
        ``"quit"`` (Ctrl+Q) or nothing (``""``)."""
        self.saving = False
        self.query_one("#save", Button).disabled = False
        return self._after_save

    def changed_elsewhere(self) -> None:
        """Another process changed the plan. The form does not refill; it says so and keeps
        the typed values (the item editor says which fields changed)."""
        if not self.saving:
            self.say(_("The plan was changed elsewhere. What you typed is kept."))

    def say(self, banner: str, *, saving: bool = False) -> None:
        """Show ``banner`` above the fields, leaving their messages and values as they are
        (``saving``: it tells of a save under way, not of a problem)."""
        _announce(self.query_one("#banner", Static), banner, saving=saving)

    def show_errors(self, errors: dict[str, str], banner: str = "") -> None:
        for name in self._names():
            _say(self.query_one(f"#e-{wid(name)[2:]}", Static), errors.get(name, ""))
        self.say(banner)
        if errors:
            first = next((name for name in self._names() if name in errors), None)
            if first is not None:
                self.query_one(f"#{wid(first)}").focus()

    def on_mount(self) -> None:
        """Remember the values the form opened with (after a subclass's ``on_mount`` filled it),
        so that Esc knows whether anything typed would be lost."""
        self.opened_with = self.values()

    def changed(self) -> None:
        """A value changed (the item editor keeps a draft)."""

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _on_change(self) -> None:
        self.changed()

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        raise NotImplementedError

    typed_meanwhile: str = N_(
        "Saved. What you typed while it was saving is not saved yet; Ctrl+S saves it."
    )
    """What the form says when something was typed while a save ran (a form that adds an
    entry says that the next save adds another)."""
    stored_as: Any = None
    """What the last save stored, handed to the caller when the form closes."""

    def save_in_background(self, store: Callable[[], Any], typed: dict[str, Any]) -> None:
        """Run ``store`` (which writes what the form says, as ``typed``) in a worker, the form
        saying "Saving…" meanwhile; :meth:`saved` or :meth:`refused` tell how it went."""
        self.start_saving()
        self._store_in_worker(store, typed)

    @work(thread=True, group="save")
    def _store_in_worker(self, store: Callable[[], Any], typed: dict[str, Any]) -> None:
        try:
            result = store()
        except Exception as exc:
            problem = explain(exc, self.ctx.store.describe())
            self.app.call_from_thread(self._not_stored, exc, problem)
            return
        self.app.call_from_thread(self._stored, result, typed)

    def _not_stored(self, exc: Exception, problem: str | None) -> None:
        self.stop_saving()  # a failed save keeps the form (and the app) open
        if self.refused(exc):
            return
        if problem is None:
            raise exc
        self.show_errors({}, _("Not saved: {problem} What you typed is kept.", problem=problem))
        self.notify(problem, title=_("Not saved"), severity="error", markup=False)

    def refused(self, exc: Exception) -> bool:
        """Show why the store refused the values (False: not a refusal this form knows)."""
        if isinstance(exc, KeyTakenError):
            self.show_errors({"key": str(exc)})
        elif isinstance(exc, ValidationError):
            self.show_errors(messages_of(exc), _("Please correct the fields marked below."))
        elif isinstance(exc, NotFoundError):
            self.show_errors({}, str(exc))
        else:
            return False
        return True

    def _stored(self, result: Any, typed: dict[str, Any]) -> None:
        after = self.stop_saving()
        self.saved(result, typed, after)
        if after == "quit":
            self.app.exit()

    def saved(self, result: Any, typed: dict[str, Any], after: str) -> None:
        """The save stored ``result``: close with it, unless something was typed while it ran
        (that stays, said to be unsaved; Esc, if pressed meanwhile, then asks about it)."""
        self.stored_as = result
        if self.values() == typed:
            self.dismiss(result)
            return
        self.opened_with = typed
        self.say(_(self.typed_meanwhile))
        if after == "close":
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close without saving; when something was typed, only after asking; while a save
        runs, once it is done."""
        if self.saving:
            self._after_save = self._after_save or "close"
            self.say(_("Saving… The form closes once the save is done."), saving=True)
            return
        if self.values() == getattr(self, "opened_with", None):
            self.dismiss(self.stored_as)
            return
        from roadmap.tui.dialogs.confirm import Confirm

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(self.stored_as)

        self.app.push_screen(
            Confirm(_("Throw away the changes you typed?"), _("Throw away")), answer
        )

    def action_quit(self) -> None:
        """Quit the app; while a save runs, once it is done (a failed save keeps the app open
        and says why)."""
        if self.saving:
            self._after_save = "quit"
            self.say(_("Saving… The app closes once the save is done."), saving=True)
            return
        self.app.exit()
