"""The item editor: every field of an item, its links and translations, in one modal form.

Input is validated by :class:`roadmap.model.inputs.ItemIn` (and the plan's calendar for the
pinned period); each message appears under its field. Ctrl+S saves the fields the form
changed in one short transaction, refused if someone else changed one of those fields since the
form read the item; Escape cancels. While the form is open its values (and the item as read)
are kept as a draft file (see :mod:`roadmap.services.prefs`), so a crash does not lose them.

The form never writes over what was typed: when another process changes the item meanwhile, a
banner names the fields it changed and the typed values stay (Ctrl+R loads the stored ones);
a save the database cannot take (read-only, locked past the retries) says why in plain words
and keeps the form open as it was. The save runs in a worker thread: while the database is
locked by another program the form says "Saving…", the app answers keys, a second Ctrl+S waits
and Esc closes the form (Ctrl+Q the app) once the save is done.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import work
from textual.binding import Binding, BindingType

from roadmap.i18n import N_, _
from roadmap.i18n.terms import DATE_HINT, MOSCOW, STATUS, typed_date
from roadmap.model import tables as t
from roadmap.model.enums import ItemStatus
from roadmap.model.inputs import ItemIn
from roadmap.model.periods import PeriodError
from roadmap.model.typed_words import parse_date, parse_number, split_list
from roadmap.services.context import PlanContext
from roadmap.services.items import (
    NotFoundError,
    WriteConflict,
    item_for_editor,
    save_item,
)
from roadmap.tui.dialogs.form import (
    AREA,
    CHECK,
    MULTI,
    SELECT,
    Choices,
    Field,
    FormDialog,
    messages_of,
    split_translations,
    translation_fields,
    translation_values,
    wid,
)

FIELDS = (
    Field("key", N_("Key")),
    Field("title", N_("Title")),
    Field("description", N_("Description (Markdown)"), AREA),
    Field("theme", N_("Theme"), SELECT),
    Field("organisation", N_("Owner organisation"), SELECT),
    Field("team", N_("Team"), SELECT),
    Field("status", N_("Status"), SELECT),
    Field("moscow", N_("MoSCoW"), SELECT),
    Field("effort", N_("Effort"), hint=N_("effort units; a team's capacity counts the same units")),
    Field("confidence", N_("Confidence"), hint=N_("0-1")),
    Field("reach", N_("Reach"), hint=N_("RICE: people reached")),
    Field("impact", N_("Impact"), hint=N_("RICE: impact per person")),
    Field("cost_of_delay", N_("Cost of delay"), hint=N_("WSJF")),
    Field("mandatory", N_("Mandatory (required whatever its score)"), CHECK),
    Field("pinned_period", N_("Pinned period"), hint=N_("e.g. 2027-Q2; empty: the engine decides")),
    Field("earliest_start", N_("Earliest start"), hint=DATE_HINT),
    Field("deadline", N_("Deadline"), hint=DATE_HINT),
    Field("tags", N_("Tags"), hint=N_("separated by commas")),
    Field("needs", N_("Needs it answers"), MULTI),
    Field("sources", N_("Information sources it concerns"), MULTI),
    Field("organisations", N_("Organisations it affects"), MULTI),
)
_NUMBERED = re.compile(r"(.*?)(\d+)")
"""A key that ends in a number, and what comes before it."""
OPTIONAL_NUMBERS = ("reach", "impact", "cost_of_delay")
TYPED: dict[str, Callable[[str], float | date]] = {
    **dict.fromkeys(("effort", "confidence", *OPTIONAL_NUMBERS), parse_number),
    **dict.fromkeys(("earliest_start", "deadline"), parse_date),
}
"""Fields read as people type them: numbers with a decimal comma, dates as d.m.yyyy."""
LINKED = {"theme": t.Theme, "organisation": t.Organisation, "team": t.Team}
LINKED_LISTS = {"needs": t.Need, "sources": t.InfoSource, "organisations": t.Organisation}
FIXED_CHOICES = {
    "status": STATUS,
    "moscow": MOSCOW,
}


def values_of(item: ItemIn) -> dict[str, Any]:
    """Form values (strings, booleans, key lists) of a stored item."""
    values: dict[str, Any] = {}
    for f in FIELDS:
        value = getattr(item, f.name)
        if f.kind in (CHECK, MULTI, SELECT):
            values[f.name] = list(value) if f.kind == MULTI else value
        elif f.name == "tags":
            values[f.name] = ", ".join(value)
        elif isinstance(value, date):
            values[f.name] = typed_date(value)
        else:
            values[f.name] = "" if value is None else str(value)
    values.update(translation_values(item.i18n))
    return values


def item_of(values: dict[str, Any], calendar) -> tuple[ItemIn | None, dict[str, str]]:
    """The item the form describes, or the messages per field that say what is wrong."""
    from roadmap.model.periods import period_index

    plain, i18n = split_translations(values)
    raw: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in plain.items():
        if name == "tags":
            raw[name] = split_list(value)
        elif name in TYPED and isinstance(value, str) and value.strip():
            try:  # "2,5" and "31.3.2027" as people type them (roadmap.model.typed_words)
                raw[name] = TYPED[name](value)
            except ValueError as exc:
                errors[name] = str(exc)
        elif isinstance(value, str) and name != "description" and not value.strip():
            raw[name] = (
                None
                if name in (*OPTIONAL_NUMBERS, "pinned_period", "earliest_start", "deadline")
                else value.strip()
            )
        else:
            raw[name] = value.strip() if isinstance(value, str) and name != "description" else value
    raw["i18n"] = i18n
    if raw.get("pinned_period"):
        try:
            period_index(calendar, raw["pinned_period"])
        except PeriodError as exc:
            errors["pinned_period"] = str(exc)
    try:
        item = ItemIn.model_validate({k: v for k, v in raw.items() if k not in errors})
    except ValidationError as exc:
        return None, {**messages_of(exc), **errors}
    return (None, errors) if errors else (item, errors)


@dataclass(frozen=True, slots=True)
class Saved:
    """What the editor stored: the item before (``None`` when new) and after, as stored."""

    before: ItemIn | None
    after: ItemIn


@dataclass(frozen=True, slots=True)
class Loaded:
    """What the editor shows: the choices of its selects, and the stored item."""

    choices: dict[str, Choices]
    before: ItemIn | None
    next_key: str = ""
    """The key a new item is offered: the next free one after the plan's keys."""


def next_key(keys: Iterable[str]) -> str:
    """The key after the highest of the most common ``PREFIX-number`` form among ``keys``
    (``CI-1`` for a plan without such keys).

    >>> next_key(["CI-1", "CI-38", "CI-9", "X-100", "notes"])
    'CI-39'
    >>> next_key([])
    'CI-1'
    """
    highest: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for key in keys:
        match = _NUMBERED.fullmatch(key)
        if match:
            prefix, number = match.group(1), int(match.group(2))
            counts[prefix] += 1
            highest[prefix] = max(highest.get(prefix, 0), number)
    if not counts:
        return "CI-1"
    prefix = counts.most_common(1)[0][0]
    return f"{prefix}{highest[prefix] + 1}"


def load(ctx: PlanContext, key: str | None) -> Loaded:
    """Read what the editor of item ``key`` (None: a new item) needs, in one short read.

    Raises :class:`roadmap.services.items.NotFoundError` when the item is gone.
    """
    choices, before, keys = item_for_editor(ctx.store, ctx.plan_id, key, {**LINKED, **LINKED_LISTS})
    if before is None:
        return Loaded(choices, None, next_key(keys))
    return Loaded(choices, before)


def changed_fields(before: ItemIn, after: ItemIn) -> list[str]:
    """The names (as the form labels them) of the form's fields that differ between two
    versions of an item; translations count as one."""
    names = [_(f.label) for f in FIELDS if getattr(before, f.name) != getattr(after, f.name)]
    if before.i18n != after.i18n:
        names.append(_("Translations"))
    return names


class ItemEditor(FormDialog):
    """Edit one item, or create one (``key`` None), from what :func:`load` read."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "reload", N_("Reload stored"), show=False),
    ]
    fixed_choices = FIXED_CHOICES
    required_selects = ("status",)

    def __init__(
        self,
        ctx: PlanContext,
        key: str | None,
        loaded: Loaded,
        *,
        draft: dict[str, Any] | None = None,
        on_draft=None,
        on_saved: Callable[[Saved], None] | None = None,
    ) -> None:
        super().__init__()
        self.ctx, self.key = ctx, key
        self._draft = draft
        self._on_draft = on_draft
        self._on_saved = on_saved
        """Told of a save after which the form stays open (typed while it ran)."""
        self.choices = loaded.choices
        self.heading = _("Item {key}", key=key) if key else _("New item")
        self.before = loaded.before
        self.next_key = loaded.next_key
        self._ready = False
        if draft is not None and draft.get("read"):
            self.before = ItemIn.model_validate(draft["read"])  # the edit began from this

    def form_fields(self) -> list[Field]:
        texts = (Field("title", N_("Title")), Field("description", N_("Description"), AREA))
        return [
            *FIELDS,
            *translation_fields(self.ctx.languages, self.ctx.default_language, texts),
        ]

    def on_mount(self) -> None:
        if self._draft is not None:
            self.fill(self._draft.get("values", {}))
        elif self.before is not None:
            self.fill(values_of(self.before))
        else:
            self.fill(
                {
                    "key": self.next_key,
                    "status": ItemStatus.IDEA.value,
                    "effort": "1.0",
                    "confidence": "1.0",
                }
            )
        self._ready = True
        self.query_one(f"#{wid('title')}").focus()

    def changed(self) -> None:
        if self._ready and self._on_draft is not None:
            read = None if self.before is None else self.before.model_dump(mode="json")
            self._on_draft({"key": self.key, "read": read, "values": self.values()})

    # Actions -----------------------------------------------------------------------------

    def changed_elsewhere(self) -> None:
        """Another process changed the plan: read the item again (in a worker) and, if it
        changed, say so on the form. The typed values stay, and so does the item as the form
        read it, against which a save checks each field it writes. (While a save runs, its
        result says what happened.)"""
        if not self.saving and self.key is not None and self.before is not None:
            self._read_again(self.key)

    @work(thread=True, group="changed-elsewhere")
    def _read_again(self, key: str) -> None:
        try:
            stored = load(self.ctx, key).before
        except NotFoundError:
            stored = None
        self.app.call_from_thread(self._tell_changed, stored)

    def _tell_changed(self, stored: ItemIn | None) -> None:
        if self.before is None or not self.is_attached:
            return
        if stored is None:
            self.say(_("{key} was deleted elsewhere. What you typed is kept.", key=self.key))
            return
        fields = changed_fields(self.before, stored)
        if fields:
            self.say(
                _(
                    "{key} was changed elsewhere ({fields}). What you typed is kept; saving "
                    "refuses only the fields changed on both sides. Ctrl+R loads the stored "
                    "version.",
                    key=self.key,
                    fields=", ".join(fields),
                )
            )

    def action_save(self) -> None:
        if self.saving:
            return  # one save at a time; the running one says how it went
        typed = self.values()
        item, errors = item_of(typed, self.ctx.calendar)
        if item is None:
            self.show_errors(errors, _("Please correct the fields marked below."))
            return
        read, ctx = self.before, self.ctx
        self.save_in_background(
            lambda: save_item(ctx.store, ctx.plan_id, read=read, item=item), typed
        )

    def refused(self, exc: Exception) -> bool:
        if not isinstance(exc, WriteConflict):
            return super().refused(exc)
        self.show_errors(
            {},
            _("{problem}. Ctrl+R loads the stored version (your changes are lost).", problem=exc),
        )
        self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)
        return True

    def saved(self, stored: ItemIn, typed: dict[str, Any], after: str) -> None:
        """The save ended well: close, unless something was typed while it ran (that stays,
        and the next Ctrl+S saves it over the stored version)."""
        saved = Saved(self.before, stored)
        if self.values() == typed:
            self.dismiss(saved)
        else:
            self.before, self.key, self.opened_with = stored, stored.key, typed
            if self._on_saved is not None:
                self._on_saved(saved)
            self.say(
                _(
                    "{key} saved. What you typed while it was saving is not saved yet; "
                    "Ctrl+S saves it.",
                    key=stored.key,
                )
            )
            if after == "close":
                self.action_cancel()
        # After Ctrl+Q the app quits; what was typed since stays in the draft, offered next time.

    def action_reload(self) -> None:
        """Load the stored item over what was typed, read in a worker like the save."""
        if self.key is None or self.saving:
            return  # while a save runs, the form shows what it saves
        self._reload(self.key)

    @work(thread=True, group="reload", exclusive=True)
    def _reload(self, key: str) -> None:
        try:
            stored = load(self.ctx, key).before
        except NotFoundError:
            stored = None
        self.app.call_from_thread(self._reloaded, stored)

    def _reloaded(self, stored: ItemIn | None) -> None:
        if self.saving or not self.is_attached:
            return  # a save began meanwhile: the form shows what it saves
        if stored is None:
            self.say(_("{key} was deleted elsewhere. What you typed is kept.", key=self.key))
            return
        self.before = stored
        self.fill(values_of(stored))
        self.show_errors({})
