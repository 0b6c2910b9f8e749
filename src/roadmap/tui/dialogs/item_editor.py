"""The item editor: every field of an item, its links and translations, in one modal form.

Input is validated by :class:`roadmap.model.inputs.ItemIn` (and the plan's calendar for the
pinned period); each message appears under its field. Ctrl+S saves in one short transaction
that refuses the edit if someone else saved the item meanwhile; Escape cancels. While the form
is open its values are kept as a draft file (see :mod:`roadmap.tui.prefs`), so a crash does
not lose them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from roadmap.model import tables as t
from roadmap.model.enums import ItemStatus, Moscow
from roadmap.model.inputs import ItemIn
from roadmap.model.periods import PeriodError
from roadmap.store import edits
from roadmap.store.repo import StaleEditError
from roadmap.tui.context import PlanContext

TEXT, AREA, SELECT, CHECK, MULTI = "text", "area", "select", "check", "multi"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: str = TEXT
    hint: str = ""


FIELDS = (
    Field("key", "Key"),
    Field("title", "Title"),
    Field("description", "Description (Markdown)", AREA),
    Field("theme", "Theme", SELECT),
    Field("organisation", "Owner organisation", SELECT),
    Field("team", "Team", SELECT),
    Field("status", "Status", SELECT),
    Field("moscow", "MoSCoW", SELECT),
    Field("effort", "Effort", hint="effort units; a team's capacity counts the same units"),
    Field("confidence", "Confidence", hint="0-1"),
    Field("reach", "Reach", hint="RICE: people reached"),
    Field("impact", "Impact", hint="RICE: impact per person"),
    Field("cost_of_delay", "Cost of delay", hint="WSJF"),
    Field("mandatory", "Mandatory (required whatever its score)", CHECK),
    Field("pinned_period", "Pinned period", hint="e.g. 2027-Q2; empty: the engine decides"),
    Field("earliest_start", "Earliest start", hint="YYYY-MM-DD"),
    Field("deadline", "Deadline", hint="YYYY-MM-DD"),
    Field("tags", "Tags", hint="separated by commas"),
    Field("needs", "Needs it answers", MULTI),
    Field("sources", "Information sources it concerns", MULTI),
    Field("organisations", "Organisations it affects", MULTI),
)
OPTIONAL_NUMBERS = ("reach", "impact", "cost_of_delay")
LINKED = {"theme": t.Theme, "organisation": t.Organisation, "team": t.Team}
LINKED_LISTS = {"needs": t.Need, "sources": t.InfoSource, "organisations": t.Organisation}
FIXED_CHOICES = {
    "status": [(s.value.replace("_", " "), s.value) for s in ItemStatus],
    "moscow": [(m.value, m.value) for m in Moscow],
}


def _wid(name: str) -> str:
    return "f-" + name.replace(".", "-")


def values_of(item: ItemIn) -> dict[str, Any]:
    """Form values (strings, booleans, key lists) of a stored item."""
    values: dict[str, Any] = {}
    for f in FIELDS:
        value = getattr(item, f.name)
        if f.kind in (CHECK, MULTI, SELECT):
            values[f.name] = list(value) if f.kind == MULTI else value
        elif f.name == "tags":
            values[f.name] = ", ".join(value)
        else:
            values[f.name] = "" if value is None else str(value)
    for lang, texts in item.i18n.items():
        for name, text in texts.items():
            values[f"{lang}.{name}"] = text
    return values


def item_of(values: dict[str, Any], calendar) -> tuple[ItemIn | None, dict[str, str]]:
    """The item the form describes, or the messages per field that say what is wrong."""
    from roadmap.store.plandoc import period_index

    raw: dict[str, Any] = {}
    i18n: dict[str, dict[str, str]] = {}
    for name, value in values.items():
        if "." in name:
            lang, field = name.split(".", 1)
            if value.strip():
                i18n.setdefault(lang, {})[field] = value
        elif name == "tags":
            raw[name] = [tag.strip() for tag in value.split(",") if tag.strip()]
        elif isinstance(value, str) and name != "description" and not value.strip():
            raw[name] = (
                None
                if name in (*OPTIONAL_NUMBERS, "pinned_period", "earliest_start", "deadline")
                else value.strip()
            )
        else:
            raw[name] = value.strip() if isinstance(value, str) and name != "description" else value
    raw["i18n"] = i18n
    errors: dict[str, str] = {}
    if raw.get("pinned_period"):
        try:
            period_index(calendar, raw["pinned_period"])
        except PeriodError as exc:
            errors["pinned_period"] = str(exc)
    try:
        item = ItemIn.model_validate(raw)
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            name = f"{loc[1]}.{loc[2]}" if loc[0] == "i18n" and len(loc) > 2 else str(loc[0])
            errors.setdefault(name, error["msg"].removeprefix("Value error, "))
        return None, errors
    return (None, errors) if errors else (item, errors)


@dataclass(frozen=True, slots=True)
class Saved:
    """What the editor stored: the item before (``None`` when new), after, and its version."""

    before: ItemIn | None
    after: ItemIn
    version: int


class ItemEditor(ModalScreen[Saved | None]):
    """Edit one item, or create one (``key`` None)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "reload", "Reload stored", show=False),
    ]

    def __init__(
        self,
        ctx: PlanContext,
        key: str | None,
        *,
        draft: dict[str, Any] | None = None,
        on_draft=None,
    ) -> None:
        super().__init__()
        self.ctx, self.key = ctx, key
        self._draft = draft
        self._on_draft = on_draft
        self.before: ItemIn | None = None
        self.version: int | None = None
        self._ready = False
        with ctx.store.read() as session:
            self.choices = {
                name: edits.keyed_names(session=session, plan_id=ctx.plan_id, model=model)
                for name, model in {**LINKED, **LINKED_LISTS}.items()
            }
            if key is not None:
                self.before, self.version = edits.read_item(
                    session=session, plan_id=ctx.plan_id, key=key
                )
        if draft is not None:
            self.version = draft.get("version", self.version)

    # Layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = f"Item {self.key}" if self.key else "New item"
        with Vertical(id="editor", classes="dialog"):
            yield Static(Text(title), classes="dialog-title")
            yield Static("", id="banner", classes="error")
            with VerticalScroll(id="form"):
                for f in FIELDS:
                    yield from self._field(f)
                for lang in self.ctx.languages:
                    if lang == self.ctx.default_language:
                        continue
                    yield Static(Text(f"Translation: {lang}"), classes="form-section")
                    yield from self._field(Field(f"{lang}.title", f"Title ({lang})"))
                    yield from self._field(
                        Field(f"{lang}.description", f"Description ({lang})", AREA)
                    )
            with Horizontal(classes="buttons"):
                yield Button("Save  ^S", variant="primary", id="save")
                yield Button("Cancel  Esc", id="cancel")

    def _field(self, f: Field) -> ComposeResult:
        yield Label(Text(f.label + (f"  ({f.hint})" if f.hint else "")), classes="field-label")
        wid = _wid(f.name)
        widget: Widget
        if f.kind == AREA:
            widget = TextArea(id=wid, classes="field-area", soft_wrap=True)
        elif f.kind == SELECT:
            options = FIXED_CHOICES.get(f.name) or [
                (Text(f"{key}  {name}"), key) for key, name in self.choices[f.name]
            ]
            widget = Select(options, id=wid, allow_blank=f.name != "status")
        elif f.kind == CHECK:
            widget = Checkbox(id=wid)
        elif f.kind == MULTI:
            widget = SelectionList(
                *((Text(f"{key}  {name}"), key) for key, name in self.choices[f.name]),
                id=wid,
                classes="field-multi",
            )
        else:
            widget = Input(id=wid)
        yield widget
        yield Static("", id="e-" + wid[2:], classes="field-error")

    def on_mount(self) -> None:
        if self._draft is not None:
            self.fill(self._draft.get("values", {}))
        elif self.before is not None:
            self.fill(values_of(self.before))
        else:
            self.fill({"status": ItemStatus.IDEA.value, "effort": "1.0", "confidence": "1.0"})
        self._ready = True
        self.query_one(f"#{_wid('title' if self.key else 'key')}").focus()

    # Values ------------------------------------------------------------------------------

    def _names(self) -> list[str]:
        names = [f.name for f in FIELDS]
        for lang in self.ctx.languages:
            if lang != self.ctx.default_language:
                names += [f"{lang}.title", f"{lang}.description"]
        return names

    def fill(self, values: dict[str, Any]) -> None:
        for name in self._names():
            widget = self.query_one(f"#{_wid(name)}")
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
            else:
                widget.value = value or ""

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self._names():
            widget = self.query_one(f"#{_wid(name)}")
            if isinstance(widget, TextArea):
                out[name] = widget.text
            elif isinstance(widget, Select):
                out[name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                out[name] = list(widget.selected)
            else:
                out[name] = widget.value
        return out

    def _changed(self) -> None:
        if self._ready and self._on_draft is not None:
            self._on_draft({"key": self.key, "version": self.version, "values": self.values()})

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _on_change(self) -> None:
        self._changed()

    def show_errors(self, errors: dict[str, str], banner: str = "") -> None:
        for name in self._names():
            self.query_one(f"#e-{_wid(name)[2:]}", Static).update(Text(errors.get(name, "")))
        self.query_one("#banner", Static).update(Text(banner))
        if errors:
            first = next(name for name in self._names() if name in errors)
            self.query_one(f"#{_wid(first)}").focus()

    # Actions -----------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        item, errors = item_of(self.values(), self.ctx.calendar)
        if item is None:
            self.show_errors(errors, "Please correct the fields marked below.")
            return
        ctx = self.ctx
        try:
            with ctx.store.write() as session:
                version = edits.save_item(
                    session=session,
                    plan_id=ctx.plan_id,
                    item=item,
                    original_key=self.key,
                    expected_version=self.version,
                )
        except edits.KeyTakenError as exc:
            self.show_errors({"key": str(exc)})
            return
        except StaleEditError as exc:
            self.show_errors({}, f"{exc}. Ctrl+R loads the stored version (your changes are lost).")
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self.dismiss(Saved(self.before, item, version))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        if self.key is None:
            return
        with self.ctx.store.read() as session:
            self.before, self.version = edits.read_item(
                session=session, plan_id=self.ctx.plan_id, key=self.key
            )
        self.fill(values_of(self.before))
        self.show_errors({})
