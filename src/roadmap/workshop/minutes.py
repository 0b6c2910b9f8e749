"""The minutes of a workshop session as Markdown, in Finnish, Swedish or English.

The record is read by :func:`roadmap.store.workshop_results.minutes_record`; this module only
words it, through the message catalogs shared with the workshop's apps.
Results name no participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roadmap.i18n.lang import Lang
from roadmap.io.mdsafe import inline
from roadmap.workshop.tally import ItemResult
from roadmap.workshop.words import RULES, captured_kind, step_name, translated


@dataclass(frozen=True, slots=True)
class RoundRecord:
    number: int
    method: str
    budget: int
    per_item: int
    items: int
    voted: int
    applied: bool
    results: list[ItemResult] | None
    """None when the results were never revealed."""


@dataclass(frozen=True, slots=True)
class Minutes:
    plan: str
    plan_i18n: dict
    name: str
    held_on: date
    agenda: list[tuple[str, int]]
    participants: int
    notes: list[tuple[str, str, str, str | None]]
    """``(step, kind, text, item key)`` in the order captured."""
    rounds: list[RoundRecord]
    titles: dict[str, tuple[str, dict]]
    """Item key -> (title, translations)."""
    lang: str
    """The workshop's own language: what the minutes are written in unless asked otherwise."""


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")


def render_minutes(record: Minutes, lang: str) -> str:
    """The minutes in ``lang`` (``fi``, ``sv`` or ``en``)."""
    w = Lang(lang)
    _ = w._
    none = _("None.")

    def title(key: str) -> str:
        text, i18n = record.titles.get(key, (key, {}))
        return inline(translated(text, i18n, lang, "title"))

    plan = translated(record.plan, record.plan_i18n, lang, "name")
    heading, plan_label, date_label = _("Workshop minutes"), _("Plan"), _("Date")
    participants, agenda, minutes_unit = _("Participants"), _("Agenda"), _("min")
    out = [
        f"# {heading}: {inline(record.name)}",
        "",
        f"- {plan_label}: {inline(plan)}",
        f"- {date_label}: {record.held_on.isoformat()}",
        f"- {participants}: {record.participants}",
        "",
        f"## {agenda}",
        "",
    ]
    for n, (step, minutes) in enumerate(record.agenda, start=1):
        out.append(f"{n}. {step_name(w, step)} ({minutes} {minutes_unit})")
    out += ["", "## " + _("Captured during the session"), ""]
    captured = [note for note in record.notes if note[1] != "decision"]
    for step, kind, text, key in captured:
        what = f"{key} {title(key)}" if key else inline(text)
        out.append(f"- {captured_kind(w, kind)} ({step_name(w, step)}): {what}")
    if not captured:
        out.append(none)
    out += ["", "## " + _("Voting rounds"), ""]
    round_label, voted, contested = _("Round"), _("voted"), _("people disagree")
    columns = (_("#"), _("Development item"), _("Total"), _("Spread"))
    for rnd in record.rounds:
        rules = _(RULES[rnd.method], budget=rnd.budget, per_item=rnd.per_item)
        items = _("items: {n}", n=rnd.items)
        out += [
            f"### {round_label} {rnd.number}",
            "",
            f"{rules}; {items}; {rnd.voted} {voted}.",
            "",
        ]
        if rnd.results is None:
            out += [_("Results were not revealed."), ""]
            continue
        out += ["| " + " | ".join(columns) + " |", "|---:|---|---:|---:|"]
        for r in rnd.results:
            flag = f" ({contested})" if r.contested else ""
            out.append(
                f"| {r.rank} | {r.key} {title(r.key)}{flag} | {_number(r.total, lang)} "
                f"| {_number(r.spread, lang)} |"
            )
        out.append("")
        if rnd.applied:
            out += [_("The results were written into the plan's workshop criterion."), ""]
    if not record.rounds:
        out += [none, ""]
    out += ["## " + _("Decisions"), ""]
    decisions = [inline(text) for _step, kind, text, _key in record.notes if kind == "decision"]
    out += [f"- {text}" for text in decisions] or [none]
    return "\n".join(out) + "\n"
