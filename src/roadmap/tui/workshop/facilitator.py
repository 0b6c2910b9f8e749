"""The facilitator's window: a projector view of the session that runs it from start to end.

Large and high-contrast (the projector theme, large digits for the join code, the countdown and
the number who voted). The facilitator steps through the agenda with Page Up and Page Down (what
presentation clickers send), runs the countdown, captures what the room says (type, Enter),
runs voting rounds, reveals results and puts them into the plan.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Footer, Input, Label, ListItem, ListView, Markdown

from roadmap.store import workshop as ws
from roadmap.store.db import Store
from roadmap.store.repo import find_plan
from roadmap.tui.workshop.base import STEP_NAMES, WorkshopApp
from roadmap.workshop.agenda import default_agenda

METHOD_TEXT = {
    "dots": "{budget} dots per person, at most {per_item} on one item",
    "points": "{budget} points per person, at most {per_item} on one item",
    "score": "each item scored 1-5 on {n} criteria",
}
STATE_TEXT = {"open": "OPEN for votes", "locked": "LOCKED", "revealed": "REVEALED"}


def round_markdown(live: ws.Live) -> str:
    """The current round for the projector: rules, state, and results once revealed."""
    rnd = live.round
    if rnd is None:
        return "*No voting round yet: F4 starts one.*"
    rules = METHOD_TEXT[rnd.method].format(
        budget=rnd.budget, per_item=rnd.per_item, n=len(rnd.criteria)
    )
    lines = [
        f"## Round {rnd.number}: {STATE_TEXT[rnd.state]}",
        "",
        f"{rules}; {live.voted} of {live.participants} have voted.",
        "",
    ]
    if live.results is None:
        lines.append("Results are hidden until they are revealed (F6).")
        lines += ["", *(f"- {live.titles.get(key, key)}" for key in rnd.items)]
        return "\n".join(lines)
    lines += ["| # | Item | Total | Spread |", "|---:|---|---:|---:|"]
    for r in live.results:
        title = live.titles.get(r.key, r.key)
        flag = " **⚠ people disagree**" if r.contested else ""
        lines.append(f"| {r.rank} | {title}{flag} | {r.total:g} | {r.spread:g} |")
    return "\n".join(lines)


def moves_markdown(outcome: ws.Outcome) -> str:
    """What moved in the roadmap when results went into the plan."""
    label = outcome.calendar.label
    head = f"Results written to criterion **{outcome.applied.criterion}**."
    moved = [c for c in outcome.changes if c.kind in ("earlier", "later")]
    if not moved:
        return f"{head} No item changed its place in the roadmap."
    lines = [head, "", "| Item | Before | After |", "|---|---|---|"]
    for c in moved:
        arrow = "▲" if c.kind == "earlier" else "▼"
        lines.append(f"| {arrow} {c.key} | {label(c.before)} | {label(c.after)} |")
    return "\n".join(lines)


class FacilitatorApp(WorkshopApp):
    """The projector view of one workshop session."""

    TITLE = "Workshop"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "step(1)", "Next step"),
        Binding("pageup", "step(-1)", "Previous step"),
        Binding("f2", "timer('toggle')", "Start/pause timer"),
        Binding("f3", "timer('add')", "+1 minute"),
        Binding("f4", "new_round", "New round"),
        Binding("f5", "lock", "Lock/reopen"),
        Binding("f6", "reveal", "Reveal"),
        Binding("f7", "apply", "Results into plan"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, store: Store, session_id: int, **kwargs) -> None:
        super().__init__(store, **kwargs)
        self._session = session_id
        self.outcome: ws.Outcome | None = None
        """What the last results did to the roadmap."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            with Vertical(id="heading"):
                yield Label("", id="session-name", classes="big")
                yield Label("", id="step-title", classes="big")
            with Vertical(classes="counter"):
                yield Label("Join code")
                yield Digits("", id="code")
            with Vertical(classes="counter"):
                yield Label("Time left")
                yield Digits("00:00", id="timer")
            with Vertical(classes="counter"):
                yield Label("", id="voted-label")
                yield Digits("0", id="voted")
        with Horizontal(id="body"):
            yield ListView(id="agenda")
            with VerticalScroll(id="main"):
                yield Markdown("", id="content")
        yield Input(
            id="capture", placeholder="Type a new item, need or note and press Enter (need: ...)"
        )
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.follow(self._session)

    def show(self, live: ws.Live) -> None:
        row = live.workshop
        self.query_one("#session-name", Label).update(row.name)
        step = self.step_key()
        self.query_one("#step-title", Label).update(
            f"Step {row.step + 1}/{len(row.agenda)}: {STEP_NAMES.get(step, step)}"
        )
        self.query_one("#code", Digits).update(row.code)
        self.query_one("#voted", Digits).update(str(live.voted))
        self.query_one("#voted-label", Label).update(f"Voted (of {live.participants})")
        agenda = self.query_one("#agenda", ListView)
        names = [STEP_NAMES.get(s["key"], s["key"]) for s in row.agenda]
        if len(agenda) != len(names):
            agenda.clear()
            agenda.extend(ListItem(Label(name)) for name in names)
        agenda.index = row.step
        self._show_content(live, step)

    @work(thread=True, exclusive=True, group="content")
    def _show_content(self, live: ws.Live, step: str) -> None:
        from roadmap.tui.workshop.content import step_markdown

        if step in ("voting", "results"):
            text = round_markdown(live)
        elif step == "roadmap" and self.outcome is not None:
            text = moves_markdown(self.outcome) + "\n\n" + step_markdown(self.store, live, step)
        else:
            text = step_markdown(self.store, live, step)
        self.call_from_thread(self.query_one("#content", Markdown).update, text)

    # Actions -------------------------------------------------------------------------------

    def action_step(self, by: int) -> None:
        to = self.live.workshop.step + by
        self.write(lambda s: ws.set_step(session=s, session_id=self.session_id, step=to))

    def action_timer(self, action: str) -> None:
        now = datetime.now(UTC)
        self.write(
            lambda s: ws.change_timer(session=s, session_id=self.session_id, action=action, now=now)
        )

    @on(Input.Submitted, "#capture")
    def _capture(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        if text.strip():
            self.write(lambda s: ws.capture(session=s, session_id=self.session_id, text=text))

    def action_new_round(self) -> None:
        from roadmap.tui.workshop.round_dialog import RoundDialog, RoundSpec

        def start(spec: RoundSpec | None) -> None:
            if spec is not None:
                self.start_round(spec.method, spec.budget, spec.per_item, spec.filter_text)

        self.push_screen(RoundDialog(), start)

    def start_round(
        self, method: str, budget: int | None = None, per_item: int | None = None, text: str = ""
    ) -> None:
        def change(s):
            return ws.new_round(
                session=s,
                session_id=self.session_id,
                method=method,
                budget=budget,
                per_item=per_item,
                filter_text=text,
            )

        self.write(change)

    def _round_state(self, state: str) -> None:
        rnd = self.live.round if self.live else None
        if rnd is None:
            self.refused("No voting round yet: F4 starts one.")
            return
        self.write(lambda s: ws.set_round_state(session=s, round_id=rnd.id, state=state))

    def action_lock(self) -> None:
        rnd = self.live.round if self.live else None
        self._round_state("locked" if rnd is not None and rnd.state == "open" else "open")

    def action_reveal(self) -> None:
        self._round_state("revealed")

    def action_apply(self) -> None:
        from roadmap.tui.dialogs.confirm import Confirm

        rnd = self.live.round if self.live else None
        if rnd is None or rnd.state == "open":
            self.refused("Lock the round (F5) before its results go into the plan.")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.apply_results(rnd.id)

        question = (
            f"Write the results of round {rnd.number} into the plan's workshop criterion "
            "and re-sequence the roadmap?"
        )
        self.push_screen(Confirm(question, "Write"), answer)

    @work(thread=True, exclusive=True, group="apply")
    def apply_results(self, round_id: int) -> None:
        """Results into the plan, the roadmap re-sequenced, and a decision in the minutes."""
        outcome = ws.apply_to_plan(self.store, round_id)
        moved = sum(c.kind in ("earlier", "later") for c in outcome.changes)
        number = self.live.round.number
        with self.store.write() as s:
            ws.capture(
                session=s,
                session_id=self.session_id,
                text=f"decision: results of round {number} put into the plan "
                f"({moved} items moved in the roadmap)",
            )
        self.outcome = outcome
        self.call_from_thread(self.notify, f"Results in the plan; {moved} items moved")
        self._load()


def make_facilitator_app(
    store: Store,
    *,
    plan: str | None = None,
    name: str | None = None,
    held_on: date | None = None,
    agenda: list[dict] | None = None,
    **kwargs,
) -> FacilitatorApp:
    """The projector view of workshop ``name`` of ``plan`` (created if new; the latest if None)."""
    with store.write() as s:
        plan_id = find_plan(session=s, slug=plan).id
        if name is None:
            try:
                workshop = ws.find_session(session=s, plan_id=plan_id)
            except LookupError:
                name = "Workshop"
        if name is not None:
            workshop, _ = ws.open_session(
                session=s,
                plan_id=plan_id,
                name=name,
                held_on=held_on or date.today(),
                agenda=agenda or default_agenda(),
            )
    return FacilitatorApp(store, workshop.id, **kwargs)
