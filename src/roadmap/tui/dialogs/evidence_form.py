"""The form that records a piece of evidence during or right after an interview: one screen,
keyboard only (Tab between fields, Ctrl+S saves, Escape cancels).

The choices (actors, needs, people) come from the plan the caller read; saving validates the
values as :class:`~roadmap.model.evidence.EvidenceIn` and stores them with
:func:`roadmap.services.followup.add_evidence`, showing every problem under its field.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import ValidationError

from roadmap.i18n import _
from roadmap.i18n.terms import EVIDENCE_METHOD
from roadmap.model.inputs import PlanDoc
from roadmap.services.context import PlanContext
from roadmap.services.followup import add_evidence
from roadmap.services.plans import NotFoundError
from roadmap.tui.dialogs.form import (
    AREA,
    CHECK,
    MULTI,
    SELECT,
    Choices,
    Field,
    FormDialog,
    messages_of,
)


class EvidenceForm(FormDialog):
    """A new piece of evidence; dismissed with its key once stored."""

    required_selects = ("method",)
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
            Field("date", _("Date"), hint="YYYY-MM-DD"),
            Field("stakeholder", _("Actor"), SELECT),
            Field("needs", _("Needs it supports"), MULTI),
            Field("summary", _("Summary"), AREA),
            Field("quote", _("Quote")),
            Field("recorded_by", _("Recorded by"), SELECT),
            Field("personal", _("Holds personal data"), CHECK),
        ]

    def on_mount(self) -> None:
        self.fill({"method": "interview", "date": date.today().isoformat()})

    def action_save(self) -> None:
        ctx = self.ctx
        values = {k: v for k, v in self.values().items() if v not in (None, "")}
        try:
            key = add_evidence(ctx.store, ctx.plan_id, values)
        except ValidationError as exc:
            self.show_errors(messages_of(exc), _("Not saved"))
            return
        except NotFoundError as exc:
            self.show_errors({}, str(exc))
            return
        self.dismiss(key)
