"""Information sources: the systems and registers that hold client information.

One table with each source's owner organisation, what it holds and who can access it today;
the row form edits them with their translations.
"""

from __future__ import annotations

from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.model.inputs import InfoSourceIn
from roadmap.store.rows import key_map, rows_of
from roadmap.tui.dialogs.form import AREA, SELECT, Field
from roadmap.tui.dialogs.row_form import RowSpec
from roadmap.tui.screens.rows import RowsView, Table
from roadmap.tui.screens.stakeholders import shown
from roadmap.tui.widgets.grid import Column

TEXTS = (
    Field("name", "Name"),
    Field("holds", "What it holds", AREA),
    Field("access", "Who can access it today", AREA),
)
SOURCES = Table(
    "sources",
    "Information sources",
    t.InfoSource,
    RowSpec(
        "source",
        InfoSourceIn,
        (Field("key", "Key"), Field("organisation", "Owner", SELECT), *TEXTS),
        translated=TEXTS,
    ),
    (
        Column("Key", 0, 12),
        Column("Name", 1, 12, stretch=True),
        Column("Owner", 2, 10),
        Column("Holds", 3, 12, stretch=True),
        Column("Access", 4, 12, optional=True, stretch=True),
    ),
)


class SourcesView(RowsView):
    """Information sources."""

    MODE = "sources"
    HELP = (
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
