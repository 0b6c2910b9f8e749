"""Information sources: the systems and registers that hold client information.

One table with each source's owner organisation, what it holds and who can access it today;
the row form edits them with their translations.
"""

from __future__ import annotations

from sqlmodel import Session

from roadmap.i18n import N_
from roadmap.model import tables as t
from roadmap.model.inputs import InfoSourceIn
from roadmap.store.rows import key_map, rows_of
from roadmap.tui.dialogs.form import AREA, SELECT, Field
from roadmap.tui.dialogs.row_form import RowSpec
from roadmap.tui.screens.rows import RowsView, Table
from roadmap.tui.screens.stakeholders import shown
from roadmap.tui.widgets.grid import Column

TEXTS = (
    Field("name", N_("Name")),
    Field("holds", N_("What it holds"), AREA),
    Field("access", N_("Who can access it today"), AREA),
)
SOURCES = Table(
    "sources",
    N_("Information sources"),
    t.InfoSource,
    RowSpec(
        "source",
        InfoSourceIn,
        (Field("key", N_("Key")), Field("organisation", N_("Owner"), SELECT), *TEXTS),
        translated=TEXTS,
    ),
    (
        Column(N_("Key"), 0, 12),
        Column(N_("Name"), 1),
        Column(N_("Owner"), 2, 10),
        Column(N_("Holds"), 3),
        Column(N_("Access"), 4, optional=True),
    ),
)


class SourcesView(RowsView):
    """Information sources."""

    MODE = "sources"
    HELP = N_(
        "Information sources (systems, registers) with their owner, what they hold and who can "
        "access them today. n adds one, Enter or e edits it (translations included), x deletes "
        "it after asking. The silo map (9) shows which stakeholders need which source."
    )
    TABLES = (SOURCES,)

    def read(self, session: Session) -> dict[str, list[tuple]]:
        ctx, lang = self.ctx, self.ctx.translating
        orgs = key_map(session=session, plan_id=ctx.plan_id, model=t.Organisation)
        return {
            SOURCES.id: [
                (
                    s.key,
                    shown(s, "name", lang),
                    orgs.get(s.organisation_id, ""),
                    shown(s, "holds", lang),
                    shown(s, "access", lang),
                )
                for s in rows_of(session=session, plan_id=ctx.plan_id, model=t.InfoSource)
            ]
        }
