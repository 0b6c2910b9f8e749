"""Stakeholders and their needs: who the plan serves, and what each of them needs.

The upper table lists stakeholders with their organisation; the lower one the needs of the
stakeholder under the cursor, with their importance (1-5). Both are edited in the row form,
translations included; deleting a stakeholder deletes its needs too, so it asks first.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from roadmap.i18n import N_, _
from roadmap.model import tables as t
from roadmap.model.inputs import NeedIn, StakeholderIn
from roadmap.services.views import stakeholders_view
from roadmap.tui.dialogs.form import AREA, SELECT, Field
from roadmap.tui.dialogs.row_form import RowSpec
from roadmap.tui.screens.rows import RowsView, Table
from roadmap.tui.widgets.grid import Column, Grid

STAKEHOLDERS = Table(
    "stakeholders",
    N_("Stakeholders"),
    t.Stakeholder,
    RowSpec(
        "stakeholder",
        StakeholderIn,
        (
            Field("key", N_("Key")),
            Field("name", N_("Name")),
            Field("organisation", N_("Organisation"), SELECT),
            Field("description", N_("Description"), AREA),
        ),
        translated=(Field("name", N_("Name")), Field("description", N_("Description"), AREA)),
    ),
    (
        Column(N_("Key"), 0, 14),
        Column(N_("Name"), 1, 12, stretch=True),
        Column(N_("Organisation"), 2, 16),
        Column(N_("Needs"), 3, 5, right=True),
    ),
)
NEEDS = Table(
    "needs",
    N_("Needs"),
    t.Need,
    RowSpec(
        "need",
        NeedIn,
        (
            Field("key", N_("Key")),
            Field("text", N_("Need"), AREA),
            Field("importance", N_("Importance"), hint=N_("1 nice to have - 5 essential")),
        ),
        translated=(Field("text", N_("Need"), AREA),),
    ),
    (
        Column(N_("Key"), 0, 12),
        Column(N_("Need"), 1, 12, stretch=True),
        Column(N_("Imp."), 2, 4, right=True),
    ),
)
STAKEHOLDER = 3
"""Index of a need row's stakeholder key."""
ANSWERS = "answers"
"""What :meth:`StakeholdersView.read` holds beside the tables: ``(need key, ((item key,
title), ...))`` of the items that answer each need."""


def organisation(orgs: dict[int, str], org_id: int | None) -> str:
    """The key of organisation ``org_id`` in ``orgs`` (``id -> key``); "" for none."""
    return "" if org_id is None else orgs.get(org_id, "")


def shown(row: Any, field: str, lang: str | None) -> str:
    """``field`` of ``row`` in ``lang`` when translated, else as stored."""
    text = getattr(row, field)
    return (row.i18n.get(lang, {}).get(field) or text) if lang else text


class StakeholdersView(RowsView):
    """Stakeholders and needs."""

    MODE = "stakeholders"
    HELP = N_(
        "Stakeholders (services, roles, the client group) and, below, the needs of the one under "
        "the cursor. Tab moves between the two tables; n adds to the table in focus, Enter or e "
        "edits (translations included), x deletes after asking."
    )
    TABLES = (STAKEHOLDERS, NEEDS)

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield Static("", id="answers", classes="detail")

    def _show_answers(self, key: str | None) -> None:
        """Which items answer each need of stakeholder ``key``, and which need none does."""
        pane = self.query_one("#answers", Static)
        if key is None:
            pane.update("")
            return
        text = Text()
        heading = _("Items answering the needs of {stakeholder}", stakeholder=key)
        text.append(heading + "\n", style="bold underline")
        needs = [row for row in self.data.get(NEEDS.id, []) if row[STAKEHOLDER] == key]
        answers = dict(self.data.get(ANSWERS, []))
        for need in needs:
            text.append(f"{need[0]}: ", style="bold")
            answered = answers.get(need[0], ())
            if answered:
                text.append(" · ".join(f"{item} {title}" for item, title in answered) + "\n")
            else:
                text.append(_("no item answers it yet") + "\n", style="italic")
        if not needs:
            text.append(_("No needs recorded yet."), style="italic")
        pane.update(text)

    def read(self) -> dict[str, list[tuple]]:
        ctx, lang = self.ctx, self.ctx.translating
        orgs, people, needs, answers = stakeholders_view(ctx.store, ctx.plan_id, lang)
        owner = {p.id: p.key for p in people}
        counts: dict[int | None, int] = {}
        for need in needs:
            counts[need.stakeholder_id] = counts.get(need.stakeholder_id, 0) + 1
        return {
            ANSWERS: [(n.key, tuple(answers.get(n.key, ()))) for n in needs],
            STAKEHOLDERS.id: [
                (
                    p.key,
                    shown(p, "name", lang),
                    organisation(orgs, p.organisation_id),
                    counts.get(p.id, 0),
                )
                for p in people
            ],
            NEEDS.id: [
                (n.key, shown(n, "text", lang), n.importance, owner[n.stakeholder_id])
                for n in needs
            ],
        }

    def rows_shown(self, table: Table) -> list[tuple]:
        rows = super().rows_shown(table)
        if table is NEEDS:
            key = self.current_key(STAKEHOLDERS)
            rows = [r for r in rows if r[STAKEHOLDER] == key]
        return rows

    def shown(self) -> None:
        super().shown()
        self._show_needs()

    @on(Grid.Highlighted, "#stakeholders")
    def _show_needs(self) -> None:
        key = self.current_key(STAKEHOLDERS)
        self.grid(NEEDS).set_rows(self.rows_shown(NEEDS), keep=lambda row: row[0])
        title = _("Needs of {key}", key=key) if key else _("Needs")
        self.query_one(f"#{NEEDS.id}-title", Static).update(Text(title))
        self._show_answers(key)

    def new_values(self, table: Table) -> dict[str, Any] | None:
        if table is NEEDS and self.current_key(STAKEHOLDERS) is None:
            self.notify(_("Add a stakeholder first"), severity="warning")
            return None
        return {"importance": 3} if table is NEEDS else {}

    def opened_with(self, table: Table, key: str | None) -> dict[str, Any]:
        if table is NEEDS and key is None:
            return {"stakeholder": self.current_key(STAKEHOLDERS)}
        return {}

    def delete_warning(self, table: Table, key: str) -> str:
        if table is STAKEHOLDERS:
            return _("Delete stakeholder {key} with its needs?", key=key)
        return super().delete_warning(table, key)
