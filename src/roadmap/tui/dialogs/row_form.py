"""The form for the plan's smaller tables: stakeholders, needs, sources, teams, sections.

A :class:`RowSpec` names the fields, their translations and the input model that validates
them (:mod:`roadmap.model.inputs`); :class:`RowForm` shows them, validates on Ctrl+S, and hands
the validated model to the caller's ``save``, which stores it in one short transaction (in a
worker, like every form's save: :meth:`~roadmap.tui.dialogs.form.FormDialog.save_in_background`).
A :class:`FieldError` from ``save`` (a key taken, a period the calendar does not know) appears
under its field and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from roadmap.i18n import N_, _
from roadmap.services.context import PlanContext
from roadmap.tui.dialogs.form import (
    TEXT,
    Choices,
    Field,
    FormDialog,
    messages_of,
    split_translations,
    translation_fields,
)


class FieldError(ValueError):
    """What is wrong with one field, found when storing."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


ROW_NAMES = {
    "item": N_("item"),
    "stakeholder": N_("stakeholder"),
    "need": N_("need"),
    "source": N_("information source"),
    "team": N_("team"),
    "section": N_("section"),
}
"""What a row of each kind is called in messages about it."""


def row_name(what: str, *, start: bool = False) -> str:
    """What a row of kind ``what`` is called, in the interface's language; capitalised to
    ``start`` a sentence."""
    name = _(ROW_NAMES.get(what, what))
    return name[:1].upper() + name[1:] if start else name


@dataclass(frozen=True)
class RowSpec:
    """One kind of row as the form edits it."""

    what: str
    """What a row is called ("stakeholder")."""
    schema: type[BaseModel]
    fields: tuple[Field, ...]
    translated: tuple[Field, ...] = ()
    """Fields that other languages of the plan have a version of."""
    prepare: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda raw: raw)
    """Turns form values into what :attr:`schema` reads (text into lists, for instance)."""


class RowForm(FormDialog):
    """Edit a row of ``spec`` (``key`` None: a new one) starting from ``values``."""

    def __init__(
        self,
        ctx: PlanContext,
        spec: RowSpec,
        key: str | None,
        values: dict[str, Any],
        save: Callable[[BaseModel], None],
        choices: dict[str, Choices] | None = None,
    ) -> None:
        super().__init__()
        self.ctx, self.spec, self.key = ctx, spec, key
        self.initial, self.save = values, save
        self.choices = choices or {}
        self.heading = (
            _("{what} {key}", what=row_name(spec.what, start=True), key=key)
            if key
            else _("New: {what}", what=row_name(spec.what))
        )

    def form_fields(self) -> list[Field]:
        ctx = self.ctx
        return [
            *self.spec.fields,
            *translation_fields(ctx.languages, ctx.default_language, self.spec.translated),
        ]

    def on_mount(self) -> None:
        self.fill(self.initial)
        self.query_one("Input, TextArea, Select").focus()

    def validated(self) -> tuple[BaseModel | None, dict[str, str]]:
        """The row the form describes, or the messages per field that say what is wrong."""
        plain, i18n = split_translations(self.values())
        kinds = {f.name: f.kind for f in self.spec.fields}
        raw = {
            name: value.strip() if kinds.get(name) == TEXT and isinstance(value, str) else value
            for name, value in plain.items()
        }
        if "i18n" in self.spec.schema.model_fields:
            raw["i18n"] = i18n
        try:
            return self.spec.schema.model_validate(self.spec.prepare(raw)), {}
        except ValidationError as exc:
            return None, messages_of(exc)
        except FieldError as exc:
            return None, {exc.name: str(exc)}

    def action_save(self) -> None:
        if self.saving:
            return  # one save at a time; the running one says how it went
        typed = self.values()
        row, errors = self.validated()
        if row is None:
            self.show_errors(errors, _("Please correct the fields marked below."))
            return
        save = self.save

        def store() -> BaseModel:
            save(row)
            return row

        self.save_in_background(store, typed)

    def refused(self, exc: Exception) -> bool:
        if isinstance(exc, FieldError):
            self.show_errors({exc.name: str(exc)})
            return True
        return super().refused(exc)
