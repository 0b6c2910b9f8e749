"""Forms that record follow-up in the app: where an item stands, and a measure's reading.

Both validate their values with the input models (:class:`~roadmap.model.evidence.
ProgressUpdateIn`, :class:`~roadmap.model.evidence.MeasureValueIn`) and store them through
:mod:`roadmap.services.followup` (in a worker, like every form's save); a problem is shown under
its field and nothing is stored. Dates are typed as in the item editor (31.3.2027 or ISO).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ValidationError

from roadmap.clock import today
from roadmap.i18n import N_, _
from roadmap.i18n.terms import DATE_HINT, HEALTH, STATUS, typed_date
from roadmap.model.evidence import MeasureValueIn, ProgressUpdateIn
from roadmap.model.inputs import PlanDoc
from roadmap.model.typed_words import parse_date
from roadmap.services.context import PlanContext
from roadmap.services.followup import record_measure, record_progress
from roadmap.tui.dialogs.form import SELECT, Choices, Field, FormDialog, messages_of

STATUSES = ("in_progress", "planned", "done", "dropped")


def _number(values: dict[str, Any], name: str, errors: dict[str, str]) -> float | None:
    text = str(values.get(name) or "").strip().replace(",", ".").rstrip("%").strip()
    try:
        return float(text)
    except ValueError:
        errors[name] = _("Give a number")
        return None


def _date(values: dict[str, Any], errors: dict[str, str]) -> object:
    """The typed date (31.3.2027 or ISO); an empty field is left to the input model."""
    text = str(values.get("date") or "").strip()
    if not text:
        return text
    try:
        return parse_date(text)
    except ValueError as exc:
        errors["date"] = str(exc)
        return None


class ProgressForm(FormDialog):
    """An update of an item under way; dismissed with the item's key once stored."""

    required_selects = ("health", "status")
    typed_meanwhile = N_(
        "Saved. What you typed while it was saving is not saved yet; Ctrl+S saves it as "
        "another entry."
    )
    fixed_choices: ClassVar[dict[str, dict[str, str]]] = {
        "health": HEALTH,
        "status": {code: STATUS[code] for code in STATUSES},
    }

    def __init__(self, ctx: PlanContext, doc: PlanDoc) -> None:
        super().__init__()
        self.ctx = ctx
        self.heading = _("Progress of an item")
        self.choices: dict[str, Choices] = {
            "item": [(i.key, i.title) for i in doc.items if i.status not in ("done", "dropped")],
            "responsible": [(p.key, p.role or p.key) for p in doc.people],
        }

    def form_fields(self) -> list[Field]:
        return [
            Field("item", _("Item"), SELECT),
            Field("done", _("Done"), hint="0-100 %"),
            Field("health", _("Health"), SELECT),
            Field("status", _("Status"), SELECT),
            Field("note", _("Note")),
            Field("date", _("Date"), hint=DATE_HINT),
            Field("responsible", _("Responsible"), SELECT),
        ]

    def on_mount(self) -> None:
        self.fill({"health": "on_track", "status": "in_progress", "date": typed_date(today())})

    def action_save(self) -> None:
        if self.saving:
            return  # one save at a time; the running one says how it went
        values = self.values()
        errors: dict[str, str] = {}
        day = _date(values, errors)
        done = _number(values, "done", errors)
        if not values.get("item"):
            errors["item"] = _("Choose an item")
        update = None
        if done is not None and "date" not in errors:
            try:
                update = ProgressUpdateIn.model_validate(
                    {
                        "date": day,
                        "status": values["status"],
                        "done": done / 100,
                        "health": values["health"],
                        "note": values["note"],
                    }
                )
            except ValidationError as exc:
                errors.update(messages_of(exc))
        if errors or update is None:
            self.show_errors(errors, _("Not saved"))
            return
        ctx, item = self.ctx, values["item"]

        def store() -> str:
            record_progress(ctx.store, ctx.plan_id, item, update, responsible=values["responsible"])
            return item

        self.save_in_background(store, values)


class MeasureForm(FormDialog):
    """A reading of a measure; dismissed with the measure's key once stored."""

    required_selects = ()
    typed_meanwhile = N_(
        "Saved. What you typed while it was saving is not saved yet; Ctrl+S saves it as "
        "another entry."
    )

    def __init__(self, ctx: PlanContext, doc: PlanDoc) -> None:
        super().__init__()
        self.ctx = ctx
        self.heading = _("Reading of a measure")
        self.choices: dict[str, Choices] = {
            "measure": [(m.key, m.name) for g in doc.goals for m in g.measures]
        }

    def form_fields(self) -> list[Field]:
        return [
            Field("measure", _("Measure"), SELECT),
            Field("value", _("Value")),
            Field("date", _("Date"), hint=DATE_HINT),
            Field("note", _("Note")),
        ]

    def on_mount(self) -> None:
        self.fill({"date": typed_date(today())})

    def action_save(self) -> None:
        if self.saving:
            return  # one save at a time; the running one says how it went
        values = self.values()
        errors: dict[str, str] = {}
        day = _date(values, errors)
        value = _number(values, "value", errors)
        if not values.get("measure"):
            errors["measure"] = _("Choose a measure")
        reading = None
        if value is not None and "date" not in errors:
            try:
                reading = MeasureValueIn.model_validate(
                    {"date": day, "value": value, "note": values["note"]}
                )
            except ValidationError as exc:
                errors.update(messages_of(exc))
        if errors or reading is None:
            self.show_errors(errors, _("Not saved"))
            return
        ctx, measure = self.ctx, values["measure"]

        def store() -> str:
            record_measure(ctx.store, ctx.plan_id, measure, reading)
            return measure

        self.save_in_background(store, values)
