"""Information sources: the systems and registers that hold client information.

One table with each source's owner organisation, what it holds and who can access it today;
the row form edits them with their translations.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from roadmap.i18n import N_, _
from roadmap.model import tables as t
from roadmap.model.inputs import InfoSourceIn
from roadmap.services.views import sources_view
from roadmap.tui.dialogs.form import AREA, SELECT, Field
from roadmap.tui.dialogs.row_form import RowSpec
from roadmap.tui.screens.rows import RowsView, Table
from roadmap.tui.screens.stakeholders import organisation, shown
from roadmap.tui.widgets.grid import Column, Grid

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
        Column(N_("Name"), 1, 12, stretch=True),
        Column(N_("Owner"), 2, 10),
        Column(N_("Holds"), 3, 12, stretch=True),
        Column(N_("Access"), 4, 12, optional=True, stretch=True),
    ),
)


RELYING, CONCERNING = "relying", "concerning"
"""What :meth:`SourcesView.read` holds beside the table: ``(source, stakeholder key, name,
has access, ((need key, text), ...))`` for each stakeholder that needs a source, and
``(source, ((item key, title), ...))`` of the items that concern each source."""


class SourcesView(RowsView):
    """Information sources."""

    MODE = "sources"
    HELP = N_(
        "Information sources (systems, registers) with their owner, what they hold and who can "
        "access them today. n adds one, Enter or e edits it (translations included), x deletes "
        "it after asking. The silo map (9) shows which stakeholders need which source."
    )
    TABLES = (SOURCES,)

    def compose_body(self) -> ComposeResult:
        yield from super().compose_body()
        yield Static("", id="relying", classes="detail")

    def read(self) -> dict[str, list[tuple]]:
        ctx, lang = self.ctx, self.ctx.translating
        view = sources_view(ctx.store, ctx.plan_id, lang)
        orgs = view.organisations
        people = {p.id: (p.key, shown(p, "name", lang)) for p in view.stakeholders}
        needs: dict[str, list[tuple[str, str]]] = {}
        for n in view.needs:
            needs.setdefault(people[n.stakeholder_id][0], []).append(
                (n.key, shown(n, "text", lang))
            )
        names = dict(people.values())
        cells, concerning = view.cells, view.concerning
        relying = [
            (source, person, names.get(person, person), access, tuple(needs.get(person, ())))
            for (person, source), access in cells.items()
        ]
        return {
            RELYING: relying,
            CONCERNING: [(source, tuple(items)) for source, items in concerning.items()],
            SOURCES.id: [
                (
                    s.key,
                    shown(s, "name", lang),
                    organisation(orgs, s.organisation_id),
                    shown(s, "holds", lang),
                    shown(s, "access", lang),
                )
                for s in view.sources
            ],
        }

    def shown(self) -> None:
        super().shown()
        self._show_relying()

    @on(Grid.Highlighted, "#sources")
    def _show_relying(self) -> None:
        """The needs that rely on the source under the cursor (those of the stakeholders who
        need it, with whether they reach it today), and the items that concern it."""
        key = self.current_key(SOURCES)
        pane = self.query_one("#relying", Static)
        if key is None:
            pane.update("")
            return
        text = Text()
        text.append(_("Needs relying on {source}", source=key) + "\n", style="bold underline")
        people = [row for row in self.data.get(RELYING, []) if row[0] == key]
        for _source, _person, name, access, needs in people:
            reach = _("has access") if access else _("no access today")
            text.append(f"{name} ({reach})", style="bold")
            text.append(": " + " · ".join(f"{need} {words}" for need, words in needs) + "\n")
        if not people:
            text.append(_("No stakeholder needs it yet.") + "\n", style="italic")
        items = dict(self.data.get(CONCERNING, [])).get(key, ())
        if items:
            text.append(_("Items concerning it: "), style="bold")
            text.append(" · ".join(f"{item} {title}" for item, title in items))
        pane.update(text)
