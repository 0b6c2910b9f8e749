"""The facilitator's window: a projector view of the session that runs it from start to end.

Large and high-contrast (the projector theme, large digits for the join code, the countdown and
the number who voted). The facilitator steps through the agenda with Page Up and Page Down (what
presentation clickers send), runs the countdown, captures what the room says (type, Enter),
runs voting rounds, reveals results and puts them into the plan.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import ClassVar

from rich.markup import escape
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Digits, Footer, Input, Label, ListItem, ListView, Markdown, Static

from roadmap.clock import today
from roadmap.i18n import N_, _, ngettext, period_label
from roadmap.i18n.lang import Lang
from roadmap.io.mdsafe import inline
from roadmap.model import tables as t
from roadmap.services.workshops import (
    Store,
    find_plan,
    workshop_results,
    workshop_rounds,
    workshop_sessions,
)
from roadmap.tui.workshop.base import WorkshopApp, WorkshopScreen
from roadmap.workshop.agenda import default_agenda
from roadmap.workshop.tally import DISAGREE_RANGE
from roadmap.workshop.words import RULES, STATES, lang_or_default, step_name


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
        lines += ["", *(f"- {inline(live.titles.get(key, key))}" for key in rnd.items)]
        return "\n".join(lines)
    voters = w._("Voters")
    lines += [
        f"| {w._('#')} | {w._('Item')} | {w._('Total')} | | {voters} | {w._('Spread')} |",
        "|---:|---|---:|---|---:|---:|",
    ]
    top = max((r.total for r in live.results), default=0.0)
    for r in live.results:
        title = inline(live.titles.get(r.key, r.key))
        flag = f" **⚠ {disagreement(r, w)}**" if r.contested else ""
        rank, total = (r.rank, _number(r.total, w)) if r.rank else ("–", _("not scored"))
        lines.append(
            f"| {rank} | {title}{flag} | {total} | {bar(r.total, top)} | {r.voters} "
            f"| {_number(r.spread, w)} |"
        )
    if rnd.criteria and live.results:
        names = [inline(live.criteria.get(c, c)) for c in rnd.criteria]
        heading = _("Per criterion")
        lines += ["", f"### {heading}", ""]
        lines += [
            f"| {w._('Item')} | {' | '.join(names)} |",
            "|---|" + "---:|" * len(names),
        ]
        for r in live.results:
            means = dict(r.by_criterion)
            cells = [_number(means[c], w) if c in means else "–" for c in rnd.criteria]
            lines.append(f"| {inline(live.titles.get(r.key, r.key))} | {' | '.join(cells)} |")
    if any(r.contested for r in live.results):
        lines += ["", _("People disagree where scores differ by {n} or more.", n=DISAGREE_RANGE)]
    return "\n".join(lines)


BAR_WIDTH = 20


def bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """``value`` as a bar of eighth blocks, ``top`` filling ``width`` characters.

    >>> bar(5, 10, 4), bar(0, 10, 4), bar(1, 8, 1)
    ('██', '', '▏')
    """
    if top <= 0 or value <= 0:
        return ""
    eighths = round(8 * width * value / top)
    return "█" * (eighths // 8) + ("", *"▏▎▍▌▋▊▉")[eighths % 8]


def disagreement(r, w: Lang) -> str:
    """Why an item is flagged: the lowest and highest score given."""
    return _(
        "people disagree: from {low} to {high}", low=_number(r.low, w), high=_number(r.high, w)
    )


def _number(value: float, w: Lang) -> str:
    text = f"{value:g}"
    return text if w.code == "en" else text.replace(".", ",")


def effects_markdown(outcome: workshop_results.Outcome, titles: dict[str, str], w: Lang) -> str:
    """Each item's criterion value, score and place before and after: what applying does."""
    label = period_label(outcome.calendar, w)  # read, not typed back: Q3/2027
    num = lambda v: "–" if v is None else _number(v, w)  # noqa: E731

    def place(start: int | None) -> str:
        return "–" if start is None else label(start)

    criterion = inline(outcome.applied.criterion)
    lines = [
        f"| {w._('Item')} | {criterion} | {w._('Score')} | {w._('Roadmap')} |",
        "|---|---:|---:|---|",
    ]
    for e in outcome.effects:
        arrow = {"earlier": "▲ ", "later": "▼ "}.get(e.move, "")
        where = place(e.start_after)
        if e.move:
            where = f"{arrow}{place(e.start_before)} → {place(e.start_after)}"
        value = (
            f"{num(e.value_before)} → {num(e.value_after)}"
            if e.key in outcome.applied.values
            else num(e.value_before)
        )
        lines.append(
            f"| {inline(e.key)} {inline(titles.get(e.key, ''))} | {value} "
            f"| {num(e.score_before)} → {num(e.score_after)} | {where} |"
        )
    if not outcome.effects:
        return w._("Nothing in the plan would change.")
    return "\n".join(lines)


def moves_markdown(outcome: workshop_results.Outcome, w: Lang) -> str:
    """What moved in the roadmap when results went into the plan."""
    label = period_label(outcome.calendar, w)
    head = w._("Results written to criterion **{criterion}**.", criterion=outcome.applied.criterion)
    moved = [c for c in outcome.changes if c.kind in ("earlier", "later")]
    if not moved:
        return head + " " + w._("No item changed its place in the roadmap.")
    columns = (w._("Development item"), w._("Before"), w._("After"))
    lines = [head, "", "| " + " | ".join(columns) + " |", "|---|---|---|"]
    for c in moved:
        assert c.before is not None and c.after is not None  # a move has both places
        arrow = "▲" if c.kind == "earlier" else "▼"
        lines.append(f"| {arrow} {inline(c.key)} | {label(c.before)} | {label(c.after)} |")
    return "\n".join(lines)


class BigView(WorkshopScreen):
    """The join code and the countdown, centred, for the start of a session or a break."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical(id="big"):
            yield Label(escape(_("Join code")))
            yield Digits(self.code, id="big-code")
            yield Label(escape(_("Time left")))
            yield Digits("00:00", id="timer")


class FacilitatorApp(WorkshopApp):
    """The projector view of one workshop session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Before the focused widget's keys: a presenter's clicker sends Page Up and Page Down,
        # which step through the agenda even while the capture box has the focus.
        Binding(keys, action, label, priority=True)
        for keys, action, label in (
            ("pagedown", "step(1)", N_("Next")),
            ("pageup", "step(-1)", N_("Back")),
            ("f2", "timer('toggle')", N_("Timer")),
            ("f3", "timer('add')", N_("+1 min")),
            ("f4", "new_round", N_("New round")),
            ("f5", "lock", N_("Lock/reopen")),
            ("f6", "reveal", N_("Reveal")),
            ("f7", "apply", N_("Into plan")),
            ("ctrl+q", "quit", N_("Quit")),
            ("f8", "undo_apply", N_("Undo into plan")),
            ("f9", "delete_round", N_("Delete round")),
            ("f10", "self_check", N_("Check page")),
            ("f11", "people", N_("Participants")),
            ("f12", "accept_ideas", N_("Ideas into plan")),
            ("ctrl+g", "ideas", N_("Tidy ideas")),
            ("f1", "big_view", N_("Code and timer")),
        )
    ]

    def __init__(
        self,
        store: Store,
        session_id: int,
        *,
        join_url: str | None = None,
        bell: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(store, **kwargs)
        self.ring = bell
        """Ring the terminal's bell when a step's time is up."""
        self.workshop_id = session_id
        self._step_shown: str | None = None
        self.join_url = join_url
        """The participants' page, shown with its QR code while it is served."""
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
            if self.join_url:
                from roadmap.web.address import qr_text

                with Vertical(id="join-panel"):
                    yield Label(escape(_("Open on your phone:")))
                    yield Label(escape(self.join_url), id="join-url")
                    yield Static(qr_text(self.join_url), id="join-qr", markup=False)
        yield Input(
            id="capture",
            placeholder=self.w._("Type a new item, need or note and press Enter (need: ...)"),
        )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#capture", Input).focus()  # what the room says is typed at once
        self.follow(self.workshop_id)

    def show(self, live: workshop_results.Live) -> None:
        row = live.workshop
        self.query_one("#session-name", Label).update(escape(row.name))
        step = self.step_key()
        self.query_one("#step-title", Label).update(
            escape(
                self.w._(
                    "Step {n}/{total}: {name}",
                    n=row.step + 1,
                    total=len(row.agenda),
                    name=step_name(self.w, step),
                )
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
            agenda.extend(ListItem(Label(escape(name))) for name in names)
        agenda.index = row.step
        content = self.query_one("#content", Markdown)
        if step in ("voting", "results"):  # no reading needed: shown with the title, at once
            self.workers.cancel_group(self, "content")
            content.update(round_markdown(live, self.w))
        else:
            if step != self._step_shown:  # never the last step's table under the new title
                content.update("")
            self._show_content(live, step)
        self._step_shown = step

    @work(thread=True, exclusive=True, group="content")
    def _show_content(self, live: workshop_results.Live, step: str) -> None:
        from roadmap.tui.workshop.content import step_markdown

        if step == "roadmap" and self.outcome is not None:
            text = moves_markdown(self.outcome, self.w) + "\n\n"
            text += step_markdown(self.store, live, step, self.w)
        else:
            text = step_markdown(self.store, live, step, self.w)
        self.call_from_thread(self.query_one("#content", Markdown).update, text)

    # Actions -------------------------------------------------------------------------------

    def action_step(self, by: int) -> None:
        if self.live is None:  # nothing shown yet to step from
            return
        to = self.live.workshop.step + by
        self.write(
            lambda s: workshop_sessions.set_step(session=s, session_id=self.workshop_id, step=to)
        )

    def action_timer(self, action: str) -> None:
        now = datetime.now(UTC)
        self.write(
            lambda s: workshop_sessions.change_timer(
                session=s, session_id=self.workshop_id, action=action, now=now
            )
        )

    @on(Input.Submitted, "#capture")
    def _capture(self, event: Input.Submitted) -> None:
        text = event.value
        event.input.value = ""
        if text.strip():
            self.write(
                lambda s: workshop_sessions.capture(
                    session=s, session_id=self.workshop_id, text=text
                )
            )

    def time_up(self) -> None:
        if self.ring:
            self.bell()

    def action_big_view(self) -> None:
        """The join code and the timer alone, as large as they go (F1 again returns)."""
        if isinstance(self.screen, BigView):
            self.pop_screen()
        elif not isinstance(self.screen, ModalScreen):
            self.push_screen(BigView(self.live.workshop.code if self.live else ""))
            self._tick()

    def action_accept_ideas(self) -> None:
        def done(n: int) -> None:
            taken = ngettext("{n} idea taken into the plan", "{n} ideas taken into the plan", n)
            self.notify(taken)

        self.write(
            lambda s: workshop_sessions.accept_ideas(session=s, session_id=self.workshop_id), done
        )

    def action_ideas(self) -> None:
        """The room's ideas, to merge those sent twice or keep one as evidence."""
        from roadmap.tui.workshop.ideas import IdeasScreen

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(IdeasScreen(self.w, self.workshop_id))

    def action_people(self) -> None:
        from roadmap.tui.workshop.people import PeopleScreen

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(PeopleScreen(self.w, self.workshop_id))

    @work(thread=True, exclusive=True, group="check")
    def action_self_check(self) -> None:
        """Ask the participants' page at the address shown whether it answers."""
        import urllib.error
        import urllib.request

        if not self.join_url:
            self.call_from_thread(self.refused, _("The participants' page is not served."))
            return
        try:
            with urllib.request.urlopen(self.join_url, timeout=5) as answer:
                ok = answer.status == 200
        except (urllib.error.URLError, OSError):
            ok = False
        if ok:
            self.call_from_thread(self.notify, _("The page answers at {url}", url=self.join_url))
        else:
            message = _("The page does not answer at {url}", url=self.join_url)
            self.call_from_thread(self.refused, message)

    def action_new_round(self) -> None:
        from roadmap.tui.workshop.round_dialog import RoundDialog, RoundSpec

        if isinstance(self.screen, ModalScreen):  # one dialog at a time
            return

        def start(spec: RoundSpec | None) -> None:
            if spec is not None:
                self.start_round(
                    spec.method, spec.budget, spec.per_item, spec.filter_text, spec.choose
                )

        self.push_screen(RoundDialog(self.w), start)

    def start_round(
        self,
        method: str,
        budget: int | None = None,
        per_item: int | None = None,
        text: str = "",
        choose: str = "text",
    ) -> None:
        def change(s):
            return workshop_rounds.new_round(
                session=s,
                session_id=self.workshop_id,
                method=method,
                budget=budget,
                per_item=per_item,
                filter_text=text,
                choose=choose,
            )

        self.write(change)

    def _round_state(self, state: str) -> None:
        rnd = self.live.round if self.live else None
        if rnd is None:
            self.refused(self.w._("No voting round yet: F4 starts one."))
            return
        round_id = rnd.id
        assert round_id is not None  # a stored round
        self.write(
            lambda s: workshop_rounds.set_round_state(session=s, round_id=round_id, state=state)
        )

    def _ask(self, question: str, yes: str, then) -> None:
        """Run ``then()`` once the facilitator says yes to ``question``."""
        from roadmap.tui.workshop.round_dialog import ConfirmDialog

        if isinstance(self.screen, ModalScreen):
            return

        def answer(ok: bool | None) -> None:
            if ok:
                then()

        self.push_screen(ConfirmDialog(self.w, question, yes), answer)

    def action_lock(self) -> None:
        """Lock an open round; reopening a revealed one asks first (its results are out)."""
        rnd = self.live.round if self.live else None
        if rnd is not None and rnd.state == "revealed":
            question = _("Reopen voting on round {n}? Everyone has seen its results.", n=rnd.number)
            self._ask(question, _("Reopen"), lambda: self._round_state("open"))
            return
        self._round_state("locked" if rnd is not None and rnd.state == "open" else "open")

    def action_reveal(self) -> None:
        """Show the results to everyone, after asking: that cannot be taken back."""
        rnd = self.live.round if self.live else None
        if rnd is None or rnd.state == "revealed":
            self._round_state("revealed")
            return
        question = _("Show the results of round {n} to everyone?", n=rnd.number)
        self._ask(question, _("Reveal"), lambda: self._round_state("revealed"))

    def action_undo_apply(self) -> None:
        rnd = self.live.round if self.live else None
        if rnd is None or not rnd.applied:
            self.refused(_("The results of this round are not in the plan."))
            return
        round_id, number = rnd.id, rnd.number
        assert round_id is not None  # a stored round

        def undo() -> None:
            self.write(
                lambda s: workshop_results.undo_apply(session=s, round_id=round_id),
                lambda _applied: self._undone(number),
            )

        question = _("Take the results of round {n} back out of the plan?", n=rnd.number)
        self._ask(question, _("Undo"), undo)

    def _undone(self, number: int) -> None:
        self.outcome = None
        self.notify(_("Round {n} is out of the plan again.", n=number))

    def action_delete_round(self) -> None:
        rnd = self.live.round if self.live else None
        if rnd is None:
            self.refused(self.w._("No voting round yet: F4 starts one."))
            return
        round_id = rnd.id
        assert round_id is not None  # a stored round
        question = _("Delete round {n} and its votes?", n=rnd.number)
        self._ask(
            question,
            _("Delete"),
            lambda: self.write(
                lambda s: workshop_rounds.delete_round(session=s, round_id=round_id)
            ),
        )

    def action_apply(self) -> None:
        rnd = self.live.round if self.live else None
        if rnd is None or rnd.state == "open":
            self.refused(self.w._("Lock the round (F5) before its results go into the plan."))
            return
        if rnd.applied:
            self.refused(_("Round {n} is in the plan already; undo it first.", n=rnd.number))
            return
        if isinstance(self.screen, ModalScreen):
            return
        self.preview_results(rnd.id, rnd.number)

    @work(thread=True, exclusive=True, group="apply")
    def preview_results(self, round_id: int, number: int) -> None:
        """What each way of combining would do, worked out without writing; then ask."""
        from roadmap.tui.workshop.round_dialog import ApplyDialog

        assert self.live is not None  # the round asked about is shown
        previews = {}
        for mode in workshop_results.MODES:
            outcome = workshop_results.apply_to_plan(self.store, round_id, mode, keep=False)
            previews[mode] = effects_markdown(outcome, self.live.titles, self.w)

        def answer(mode: str | None) -> None:
            if mode is not None:
                self.apply_results(round_id, mode)

        dialog = ApplyDialog(
            self.w,
            self.w._(
                "Write the results of round {n} into the plan's workshop criterion and "
                "re-sequence the roadmap?",
                n=number,
            ),
            previews,
        )
        self.call_from_thread(self.push_screen, dialog, answer)

    @work(thread=True, exclusive=True, group="apply")
    def apply_results(self, round_id: int, mode: str = "round") -> None:
        """Results into the plan, the roadmap re-sequenced, and a decision in the minutes."""
        outcome = workshop_results.apply_to_plan(self.store, round_id, mode)
        moved = sum(c.kind in ("earlier", "later") for c in outcome.changes)
        assert self.live is not None and self.live.round is not None  # the round applied
        number = self.live.round.number
        with self.store.write() as s:
            workshop_sessions.capture(
                session=s,
                session_id=self.workshop_id,
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
    join_url: str | None = None,
    **kwargs,
) -> FacilitatorApp:
    """The projector view of workshop ``name`` of ``plan`` (created if new; the latest if None).

    ``lang`` sets the workshop's language, which participants' windows follow; None keeps the
    workshop's own (a new one speaks the plan's default language).
    """
    with store.write() as s:
        plan_id = find_plan(session=s, slug=plan).id
        assert plan_id is not None  # a stored plan
        if name is None:
            try:
                workshop = workshop_sessions.find_session(session=s, plan_id=plan_id)
                name = workshop.name
            except LookupError:  # a first workshop is named in the plan's language
                plan_lang = s.get_one(t.Plan, plan_id).default_language
                name = Lang(lang or lang_or_default(plan_lang))._("Workshop")
        workshop, _ = workshop_sessions.open_session(
            session=s,
            plan_id=plan_id,
            name=name,
            held_on=held_on or today(),
            agenda=agenda or default_agenda(),
            lang=lang,
        )
        lang = workshop_sessions.session_lang(session=s, workshop=workshop)
    assert workshop.id is not None  # a stored session
    return FacilitatorApp(store, workshop.id, lang=lang, join_url=join_url, **kwargs)
