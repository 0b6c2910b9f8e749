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
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Footer, Input, Label, ListItem, ListView, Markdown

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.store import workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.store.repo import find_plan
from roadmap.tui.workshop.base import WorkshopApp
from roadmap.workshop.agenda import default_agenda
from roadmap.workshop.words import RULES, STATES, step_name


def round_markdown(live: workshop_results.Live, w: Lang) -> str:
    """The current round for the projector: rules, state, and results once revealed."""
    rnd = live.round
    if rnd is None:
        return "*{}*".format(w._("No voting round yet: F4 starts one."))
    rules = w._(RULES[rnd.method], budget=rnd.budget, per_item=rnd.per_item)
    round_label, state = w._("Round"), w._(STATES[rnd.state])
    voted = w._("{voted} of {n} have voted", voted=live.voted, n=live.participants)
    lines = [
        f"## {round_label} {rnd.number}: {state}",
        "",
        f"{rules[:1].upper()}{rules[1:]}; {voted}.",
        "",
    ]
    if live.results is None:
        lines.append(w._("Results are hidden until they are revealed (F6)."))
        lines += ["", *(f"- {live.titles.get(key, key)}" for key in rnd.items)]
        return "\n".join(lines)
    columns = (w._("#"), w._("Development item"), w._("Total"), w._("Spread"))
    lines += ["| " + " | ".join(columns) + " |", "|---:|---|---:|---:|"]
    contested = w._("people disagree")
    for r in live.results:
        title = live.titles.get(r.key, r.key)
        flag = f" **⚠ {contested}**" if r.contested else ""
        lines.append(
            f"| {r.rank} | {title}{flag} | {_number(r.total, w)} | {_number(r.spread, w)} |"
        )
    return "\n".join(lines)


def _number(value: float, w: Lang) -> str:
    text = f"{value:g}"
    return text if w.code == "en" else text.replace(".", ",")


def moves_markdown(outcome: workshop_results.Outcome, w: Lang) -> str:
    """What moved in the roadmap when results went into the plan."""
    label = outcome.calendar.label
    head = w._("Results written to criterion **{criterion}**.", criterion=outcome.applied.criterion)
    moved = [c for c in outcome.changes if c.kind in ("earlier", "later")]
    if not moved:
        return head + " " + w._("No item changed its place in the roadmap.")
    columns = (w._("Development item"), w._("Before"), w._("After"))
    lines = [head, "", "| " + " | ".join(columns) + " |", "|---|---|---|"]
    for c in moved:
        arrow = "▲" if c.kind == "earlier" else "▼"
        lines.append(f"| {arrow} {c.key} | {label(c.before)} | {label(c.after)} |")
    return "\n".join(lines)


class FacilitatorApp(WorkshopApp):
    """The projector view of one workshop session."""

    WORDED_BINDINGS: ClassVar[list[tuple[str, str, str]]] = [
        ("pagedown", "step(1)", N_("Next")),
        ("pageup", "step(-1)", N_("Back")),
        ("f2", "timer('toggle')", N_("Timer")),
        ("f3", "timer('add')", N_("+1 min")),
        ("f4", "new_round", N_("New round")),
        ("f5", "lock", N_("Lock/reopen")),
        ("f6", "reveal", N_("Reveal")),
        ("f7", "apply", N_("Into plan")),
        ("ctrl+q", "quit", N_("Quit")),
    ]

    def __init__(self, store: Store, session_id: int, **kwargs) -> None:
        super().__init__(store, **kwargs)
        self._session = session_id
        self.outcome: workshop_results.Outcome | None = None
        """What the last results did to the roadmap."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            with Vertical(id="heading"):
                yield Label("", id="session-name", classes="big")
                yield Label("", id="step-title", classes="big")
            with Vertical(classes="counter"):
                yield Label(self.w._("Join code"))
                yield Digits("", id="code")
            with Vertical(classes="counter"):
                yield Label(self.w._("Time left"))
                yield Digits("00:00", id="timer")
            with Vertical(classes="counter"):
                yield Label("", id="voted-label")
                yield Digits("0", id="voted")
        with Horizontal(id="body"):
            yield ListView(id="agenda")
            with VerticalScroll(id="main"):
                yield Markdown("", id="content")
        yield Input(
            id="capture",
            placeholder=self.w._("Type a new item, need or note and press Enter (need: ...)"),
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.follow(self._session)

    def show(self, live: workshop_results.Live) -> None:
        row = live.workshop
        self.query_one("#session-name", Label).update(row.name)
        step = self.step_key()
        self.query_one("#step-title", Label).update(
            self.w._(
                "Step {n}/{total}: {name}",
                n=row.step + 1,
                total=len(row.agenda),
                name=step_name(self.w, step),
            )
        )
        self.query_one("#code", Digits).update(row.code)
        self.query_one("#voted", Digits).update(str(live.voted))
        self.query_one("#voted-label", Label).update(
            self.w._("Voted (of {n})", n=live.participants)
        )
        agenda = self.query_one("#agenda", ListView)
        names = [step_name(self.w, s["key"]) for s in row.agenda]
        if len(agenda) != len(names):
            agenda.clear()
            agenda.extend(ListItem(Label(name)) for name in names)
        agenda.index = row.step
        self._show_content(live, step)

    @work(thread=True, exclusive=True, group="content")
    def _show_content(self, live: workshop_results.Live, step: str) -> None:
        from roadmap.tui.workshop.content import step_markdown

        if step in ("voting", "results"):
            text = round_markdown(live, self.w)
        elif step == "roadmap" and self.outcome is not None:
            text = moves_markdown(self.outcome, self.w) + "\n\n"
            text += step_markdown(self.store, live, step, self.w)
        else:
            text = step_markdown(self.store, live, step, self.w)
        self.call_from_thread(self.query_one("#content", Markdown).update, text)

    # Actions -------------------------------------------------------------------------------

    def action_step(self, by: int) -> None:
        to = self.live.workshop.step + by
        self.write(
            lambda s: workshop_sessions.set_step(session=s, session_id=self.session_id, step=to)
        )

    def action_timer(self, action: str) -> None:
        now = datetime.now(UTC)
        self.write(
            lambda s: workshop_sessions.change_timer(
                session=s, session_id=self.session_id, action=action, now=now
            )
        )

    @on(Input.Submitted, "#capture")
    def _capture(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        if text.strip():
            self.write(
                lambda s: workshop_sessions.capture(
                    session=s, session_id=self.session_id, text=text
                )
            )

    def action_new_round(self) -> None:
        from roadmap.tui.workshop.round_dialog import RoundDialog, RoundSpec

        def start(spec: RoundSpec | None) -> None:
            if spec is not None:
                self.start_round(spec.method, spec.budget, spec.per_item, spec.filter_text)

        self.push_screen(RoundDialog(self.w), start)

    def start_round(
        self, method: str, budget: int | None = None, per_item: int | None = None, text: str = ""
    ) -> None:
        def change(s):
            return workshop_rounds.new_round(
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
            self.refused(self.w._("No voting round yet: F4 starts one."))
            return
        self.write(
            lambda s: workshop_rounds.set_round_state(session=s, round_id=rnd.id, state=state)
        )

    def action_lock(self) -> None:
        rnd = self.live.round if self.live else None
        self._round_state("locked" if rnd is not None and rnd.state == "open" else "open")

    def action_reveal(self) -> None:
        self._round_state("revealed")

    def action_apply(self) -> None:
        from roadmap.tui.workshop.round_dialog import ConfirmDialog

        rnd = self.live.round if self.live else None
        if rnd is None or rnd.state == "open":
            self.refused(self.w._("Lock the round (F5) before its results go into the plan."))
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.apply_results(rnd.id)

        question = self.w._(
            "Write the results of round {n} into the plan's workshop criterion and "
            "re-sequence the roadmap?",
            n=rnd.number,
        )
        self.push_screen(ConfirmDialog(self.w, question, self.w._("Write")), answer)

    @work(thread=True, exclusive=True, group="apply")
    def apply_results(self, round_id: int) -> None:
        """Results into the plan, the roadmap re-sequenced, and a decision in the minutes."""
        outcome = workshop_results.apply_to_plan(self.store, round_id)
        moved = sum(c.kind in ("earlier", "later") for c in outcome.changes)
        number = self.live.round.number
        with self.store.write() as s:
            workshop_sessions.capture(
                session=s,
                session_id=self.session_id,
                text="decision: "
                + self.w._(
                    "results of round {n} put into the plan ({moved} items moved in the roadmap)",
                    n=number,
                    moved=moved,
                ),
            )
        self.outcome = outcome
        self.call_from_thread(
            self.notify, self.w._("Results in the plan; {moved} items moved", moved=moved)
        )
        self._load()


def make_facilitator_app(
    store: Store,
    *,
    plan: str | None = None,
    name: str | None = None,
    held_on: date | None = None,
    agenda: list[dict] | None = None,
    lang: str | None = None,
    **kwargs,
) -> FacilitatorApp:
    """The projector view of workshop ``name`` of ``plan`` (created if new; the latest if None).

    ``lang`` sets the workshop's language, which participants' windows follow; None keeps the
    workshop's own (a new one speaks the plan's default language).
    """
    with store.write() as s:
        plan_id = find_plan(session=s, slug=plan).id
        if name is None:
            try:
                workshop = workshop_sessions.find_session(session=s, plan_id=plan_id)
                name = workshop.name
            except LookupError:
                name = "Workshop"
        workshop, _ = workshop_sessions.open_session(
            session=s,
            plan_id=plan_id,
            name=name,
            held_on=held_on or date.today(),
            agenda=agenda or default_agenda(),
            lang=lang,
        )
        lang = workshop_sessions.session_lang(session=s, workshop=workshop)
    return FacilitatorApp(store, workshop.id, lang=lang, **kwargs)
