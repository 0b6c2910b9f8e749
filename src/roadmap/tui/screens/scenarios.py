"""Scenarios: what the roadmap would be if money or people changed, beside the plan itself.

Opened from the command palette. The plan's what-ifs are listed on the left; the one picked is
sequenced in a worker thread and shown on the right: how it compares with the plan in a few
sentences (the roadmap's length, deadlines missed, items moved), the items it places
differently and its whole roadmap. The sentences are the documents' own
(:func:`roadmap.engine.scenarios.sentences`); the tables are built by :func:`scenario_rows`,
which knows nothing of Textual. Escape closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from roadmap.i18n import N_, _, language, period_label
from roadmap.i18n.lang import Lang
from roadmap.i18n.terms import change_text, change_word
from roadmap.tui.worded import WordedBindings

if TYPE_CHECKING:
    from roadmap.services.context import PlanContext
    from roadmap.services.scenarios import Compared

Rows = dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]
"""Per table: column headers and rows of plain text."""


def scenario_rows(found: Compared) -> tuple[list[str], Rows]:
    """The comparison's sentences, and the tables of changes and of the scenario's roadmap."""
    from roadmap.engine.scenarios import sentences

    snapshot = found.snapshot
    label = period_label(snapshot.calendar)
    titles = {item.key: item.title for item in snapshot.items}
    teams = {key: team.name or key for key, team in snapshot.teams.items()}

    def name(key: str) -> str:
        title = titles.get(key)
        return f"{title} ({key})" if title and title != key else key

    words = sentences(found.comparison, Lang(language()), name)
    period = lambda p: "–" if p is None else label(p)  # noqa: E731
    team = lambda key: teams.get(key or "", key or "–")  # noqa: E731
    changes: list[tuple[str, ...]] = [
        (name(c.key), change_word(c.kind), period(c.before), period(c.after),
         change_text(c, label, team=team))
        for c in found.comparison.changes
    ]  # fmt: skip
    places = sorted(
        found.roadmap.placements.values(), key=lambda p: (p.start, -p.effective_priority, p.key)
    )
    roadmap: list[tuple[str, ...]] = [
        (label(p.start), label(p.end), name(p.key), teams.get(p.team or "", p.team or "–"))
        for p in places
    ]
    return words, {
        "changes": ((_("Item"), _("Change"), _("Before"), _("Now"), _("Details")), changes),
        "roadmap": ((_("Starts"), _("Ends"), _("Item"), _("Team")), roadmap),
    }


class ScenariosView(WordedBindings, Screen[None]):
    """The plan's scenarios, each compared with the plan."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", N_("Close"))]
    DEFAULT_CSS = """
    ScenariosView #scenario-body { height: 1fr; }
    ScenariosView #scenario-list { width: 32; height: 1fr; }
    ScenariosView #scenario-detail { width: 1fr; height: 1fr; }
    ScenariosView #scenario-summary { width: 1fr; height: auto; padding: 0 1 1 1; }
    ScenariosView #scenario-tabs { height: 1fr; }
    """

    def __init__(self, ctx: PlanContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Horizontal(id="scenario-body"):
            yield OptionList(id="scenario-list")
            with Vertical(id="scenario-detail"):
                yield Static(_("Pick a scenario."), id="scenario-summary")
                with TabbedContent(id="scenario-tabs"):
                    with TabPane(_("Changes against the plan"), id="pane-changes"):
                        yield DataTable(id="table-changes", zebra_stripes=True, cursor_type="row")
                    with TabPane(_("Roadmap of the scenario"), id="pane-roadmap"):
                        yield DataTable(id="table-roadmap", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.list_scenarios()

    @work(thread=True, exclusive=True, group="scenario-list")
    def list_scenarios(self) -> None:
        from roadmap.services.scenarios import scenario_names

        names = scenario_names(self.ctx.store, self.ctx.plan_id)
        self.app.call_from_thread(self._listed, names)

    def _listed(self, names: list[tuple[str, str]]) -> None:
        options = self.query_one("#scenario-list", OptionList)
        options.clear_options()
        if not names:
            self.query_one("#scenario-summary", Static).update(
                _("The plan has no scenarios yet. Add them to the plan file under scenarios.")
            )
            return
        options.add_options(Option(Text(name or key), id=key) for key, name in names)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_scenario(event.option.id)

    @work(thread=True, exclusive=True, group="scenario")
    def show_scenario(self, key: str) -> None:
        from roadmap.services.scenarios import NotFoundError, compared

        try:
            found = compared(self.ctx.store, self.ctx.plan_id, key)
        except NotFoundError:
            self.app.call_from_thread(self.list_scenarios)
            return
        words, rows = scenario_rows(found)
        title = _("Scenario {name} compared with the plan:", name=found.scenario.name or key)
        self.app.call_from_thread(self._show, [title, *words], rows)

    def _show(self, words: list[str], rows: Rows) -> None:
        self.query_one("#scenario-summary", Static).update(Text("\n".join(words)))
        for table_id, (headers, lines) in rows.items():
            table = self.query_one(f"#table-{table_id}", DataTable)
            table.clear(columns=True)
            table.add_columns(*headers)
            table.add_rows([[Text(cell) for cell in line] for line in lines])
