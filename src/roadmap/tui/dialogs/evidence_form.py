"""The form that records a piece of evidence during or right after an interview: one screen,
keyboard only (Tab between fields, Ctrl+S saves, Escape cancels).

The choices (actors, needs, people) come from the plan the caller read; saving validates the
values as :class:`~roadmap.model.evidence.EvidenceIn` and stores them with
:func:`roadmap.services.followup.add_evidence` (in a worker, like every form's save), showing
every problem under its field. The date is typed as the item editor's are (31.3.2027 or ISO).
"""

from __future__ import annotations

from typing import ClassVar

from roadmap.clock import today
from roadmap.i18n import N_, _
from roadmap.i18n.terms import DATE_HINT, EVIDENCE_METHOD, typed_date
from roadmap.model.inputs import PlanDoc
from roadmap.model.typed_words import parse_date
from roadmap.services.context import PlanContext
from roadmap.services.followup import add_evidence
from roadmap.tui.dialogs.form import (
    AREA,
    CHECK,
    MULTI,
    SELECT,
    Choices,
    Field,
    FormDialog,
)


class EvidenceForm(FormDialog):
    """A new piece of evidence; dismissed with its key once stored."""

    required_selects = ("method",)
    typed_meanwhile = N_(
        "Saved. What you typed while it was saving is not saved yet; Ctrl+S saves it as "
        "another entry."
    )
    fixed_choices: ClassVar[dict[str, dict[str, str]]] = {"method": EVIDENCE_METHOD}

    def __init__(self, ctx: PlanContext, doc: PlanDoc) -> None:
        super().__init__()
        self.ctx = ctx
        self.heading = _("New evidence")
        self.choices: dict[str, Choices] = {
            "stakeholder": [(s.key, s.name) for s in doc.stakeholders],
            "needs": [(n.key, n.text) for s in doc.stakeholders for n in s.needs],
            "recorded_by": [(p.key, p.role or p.key) for p in doc.people],
        }

    def form_fields(self) -> list[Field]:
        return [
            Field("method", _("Method"), SELECT),
            Field("date", _("Date"), hint=DATE_HINT),
            Field("stakeholder", _("Actor"), SELECT),
            Field("needs", _("Needs it supports"), MULTI),
            Field("summary", _("Summary"), AREA),
            Field("quote", _("Quote")),
            Field("recorded_by", _("Recorded by"), SELECT),
            Field("personal", _("Holds personal data"), CHECK),
        ]

    def on_mount(self) -> None:
        self.fill({"method": "interview", "date": typed_date(today())})

    def action_save(self) -> None:
        if self.saving:
            return  # one save at a time; the running one says how it went
        typed = self.values()
        values = {k: v for k, v in typed.items() if v not in (None, "")}
        if values.get("date"):
            try:
                values["date"] = parse_date(values["date"])
            except ValueError as exc:
                self.show_errors({"date": str(exc)}, _("Please correct the fields marked below."))
                return
        ctx = self.ctx
        self.save_in_background(lambda: add_evidence(ctx.store, ctx.plan_id, values), typed)
