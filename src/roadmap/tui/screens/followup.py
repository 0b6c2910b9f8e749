"""Evidence and follow-up: what the plan rests on and how it moves, on one screen opened from
the command palette.

Four tabs: the evidence (newest first), goals with their measures (baseline, target, latest
reading, figures first so that they show however long the names), maturity (starting and
target level per perspective, drawn as bars) and traceability (each item, the needs it answers
and the evidence behind them). The plan is read in a worker thread; the tables are built by
:func:`follow_up_rows`, which knows nothing of Textual. People are shown by role, as in the
documents. n records evidence, p an item's progress, m a measure's reading; Escape closes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, TabbedContent, TabPane

from roadmap.i18n import N_, _
from roadmap.i18n.terms import method_word
from roadmap.model.evidence import LEVELS, EvidenceIn, MeasureValueIn, PointIn
from roadmap.model.inputs import PlanDoc
from roadmap.tui.worded import WordedBindings

if TYPE_CHECKING:
    from collections.abc import Callable

    from roadmap.services.context import PlanContext
    from roadmap.tui.dialogs.form import FormDialog

TABS = ("evidence", "goals", "maturity", "trace")

Rows = dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]]
"""Per tab: column headers and rows of plain text."""


def follow_up_rows(doc: PlanDoc) -> Rows:
    """The four tables of the screen, from a plan document."""
    needs = {n.key: (n, s) for s in doc.stakeholders for n in s.needs}
    evidence: list[tuple[str, ...]] = [
        (
            ev.key,
            ev.date.isoformat(),
            method_word(ev.method),
            ev.stakeholder or "–",
            ", ".join(ev.needs),
            "" if ev.personal and not doc.plan.personal_names else ev.summary,
        )
        for ev in sorted(doc.evidence, key=lambda x: x.date, reverse=True)
    ]
    goals: list[tuple[str, ...]] = []
    for goal in doc.goals:
        goals.append((goal.key, "", "", "", goal.text))
        for m in goal.measures:
            latest = m.values[-1] if m.values else None
            goals.append(
                (
                    "",
                    _point(m.baseline),
                    _point(m.target),
                    _point(latest),
                    f"  {m.name}" + (f" ({m.unit})" if m.unit else ""),
                )
            )
    maturity: list[tuple[str, ...]] = [
        (
            p.name,
            _bar(p.start),
            _bar(p.target) + (f" {p.target_year}" if p.target_year else ""),
            ", ".join(p.items),
        )
        for p in doc.perspectives
    ]
    backing: dict[str, list[EvidenceIn]] = defaultdict(list)
    for ev in doc.evidence:
        for key in ev.needs:
            backing[key].append(ev)
    goal_of: dict[str, list[str]] = defaultdict(list)
    for goal in doc.goals:
        for key in goal.items:
            goal_of[key].append(goal.key)
    trace: list[tuple[str, ...]] = []
    for item in doc.items:
        if not item.needs:
            continue
        found = {ev.key: ev for key in item.needs for ev in backing.get(key, ())}
        newest = max((ev.date for ev in found.values()), default=None)
        trace.append(
            (
                item.key,
                ", ".join(k for k in item.needs if k in needs),
                ", ".join(found) or _("no evidence yet"),
                newest.isoformat() if newest else "–",
                ", ".join(goal_of.get(item.key, ())) or "–",
            )
        )
    return {
        "evidence": (
            (_("Key"), _("Date"), _("Method"), _("Actor"), _("Needs"), _("Summary")),
            evidence,
        ),
        "goals": ((_("Key"), _("Baseline"), _("Target"), _("Latest"), _("Goal or measure")), goals),
        "maturity": (
            (_("Perspective"), _("Starting level"), _("Target level"), _("Raised by")),
            maturity,
        ),
        "trace": ((_("Item"), _("Needs"), _("Evidence"), _("Latest"), _("Goals")), trace),
    }


def _point(point: PointIn | MeasureValueIn | None) -> str:
    return "–" if point is None else f"{point.value:g} ({point.date.isoformat()})"


def _bar(level: int | None) -> str:
    """``■■□□□ 2``: a level of five as a bar that reads without colour."""
    if level is None:
        return "–"
    return "■" * level + "□" * (LEVELS - level) + f" {level}"


class FollowupView(WordedBindings, Screen[None]):
    """Evidence, goals and measures, maturity and traceability of the plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("n", "new_evidence", N_("New evidence")),
        Binding("p", "progress", N_("Progress")),
        Binding("m", "measure", N_("Reading")),
    ]

    doc: PlanDoc | None = None

    def __init__(self, ctx: PlanContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        labels = {
            "evidence": _("Evidence"),
            "goals": _("Goals and measures"),
            "maturity": _("Maturity"),
            "trace": _("Traceability"),
        }
        with TabbedContent(id="follow-up"):
            for tab in TABS:
                with TabPane(labels[tab], id=f"pane-{tab}"):
                    yield DataTable(id=f"table-{tab}", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="follow-up")
    def load(self) -> None:
        from roadmap.services.plans import read_document

        ctx = self.ctx
        doc = read_document(ctx.store, ctx.plan_id, scores=False)
        rows = follow_up_rows(doc)
        self.app.call_from_thread(self._show, doc, rows)

    def _show(self, doc: PlanDoc, rows: Rows) -> None:
        self.doc = doc
        for tab, (headers, lines) in rows.items():
            table = self.query_one(f"#table-{tab}", DataTable)
            table.clear(columns=True)
            table.add_columns(*headers)
            table.add_rows([[Text(cell) for cell in line] for line in lines])

    def action_new_evidence(self) -> None:
        """Record a piece of evidence in the form; the tables are read again once it is saved."""
        from roadmap.tui.dialogs.evidence_form import EvidenceForm

        self._open(EvidenceForm)

    def action_progress(self) -> None:
        """Record where an item under way stands."""
        from roadmap.tui.dialogs.followup_forms import ProgressForm

        self._open(ProgressForm)

    def action_measure(self) -> None:
        """Record a reading of a measure."""
        from roadmap.tui.dialogs.followup_forms import MeasureForm

        self._open(MeasureForm)

    def _open(self, form: Callable[[PlanContext, PlanDoc], FormDialog]) -> None:
        if self.doc is None:
            return

        def saved(key: str | None) -> None:
            if key:
                self.notify(_("Saved {key}", key=key), timeout=2)
                self.load()

        self.app.push_screen(form(self.ctx, self.doc), saved)
