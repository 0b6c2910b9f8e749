"""The minutes of a workshop session as Markdown, in Finnish, Swedish or English.

The record is read by :func:`roadmap.store.workshop_results.minutes_record`; this module only
words it, through the message catalogs shared with the workshop's apps.
Results name no participant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from roadmap.i18n.lang import Lang
from roadmap.io.mdsafe import inline
from roadmap.model.periods import Calendar
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
    criteria: list[tuple[str, Mapping]] = field(default_factory=list)
    """Names (and translations) of the criteria scored (scoring rounds)."""
    written_to: str | None = None
    """The criterion the results went into."""
    moves: list[tuple[str, str, str]] = field(default_factory=list)
    """``(item, from period, to period)`` for each item the results moved."""


@dataclass(frozen=True, slots=True)
class Minutes:
    plan: str
    plan_i18n: dict
    name: str
    held_on: date
    agenda: list[tuple[str, int]]
    participants: int
    names: list[str] | None
    """Who took part, when the plan's ``personal_names`` setting allows naming people."""
    notes: list[tuple[str, str, str, str | None]]
    """``(step, kind, text, item key)`` in the order captured."""
    rounds: list[RoundRecord]
    titles: dict[str, tuple[str, Mapping]]
    """Item key -> (title, translations)."""
    lang: str
    """The workshop's own language: what the minutes are written in unless asked otherwise."""
    calendar: Calendar | None = None
    """The plan's periods, which name the periods of :attr:`RoundRecord.moves` in words."""


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

    def period(label: str) -> str:
        """A period kept as typed back (``2027-Q3``), as the language words it (``Q3/2027``)."""
        if record.calendar is None:
            return label
        try:
            return w.period(record.calendar, record.calendar.parse(label))
        except ValueError:  # the plan's periods changed length since: the label as kept
            return label

    plan = translated(record.plan, record.plan_i18n, lang, "name")
    heading, plan_label, date_label = _("Workshop minutes"), _("Plan"), _("Date")
    participants, agenda, minutes_unit = _("Participants"), _("Agenda"), _("min")
    out = [
        f"# {heading}: {inline(record.name)}",
        "",
        f"- {plan_label}: {inline(plan)}",
        f"- {date_label}: {w.date(record.held_on)}",
        f"- {participants}: {record.participants}"
        + (f" ({', '.join(inline(n) for n in record.names)})" if record.names else ""),
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
        if rnd.criteria:
            names = ", ".join(inline(translated(c, i18n, lang, "name")) for c, i18n in rnd.criteria)
            out += [_("Criteria scored: {names}.", names=names), ""]
        if rnd.results is None:
            out += [_("Results were not revealed."), ""]
            continue
        out += ["| " + " | ".join(columns) + " |", "|---:|---|---:|---:|"]
        for r in rnd.results:
            flag = f" ({contested})" if r.contested else ""
            rank, total = (r.rank, _number(r.total, lang)) if r.rank else ("–", "–")
            out.append(
                f"| {rank} | {r.key} {title(r.key)}{flag} | {total} | {_number(r.spread, lang)} |"
            )
        out.append("")
        if rnd.applied:
            out += [_("The results were written into the plan's workshop criterion."), ""]
            if rnd.written_to:
                out += [_("Criterion: {key}.", key=inline(rnd.written_to)), ""]
            for key, before, after in rnd.moves:
                out.append(
                    "- "
                    + _(
                        "{item} moved from {before} to {after}",
                        item=f"{key} {title(key)}",
                        before=period(before),
                        after=period(after),
                    )
                )
            if rnd.moves:
                out.append("")
    if not record.rounds:
        out += [none, ""]
    out += ["## " + _("Decisions"), ""]
    decisions = [inline(text) for _step, kind, text, _key in record.notes if kind == "decision"]
    out += [f"- {text}" for text in decisions] or [none]
    return "\n".join(out) + "\n"


def render_minutes_html(record: Minutes, lang: str) -> str:
    """The minutes as a standalone HTML page: the Markdown of :func:`render_minutes` (whose
    user text is escaped for Markdown) rendered with raw HTML off, so nothing typed in the room
    becomes markup."""
    from html import escape

    from markdown_it import MarkdownIt

    from roadmap.io.mdsafe import safe_url

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = safe_url  # type: ignore[method-assign]  # markdown-it's documented hook
    body = md.render(render_minutes(record, lang))
    title = escape(f"{Lang(lang)._('Workshop minutes')}: {record.name}")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
