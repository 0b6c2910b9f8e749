"""Forms that record follow-up in the app: where an item stands, and a measure's reading.

Both validate their values with the input models (:class:`~roadmap.model.evidence.
ProgressUpdateIn`, :class:`~roadmap.model.evidence.MeasureValueIn`) and store them through
:mod:`roadmap.services.followup`; a problem is shown under its field and nothing is stored.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ValidationError

from roadmap.clock import today
from roadmap.i18n import _
from roadmap.i18n.terms import HEALTH, STATUS
from roadmap.model.evidence import MeasureValueIn, ProgressUpdateIn
from roadmap.model.inputs import PlanDoc
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


class ProgressForm(FormDialog):
    """An update of an item under way; dismissed with the item's key once stored."""

    required_selects = ("health", "status")
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
            Field("date", _("Date"), hint="YYYY-MM-DD"),
            Field("responsible", _("Responsible"), SELECT),
        ]

    def on_mount(self) -> None:
        self.fill({"health": "on_track", "status": "in_progress", "date": today().isoformat()})

    def action_save(self) -> None:
        values = self.values()
        errors: dict[str, str] = {}
        done = _number(values, "done", errors)
        if not values.get("item"):
            errors["item"] = _("Choose an item")
        update = None
        if done is not None:
            try:
                update = ProgressUpdateIn.model_validate(
                    {
                        "date": values["date"],
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
        ctx = self.ctx
        record_progress(
            ctx.store, ctx.plan_id, values["item"], update, responsible=values.get("responsible")
        )
        self.dismiss(values["item"])


class MeasureForm(FormDialog):
    """A reading of a measure; dismissed with the measure's key once stored."""

    required_selects = ()

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
            Field("date", _("Date"), hint="YYYY-MM-DD"),
            Field("note", _("Note")),
        ]

    def on_mount(self) -> None:
        self.fill({"date": today().isoformat()})

    def action_save(self) -> None:
        values = self.values()
        errors: dict[str, str] = {}
        value = _number(values, "value", errors)
        if not values.get("measure"):
            errors["measure"] = _("Choose a measure")
        reading = None
        if value is not None:
            try:
                reading = MeasureValueIn.model_validate(
                    {"date": values["date"], "value": value, "note": values["note"]}
                )
            except ValidationError as exc:
                errors.update(messages_of(exc))
        if errors or reading is None:
            self.show_errors(errors, _("Not saved"))
            return
        ctx = self.ctx
        record_measure(ctx.store, ctx.plan_id, values["measure"], reading)
        self.dismiss(values["measure"])
